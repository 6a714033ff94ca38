#!/usr/bin/env python3
"""Independent reading of a CalDAV calendar collection with Python's `caldav` library.

Usage: target/checkers/venv/bin/python tests/checkers/caldav_read.py URL USER PASSWORD

Lists the events of the collection at URL and prints one JSON object on stdout:

  {"events": [{"uid", "summary", "sequence" (int or null), "status" (or null),
               "start_utc" ("2027-10-31T09:00:00Z"; "2027-10-31" for a date),
               "href" (path of the object on the server, e.g. "/user/ateliers/UID.ics")}]}

sorted by uid. Exit 1 with the error on stderr if anything fails (server unreachable,
refused password, not a calendar).
"""

import json
import os
import sys
from urllib.parse import unquote

from common import arguments, fail, iso_utc

# A local server must never be reached through a proxy set in the environment.
for name in ("NO_PROXY", "no_proxy"):
    os.environ[name] = ",".join(filter(None, [os.environ.get(name), "127.0.0.1", "localhost"]))


def main():
    url, user, password = arguments(3, "caldav_read.py URL UTILISATEUR MOT-DE-PASSE")

    try:
        import caldav

        # Basic authentication sent with the first request: without auth_type the library
        # first asks without credentials, and Radicale delays every 401 by about a second.
        client = caldav.DAVClient(url=url, username=user, password=password, auth_type="basic")
        calendar = client.calendar(url=url)
        from caldav.elements import dav

        kinds = calendar.get_properties([dav.ResourceType()]).get("{DAV:}resourcetype") or []
        if "{urn:ietf:params:xml:ns:caldav}calendar" not in kinds:
            fail(f"{url} n'est pas une collection d'agenda CalDAV (resourcetype : {kinds})")
        objects = calendar.events()
        events = []
        for obj in objects:
            ev = obj.icalendar_component
            events.append(
                {
                    "uid": str(ev["UID"]) if "UID" in ev else None,
                    "summary": str(ev["SUMMARY"]) if "SUMMARY" in ev else None,
                    "sequence": int(ev.decoded("SEQUENCE")) if "SEQUENCE" in ev else None,
                    "status": str(ev["STATUS"]) if "STATUS" in ev else None,
                    "start_utc": iso_utc(ev.decoded("DTSTART")) if "DTSTART" in ev else None,
                    "href": unquote(obj.url.path),
                }
            )
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001 - the error itself is the answer
        fail(f"{type(e).__name__}: {e}")

    events.sort(key=lambda e: e["uid"] or "")
    sys.stdout.buffer.write(json.dumps({"events": events}, ensure_ascii=False).encode("utf-8") + b"\n")


if __name__ == "__main__":
    main()

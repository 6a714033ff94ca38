#!/usr/bin/env python3
"""Independent check of an iCalendar file with Python's `icalendar` and `vobject`.

Usage: target/checkers/venv/bin/python tests/checkers/ics_python.py FILE

Both libraries parse FILE (vobject with validate=True, each VCALENDAR). Exit 1 with a
message on stderr if either refuses it, if `icalendar` recorded a parse error, or if the
two disagree on a value reported below. On success, prints one JSON object on stdout:

  {"method": "REQUEST" | null,
   "events": [{"uid", "sequence" (int or null), "status" (or null),
               "summary", "location", "description" (decoded text, or null),
               "start_utc", "end_utc" ("2027-10-31T09:00:00Z"; "2027-10-31" for a DATE;
                                       null when absent),
               "tzid" (TZID parameter of DTSTART, or null),
               "organizer" (the value, "mailto:x@y"), "organizer_cn",
               "attendees": [{"email" (without mailto:), "cn", "role", "partstat",
                              "rsvp" (the parameter as written, e.g. "TRUE")}]}],
   "timezones": ["Europe/Paris"]}

vobject resolves a TZID through the file's own VTIMEZONE, `icalendar` resolves a known TZID
(Europe/Paris) through the system's zoneinfo: the two must give the same UTC instants, so a
disagreement reveals a wrong VTIMEZONE block. The JSON printed is icalendar's reading.
"""

import json
import sys

from common import fail, file_argument, iso_utc


def strip_mailto(value):
    value = str(value)
    return value[7:] if value.lower().startswith("mailto:") else value


def param(prop, name):
    params = getattr(prop, "params", None)
    if not params:
        return None
    value = params.get(name)
    if value is None:
        return None
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    return str(value)


# ---------------------------------------------------------------------------- icalendar


def with_icalendar(data):
    import icalendar

    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except Exception as e:  # noqa: BLE001 - any refusal is the answer
        fail(f"icalendar refuse le fichier : {type(e).__name__}: {e}")
    if not calendars:
        fail("icalendar ne trouve aucun VCALENDAR")

    method = None
    events = []
    timezones = []
    for cal in calendars:
        if cal.name != "VCALENDAR":
            fail(f"icalendar : composant racine {cal.name}, VCALENDAR attendu")
        for comp in cal.walk():
            if comp.errors:
                fail(f"icalendar : erreurs dans {comp.name} : {comp.errors}")
        if method is None and "METHOD" in cal:
            method = str(cal["METHOD"])
        for tz in cal.walk("VTIMEZONE"):
            timezones.append(str(tz["TZID"]))
        for ev in cal.walk("VEVENT"):
            events.append(icalendar_event(ev))
    return {"method": method, "events": events, "timezones": timezones}


def icalendar_event(ev):
    def text(name):
        return str(ev[name]) if name in ev else None

    def when(name):
        return iso_utc(ev.decoded(name)) if name in ev else None

    organizer = ev.get("ORGANIZER")
    attendees = ev.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    return {
        "uid": text("UID"),
        "sequence": int(ev.decoded("SEQUENCE")) if "SEQUENCE" in ev else None,
        "status": text("STATUS"),
        "summary": text("SUMMARY"),
        "location": text("LOCATION"),
        "description": text("DESCRIPTION"),
        "start_utc": when("DTSTART"),
        "end_utc": when("DTEND"),
        "tzid": param(ev["DTSTART"], "TZID") if "DTSTART" in ev else None,
        "organizer": str(organizer) if organizer is not None else None,
        "organizer_cn": param(organizer, "CN") if organizer is not None else None,
        "attendees": [
            {
                "email": strip_mailto(a),
                "cn": param(a, "CN"),
                "role": param(a, "ROLE"),
                "partstat": param(a, "PARTSTAT"),
                "rsvp": param(a, "RSVP"),
            }
            for a in attendees
        ],
    }


# ---------------------------------------------------------------------------- vobject


def with_vobject(text):
    import vobject

    method = None
    events = []
    timezones = []
    count = 0
    try:
        for cal in vobject.readComponents(text, validate=True):
            count += 1
            if cal.name != "VCALENDAR":
                fail(f"vobject : composant racine {cal.name}, VCALENDAR attendu")
            if method is None and "method" in cal.contents:
                method = cal.method.value
            for child in cal.getChildren():
                if child.name == "VTIMEZONE":
                    timezones.append(child.tzid.value)
                elif child.name == "VEVENT":
                    events.append(vobject_event(child))
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001
        fail(f"vobject refuse le fichier : {type(e).__name__}: {e}")
    if count == 0:
        fail("vobject ne trouve aucun VCALENDAR")
    return {"method": method, "events": events, "timezones": timezones}


def vobject_event(ev):
    def first(name):
        lst = ev.contents.get(name.lower())
        return lst[0] if lst else None

    def text(name):
        line = first(name)
        return None if line is None else str(line.value)

    def when(name):
        line = first(name)
        return None if line is None else iso_utc(line.value)

    def vparam(line, name):
        values = line.params.get(name.upper())
        return None if not values else ",".join(values)

    seq = first("SEQUENCE")
    organizer = first("ORGANIZER")
    attendees = ev.contents.get("attendee", [])
    return {
        "uid": text("UID"),
        "sequence": int(seq.value) if seq is not None else None,
        "status": text("STATUS"),
        "summary": text("SUMMARY"),
        "location": text("LOCATION"),
        "description": text("DESCRIPTION"),
        "start_utc": when("DTSTART"),
        "end_utc": when("DTEND"),
        "tzid": None,  # not compared: vobject drops TZID once the value is native
        "organizer": organizer.value if organizer is not None else None,
        "organizer_cn": vparam(organizer, "CN") if organizer is not None else None,
        "attendees": [
            {
                "email": strip_mailto(a.value),
                "cn": vparam(a, "CN"),
                "role": vparam(a, "ROLE"),
                "partstat": vparam(a, "PARTSTAT"),
                "rsvp": vparam(a, "RSVP"),
            }
            for a in attendees
        ],
    }


# ---------------------------------------------------------------------------- main


def compare(a, b, path="document"):
    """First difference between the icalendar and vobject readings, or None."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a:
            if key == "tzid":
                continue  # vobject does not keep it reliably; taken from icalendar
            diff = compare(a[key], b.get(key), f"{path}.{key}")
            if diff:
                return diff
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path} : {len(a)} éléments (icalendar) contre {len(b)} (vobject)"
        for i, (x, y) in enumerate(zip(a, b)):
            diff = compare(x, y, f"{path}[{i}]")
            if diff:
                return diff
        return None
    if a != b:
        return f"{path} : {a!r} (icalendar) contre {b!r} (vobject)"
    return None


def main():
    data = file_argument("ics_python.py FICHIER")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"le fichier n'est pas de l'UTF-8 valide : {e}")

    by_icalendar = with_icalendar(data)
    by_vobject = with_vobject(text)
    diff = compare(by_icalendar, by_vobject)
    if diff:
        fail(f"icalendar et vobject ne lisent pas la même chose : {diff}")
    sys.stdout.buffer.write(json.dumps(by_icalendar, ensure_ascii=False).encode("utf-8") + b"\n")


if __name__ == "__main__":
    main()

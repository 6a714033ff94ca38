#!/usr/bin/env python3
"""The dates of every event of a calendar between two instants, repeating events expanded
by `recurring-ical-events` (over Python's `icalendar`): RRULE, EXDATE, RDATE, and the
occurrences the file moves or cancels with RECURRENCE-ID.

Usage: ics_occurrences.py FILE FROM TO   (FROM and TO: UTC instants, 2025-11-25T00:00:00Z)

Prints JSON: {"occurrences": [{"uid", "summary", "start_utc", "end_utc"}, …]} sorted by
start then UID; whole-day events are given as instants at midnight in Europe/Paris, as the
application takes them."""

import datetime as dt
import json
import zoneinfo

import icalendar
import recurring_ical_events

from common import arguments, fail, iso_utc

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def instant(value):
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time(0, 0), PARIS)


def main():
    path, start, end = arguments(3, "ics_occurrences.py FICHIER DEBUT FIN")
    try:
        with open(path, "rb") as f:
            calendar = icalendar.Calendar.from_ical(f.read())
        start = dt.datetime.fromisoformat(start.replace("Z", "+00:00"))
        end = dt.datetime.fromisoformat(end.replace("Z", "+00:00"))
    except (OSError, ValueError) as e:
        fail(f"lecture impossible : {e}")
    occurrences = []
    for event in recurring_ical_events.of(calendar).between(start, end):
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        begin = instant(event.decoded("DTSTART"))
        finish = instant(event.decoded("DTEND")) if "DTEND" in event else begin
        occurrences.append({
            "uid": str(event.get("UID")),
            "summary": str(event.get("SUMMARY", "")),
            "start_utc": iso_utc(begin),
            "end_utc": iso_utc(finish),
        })
    occurrences.sort(key=lambda o: (o["start_utc"], o["uid"]))
    print(json.dumps({"occurrences": occurrences}, ensure_ascii=False))


if __name__ == "__main__":
    main()

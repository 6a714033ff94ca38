#!/usr/bin/env python3
"""Reference for the iCalendar benchmark: the all-ateliers calendar written by Python's
`icalendar`, to set beside the same calendar written by Ateliers (BENCHMARKS.md).

Usage: target/checkers/venv/bin/python scripts/bench-ics.py N OUT.ics
(scripts/checkers.sh installs the venv.)

Writes a METHOD:PUBLISH calendar of N meetings shaped like ours: per event UID, DTSTAMP,
SEQUENCE, DTSTART;TZID=Europe/Paris, DTEND, SUMMARY, LOCATION, a DESCRIPTION of about 300
characters with accents, ORGANIZER with CN, STATUS:CONFIRMED; one VTIMEZONE for
Europe/Paris added by icalendar itself (add_missing_timezones). The data are generated
deterministically before the clock starts; the time covers building the calendar, to_ical()
and writing the file. Prints one line: `python-icalendar: N events, X ms`.
"""

import datetime as dt
import random
import sys
import time
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress

PARIS = ZoneInfo("Europe/Paris")

ATELIERS = [
    ("MOB", "Mobilité et déplacements"),
    ("HAB", "Habitat et rénovation énergétique"),
    ("ENF", "Enfance, jeunesse et écoles"),
    ("CUL", "Culture, patrimoine et fêtes"),
    ("ECO", "Économie locale et commerces"),
    ("ENV", "Environnement, eau et forêts"),
    ("SOL", "Solidarités et aînés"),
    ("SPO", "Sports et équipements"),
]
PLACES = [
    "Salle du conseil, mairie de Saint-Étienne-de-Crossey",
    "Maison des associations, 12 rue de l'Église",
    "Médiathèque intercommunale, salle « Les Tilleuls »",
    "Visioconférence ; lien dans la description",
    "Salle polyvalente, place du 8-Mai-1945",
]
AGENDA = [
    "Approbation du compte rendu de la séance précédente",
    "Point d'étape sur les actions engagées, calendrier prévisionnel",
    "Budget participatif : arbitrages, priorités et échéances",
    "Questions diverses ; préparation de la réunion plénière",
    "Présentation du diagnostic réalisé par le bureau d'études",
    "Retour des habitants après la réunion publique de février",
]


def generate(n):
    """Deterministic meetings: (uid, sequence, start, end, summary, location, description)."""
    rng = random.Random(12)
    base = dt.datetime(2026, 1, 5, 9, 0)
    meetings = []
    for i in range(n):
        code, title = ATELIERS[i % len(ATELIERS)]
        day = base + dt.timedelta(days=(i * 7) // len(ATELIERS) % 1800)
        start = day.replace(hour=rng.choice([9, 10, 14, 17, 18]), minute=rng.choice([0, 30]))
        end = start + dt.timedelta(minutes=rng.choice([60, 90, 120]))
        items = rng.sample(AGENDA, 3)
        description = (
            f"Ordre du jour de l'atelier « {title} » :\n"
            + "\n".join(f"{k}. {item}" for k, item in enumerate(items, 1))
            + "\nLien de visioconférence : https://visio.example.fr/atelier-"
            + code.lower()
        )
        description = (description + " — séance préparée par le secrétariat.")[:300]
        meetings.append(
            (
                f"{i:08d}-{code.lower()}@ateliers.example",
                rng.randint(0, 4),
                start.replace(tzinfo=PARIS),
                end.replace(tzinfo=PARIS),
                f"Atelier {code} — {title} (séance n°{i // len(ATELIERS) + 1})",
                rng.choice(PLACES),
                description,
            )
        )
    return meetings


def build(meetings, stamp):
    cal = Calendar()
    cal.add("prodid", "-//Ateliers//bench python-icalendar//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    for uid, seq, start, end, summary, location, description in meetings:
        ev = Event()
        ev.add("uid", uid)
        ev.add("dtstamp", stamp)
        ev.add("sequence", seq)
        ev.add("dtstart", start)
        ev.add("dtend", end)
        ev.add("summary", summary)
        ev.add("location", location)
        ev.add("description", description)
        organizer = vCalAddress("mailto:secretariat@mairie.example.fr")
        organizer.params["cn"] = "Secrétariat des ateliers, Mairie"
        ev.add("organizer", organizer)
        ev.add("status", "CONFIRMED")
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal


def main():
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        print("usage : bench-ics.py N SORTIE.ics", file=sys.stderr)
        sys.exit(2)
    n, out = int(sys.argv[1]), sys.argv[2]
    meetings = generate(n)
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)

    t0 = time.perf_counter()
    cal = build(meetings, stamp)
    data = cal.to_ical()
    with open(out, "wb") as f:
        f.write(data)
    elapsed = time.perf_counter() - t0

    print(f"python-icalendar: {n} events, {elapsed * 1000:.0f} ms")


if __name__ == "__main__":
    main()

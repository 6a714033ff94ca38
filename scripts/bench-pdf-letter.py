#!/usr/bin/env python3
"""Data for scripts/bench-pdf.sh (Python 3, standard library only).

  bench-pdf-letter.py members N FILE.csv
      a members sheet of N fictitious people (UTF-8, « ; », the columns of the template)
  bench-pdf-letter.py agenda BASE MEETING_ID
      gives the meeting the ordre du jour the letters carry (6 items)
  bench-pdf-letter.py letters N DIR --date AAAA-MM-JJ --start HH:MM --end HH:MM
                      --place TEXTE --atelier TITRE [--session N]
      N one-page convocation letters, one flat ODT (.fodt) per person of the sheet above:
      what a secretary would otherwise convert with LibreOffice, one by one
"""

import argparse
import csv
import datetime
import sqlite3
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ORG_NAME = "Mulhouse Alsace Agglomération"
ORG_ADDRESS = ["2 rue Pierre et Marie Curie", "BP 90019", "68948 Mulhouse Cedex 9"]
SIGNATORY = ("Le Vice-président délégué aux ateliers-projets", "Jean-Frédéric Kœnig")

FIRST_NAMES = [
    ("Mme", "Élodie"), ("M.", "François"), ("Mme", "Hélène"), ("M.", "Jérôme"),
    ("Mme", "Françoise"), ("M.", "Benoît"), ("Mme", "Maëlle"), ("M.", "Noël"),
    ("Mme", "Chloé"), ("M.", "Joël"), ("Mme", "Anaïs"), ("M.", "Loïc"),
    ("Mme", "Gaëlle"), ("M.", "Cédric"), ("Mme", "Bérénice"), ("M.", "Aurélien"),
    ("Mme", "Léa"), ("M.", "Stéphane"), ("Mme", "Zoé"), ("M.", "Raphaël"),
]
LAST_NAMES = [
    "Lefèvre", "Müller", "Schœlcher", "Dupré", "Würtz", "Gaspard-Hénault", "Bœuf",
    "Château", "Égée", "Ospital", "Naïm", "Frédéric-Çelik", "Kœnig", "Rhôn", "Ïlmen",
    "d’Aurèle", "Thévenot", "Brûlé", "Hüsser", "Lemaître",
]
COMMUNES = [
    "Mulhouse", "Brunstatt-Didenheim", "Chalampé", "Illzach", "Kingersheim",
    "Riedisheim", "Rixheim", "Wittenheim", "Pfastatt", "Habsheim",
]
# (Collège, Catégorie, Fonction, Organisation)
PROFILES = [
    ("Collège des élus", "Élu municipal", "Maire adjoint", ""),
    ("Collège des élus", "Élu communautaire", "Conseiller communautaire", ORG_NAME),
    ("Collège des experts", "Collaborateur d'une commune", "Direction générale des services", ""),
    ("Collège des experts", "Partenaire", "Chargé(e) de mission", "Région Grand Est"),
    ("Collège de la société civile et des organisations", "Conseil de développement",
     "Membre", "Conseil de développement de l'agglomération mulhousienne"),
]
AGENDA = [
    ("Accueil et validation du relevé de décisions de la séance précédente", "validation_releve"),
    ("Diagnostic des mobilités du quotidien : restitution de l’enquête auprès des habitants", "information"),
    ("Scénarios d’aménagement des pôles d’échanges : présentation et débat", "debat"),
    ("Choix du scénario à approfondir et du calendrier de concertation", "decision"),
    ("Charte d’engagement des membres : point sur les signatures", "information"),
    ("Questions diverses et date de la prochaine séance", "information"),
]

DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]
NNBSP = "\u202f"  # before « : ; ! ? » and inside « … »
NBSP = "\u00a0"


def people(n):
    """N fictitious people, the same for the sheet and the letters."""
    out = []
    for i in range(n):
        civility, first = FIRST_NAMES[i % len(FIRST_NAMES)]
        last = LAST_NAMES[(i // len(FIRST_NAMES) + i) % len(LAST_NAMES)]
        if i >= len(FIRST_NAMES) * len(LAST_NAMES):
            last = f"{last}-{i}"
        college, category, function, organisation = PROFILES[i % len(PROFILES)]
        commune = COMMUNES[i % len(COMMUNES)]
        email = f"bench.{i + 1:04d}@exemple.org"
        out.append(dict(civility=civility, first=first, last=last, function=function,
                        commune=commune, organisation=organisation, email=email,
                        college=college, category=category))
    return out


def write_members(n, path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(["Civilité", "Prénom", "Nom", "Fonction", "Commune", "Organisation",
                    "Courriel", "Téléphone", "Collège", "Catégorie", "Rôle"])
        for p in people(n):
            w.writerow([p["civility"], p["first"], p["last"], p["function"], p["commune"],
                        p["organisation"], p["email"], "", p["college"], p["category"], "Membre"])


def write_agenda(db, meeting_id):
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM agenda_items WHERE meeting_id = ?", (meeting_id,))
        for i, (title, kind) in enumerate(AGENDA, start=1):
            conn.execute("INSERT INTO agenda_items (meeting_id, position, title, kind) VALUES (?, ?, ?, ?)",
                         (meeting_id, i, title, kind))
    conn.close()


def long_date(d):
    day = "1er" if d.day == 1 else str(d.day)
    return f"{DAYS[d.weekday()]} {day} {MONTHS[d.month - 1]} {d.year}"


def hour(hhmm):
    h, m = hhmm.split(":")
    return f"{int(h)}{NBSP}h{NBSP}{m}"


def quoted(text):
    return f"«{NNBSP}{text}{NNBSP}»"


STYLES = """
  <office:font-face-decls>
    <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'"
      style:font-family-generic="swiss" style:font-pitch="variable"/>
  </office:font-face-decls>
  <office:styles>
    <style:default-style style:family="paragraph">
      <style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
      <style:text-properties style:font-name="Liberation Sans" fo:font-size="10.5pt"
        fo:language="fr" fo:country="FR"/>
    </style:default-style>
    <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  </office:styles>
  <office:automatic-styles>
    <style:page-layout style:name="pm1">
      <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
        style:print-orientation="portrait" fo:margin-top="1.8cm" fo:margin-bottom="1.8cm"
        fo:margin-left="2.2cm" fo:margin-right="2cm"/>
    </style:page-layout>
    <style:style style:name="Org" style:family="paragraph" style:parent-style-name="Standard">
      <style:text-properties fo:font-size="15pt" fo:font-weight="bold" fo:color="#1f3b63"/>
    </style:style>
    <style:style style:name="Small" style:family="paragraph" style:parent-style-name="Standard">
      <style:text-properties fo:font-size="8.5pt" fo:color="#444444"/>
    </style:style>
    <style:style style:name="SmallLast" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:margin-bottom="1.2cm"/>
      <style:text-properties fo:font-size="8.5pt" fo:color="#444444"/>
    </style:style>
    <style:style style:name="Addr" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:margin-left="9.5cm"/>
    </style:style>
    <style:style style:name="AddrLast" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:margin-left="9.5cm" fo:margin-bottom="1cm"/>
    </style:style>
    <style:style style:name="Right" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:text-align="end" fo:margin-bottom="0.8cm"/>
    </style:style>
    <style:style style:name="Object" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:margin-bottom="0.6cm"/>
      <style:text-properties fo:font-weight="bold"/>
    </style:style>
    <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.3cm"/>
    </style:style>
    <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.15cm"
        fo:keep-with-next="always"/>
      <style:text-properties fo:font-weight="bold"/>
    </style:style>
    <style:style style:name="Item" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:margin-left="1cm" fo:text-indent="-0.5cm"
        fo:margin-bottom="0.1cm"/>
    </style:style>
    <style:style style:name="BodyAfter" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:text-align="justify" fo:margin-top="0.3cm" fo:margin-bottom="0.3cm"/>
    </style:style>
    <style:style style:name="Sign" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:margin-left="9.5cm" fo:margin-top="0.6cm"/>
    </style:style>
    <style:style style:name="SignName" style:family="paragraph" style:parent-style-name="Standard">
      <style:paragraph-properties fo:margin-left="9.5cm" fo:margin-top="1.4cm"/>
      <style:text-properties fo:font-weight="bold"/>
    </style:style>
    <style:style style:name="B" style:family="text">
      <style:text-properties fo:font-weight="bold"/>
    </style:style>
  </office:automatic-styles>
  <office:master-styles>
    <style:master-page style:name="Standard" style:page-layout-name="pm1"/>
  </office:master-styles>
"""


def letter(p, meeting, today):
    """The flat ODT of one person's convocation."""
    day = datetime.date.fromisoformat(meeting.date)
    salutation = "Madame" if p["civility"] == "Mme" else "Monsieur"
    name = f"{salutation} {p['first']} {p['last']}"
    atelier = quoted(meeting.atelier)
    when = f"le {long_date(day)} de {hour(meeting.start)} à {hour(meeting.end)}"

    def para(style, text, raw=False):
        return f'<text:p text:style-name="{style}">{text if raw else escape(text)}</text:p>'

    parts = [para("Org", ORG_NAME)]
    parts += [para("Small", line) for line in ORG_ADDRESS[:-1]]
    parts.append(para("SmallLast", f"{ORG_ADDRESS[-1]} — Mission ateliers-projets"))
    address = [name] + [x for x in (p["function"], p["organisation"]) if x] + [f"68000 {p['commune']}"]
    parts += [para("Addr", line) for line in address[:-1]] + [para("AddrLast", address[-1])]
    parts.append(para("Right", f"Mulhouse, le {long_date(today).split(' ', 1)[1]}"))
    parts.append(para("Object", f"Objet{NNBSP}: Convocation à la séance n°{NBSP}{meeting.session} "
                                f"de l’atelier-projet {atelier}"))
    parts.append(para("Body", f"{salutation},"))
    parts.append(para(
        "Body",
        f"J’ai l’honneur de vous convier à la séance n°{NBSP}{meeting.session} de l’atelier-projet "
        f"{escape(atelier)}, dont vous êtes membre au titre du {escape(p['college'].lower())}, qui se "
        f'tiendra <text:span text:style-name="B">{escape(when)}</text:span>, '
        f'<text:span text:style-name="B">{escape(meeting.place)}</text:span>.',
        raw=True))
    parts.append(para("Heading", f"Ordre du jour{NNBSP}:"))
    parts += [para("Item", f"{i}.\u2002{title}") for i, (title, _) in enumerate(AGENDA, start=1)]
    parts.append(para(
        "BodyAfter",
        "Les documents préparatoires vous seront adressés par courriel au plus tard cinq jours "
        "avant la séance. En cas d’empêchement, je vous remercie de bien vouloir en informer "
        "le secrétariat de la mission ateliers-projets (ateliers-projets@agglo.example.org) et, "
        "le cas échéant, d’indiquer le membre de votre collège qui vous représentera."))
    parts.append(para(
        "Body",
        f"Je vous prie d’agréer, {salutation}, l’expression de mes salutations distinguées."))
    parts.append(para("Sign", "Pour le Président et par délégation,"))
    parts.append(para("Sign", SIGNATORY[0]))
    parts.append(para("SignName", SIGNATORY[1]))

    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
  <office:meta>
    <dc:title>{escape(f"Convocation — séance n° {meeting.session} — {name}")}</dc:title>
    <meta:initial-creator>{escape(ORG_NAME)}</meta:initial-creator>
  </office:meta>
{STYLES}
  <office:body>
    <office:text>
      {chr(10).join('      ' + x for x in parts).lstrip()}
    </office:text>
  </office:body>
</office:document>
"""


def write_letters(args):
    out = Path(args.dir)
    out.mkdir(parents=True, exist_ok=True)
    today = datetime.date.today()
    for i, p in enumerate(people(args.n), start=1):
        (out / f"convocation-{i:04d}.fodt").write_text(letter(p, args, today), encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("members")
    m.add_argument("n", type=int)
    m.add_argument("file")
    a = sub.add_parser("agenda")
    a.add_argument("db")
    a.add_argument("meeting", type=int)
    l = sub.add_parser("letters")
    l.add_argument("n", type=int)
    l.add_argument("dir")
    l.add_argument("--date", required=True)
    l.add_argument("--start", required=True)
    l.add_argument("--end", required=True)
    l.add_argument("--place", required=True)
    l.add_argument("--atelier", required=True)
    l.add_argument("--session", default="1")
    args = parser.parse_args()
    if args.command == "members":
        write_members(args.n, args.file)
    elif args.command == "agenda":
        write_agenda(args.db, args.meeting)
    else:
        write_letters(args)


if __name__ == "__main__":
    sys.exit(main())

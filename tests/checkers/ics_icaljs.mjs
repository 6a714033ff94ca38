// Independent check of an iCalendar file with ical.js (Thunderbird's parser).
//
// Usage: node tests/checkers/ics_icaljs.mjs FILE
//
// Prints the same JSON object as ics_python.py (see there). Every VTIMEZONE of the file is
// registered with ical.js's TimezoneService and each TZID is resolved through the file's own
// VTIMEZONE, so the UTC instants check our VTIMEZONE block. Exit 1 with a message on stderr
// if ical.js refuses the file, if the file is not valid UTF-8, or if a TZID has no VTIMEZONE
// in the file.

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const icalPath = resolve(here, "../../target/checkers/node/node_modules/ical.js/dist/ical.js");

function fail(message) {
  process.stderr.write(`ics_icaljs: ${message}\n`);
  process.exit(1);
}

let ICAL;
try {
  ICAL = (await import(pathToFileURL(icalPath).href)).default;
} catch (e) {
  fail(`ical.js introuvable (${icalPath}) : lancez scripts/checkers.sh (${e.message})`);
}

if (process.argv.length !== 3) {
  process.stderr.write("usage : node ics_icaljs.mjs FICHIER\n");
  process.exit(2);
}

let text;
try {
  const bytes = readFileSync(process.argv[2]);
  text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
} catch (e) {
  fail(e instanceof TypeError ? `le fichier n'est pas de l'UTF-8 valide : ${e.message}` : `lecture impossible : ${e.message}`);
}

let parsed;
try {
  parsed = ICAL.parse(text);
} catch (e) {
  fail(`ical.js refuse le fichier : ${e.message}`);
}
// ICAL.parse returns one jCal component, or an array of them when there are several.
const roots = (parsed.length > 0 && Array.isArray(parsed[0]) ? parsed : [parsed]).map(
  (jcal) => new ICAL.Component(jcal),
);

const pad = (n, w = 2) => String(n).padStart(w, "0");

function isoUtc(prop, what) {
  if (!prop) return null;
  const t = prop.getFirstValue();
  if (!(t instanceof ICAL.Time)) fail(`${what} : valeur de date inattendue`);
  if (t.isDate) return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
  const tzid = prop.getParameter("tzid");
  if (tzid && !(t.zone && t.zone.tzid === tzid)) {
    fail(`${what} : TZID=${tzid} sans VTIMEZONE correspondant dans le fichier`);
  }
  if (!t.zone || t.zone === ICAL.Timezone.localTimezone) {
    // Floating time: no instant. Reported without Z so that it never matches UTC.
    return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
  }
  const u = t.convertToZone(ICAL.Timezone.utcTimezone);
  return `${pad(u.year, 4)}-${pad(u.month)}-${pad(u.day)}T${pad(u.hour)}:${pad(u.minute)}:${pad(u.second)}Z`;
}

const param = (prop, name) => {
  if (!prop) return null;
  const v = prop.getParameter(name);
  if (v === undefined || v === null) return null;
  return Array.isArray(v) ? v.join(",") : String(v);
};
const stripMailto = (v) => (/^mailto:/i.test(v) ? v.slice(7) : v);

function textValue(comp, name) {
  const prop = comp.getFirstProperty(name);
  return prop ? String(prop.getFirstValue()) : null;
}

let method = null;
const events = [];
const timezones = [];
try {
  for (const root of roots) {
    if (root.name !== "vcalendar") fail(`composant racine ${root.name.toUpperCase()}, VCALENDAR attendu`);
    if (method === null && root.hasProperty("method")) method = String(root.getFirstPropertyValue("method"));
    for (const vtz of root.getAllSubcomponents("vtimezone")) {
      const tzid = vtz.getFirstPropertyValue("tzid");
      timezones.push(tzid);
      ICAL.TimezoneService.register(vtz);
    }
    for (const ev of root.getAllSubcomponents("vevent")) {
      const uid = textValue(ev, "uid");
      const seq = ev.getFirstProperty("sequence");
      const start = ev.getFirstProperty("dtstart");
      const organizer = ev.getFirstProperty("organizer");
      events.push({
        uid,
        sequence: seq ? Number(seq.getFirstValue()) : null,
        status: textValue(ev, "status"),
        summary: textValue(ev, "summary"),
        location: textValue(ev, "location"),
        description: textValue(ev, "description"),
        start_utc: isoUtc(start, `DTSTART de ${uid}`),
        end_utc: isoUtc(ev.getFirstProperty("dtend"), `DTEND de ${uid}`),
        tzid: param(start, "tzid"),
        organizer: organizer ? String(organizer.getFirstValue()) : null,
        organizer_cn: param(organizer, "cn"),
        attendees: ev.getAllProperties("attendee").map((a) => ({
          email: stripMailto(String(a.getFirstValue())),
          cn: param(a, "cn"),
          role: param(a, "role"),
          partstat: param(a, "partstat"),
          rsvp: param(a, "rsvp"),
        })),
      });
    }
  }
} catch (e) {
  fail(`ical.js ne peut pas lire le calendrier : ${e.message}`);
}

process.stdout.write(JSON.stringify({ method, events, timezones }) + "\n");

// How the screens write French: no-break spaces, people's names, dates and periods. One
// module for every screen, so that a name or a date reads the same everywhere.

import { typedDate } from './dom.js';

/** The no-break space French typography puts inside « » and before : ; ! ? %. */
export const NBSP = '\u00a0';

const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

/** Puts French no-break spaces in a sentence built here: after « and before », ; : ! ? %. */
export function frenchSpacing(text) {
  return text
    .replace(/« /g, `«${NBSP}`)
    .replace(/ »/g, `${NBSP}»`)
    .replace(/ ([:;!?%])/g, `${NBSP}$1`)
    .replace(/n° /g, `n°${NBSP}`);
}

/** « KLEIN Anne »: the last name first, as the lists are sorted. */
export function sortName(person) {
  const last = (person.last_name ?? '').toLocaleUpperCase('fr');
  return `${last} ${person.first_name ?? ''}`.trim();
}

/** « Mme Anne Klein », as one addresses the person. */
export function fullName(person) {
  return [person.civility, person.first_name, person.last_name].filter(Boolean).join(' ');
}

/** "2027-01-05" (as stored) → « 5 janvier 2027 » (« 1er » for the first day); "" for none. */
export function longDate(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate ?? '');
  if (!match) return isoDate ?? '';
  const day = Number(match[3]);
  const month = MONTHS[Number(match[2]) - 1] ?? match[2];
  return `${day === 1 ? '1er' : day} ${month} ${match[1]}`;
}

export const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

/** « mardi 12 janvier 2027 » from "2027-01-12" or a local date-time "2027-01-12T18:00:00". */
export function weekdayDate(iso) {
  const [year, month, day] = (iso ?? '').slice(0, 10).split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return weekday ? `${weekday} ${longDate(iso)}` : longDate(iso);
}

/** « 18 h 00 », « 7 h 30 » (no-break spaces, as the core writes them) from a local date-time. */
export function clockTime(localDateTime) {
  const match = /T(\d{2}):(\d{2})/.exec(localDateTime ?? '');
  return match ? `${Number(match[1])}${NBSP}h${NBSP}${match[2]}` : '';
}

/** The day of `moment` (a Date) in the computer's time zone, as stored: "2027-01-05". */
/** The organisation's time zone (the settings'), in which « today » is the core's today. */
let timeZone;

/** Days are counted in `name` (an IANA zone such as "Europe/Paris") from now on. */
export function setTimeZone(name) {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: name });
    timeZone = name;
  } catch {
    timeZone = undefined;
  }
}

function isoDay(moment) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(moment);
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Today in the organisation's time zone (the computer's until it is known): "2027-01-05". */
export function todayIso() {
  return isoDay(new Date());
}

/** A record time stamp in UTC ("2027-01-05T23:30:00Z") → its local day « 6 janvier 2027 ». */
export function longDateOfStamp(stamp) {
  const moment = new Date(stamp ?? '');
  return Number.isNaN(moment.getTime()) ? longDate(stamp) : longDate(isoDay(moment));
}

/** Today in the computer's time zone, as typed in the forms: « 05/01/2027 ». */
export function todayTyped() {
  return typedDate(todayIso());
}

/**
 * A membership's period: « depuis le 05/01/2027 », « du 05/01/2027 au 30/06/2027 », and
 * « à partir du … » for one that starts after `today` (when given). `write` writes each date
 * (`typedDate` by default, `longDate` for « 5 janvier 2027 »).
 */
export function periodText(joinedOn, leftOn, { write = typedDate, today = null } = {}) {
  if (leftOn) return `du ${write(joinedOn)} au ${write(leftOn)}`;
  return today && joinedOn > today ? `à partir du ${write(joinedOn)}` : `depuis le ${write(joinedOn)}`;
}

/** A file name from a person's name: « Hélène Muller-Dœrr » → "muller-doerr-helene". */
export function fileSlug(person) {
  const slug = `${person.last_name ?? ''} ${person.first_name ?? ''}`
    .replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').replace(/Æ/g, 'AE')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'personne';
}

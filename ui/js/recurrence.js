// The rule of a series of meetings, as the meeting form builds it from its choices: an
// RRULE of RFC 5545 (`FREQ=MONTHLY;BYDAY=2TU;COUNT=10`) that the core reads, checks and
// expands. Pure functions, tested by Node.js (tests/ui/recurrence.test.mjs).

import { WEEKDAYS } from './format.js';

const CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** A date typed `jj/mm/aaaa` (or stored `aaaa-mm-jj`) as `{ year, month, day }`, else null. */
export function readDate(text) {
  const value = (text ?? '').trim();
  const typed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const stored = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = typed
    ? [Number(typed[3]), Number(typed[2]), Number(typed[1])]
    : stored ? [Number(stored[1]), Number(stored[2]), Number(stored[3])] : [0, 0, 0];
  if (!year) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** The weekday (0 for Sunday), its rank in the month (1 to 5), and whether it is the month's last. */
export function dayFacts({ year, month, day }) {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { weekday, rank: Math.floor((day - 1) / 7) + 1, last: day + 7 > daysInMonth };
}

const rankWords = (rank) => (rank === 1 ? '1er' : `${rank}e`);

/** The French labels of the choices for a series beginning on `date` (or null: generic labels). */
export function choiceLabels(date) {
  if (!date) {
    return {
      weekly: 'Toutes les semaines, le même jour',
      rank: 'Tous les mois, le même jour de la semaine',
      last: 'Tous les mois, le dernier jour de la semaine',
      day: 'Tous les mois, le même jour du mois',
    };
  }
  const { weekday, rank } = dayFacts(date);
  const name = WEEKDAYS[weekday];
  return {
    weekly: `Toutes les semaines, le ${name}`,
    rank: `Tous les mois, le ${rankWords(rank)} ${name}`,
    last: `Tous les mois, le dernier ${name}`,
    day: `Tous les mois, le ${date.day === 1 ? '1er' : date.day}`,
  };
}

/**
 * The RRULE of `choice` (`weekly`, `monthly-rank`, `monthly-last`, `monthly-day`) for a
 * series beginning on `date`, every `interval` weeks or months, for `count` meetings or
 * until `until` (typed dates). What the user typed wrong is passed on as typed, for the
 * core to refuse in French; '' when no series is chosen.
 */
export function buildRule(choice, date, { interval = '1', count = '', until = '' } = {}) {
  if (!choice) return '';
  const parts = [];
  const facts = date ? dayFacts(date) : null;
  if (choice === 'weekly') {
    parts.push('FREQ=WEEKLY');
  } else {
    parts.push('FREQ=MONTHLY');
    if (facts && choice === 'monthly-rank') parts.push(`BYDAY=${facts.rank}${CODES[facts.weekday]}`);
    if (facts && choice === 'monthly-last') parts.push(`BYDAY=-1${CODES[facts.weekday]}`);
    if (date && choice === 'monthly-day') parts.push(`BYMONTHDAY=${date.day}`);
  }
  const every = String(interval ?? '').trim();
  if (every !== '' && every !== '1') parts.push(`INTERVAL=${every}`);
  const times = String(count ?? '').trim();
  const end = readDate(until);
  if (times !== '') parts.push(`COUNT=${times}`);
  if (end) {
    const pad = (n) => String(n).padStart(2, '0');
    parts.push(`UNTIL=${end.year}${pad(end.month)}${pad(end.day)}`);
  } else if (String(until ?? '').trim() !== '') {
    parts.push(`UNTIL=${String(until).trim()}`);
  }
  return parts.join(';');
}

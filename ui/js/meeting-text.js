// How every screen writes a meeting: its name, its date and times, its place, its status
// tag and its atelier's colour. Pure functions (no DOM but the tag given to fill), tested
// without a window (tests/ui/meeting-text.test.mjs).

import { labelOf } from './dom.js';
import { NBSP, clockTime, frenchSpacing, weekdayDate } from './format.js';

const STATUS_TAGS = { prevue: 'is-new', convoquee: 'is-new', tenue: 'is-ok', reportee: 'is-warning', annulee: 'is-warning' };

/** « mardi 12 janvier 2027, 18 h 00 – 20 h 00 » (the end's day too when it is another). */
export function meetingWhen(meeting) {
  const sameDay = meeting.start.slice(0, 10) === meeting.end.slice(0, 10);
  const end = sameDay ? clockTime(meeting.end) : `${weekdayDate(meeting.end)}, ${clockTime(meeting.end)}`;
  return `${weekdayDate(meeting.start)}, ${clockTime(meeting.start)}${NBSP}– ${end}`;
}

/** « Séance n° 3 », « Visite de site n° 2 », or the kind alone when it has no number. */
export function meetingName(meeting, vocabulary) {
  const kind = labelOf(vocabulary.meeting_kinds, meeting.kind);
  return frenchSpacing(meeting.session_number ? `${kind} n° ${meeting.session_number}` : kind);
}

/** Fills a status tag: the label says it, the colour only underlines it. */
export function fillStatusTag(tag, meeting, vocabulary) {
  tag.textContent = labelOf(vocabulary.meeting_statuses, meeting.status);
  tag.classList.add(STATUS_TAGS[meeting.status] ?? 'is-neutral');
}

/** Where the meeting takes place, in one line. */
export function meetingPlace(meeting) {
  const place = meeting.place || (meeting.video_link ? 'Visioconférence' : '');
  return place || '—';
}

/** Whether the meeting has ended by `now` (compared as instants). */
export function isPast(meeting, now = Date.now()) {
  return new Date(meeting.end_utc).getTime() < now;
}

/** Number of colours of the palette (classes `atelier-colour-0` … in css/tags.css). */
const PALETTE_SIZE = 8;

/** The colour class of an atelier: the palette in the order of the ids, the same on every screen and month. */
export function colourOf(atelierId) {
  return `atelier-colour-${(Math.max(atelierId, 1) - 1) % PALETTE_SIZE}`;
}

// Unit tests of ui/js/meeting-text.js: how every screen writes a meeting.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { NBSP } from '../../ui/js/format.js';
import { colourOf, fillStatusTag, isPast, meetingName, meetingPlace, meetingWhen } from '../../ui/js/meeting-text.js';

const vocabulary = {
  meeting_kinds: [{ value: 'seance', label: 'Séance' }, { value: 'visite', label: 'Visite de site' }],
  meeting_statuses: [{ value: 'tenue', label: 'Tenue' }, { value: 'annulee', label: 'Annulée' }],
};

test('a meeting on one day gives its day once, one on two days gives both', () => {
  const sameDay = { start: '2017-12-12T18:00:00', end: '2017-12-12T20:00:00' };
  assert.equal(meetingWhen(sameDay), `mardi 12 décembre 2017, 18${NBSP}h${NBSP}00${NBSP}– 20${NBSP}h${NBSP}00`);
  const twoDays = { start: '2017-12-12T18:00:00', end: '2017-12-13T09:30:00' };
  assert.equal(meetingWhen(twoDays),
    `mardi 12 décembre 2017, 18${NBSP}h${NBSP}00${NBSP}– mercredi 13 décembre 2017, 9${NBSP}h${NBSP}30`);
});

test('a meeting is named by its kind and number, and placed', () => {
  assert.equal(meetingName({ kind: 'seance', session_number: 3 }, vocabulary), `Séance n°${NBSP}3`);
  assert.equal(meetingName({ kind: 'visite', session_number: null }, vocabulary), 'Visite de site');
  assert.equal(meetingPlace({ place: 'Salle du conseil' }), 'Salle du conseil');
  assert.equal(meetingPlace({ place: '', video_link: 'https://visio.example' }), 'Visioconférence');
  assert.equal(meetingPlace({ place: '' }), '—');
});

test('a status tag says the status in words and only underlines it with a colour', () => {
  const classes = [];
  const tag = { textContent: '', classList: { add: (name) => classes.push(name) } };
  fillStatusTag(tag, { status: 'tenue' }, vocabulary);
  assert.equal(tag.textContent, 'Tenue');
  assert.deepEqual(classes, ['is-ok']);
  classes.length = 0;
  fillStatusTag(tag, { status: 'inconnu' }, vocabulary);
  assert.deepEqual(classes, ['is-neutral']);
});

test('a meeting is past once its end has gone by', () => {
  const meeting = { end_utc: '2027-01-12T19:00:00Z' };
  assert.equal(isPast(meeting, Date.parse('2027-01-12T18:59:59Z')), false);
  assert.equal(isPast(meeting, Date.parse('2027-01-12T19:00:01Z')), true);
});

test('each atelier keeps its colour, the palette repeating after eight', () => {
  assert.equal(colourOf(1), 'atelier-colour-0');
  assert.equal(colourOf(8), 'atelier-colour-7');
  assert.equal(colourOf(9), 'atelier-colour-0');
  assert.equal(colourOf(0), 'atelier-colour-0', 'an id below one takes the first colour');
});

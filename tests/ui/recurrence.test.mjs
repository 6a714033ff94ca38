// Unit tests of the series' rule as the meeting form builds it (ui/js/recurrence.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { buildRule, choiceLabels, dayFacts, readDate } from '../../ui/js/recurrence.js';

test('a typed date is read, and an impossible one is not', () => {
  assert.deepEqual(readDate('12/01/2027'), { year: 2027, month: 1, day: 12 });
  assert.deepEqual(readDate('2027-01-12'), { year: 2027, month: 1, day: 12 });
  assert.equal(readDate('31/02/2027'), null);
  assert.equal(readDate('demain'), null);
});

test('the rank of a weekday in its month, and the last one', () => {
  assert.deepEqual(dayFacts(readDate('12/01/2027')), { weekday: 2, rank: 2, last: false });
  assert.deepEqual(dayFacts(readDate('28/01/2027')), { weekday: 4, rank: 4, last: true });
  assert.deepEqual(dayFacts(readDate('29/01/2027')), { weekday: 5, rank: 5, last: true });
});

test('the choices are said with the first date’s day', () => {
  const labels = choiceLabels(readDate('12/01/2027'));
  assert.equal(labels.weekly, 'Toutes les semaines, le mardi');
  assert.equal(labels.rank, 'Tous les mois, le 2e mardi');
  assert.equal(labels.last, 'Tous les mois, le dernier mardi');
  assert.equal(labels.day, 'Tous les mois, le 12');
  assert.equal(choiceLabels(readDate('01/02/2027')).rank, 'Tous les mois, le 1er lundi');
});

test('the rule is an RRULE of RFC 5545', () => {
  const first = readDate('12/01/2027');
  assert.equal(buildRule('', first), '');
  assert.equal(buildRule('monthly-rank', first, { count: '10' }), 'FREQ=MONTHLY;BYDAY=2TU;COUNT=10');
  assert.equal(buildRule('monthly-last', readDate('28/01/2027'), { count: '6' }), 'FREQ=MONTHLY;BYDAY=-1TH;COUNT=6');
  assert.equal(buildRule('weekly', first, { interval: '2', count: '', until: '23/02/2027' }), 'FREQ=WEEKLY;INTERVAL=2;UNTIL=20270223');
  assert.equal(buildRule('monthly-day', first, { interval: '3', count: '4' }), 'FREQ=MONTHLY;BYMONTHDAY=12;INTERVAL=3;COUNT=4');
  assert.equal(buildRule('weekly', first, { count: 'dix' }), 'FREQ=WEEKLY;COUNT=dix', 'passed on for the core to refuse');
});

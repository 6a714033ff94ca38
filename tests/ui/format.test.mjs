// Unit tests of the window's pure helpers (ui/js/format.js, dom.js), run by Node.js without
// a window: `node --test tests/ui/*.test.mjs` (in scripts/test.sh).

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  NBSP, clockTime, fileSlug, frenchSpacing, fullName, longDate, periodText, sortName, weekdayDate,
} from '../../ui/js/format.js';
import { compareFrench, labelOf, plural, typedDate } from '../../ui/js/dom.js';

test('French typography puts no-break spaces inside « » and before the high signs', () => {
  assert.equal(frenchSpacing('« Atelier » : oui ; non ! 12 % n° 3'),
    `«${NBSP}Atelier${NBSP}»${NBSP}: oui${NBSP}; non${NBSP}! 12${NBSP}% n°${NBSP}3`);
  assert.equal(frenchSpacing(frenchSpacing('Sûr ?')), `Sûr${NBSP}?`, 'applied twice, the same');
});

test('dates read the French way, the first of the month as « 1er »', () => {
  assert.equal(longDate('2027-01-05'), '5 janvier 2027');
  assert.equal(longDate('2027-02-01'), '1er février 2027');
  assert.equal(weekdayDate('2017-12-12T18:00:00'), 'mardi 12 décembre 2017');
  assert.equal(clockTime('2017-12-12T18:00:00'), `18${NBSP}h${NBSP}00`);
  assert.equal(clockTime('2017-12-12T07:30:00'), `7${NBSP}h${NBSP}30`);
  assert.equal(typedDate('2027-01-05'), '05/01/2027');
  assert.equal(typedDate(''), '');
  assert.equal(longDate('pas une date'), 'pas une date', 'what is not a date is shown as it is');
});

test('periods say since when, from when to when, or from when on', () => {
  assert.equal(periodText('2027-01-05', null), 'depuis le 05/01/2027');
  assert.equal(periodText('2027-01-05', '2027-06-30'), 'du 05/01/2027 au 30/06/2027');
  assert.equal(periodText('2027-03-01', null, { today: '2027-01-05', write: longDate }), 'à partir du 1er mars 2027');
});

test('names: sorted by last name, addressed with civility, and safe file names', () => {
  const person = { civility: 'Mme', first_name: 'Hélène', last_name: 'Muller-Dœrr' };
  assert.equal(sortName(person), 'MULLER-DŒRR Hélène');
  assert.equal(fullName(person), 'Mme Hélène Muller-Dœrr');
  assert.equal(fileSlug(person), 'muller-doerr-helene');
  assert.equal(fileSlug({}), 'personne');
});

test('plurals, labels of the vocabulary and French ordering', () => {
  assert.equal(plural(1, 'erreur', 'erreurs'), '1 erreur');
  assert.equal(plural(2, 'erreur', 'erreurs'), '2 erreurs');
  const kinds = [{ value: 'seance', label: 'Séance' }];
  assert.equal(labelOf(kinds, 'seance'), 'Séance');
  assert.equal(labelOf(kinds, 'inconnu'), 'inconnu', 'an unknown value is shown as it is');
  assert.deepEqual(['Zoé', 'élise', 'Émile', 'ada'].sort(compareFrench), ['ada', 'élise', 'Émile', 'Zoé']);
});

// Unit tests of ui/js/memoize.js: one promise per loader.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { memoize } from '../../ui/js/memoize.js';

test('every call shares the first call’s promise', async () => {
  let calls = 0;
  const load = memoize(async () => ++calls);
  const [a, b] = await Promise.all([load(), load()]);
  assert.equal(a, 1);
  assert.equal(b, 1);
  assert.equal(await load(), 1);
  assert.equal(calls, 1);
});

test('a value already known is answered without loading', async () => {
  let calls = 0;
  const load = memoize(async () => ++calls, { words: [] });
  assert.deepEqual(await load(), { words: [] });
  assert.equal(calls, 0);
});

test('a failure is forgotten: the next call loads again', async () => {
  let calls = 0;
  const load = memoize(async () => {
    calls += 1;
    if (calls === 1) throw new Error('réseau');
    return 'chargé';
  });
  await assert.rejects(load(), /réseau/);
  assert.equal(await load(), 'chargé');
  assert.equal(calls, 2);
});

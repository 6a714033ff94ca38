// Searching as the user types: the search runs after a pause in typing, or at once on
// Enter (which then does not submit the form); only the latest answer is shown, and none
// once the screen has gone. Serves the choice of a person (person-search.js) and of a
// commune or an organisation (place-choice.js).

import { errorMessage } from './api.js';
import { frenchSpacing } from './format.js';
import { announce } from './status.js';

const SEARCH_DELAY_MS = 200;

/**
 * Binds `input`: `find(text)` (the trimmed text) fetches an answer, `show(found, text)`
 * renders it and returns the sentence announced (none when empty); nothing is shown once
 * `isCurrent()` says the screen has gone.
 */
export function bindTypingSearch(input, find, show, isCurrent) {
  let timer = 0;
  let requestCount = 0;
  const search = async () => {
    const token = ++requestCount;
    const text = input.value.trim();
    try {
      const found = await find(text);
      if (token !== requestCount || !isCurrent()) return;
      const sentence = show(found, text);
      if (sentence) announce(sentence);
    } catch (error) {
      if (token === requestCount) announce(frenchSpacing(`La recherche n’a pas abouti : ${errorMessage(error)}`));
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, SEARCH_DELAY_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      clearTimeout(timer);
      search();
    }
  });
}

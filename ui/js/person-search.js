// Choosing a person of the directory by typing part of their name: the search as you type
// (the latest answer wins) and the list of radio choices it fills. Used to add a member to
// an atelier and to convoke a guest to a meeting.

import { call } from './api.js';
import { plural, ref } from './dom.js';
import { frenchSpacing } from './format.js';
import { bindTypingSearch } from './typing-search.js';
import { loadBeside } from './assets.js';

await loadBeside(import.meta.url, ['css']);

const SEARCH_SHOWN_MAX = 20;

/**
 * Searches the directory for what `query` holds as the user types (typing-search.js);
 * `show(found)` (null when the field is empty) renders the answer and returns the sentence
 * announced.
 */
export function bindPersonSearch(query, show, isCurrent) {
  const find = (text) => (text === ''
    ? null
    : call('search_people', { query: text, includeArchived: false, sort: 'name' }));
  bindTypingSearch(query, find, show, isCurrent);
}

/**
 * Fills the `results` fieldset of `form` (its `results-list` and `results-count`) with the
 * first people of `found` as choices made by `createChoice(person)`; hides it when nothing
 * was searched (`found` null). Returns the sentence that says what was found; `noneFound`
 * is the one for an empty answer.
 */
export function showPeopleFound(form, found, createChoice, noneFound) {
  const fieldset = ref(form, 'results');
  const list = ref(form, 'results-list');
  const count = ref(form, 'results-count');
  if (!found) {
    fieldset.hidden = true;
    list.replaceChildren();
    count.textContent = '';
    return '';
  }
  const rows = found.rows.slice(0, SEARCH_SHOWN_MAX);
  list.replaceChildren(...rows.map(createChoice));
  fieldset.hidden = rows.length === 0;
  const total = plural(found.total, 'personne trouvée', 'personnes trouvées');
  let sentence;
  if (found.total === 0) sentence = noneFound;
  else if (found.total > rows.length) sentence = `${total} ; les ${rows.length} premières sont proposées : précisez la recherche.`;
  else sentence = `${total} : choisissez dans la liste.`;
  count.textContent = frenchSpacing(sentence);
  return count.textContent;
}

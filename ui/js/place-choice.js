// Choosing the commune or the organisation a person comes from. With few of them, a plain
// list; with many (INSEE's file brings 35,000 communes), a search field above the list,
// which then holds what the search found, the current choice always kept. Homonyms are
// told apart by their INSEE code: « Saint-Louis (68297) ».

import { call } from './api.js';
import { fillSelect, plural } from './dom.js';
import { frenchSpacing } from './format.js';
import { bindTypingSearch } from './typing-search.js';
import { loadBeside } from './assets.js';

await loadBeside(import.meta.url, ['css']);

/** Up to this many, the whole list is offered without a search field. */
export const PLACES_FEW = 60;
const PLACES_SHOWN = 50;

export const PLACE_KINDS = {
  commune: {
    command: 'find_communes', one: 'commune', many: 'communes', found: 'trouvée', foundMany: 'trouvées',
    search: 'Rechercher une commune par son nom ou son code INSEE',
  },
  organisation: {
    command: 'find_organisations', one: 'organisation', many: 'organisations', found: 'trouvée',
    foundMany: 'trouvées', search: 'Rechercher une organisation par son nom',
  },
};

const NONE = { value: '', label: '— Aucune —' };

/** « Saint-Louis (68297) », or the name alone. */
export function placeLabel(place) {
  return place.insee_code ? `${place.name} (${place.insee_code})` : place.name;
}

/** The first `limit` places of `kind` whose name holds `query`, and how many in all. */
export function findPlaces(kind, query, limit = PLACES_SHOWN) {
  return call(PLACE_KINDS[kind].command, { query, limit });
}

/**
 * Makes `select` (in its `.field`) the choice of a place of `kind`, `current` (`{ id,
 * label }`, or null) chosen. Resolves once filled; `isCurrent()` says whether the screen is
 * still shown. `exclude` is an id never offered (the place being merged).
 */
export async function setupPlaceChoice(select, kind, current, { isCurrent, exclude = null } = {}) {
  const first = await findPlaces(kind, '', PLACES_FEW);
  const fill = (rows) => {
    const options = rows.filter((place) => place.id !== exclude)
      .map((place) => ({ value: String(place.id), label: placeLabel(place) }));
    const chosen = select.value || (current ? String(current.id) : '');
    const kept = current && chosen === String(current.id) && !options.some((o) => o.value === chosen)
      ? [{ value: chosen, label: current.label }] : [];
    fillSelect(select, [NONE, ...kept, ...options], chosen);
  };
  if (first.total <= PLACES_FEW) {
    fill(first.rows);
    return;
  }
  fill([]);
  addPlaceSearch(select, kind, first.total, fill, isCurrent);
}

/**
 * Puts a search field for places of `kind` before `anchor` (a list whose id names the
 * field, `total` places in all) and a hint at the end of its field: what the user types
 * is searched, and `show(rows)` shows the places found (none when the field is emptied).
 */
export function addPlaceSearch(anchor, kind, total, show, isCurrent) {
  const words = PLACE_KINDS[kind];
  const search = document.createElement('input');
  search.type = 'search';
  search.id = `${anchor.id}-search`;
  search.className = 'place-search';
  search.autocomplete = 'off';
  search.spellcheck = false;
  search.placeholder = words.search;
  search.setAttribute('aria-label', words.search);
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.id = `${anchor.id}-found`;
  search.setAttribute('aria-describedby', hint.id);
  const waiting = frenchSpacing(
    `${plural(total, words.one, words.many)} : tapez une partie du nom, puis choisissez dans la liste.`);
  hint.textContent = waiting;
  anchor.before(search);
  (anchor.closest('.field, fieldset') ?? anchor.parentElement).append(hint);
  bindTypingSearch(search, (text) => (text === '' ? null : findPlaces(kind, text)), (found, text) => {
    if (!found) {
      show([]);
      hint.textContent = waiting;
      return '';
    }
    show(found.rows);
    const count = plural(found.total, `${words.one} ${words.found}`, `${words.many} ${words.foundMany}`);
    let sentence;
    if (found.total === 0) sentence = `Aucune ${words.one} ne correspond à « ${text} ».`;
    else if (found.total > found.rows.length) sentence = `${count} ; les ${found.rows.length} premières sont dans la liste : précisez la recherche.`;
    else sentence = `${count} : choisissez dans la liste.`;
    hint.textContent = frenchSpacing(sentence);
    return hint.textContent;
  }, isCurrent);
  return search;
}

/** The chosen place's id, or null. */
export function chosenPlace(select) {
  return select.value === '' ? null : Number(select.value);
}

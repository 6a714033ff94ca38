// « Rechercher dans les relevés »: the relevés de décisions of every atelier whose sections,
// decisions or actions hold every word typed, searched as the user types; each result links
// to the meeting's relevé and shows where the words are, marked.

import { call } from '../../js/api.js';
import { cloneTemplate, labelOf, plural, ref } from '../../js/dom.js';
import { frenchSpacing } from '../../js/format.js';
import { bindTypingSearch } from '../../js/typing-search.js';
import { meetingName, meetingWhen } from '../../js/meeting-text.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tags']);

export async function mount(root, context) {
  const vocabulary = await context.vocabulary();
  if (!context.isCurrent()) return;
  const view = cloneTemplate('tpl-search');
  const input = view.querySelector('#search-text');
  const count = ref(view, 'count');
  const results = ref(view, 'results');
  view.querySelector('#search-form').addEventListener('submit', (event) => event.preventDefault());
  count.textContent = 'Tapez un ou plusieurs mots.';
  bindTypingSearch(
    input,
    (text) => (text ? call('search_releves', { text }) : Promise.resolve(null)),
    (answer, text) => show({ count, results, vocabulary }, answer, text),
    context.isCurrent,
  );
  root.replaceChildren(view);
  context.setTitle('Rechercher dans les relevés');
  input.focus();
}

/** Draws `answer` for `text`; returns the sentence said to the user. */
function show({ count, results, vocabulary }, answer, text) {
  if (!answer) {
    results.replaceChildren();
    count.textContent = 'Tapez un ou plusieurs mots.';
    return '';
  }
  const { total, found } = answer;
  const more = total > found.length ? ` ; les ${found.length} plus récents sont affichés` : '';
  count.textContent = frenchSpacing(total === 0
    ? `Aucun relevé ne contient « ${text} ».`
    : `${plural(total, 'relevé contient', 'relevés contiennent')} « ${text} »${more}.`);
  results.replaceChildren(...found.map((entry) => result(entry, vocabulary)));
  return count.textContent;
}

function result({ meeting, status, excerpts }, vocabulary) {
  const item = cloneTemplate('tpl-search-result').querySelector('li');
  const link = ref(item, 'link');
  link.href = `#/reunions/${meeting.id}/releve`;
  link.textContent = `${meetingName(meeting, vocabulary)} — atelier ${meeting.atelier}`;
  ref(item, 'meta').textContent = frenchSpacing(
    `${meetingWhen(meeting)} · relevé ${labelOf(vocabulary.releve_statuses, status).toLocaleLowerCase('fr')}`);
  const list = ref(item, 'excerpts');
  for (const excerpt of excerpts) {
    const term = document.createElement('dt');
    term.textContent = excerpt.part;
    const passage = document.createElement('dd');
    for (const piece of excerpt.pieces) {
      if (piece.hit) {
        const mark = document.createElement('mark');
        mark.textContent = piece.text;
        passage.append(mark);
      } else {
        passage.append(piece.text);
      }
    }
    list.append(term, passage);
  }
  return item;
}

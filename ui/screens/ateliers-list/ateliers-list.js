// List of the ateliers, each title leading to its form, with its composition today.

import { call } from '../../js/api.js';
import { cloneTemplate, labelOf, plural, ref } from '../../js/dom.js';
import { compositionVerdict, drawRatio, ratioText } from '../../js/composition.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tags']);

const NO_PERIOD = 'Non renseignée';
const NO_MEETING = 'Aucune';

export async function mount(root, context) {
  const [ateliers, vocabulary] = await Promise.all([call('list_ateliers'), context.vocabulary()]);
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-ateliers-list');
  const table = view.querySelector('#ateliers-table');
  if (ateliers.length === 0) {
    table.hidden = true;
    ref(view, 'empty').hidden = false;
  } else {
    ref(view, 'caption').textContent = `Liste des ateliers (${plural(ateliers.length, 'atelier', 'ateliers')})`;
    ref(view, 'rows').append(...ateliers.map((atelier) => createRow(atelier, vocabulary)));
  }
  root.replaceChildren(view);
  context.setTitle('Liste des ateliers');
}

function createRow(atelier, vocabulary) {
  const row = cloneTemplate('tpl-atelier-row').querySelector('tr');
  row.dataset.code = atelier.code;
  setCell(row, 'code', atelier.code);
  setCell(row, 'kind', labelOf(vocabulary.atelier_kinds, atelier.kind));
  setCell(row, 'status', labelOf(vocabulary.atelier_statuses, atelier.status));
  setCell(row, 'period', atelier.period_text || NO_PERIOD);
  setCell(row, 'members', String(atelier.member_count ?? 0));
  setCell(row, 'next-meeting', atelier.next_meeting_text || NO_MEETING);
  fillComposition(row, atelier.composition);

  const link = ref(row, 'link');
  link.href = `#/ateliers/${atelier.id}`;
  ref(row, 'link-prefix').textContent = `Modifier l’atelier ${atelier.code} — `;
  ref(row, 'title').textContent = atelier.title;
  return row;
}

// A short verdict and the share of élus, drawn and written.
function fillComposition(row, composition) {
  const summary = ref(row, 'composition-summary');
  summary.textContent = compositionVerdict(composition);
  const warning = Boolean(composition && !composition.exempt && composition.findings.length > 0);
  summary.classList.toggle('is-warning', warning);
  summary.classList.toggle('is-ok', Boolean(composition && !composition.exempt && !warning));
  drawRatio(ref(row, 'composition-bar'), composition);
  ref(row, 'composition-ratio').textContent = ratioText(composition);
}

function setCell(row, column, text) {
  row.querySelector(`[data-col="${column}"]`).textContent = text;
}

// The directory (« Annuaire »): every person, searched as the user types, sorted by name,
// commune or organisation, each name leading to the person's page.

import { call, chooseFileToSave, errorMessage } from '../../js/api.js';
import { cloneTemplate, plural, ref } from '../../js/dom.js';
import { NBSP, sortName } from '../../js/format.js';
import { announce } from '../../js/status.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tables', 'tags']);

const ANNOUNCE_DELAY_MS = 400;
// Rows shown at first and added by « Afficher … de plus »: a short page paints at once at
// every keystroke (BENCHMARKS.md), the button brings the rest.
const PAGE_SIZE = 50;
const SORT_LABELS = { name: 'nom', commune: 'commune', organisation: 'organisation' };
const SORTS = Object.keys(SORT_LABELS);

// What the user searched last, so that coming back from a person's page finds the same list.
const remembered = { query: '', includeArchived: false, sort: 'name' };

export async function mount(root, context) {
  const state = { ...remembered, limit: PAGE_SIZE };
  const first = await search(state);
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-directory');
  const table = view.querySelector('#people-table');
  const input = view.querySelector('#people-search');
  const archivedBox = view.querySelector('#include-archived');
  input.value = state.query;
  archivedBox.checked = state.includeArchived;
  showSort(table, state.sort);
  showResults(view, state, first);

  // Each keystroke searches at once; while an answer is awaited, only the latest wish is
  // kept and asked next, so typing fast never queues stale searches.
  let inFlight = false;
  let next = null;
  let announceTimer = 0;
  async function refresh({ say, prefix = '', later = false }) {
    if (inFlight) {
      next = { say, prefix, later };
      return;
    }
    inFlight = true;
    Object.assign(remembered, state);
    try {
      const page = await search(state);
      if (!context.isCurrent() || next) return;
      const summary = showResults(root, state, page);
      clearTimeout(announceTimer);
      // While typing, the result is said once the user pauses, not at every letter.
      if (say) announceTimer = setTimeout(() => announce(`${prefix}${summary}.`), later ? ANNOUNCE_DELAY_MS : 0);
    } catch (error) {
      if (context.isCurrent() && !next) announce(`La recherche n’a pas abouti${NBSP}: ${errorMessage(error)}`);
    } finally {
      inFlight = false;
      const wanted = next;
      next = null;
      if (wanted && context.isCurrent()) refresh(wanted);
    }
  }

  input.addEventListener('input', () => {
    state.query = input.value;
    state.limit = PAGE_SIZE;
    refresh({ say: true, later: true });
  });
  view.querySelector('#show-more-people').addEventListener('click', () => {
    state.limit += PAGE_SIZE;
    refresh({ say: true });
  });
  view.querySelector('#people-search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.query = input.value;
    refresh({ say: true });
  });
  archivedBox.addEventListener('change', () => {
    state.includeArchived = archivedBox.checked;
    state.limit = PAGE_SIZE;
    refresh({ say: true });
  });
  for (const button of table.querySelectorAll('.sort-button')) {
    button.addEventListener('click', () => {
      state.sort = button.dataset.sort;
      state.limit = PAGE_SIZE;
      showSort(table, state.sort);
      refresh({ say: true, prefix: `Liste triée par ${SORT_LABELS[state.sort]}${NBSP}: ` });
    });
  }
  view.querySelector('#export-people').addEventListener('click', (event) => exportDirectory(event.currentTarget));

  root.replaceChildren(view);
  context.setTitle('Annuaire');
}

function search(state) {
  return call('search_people', {
    query: state.query,
    includeArchived: state.includeArchived,
    sort: SORTS.includes(state.sort) ? state.sort : 'name',
    limit: state.limit,
  });
}

function showSort(table, sort) {
  for (const header of table.querySelectorAll('th[data-sort-col]')) {
    const active = header.dataset.sortCol === sort;
    if (active) header.setAttribute('aria-sort', 'ascending');
    else header.removeAttribute('aria-sort');
    header.querySelector('.sort-indicator').textContent = active ? ' ▲' : '';
  }
}

/** Replaces the rows and the caption; returns the sentence that sums the result up. */
function showResults(scope, state, page) {
  const table = scope.querySelector('#people-table');
  const empty = ref(scope, 'empty');
  const summary = summarise(state, page);
  ref(table, 'caption').textContent = summary;
  ref(table, 'rows').replaceChildren(...page.rows.map(createRow));
  table.hidden = page.rows.length === 0;
  const more = ref(scope, 'more');
  const left = Number(page.total ?? 0) - page.rows.length;
  more.hidden = left <= 0;
  more.querySelector('button').textContent =
    `Afficher ${plural(Math.min(left, PAGE_SIZE), 'personne', 'personnes')} de plus`;
  empty.hidden = page.rows.length > 0;
  empty.textContent = page.rows.length > 0 ? '' : emptyText(state);
  return summary;
}

function summarise(state, page) {
  const query = state.query.trim();
  const total = Number(page.total ?? page.rows.length);
  let text;
  if (total === 0) {
    text = 'Aucune personne trouvée';
  } else if (query === '') {
    text = `${plural(total, 'personne', 'personnes')} dans l’annuaire`;
  } else {
    text = plural(total, 'personne trouvée', 'personnes trouvées');
  }
  if (query !== '') text += ` pour «${NBSP}${query}${NBSP}»`;
  if (state.includeArchived && total > 0) text += ', archivées comprises';
  if (total > page.rows.length) {
    text += ` (${page.rows.length} premières affichées${NBSP}: précisez la recherche ou affichez-en plus)`;
  }
  return text;
}

function emptyText(state) {
  const query = state.query.trim();
  if (query === '' && !state.includeArchived) {
    return 'L’annuaire ne contient encore aucune personne. Ajoutez-en une avec le bouton «\u00a0Nouvelle personne\u00a0».';
  }
  if (query === '') return 'L’annuaire ne contient encore aucune personne.';
  const hint = state.includeArchived ? '' : ' ou cochez «\u00a0Afficher les personnes archivées\u00a0»';
  return `Aucune personne ne correspond à «${NBSP}${query}${NBSP}». Vérifiez l’orthographe, raccourcissez la recherche${hint}.`;
}

function createRow(person) {
  const row = cloneTemplate('tpl-person-row').querySelector('tr');
  row.dataset.personId = String(person.id);
  if (person.archived) row.classList.add('is-archived');
  const link = ref(row, 'link');
  link.href = `#/annuaire/${person.id}`;
  link.textContent = sortName(person);
  ref(row, 'archived').hidden = !person.archived;
  setCell(row, 'function', person.function);
  setCell(row, 'commune', person.commune);
  setCell(row, 'organisation', person.organisation);
  setBreakableEmail(row.querySelector('[data-col="email"]'), person.email ?? '');
  return row;
}

// A long address wraps after « @ » and before each dot rather than anywhere.
function setBreakableEmail(cell, email) {
  const nodes = [];
  let chunk = '';
  const flush = () => {
    nodes.push(document.createTextNode(chunk), document.createElement('wbr'));
    chunk = '';
  };
  for (const character of email) {
    if (character === '.' && chunk) flush();
    chunk += character;
    if (character === '@') flush();
  }
  if (chunk) nodes.push(document.createTextNode(chunk));
  cell.replaceChildren(...nodes);
}

function setCell(row, column, text) {
  row.querySelector(`[data-col="${column}"]`).textContent = text ?? '';
}

async function exportDirectory(button) {
  if (button.dataset.pending === 'true') return;
  button.dataset.pending = 'true';
  try {
    const path = await chooseFileToSave({
      title: 'Exporter l’annuaire',
      defaultPath: 'annuaire.csv',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    if (!path) {
      announce('Export annulé.');
      return;
    }
    const done = await call('export_people_csv', { path });
    announce(done.message);
  } catch (error) {
    announce(`L’annuaire n’a pas été exporté${NBSP}: ${errorMessage(error)}`);
  } finally {
    delete button.dataset.pending;
  }
}

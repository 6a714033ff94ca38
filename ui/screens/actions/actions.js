// Actions: every action decided in the relevés of every atelier, filtered by atelier and by
// state (open, overdue, done), with the meeting that decided it, its owner and due date;
// its status is changed on the spot and each change is dated in its history.

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, compareFrench, fillSelect, labelOf, plural, ref, typedDate } from '../../js/dom.js';
import { NBSP, frenchSpacing } from '../../js/format.js';
import { announce } from '../../js/status.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tables', 'tags', 'notices']);

const PAGE_SIZE = 100;
const OPEN = new Set(['a_faire', 'en_cours']);
const STATES = {
  toutes: () => true,
  ouvertes: (action) => OPEN.has(action.status),
  retard: (action) => action.overdue,
  faites: (action) => action.status === 'faite',
};

export async function mount(root, context) {
  const [vocabulary, actions] = await Promise.all([context.vocabulary(), call('list_actions', { atelierId: null })]);
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-actions');
  const page = { root: view, context, vocabulary, actions, atelier: '', state: 'toutes', limit: PAGE_SIZE };
  const atelierSelect = view.querySelector('#actions-atelier');
  // The ateliers that have actions.
  const codes = [...new Set(actions.map((action) => action.atelier))].sort(compareFrench);
  fillSelect(atelierSelect, [
    { value: '', label: 'Tous les ateliers' },
    ...codes.map((code) => ({ value: code, label: code })),
  ], '');
  const stateSelect = view.querySelector('#actions-state');
  const onFilter = () => {
    Object.assign(page, { atelier: atelierSelect.value, state: stateSelect.value, limit: PAGE_SIZE });
    announce(`${render(page)}.`);
  };
  atelierSelect.addEventListener('change', onFilter);
  stateSelect.addEventListener('change', onFilter);
  view.querySelector('#actions-filters').addEventListener('submit', (event) => event.preventDefault());
  view.querySelector('#show-more-actions').addEventListener('click', () => {
    page.limit += PAGE_SIZE;
    announce(`${render(page)}.`);
  });
  render(page);

  root.replaceChildren(view);
  page.root = root;
  context.setTitle('Actions');
}

function filtered(page) {
  const keep = STATES[page.state] ?? STATES.toutes;
  return page.actions.filter((action) => (!page.atelier || action.atelier === page.atelier) && keep(action));
}

/** Draws the rows the filters keep; returns the sentence that sums them up. */
function render(page) {
  const rows = filtered(page);
  const shown = rows.slice(0, page.limit);
  const table = page.root.querySelector('#actions-table');
  const summary = rows.length === shown.length
    ? plural(rows.length, 'action affichée', 'actions affichées')
    : `${shown.length} actions affichées sur ${rows.length}`;
  ref(table, 'caption').textContent = summary;
  const fragment = document.createDocumentFragment();
  for (const action of shown) fragment.append(createRow(action, page));
  ref(table, 'rows').replaceChildren(fragment);
  table.hidden = rows.length === 0;
  const empty = ref(page.root, 'empty');
  empty.hidden = rows.length > 0;
  empty.textContent = page.actions.length === 0
    ? 'Aucune action pour l’instant : elles viennent des relevés de décisions des réunions.'
    : 'Aucune action ne correspond à ces filtres.';
  const more = ref(page.root, 'more');
  const left = rows.length - shown.length;
  more.hidden = left <= 0;
  more.querySelector('button').textContent = `Afficher ${plural(Math.min(left, PAGE_SIZE), 'action', 'actions')} de plus`;
  return rows.length === 0 ? 'Aucune action affichée' : summary;
}

function createRow(action, page) {
  const statuses = page.vocabulary.action_statuses;
  const row = cloneTemplate('tpl-action-row').querySelector('tr');
  row.dataset.actionId = String(action.id);
  row.querySelector('[data-col="text"]').textContent = action.text;
  row.querySelector('[data-col="atelier"]').textContent = action.atelier;
  const meeting = ref(row, 'meeting');
  meeting.href = `#/reunions/${action.meeting_id}/releve`;
  meeting.textContent = action.meeting_day;
  row.querySelector('[data-col="owner"]').textContent = action.owner || '—';
  ref(row, 'due').textContent = action.due_on ? typedDate(action.due_on) : 'Sans échéance';
  ref(row, 'overdue').hidden = !action.overdue;
  if (action.overdue) row.classList.add('is-overdue');
  const select = ref(row, 'status');
  select.id = `action-status-${action.id}`;
  const label = ref(row, 'status-label');
  label.htmlFor = select.id;
  label.textContent = frenchSpacing(`Statut de l’action « ${action.text} »`);
  fillSelect(select, statuses, action.status);
  ref(row, 'history').textContent = action.history
    .map(([status, day]) => `${labelOf(statuses, status)} le ${typedDate(day)}`)
    .join(', ');
  select.addEventListener('change', () => saveStatus(row, action, select, page));
  return row;
}

async function saveStatus(row, action, select, page) {
  const status = select.value;
  try {
    await call('set_action_status', { id: action.id, status });
    const actions = await call('list_actions', { atelierId: null });
    if (!page.context.isCurrent()) return;
    page.actions = actions;
    const updated = actions.find((candidate) => candidate.id === action.id);
    if (updated && row.isConnected) {
      const fresh = createRow(updated, page);
      row.replaceWith(fresh);
      ref(fresh, 'status').focus();
    }
    announce(`Statut de l’action mis à jour${NBSP}: ${labelOf(page.vocabulary.action_statuses, status)}.`);
  } catch (error) {
    select.value = action.status;
    announce(frenchSpacing(`Le statut de l’action n’a pas été changé : ${errorMessage(error)}`));
  }
}

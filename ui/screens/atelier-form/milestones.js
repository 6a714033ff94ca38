// Editor of the milestones (étapes) of the calendrier prévisionnel, inside the atelier form.
// Row n (from 0) has the controls milestone-n-label, milestone-n-planned_on, milestone-n-kind,
// milestone-n-done_on; the backend names their errors milestones.n.label, and so on. A saved
// étape says its state (à venir, faite le …, en retard) under its « Faite le » field.

import { cloneTemplate, fillSelect, typedDate } from '../../js/dom.js';
import { renameControl } from '../../js/form-errors.js';
import { announce } from '../../js/status.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html']);

const PARTS = [
  { key: 'label', label: (n) => `Libellé de l’étape ${n}` },
  { key: 'planned_on', label: (n) => `Date prévue de l’étape ${n} (jj/mm/aaaa)` },
  { key: 'kind', label: (n) => `Type de l’étape ${n}` },
  { key: 'done_on', label: (n) => `Étape ${n} faite le (jj/mm/aaaa)` },
];

/** Maps a backend field name to the id of its control in the atelier form. */
export function milestoneControlId(field) {
  const match = /^milestones\.(\d+)\.(\w+)$/.exec(field);
  return match ? `milestone-${match[1]}-${match[2]}` : field;
}

/** Fills the editor found in `scope` and wires its buttons; `states` are the saved étapes' states. */
export function setupMilestones(scope, kinds, milestones, states = []) {
  const list = scope.querySelector('#milestones');
  const empty = scope.querySelector('[data-ref="milestones-empty"]');
  const addButton = scope.querySelector('#add-milestone');

  function refresh() {
    renumber(list);
    empty.hidden = list.children.length > 0;
  }

  function add() {
    const row = createRow(kinds, { label: '', planned_on: '', kind: '', done_on: '' });
    list.append(row);
    refresh();
    row.querySelector('[data-part="label"]').focus();
    announce(`L’étape ${list.children.length} a été ajoutée.`);
  }

  function remove(row) {
    const index = [...list.children].indexOf(row);
    row.remove();
    refresh();
    const rows = [...list.children];
    const next = rows[index] ?? rows[index - 1];
    (next?.querySelector('[data-ref="remove"]') ?? addButton).focus();
    announce(`L’étape ${index + 1} a été supprimée.`);
  }

  list.append(...milestones.map((milestone, index) => createRow(kinds, milestone, states[index])));
  refresh();
  addButton.addEventListener('click', add);
  list.addEventListener('click', (event) => {
    const button = event.target.closest('[data-ref="remove"]');
    if (button) remove(button.closest('li'));
  });
}

/** The milestones as the backend expects them, in display order. */
export function readMilestones(scope) {
  const rows = scope.querySelectorAll('#milestones > li');
  return [...rows].map((row) => ({
    label: row.querySelector('[data-part="label"]').value,
    planned_on: row.querySelector('[data-part="planned_on"]').value,
    kind: row.querySelector('[data-part="kind"]').value,
    done_on: row.querySelector('[data-part="done_on"]').value,
  }));
}

function createRow(kinds, milestone, state) {
  const row = cloneTemplate('tpl-milestone-row').querySelector('li');
  row.querySelector('[data-part="label"]').value = milestone.label ?? '';
  row.querySelector('[data-part="planned_on"]').value = typedDate(milestone.planned_on);
  row.querySelector('[data-part="done_on"]').value = typedDate(milestone.done_on);
  fillSelect(row.querySelector('[data-part="kind"]'), kinds, milestone.kind);
  if (state) {
    const text = row.querySelector('[data-ref="state"]');
    text.textContent = state.text;
    text.dataset.state = state.state;
    text.hidden = false;
  }
  return row;
}

// Keeps ids, labels and button texts in step with the position of each row.
function renumber(list) {
  [...list.children].forEach((row, index) => {
    const number = index + 1;
    for (const part of PARTS) {
      const control = row.querySelector(`[data-part="${part.key}"]`);
      renameControl(control, `milestone-${index}-${part.key}`);
      const label = row.querySelector(`[data-label-for="${part.key}"]`);
      label.htmlFor = control.id;
      label.textContent = part.label(number);
    }
    row.querySelector('[data-ref="remove"]').textContent = `Supprimer l’étape ${number}`;
  });
}

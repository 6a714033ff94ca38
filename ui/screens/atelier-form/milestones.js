// Editor of the milestones (étapes) of the calendrier prévisionnel, inside the atelier form.
// Row n (from 0) has the controls milestone-n-label, milestone-n-planned_on, milestone-n-kind;
// the backend names their errors milestones.n.label, milestones.n.planned_on, milestones.n.kind.

import { cloneTemplate, fillSelect, typedDate } from '../../js/dom.js';
import { renameControl } from '../../js/form-errors.js';
import { announce } from '../../js/status.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html']);

const PARTS = [
  { key: 'label', label: (n) => `Libellé de l’étape ${n}` },
  { key: 'planned_on', label: (n) => `Date prévue de l’étape ${n} (jj/mm/aaaa)` },
  { key: 'kind', label: (n) => `Type de l’étape ${n}` },
];

/** Maps a backend field name to the id of its control in the atelier form. */
export function milestoneControlId(field) {
  const match = /^milestones\.(\d+)\.(\w+)$/.exec(field);
  return match ? `milestone-${match[1]}-${match[2]}` : field;
}

/** Fills the editor found in `scope` and wires its buttons. */
export function setupMilestones(scope, kinds, milestones) {
  const list = scope.querySelector('#milestones');
  const empty = scope.querySelector('[data-ref="milestones-empty"]');
  const addButton = scope.querySelector('#add-milestone');

  function refresh() {
    renumber(list);
    empty.hidden = list.children.length > 0;
  }

  function add() {
    const row = createRow(kinds, { label: '', planned_on: '', kind: '' });
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

  list.append(...milestones.map((milestone) => createRow(kinds, milestone)));
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
  }));
}

function createRow(kinds, milestone) {
  const row = cloneTemplate('tpl-milestone-row').querySelector('li');
  row.querySelector('[data-part="label"]').value = milestone.label ?? '';
  row.querySelector('[data-part="planned_on"]').value = typedDate(milestone.planned_on);
  fillSelect(row.querySelector('[data-part="kind"]'), kinds, milestone.kind);
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

// Small DOM helpers shared by the screens (no HTML strings anywhere).

import { setupDateFields } from './date-field.js';

export function cloneTemplate(id) {
  const template = document.getElementById(id);
  if (!(template instanceof HTMLTemplateElement)) {
    throw new Error(`Modèle introuvable : ${id}`);
  }
  const fragment = template.content.cloneNode(true);
  setupDateFields(fragment);
  return fragment;
}

export function ref(scope, name) {
  return scope.querySelector(`[data-ref="${name}"]`);
}

/**
 * Fills a <select> with `{ value, label }` options. A stored value missing from the list
 * is kept as an extra option so that saving never silently changes it.
 */
export function fillSelect(select, options, selected = '') {
  const wanted = selected == null ? '' : String(selected);
  const items = [...options];
  if (wanted !== '' && !items.some((option) => String(option.value) === wanted)) {
    items.push({ value: wanted, label: wanted });
  }
  select.replaceChildren(...items.map(createOption));
  const match = items.find((option) => String(option.value) === wanted);
  select.value = match ? wanted : String(items[0]?.value ?? '');
}

function createOption({ value, label }) {
  const option = document.createElement('option');
  option.value = String(value);
  option.textContent = label;
  return option;
}

/** Label of a vocabulary value, or the raw value when the vocabulary does not know it. */
export function labelOf(entries, value) {
  return entries.find((entry) => entry.value === value)?.label ?? value ?? '';
}

export function compareFrench(a, b) {
  return a.localeCompare(b, 'fr', { sensitivity: 'base' });
}

export function plural(count, singular, pluralForm) {
  return `${count} ${count > 1 ? pluralForm : singular}`;
}

/** "2027-01-05" (as stored) → "05/01/2027" (as typed in the forms); "" for none. */
export function typedDate(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate ?? '';
}

/**
 * Shows `panel` (a table row holding a small form or a question) right after `row`. Its
 * « Annuler » button (data-ref="cancel") and the Escape key remove it and call `back`,
 * which puts the focus back where the user was. Returns that closing function.
 */
export function openRowPanel(row, panel, back) {
  const close = () => {
    panel.remove();
    back();
  };
  ref(panel, 'cancel').addEventListener('click', close);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  row.after(panel);
  return close;
}

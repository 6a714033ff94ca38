// Shows the errors of an ApiError on a form: a message beside each field, and a summary
// (role="alert") at the top of the form. The summary element has the class "error-summary".

import { errorMessage } from './api.js';
import { plural } from './dom.js';
import { frenchSpacing } from './format.js';
import { announce } from './status.js';

const FIELD_ERROR_CLASS = 'field-error';
const ERROR_ID_PREFIX = 'error-';
const FORM_CONTROLS = 'input, select, textarea';
const FOCUSABLE = 'input, select, textarea, button, a[href]';

export function clearErrors(form) {
  form.querySelectorAll(`.${FIELD_ERROR_CLASS}`).forEach((node) => node.remove());
  form.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
  form.querySelectorAll('.is-invalid').forEach((node) => node.classList.remove('is-invalid'));
  form.querySelectorAll('[aria-describedby]').forEach(removeErrorReferences);
  summaryOf(form)?.replaceChildren();
}

/**
 * Displays `error` on `form`. `controlIdFor(field)` maps a backend field name to the id
 * of its control (identity by default). Returns the number of field errors shown.
 */
export function showErrors(form, error, { controlIdFor = (field) => field } = {}) {
  clearErrors(form);
  const fields = Array.isArray(error?.fields) ? error.fields : [];
  const entries = fields
    .map(({ field, message }) => ({ message, control: findControl(form, controlIdFor(field)) }))
    .sort(byDocumentOrder);
  entries.filter((entry) => entry.control).forEach((entry) => markInvalid(form, entry));
  renderSummary(form, error, entries);
  moveFocus(form, entries);
  return entries.length;
}

/**
 * Submits `form` through `save()`, once at a time: while it runs the form is marked pending
 * (data-pending, aria-busy) and another submission is ignored. The form's errors are cleared
 * first; when `save()` throws, the error is shown on the form (`showErrors` with
 * `controlIdFor`) and announced in French typography: « `failed` : 2 erreurs à corriger. »
 * when fields are in error, else « `failed` : » and the error's message. `fieldErrors(error,
 * count)` words the field case otherwise (e.g. the first field's message).
 * `save()` announces its own success (and may show other errors itself, then return).
 * Resolves to what `save()` resolved to, or to false when the form was already pending or
 * `save()` threw.
 */
export async function submitForm(form, { failed, save, controlIdFor, fieldErrors = errorCount }) {
  if (form.dataset.pending === 'true') return false;
  form.dataset.pending = 'true';
  form.setAttribute('aria-busy', 'true');
  clearErrors(form);
  try {
    return await save();
  } catch (error) {
    const count = showErrors(form, error, { controlIdFor });
    const detail = count > 0 ? fieldErrors(error, count) : errorMessage(error);
    announce(frenchSpacing(`${failed} : ${detail}`));
    return false;
  } finally {
    delete form.dataset.pending;
    form.removeAttribute('aria-busy');
  }
}

function errorCount(error, count) {
  return `${plural(count, 'erreur', 'erreurs')} à corriger.`;
}

/** Renames a control that already shows an error (used when milestone rows are renumbered). */
export function renameControl(control, newId) {
  const oldId = control.id;
  if (oldId === newId) return;
  const scope = control.closest('.field') ?? control.parentElement;
  const message = scope?.querySelector(`[id="${CSS.escape(ERROR_ID_PREFIX + oldId)}"]`);
  if (oldId && message) {
    message.id = ERROR_ID_PREFIX + newId;
    const tokens = describedBy(control).map((token) => (token === ERROR_ID_PREFIX + oldId ? message.id : token));
    control.setAttribute('aria-describedby', tokens.join(' '));
  }
  control.id = newId;
}

function summaryOf(form) {
  return form.querySelector('.error-summary');
}

function findControl(form, id) {
  if (!id) return null;
  return form.querySelector(`[id="${CSS.escape(id)}"]`);
}

function byDocumentOrder(a, b) {
  if (!a.control || !b.control) return (a.control ? -1 : 0) + (b.control ? 1 : 0);
  if (a.control === b.control) return 0;
  return a.control.compareDocumentPosition(b.control) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

function markInvalid(form, { control, message }) {
  const errorId = ERROR_ID_PREFIX + control.id;
  const existing = form.querySelector(`[id="${CSS.escape(errorId)}"]`);
  if (existing) {
    existing.textContent = `${existing.textContent} ${message}`;
    return;
  }
  const node = document.createElement('p');
  node.className = FIELD_ERROR_CLASS;
  node.id = errorId;
  node.textContent = message;
  placeMessage(control, node);
  control.setAttribute('aria-describedby', [...describedBy(control), errorId].join(' '));
  control.classList.add('is-invalid');
  if (control.matches(FORM_CONTROLS)) control.setAttribute('aria-invalid', 'true');
}

function placeMessage(control, node) {
  const legend = control.tagName === 'FIELDSET' ? control.querySelector(':scope > legend') : null;
  const wrapper = control.closest('.field');
  if (legend) legend.after(node);
  else if (wrapper) wrapper.append(node);
  else control.after(node);
}

function renderSummary(form, error, entries) {
  const summary = summaryOf(form);
  if (!summary) return;
  const title = document.createElement('p');
  title.className = 'error-summary-title';
  if (entries.length === 0) {
    title.textContent = errorMessage(error);
    summary.replaceChildren(title);
    return;
  }
  title.textContent = entries.length === 1
    ? 'Le formulaire contient une erreur :'
    : `Le formulaire contient ${entries.length} erreurs :`;
  const list = document.createElement('ul');
  list.append(...entries.map(summaryItem));
  summary.replaceChildren(title, list);
}

function summaryItem({ control, message }) {
  const item = document.createElement('li');
  if (!control) {
    item.textContent = message;
    return item;
  }
  const link = document.createElement('a');
  link.href = `#${control.id}`;
  link.textContent = message;
  // The hash belongs to the router: focus the field instead of following the link.
  link.addEventListener('click', (event) => {
    event.preventDefault();
    focusTarget(control).focus();
  });
  item.append(link);
  return item;
}

function moveFocus(form, entries) {
  const first = entries.find((entry) => entry.control);
  if (first) {
    focusTarget(first.control).focus();
  } else {
    summaryOf(form)?.focus();
  }
}

function focusTarget(control) {
  if (control.matches(FOCUSABLE)) return control;
  const inner = control.querySelector(FOCUSABLE);
  if (inner) return inner;
  control.setAttribute('tabindex', '-1');
  return control;
}

function describedBy(element) {
  return (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
}

function removeErrorReferences(element) {
  const kept = describedBy(element).filter((token) => !token.startsWith(ERROR_ID_PREFIX));
  if (kept.length) element.setAttribute('aria-describedby', kept.join(' '));
  else element.removeAttribute('aria-describedby');
}

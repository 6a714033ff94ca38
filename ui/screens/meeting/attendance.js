// The Présences part of a meeting, filled during or after it: each convoked person's
// attendance (présent, à distance, excusé, absent, représenté or suppléé by another convoked
// person, arrived late, left early), saved row by row; the counts; the « à reporter »
// warning when a member whose presence is required is absent; and the people who came
// without being convoked.

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, fillSelect, labelOf, plural, ref } from '../../js/dom.js';
import { frenchSpacing } from '../../js/format.js';
import { clearErrors, showErrors, submitForm } from '../../js/form-errors.js';
import { announce } from '../../js/status.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html']);

const TAKES_SOMEONE = new Set(['represente', 'supplee']);
const ON_SITE = new Set(['present', 'distance']);
const BY_LABELS = { represente: 'Représenté(e) par', supplee: 'Suppléé(e) par' };
const GUEST_IDS = { guest_name: 'meeting-guest-name', name: 'meeting-guest-name', function: 'meeting-guest-function', organisation: 'meeting-guest-organisation' };
const NOT_BEGUN = 'La réunion n’a pas encore commencé : les présences s’enregistrent pendant ou après la séance.';

/** Mounts the part into `panel` for `meeting` (the Meeting JSON). */
export async function mountPart(panel, context, meeting) {
  const [vocabulary, sheet] = await Promise.all([
    context.vocabulary(),
    call('get_attendance', { meetingId: meeting.id }),
  ]);
  if (!context.isCurrent()) return;
  const view = cloneTemplate('tpl-attendance');
  const part = { panel, context, meeting, vocabulary, sheet };
  if (Date.parse(meeting.start_utc) > Date.now()) showRefusal(view, NOT_BEGUN);
  renderSummary(view, part);
  ref(view, 'rows').replaceChildren(...sheet.rows.map((row) => createRow(row, part)));
  view.querySelector('#attendance-table').hidden = sheet.rows.length === 0;
  ref(view, 'empty').hidden = sheet.rows.length > 0;
  renderGuests(view, part);
  setupGuestForm(view, part);
  panel.replaceChildren(view);
}

function showRefusal(scope, message) {
  const box = ref(scope, 'refusal');
  box.textContent = frenchSpacing(/[.!?]$/.test(message) ? message : `${message}.`);
  box.hidden = false;
}

// ---------- Counts and warning ----------

function renderSummary(scope, part) {
  const { sheet } = part;
  const count = (name, text) => { scope.querySelector(`[data-count="${name}"]`).textContent = text; };
  count('present', `${plural(sheet.present_count, 'présent', 'présents')} (sur place ou à distance, invités compris)`);
  count('represented', plural(sheet.represented_count, 'représenté ou suppléé', 'représentés ou suppléés'));
  count('unrecorded', plural(sheet.unrecorded_count, 'non renseigné', 'non renseignés'));
  const warning = ref(scope, 'required-absent');
  warning.hidden = sheet.required_absent.length === 0;
  ref(warning, 'names').textContent = frenchSpacing(
    `présence requise non assurée pour ${sheet.required_absent.join(', ')}.`);
}

function summarySentence(sheet) {
  return `${plural(sheet.present_count, 'présent', 'présents')}, ${plural(sheet.unrecorded_count, 'non renseigné', 'non renseignés')}`
    + (sheet.required_absent.length > 0 ? ' ; réunion à reporter (présence requise non assurée).' : '.');
}

// ---------- One row per convoked person ----------

function createRow(row, part) {
  const tr = cloneTemplate('tpl-attendance-row').querySelector('tr');
  const id = row.person_id;
  tr.dataset.personId = String(id);
  ref(tr, 'name').textContent = row.name;
  ref(tr, 'college').textContent = row.guest ? 'Invité' : labelOf(part.vocabulary.colleges, row.college);
  ref(tr, 'required').textContent = row.presence_required ? 'présence requise' : '';

  const status = ref(tr, 'status');
  status.id = `status-${id}`;
  labelFor(tr, 'status-label', status);
  ref(tr, 'status-label').textContent = `Présence de ${row.name}`;
  fillSelect(status, [{ value: '', label: 'Non renseigné' }, ...part.vocabulary.attendance_statuses], row.status ?? '');

  const by = ref(tr, 'by');
  by.id = `by_person_id-${id}`;
  labelFor(tr, 'by-label', by);
  ref(tr, 'by-who').textContent = ` (pour ${row.name})`;
  const others = part.sheet.rows.filter((other) => other.person_id !== id);
  fillSelect(by, [{ value: '', label: '— Choisir la personne —' },
    ...others.map((other) => ({ value: String(other.person_id), label: other.name }))], row.by_person_id ?? '');

  const late = ref(tr, 'late');
  late.id = `arrived_late-${id}`;
  late.checked = row.arrived_late;
  labelFor(tr, 'late-label', late);
  const early = ref(tr, 'early');
  early.id = `left_early-${id}`;
  early.checked = row.left_early;
  labelFor(tr, 'early-label', early);
  tr.querySelectorAll('[data-ref="who"]').forEach((who) => { who.textContent = ` (${row.name})`; });

  showDependentFields(tr);
  tr.addEventListener('change', (event) => onRowChange(tr, event.target, part));
  return tr;
}

function labelFor(tr, name, control) {
  ref(tr, name).htmlFor = control.id;
}

/** The « par » select only for représenté / suppléé; late / early only for people there. */
function showDependentFields(tr) {
  const status = ref(tr, 'status').value;
  const byField = ref(tr, 'by-field');
  byField.hidden = !TAKES_SOMEONE.has(status);
  ref(tr, 'by-text').textContent = BY_LABELS[status] ?? 'Par';
  const there = ON_SITE.has(status);
  for (const name of ['late', 'early']) {
    const box = ref(tr, name);
    box.disabled = !there;
    if (!there) box.checked = false;
  }
}

function readRow(tr) {
  const status = ref(tr, 'status').value;
  const by = ref(tr, 'by').value;
  return {
    person_id: Number(tr.dataset.personId),
    status,
    by_person_id: TAKES_SOMEONE.has(status) && by !== '' ? Number(by) : null,
    arrived_late: ref(tr, 'late').checked,
    left_early: ref(tr, 'early').checked,
  };
}

function onRowChange(tr, control, part) {
  showDependentFields(tr);
  const input = readRow(tr);
  const row = part.sheet.rows.find((r) => r.person_id === input.person_id);
  if (TAKES_SOMEONE.has(input.status) && input.by_person_id === null) {
    const who = input.status === 'represente' ? 'à qui il ou elle donne pouvoir' : 'qui le ou la supplée';
    announce(frenchSpacing(`Choisissez ${who} dans la liste « ${BY_LABELS[input.status]} » : la présence de ${row.name} sera alors enregistrée.`));
    return;
  }
  saveRow(tr, input, row, control, part);
}

async function saveRow(tr, input, row, control, part) {
  const form = part.panel.querySelector('#attendance-form');
  try {
    part.sheet = await call('record_attendance', { meetingId: part.meeting.id, input });
    if (!part.context.isCurrent()) return;
    clearErrors(form);
    renderSummary(part.panel, part);
    announce(frenchSpacing(`${savedText(row.name, input, part)} ${summarySentence(part.sheet)}`));
  } catch (error) {
    const count = showErrors(form, error, { controlIdFor: (field) => `${field === 'person_id' ? 'status' : field}-${input.person_id}` });
    if (count > 0) {
      announce(frenchSpacing(`La présence de ${row.name} n’a pas été enregistrée : ${error.fields[0].message}`));
      return;
    }
    // Refused as a whole (meeting not begun, cancelled): said once at the top, and the row
    // goes back to what is stored.
    clearErrors(form);
    showRefusal(part.panel, errorMessage(error));
    const fresh = createRow(row, part);
    tr.replaceWith(fresh);
    fresh.querySelector(`[id="${CSS.escape(control.id)}"]`)?.focus();
    announce(frenchSpacing(`La présence de ${row.name} n’a pas été enregistrée : ${errorMessage(error)}`));
  }
}

function savedText(name, input, part) {
  if (input.status === '') return `La présence de ${name} est effacée (non renseignée).`;
  const saved = part.sheet.rows.find((r) => r.person_id === input.person_id);
  const status = labelOf(part.vocabulary.attendance_statuses, input.status);
  const by = saved?.by_name ? ` par ${saved.by_name}` : '';
  const times = [input.arrived_late ? 'arrivé(e) en retard' : '', input.left_early ? 'parti(e) plus tôt' : ''].filter(Boolean);
  return `Présence de ${name} enregistrée : ${status}${by}${times.length ? `, ${times.join(', ')}` : ''}.`;
}

// ---------- People who came without being convoked ----------

function renderGuests(scope, part) {
  const guests = part.sheet.guests;
  ref(scope, 'no-guests').hidden = guests.length > 0;
  ref(scope, 'guests').replaceChildren(...guests.map((guest) => createGuest(guest, part)));
}

function createGuest(guest, part) {
  const item = cloneTemplate('tpl-meeting-guest').querySelector('li');
  item.dataset.guestId = String(guest.id);
  ref(item, 'name').textContent = guest.name;
  ref(item, 'details').textContent = [guest.function, guest.organisation].filter(Boolean).join(', ');
  ref(item, 'remove-who').textContent = ` ${guest.name}`;
  ref(item, 'remove').addEventListener('click', async () => {
    try {
      part.sheet = await call('remove_meeting_guest', { meetingId: part.meeting.id, guestId: guest.id });
      if (!part.context.isCurrent()) return;
      renderGuests(part.panel, part);
      renderSummary(part.panel, part);
      part.panel.querySelector('#meeting-guest-name').focus();
      announce(frenchSpacing(`${guest.name} est retiré(e) des personnes présentes. ${summarySentence(part.sheet)}`));
    } catch (error) {
      announce(frenchSpacing(`${guest.name} n’a pas été retiré(e) : ${errorMessage(error)}`));
    }
  });
  return item;
}

function setupGuestForm(view, part) {
  const form = view.querySelector('#meeting-guest-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitForm(form, {
      failed: 'La personne n’a pas été ajoutée',
      controlIdFor: (field) => GUEST_IDS[field] ?? field,
      fieldErrors: (error) => error.fields[0].message,
      save: async () => {
        const value = (id) => form.querySelector(`#${id}`).value;
        const guest = { id: 0, name: value('meeting-guest-name'), function: value('meeting-guest-function'), organisation: value('meeting-guest-organisation') };
        part.sheet = await call('add_meeting_guest', { meetingId: part.meeting.id, guest });
        if (!part.context.isCurrent()) return;
        form.reset();
        renderGuests(part.panel, part);
        renderSummary(part.panel, part);
        form.querySelector('#meeting-guest-name').focus();
        announce(frenchSpacing(`${guest.name.trim()} est ajouté(e) aux personnes présentes. ${summarySentence(part.sheet)}`));
      },
    });
  });
}

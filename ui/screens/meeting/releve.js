// The Relevé part of a held meeting: the relevé de décisions with the sections of seed 002
// (objectives and agenda, method, synthesis, decisions, actions with their owner and due
// date, questions, points and date of the next meeting), written as a draft, diffused
// (that version is then frozen), validated at a later held meeting of the atelier, and
// corrected by a new version. Every diffused version stays readable. Its sections take the
// light syntax of rich-text.js (paragraphs, bulleted lists, bold, italics), with a toolbar
// and a preview, and are shown read-only the way they print.

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, fillSelect, labelOf, plural, ref, typedDate } from '../../js/dom.js';
import { NBSP, frenchSpacing, longDate, longDateOfStamp } from '../../js/format.js';
import { clearErrors, showErrors, submitForm } from '../../js/form-errors.js';
import { announce } from '../../js/status.js';
import { confirmAction } from '../../js/confirm.js';
import { askWhereToSave, bindAction } from '../../js/documents.js';
import { addRichEditing, showRich } from '../../js/rich-text.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html']);

const TEXT_FIELDS = ['objectives', 'method', 'synthesis', 'questions', 'next_points',
  'next_meeting_on', 'next_meeting_place', 'next_meeting_note'];
const NOT_SET = '—';
/** The sections written in the light syntax. */
const RICH_FIELDS = ['objectives', 'method', 'synthesis', 'questions', 'next_points'];

/** Mounts the part into `panel` for `meeting` (the Meeting JSON). */
export async function mountPart(panel, context, meeting) {
  const [vocabulary, releve, convocations, meetings] = await Promise.all([
    context.vocabulary(),
    call('get_releve', { meetingId: meeting.id }),
    call('get_convocations', { meetingId: meeting.id }),
    call('atelier_meetings', { atelierId: meeting.atelier_id }),
  ]);
  if (!context.isCurrent()) return;
  const part = {
    panel,
    context,
    meeting,
    vocabulary,
    releve,
    people: convocations.rows.map((row) => ({ value: String(row.person_id), label: row.name })),
    // The later meetings of the atelier that are held: where a diffused relevé is validated.
    laterHeld: meetings.filter((m) => m.id !== meeting.id && m.status === 'tenue' && m.start_utc > meeting.start_utc),
  };
  const view = cloneTemplate('tpl-releve');
  setupValidate(view, part);
  setupSend(view, part);
  view.querySelector('#correct-releve').addEventListener('click', () => correct(part));
  panel.replaceChildren(view);
  render(part);
}

// ---------- Showing ----------

function render(part) {
  const { panel, releve, meeting } = part;
  const held = meeting.status === 'tenue';
  ref(panel, 'status-line').textContent = statusLine(releve);
  ref(panel, 'status-line').hidden = !held && !releve;
  ref(panel, 'not-held').hidden = held || Boolean(releve);
  const editable = held && (!releve || releve.editable);
  const body = ref(panel, 'body');
  if (editable) body.replaceChildren(createForm(part));
  else if (releve) body.replaceChildren(createContent(releve));
  else body.replaceChildren();
  panel.querySelector('#correct-releve').hidden = !releve || releve.editable;
  panel.querySelector('#send-releve').hidden = !releve || releve.editable;
  ref(panel, 'send-hint').hidden = !releve || releve.editable;
  renderValidate(part);
  renderVersions(part);
}

function statusLine(releve) {
  if (!releve) return 'Pas encore de relevé : le premier enregistrement crée le brouillon (version 1).';
  const version = `version ${releve.version}`;
  switch (releve.status) {
    case 'diffuse':
      return frenchSpacing(`Diffusé le ${longDate(releve.diffused_on)} — ${version}, en attente de validation à une séance suivante.`);
    case 'valide':
      return frenchSpacing(`Validé le ${longDate(releve.validated_on)}${atMeeting(releve.validated_at)} — ${version}.`);
    default:
      return `Brouillon — ${version}`;
  }
}

/** « , lors de la séance n° 3 de l’atelier … » from the backend's description of a meeting. */
function atMeeting(description) {
  return description ? `, lors de ${description}` : '';
}

/** The content of a relevé (the current one, or a frozen version) as text to read. */
function createContent(content) {
  const view = cloneTemplate('tpl-releve-content').querySelector('dl');
  for (const name of RICH_FIELDS) {
    const section = ref(view, name);
    section.classList.add('rich-text');
    if (content[name]) showRich(section, content[name]);
    else section.textContent = NOT_SET;
  }
  const decisions = content.decisions ?? [];
  ref(view, 'decisions').replaceChildren(...decisions.map((text) => {
    const item = listItem(text);
    item.classList.add('rich-text');
    showRich(item, text);
    return item;
  }));
  ref(view, 'no-decisions').hidden = decisions.length > 0;
  const actions = content.actions ?? [];
  ref(view, 'actions').replaceChildren(...actions.map((action) => listItem(actionText(action))));
  ref(view, 'no-actions').hidden = actions.length > 0;
  const next = [
    content.next_meeting_on ? `Le ${longDate(content.next_meeting_on)}` : '',
    content.next_meeting_place ? `lieu : ${content.next_meeting_place}` : '',
    content.next_meeting_note,
  ].filter(Boolean).join(' ; ');
  ref(view, 'next').textContent = next ? frenchSpacing(`${next.charAt(0).toLocaleUpperCase('fr')}${next.slice(1)}`) : NOT_SET;
  return view;
}

function listItem(text) {
  const item = document.createElement('li');
  item.textContent = text;
  return item;
}

function actionText(action) {
  const owner = action.owner ? ` — porteur : ${action.owner}` : '';
  const due = action.due_on ? ` — échéance : ${longDate(action.due_on)}` : '';
  return frenchSpacing(`${action.text}${owner}${due}`);
}

function renderVersions(part) {
  const versions = part.releve?.versions ?? [];
  const section = ref(part.panel, 'versions-section');
  section.hidden = !part.releve;
  ref(part.panel, 'no-versions').hidden = versions.length > 0;
  ref(part.panel, 'versions').replaceChildren(...[...versions].reverse().map(createVersion));
}

function createVersion(version) {
  const details = cloneTemplate('tpl-releve-version').querySelector('details');
  details.dataset.version = String(version.version);
  const validated = version.validated_on
    ? `, validée le ${longDate(version.validated_on)}${atMeeting(version.validated_at)}`
    : '';
  ref(details, 'summary').textContent =
    frenchSpacing(`Version ${version.version} — diffusée le ${longDate(version.diffused_on)}${validated}`);
  ref(details, 'sent-to').textContent = sentToText(version.sent_to ?? []);
  ref(details, 'content').replaceChildren(createContent(version.content));
  return details;
}

/** « Envoyée par courriel le 12 janvier 2027 à 3 personnes : … », or that it was not. */
function sentToText(recipients) {
  if (recipients.length === 0) return 'Pas encore envoyée par courriel depuis l’application.';
  const dates = [...new Set(recipients.map((r) => longDateOfStamp(r.sent_at)))].join(', ');
  const names = recipients.map((r) => (r.email ? `${r.name} (${r.email})` : r.name)).join(', ');
  return frenchSpacing(`Envoyée par courriel le ${dates} à ${plural(recipients.length, 'personne', 'personnes')} : ${names}.`);
}

/** « Envoyer le relevé par courriel… »: the save dialog, the draft written and opened. */
function setupSend(view, part) {
  bindAction(view.querySelector('#send-releve'), async () => {
    const path = await askWhereToSave({
      name: () => call('releve_draft_file_name', { meetingId: part.meeting.id }),
      title: 'Enregistrer le brouillon du relevé',
      filters: [{ name: 'Message e-mail (.eml)', extensions: ['eml'] }],
      nothing: 'Le relevé n’a pas été envoyé',
      failed: 'Le relevé n’a pas été envoyé',
    });
    if (!path) return;
    try {
      const done = await call('export_releve_draft', { meetingId: part.meeting.id, path });
      part.releve = await call('get_releve', { meetingId: part.meeting.id });
      if (!part.context.isCurrent()) return;
      render(part);
      announce(done.message);
    } catch (error) {
      announce(frenchSpacing(`Le relevé n’a pas été envoyé : ${errorMessage(error)}`));
    }
  });
}

// ---------- The draft's form ----------

function createForm(part) {
  const form = cloneTemplate('tpl-releve-form').querySelector('form');
  const content = part.releve ?? {};
  for (const name of TEXT_FIELDS) {
    const value = content[name] ?? '';
    form.querySelector(`#releve-${name}`).value = name === 'next_meeting_on' ? typedDate(value) : value;
  }
  for (const name of RICH_FIELDS) {
    const textarea = form.querySelector(`#releve-${name}`);
    addRichEditing(textarea, form.querySelector(`label[for="releve-${name}"]`).textContent);
  }
  const decisions = ref(form, 'decisions');
  decisions.append(...(content.decisions ?? []).map((text) => createDecision(text, form)));
  const actions = ref(form, 'actions');
  actions.append(...(content.actions ?? []).map((action) => createAction(action, form, part)));
  renumber(form);
  form.querySelector('#add-decision').addEventListener('click', () => {
    const item = createDecision('', form);
    decisions.append(item);
    renumber(form);
    item.querySelector('textarea').focus();
    announce(`Décision ${decisions.children.length} ajoutée : saisissez-la.`);
  });
  form.querySelector('#add-action').addEventListener('click', () => {
    const item = createAction({}, form, part);
    actions.append(item);
    renumber(form);
    item.querySelector('textarea').focus();
    announce(`Action ${actions.children.length} ajoutée : saisissez-la.`);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save(part, form);
  });
  const diffuseButton = form.querySelector('#diffuse-releve');
  diffuseButton.addEventListener('click', () => diffuse(part, form, diffuseButton));
  return form;
}

function createDecision(text, form) {
  const item = cloneTemplate('tpl-releve-decision').querySelector('li');
  ref(item, 'text').value = text;
  ref(item, 'remove').addEventListener('click', () => removeItem(item, form, 'add-decision', 'Décision retirée.'));
  return item;
}

function createAction(action, form, part) {
  const item = cloneTemplate('tpl-releve-action').querySelector('li');
  if (action.id) item.dataset.actionId = String(action.id);
  ref(item, 'text').value = action.text ?? '';
  const owner = ref(item, 'owner');
  const people = [...part.people];
  if (action.owner_id && !people.some((p) => p.value === String(action.owner_id))) {
    people.push({ value: String(action.owner_id), label: action.owner });
  }
  fillSelect(owner, [{ value: '', label: '— Autre porteur (à saisir) —' }, ...people], action.owner_id ?? '');
  ref(item, 'owner-note').value = action.owner_id ? '' : action.owner ?? '';
  const showNote = () => { ref(item, 'owner-note-field').hidden = owner.value !== ''; };
  owner.addEventListener('change', showNote);
  showNote();
  ref(item, 'due').value = typedDate(action.due_on ?? '');
  ref(item, 'remove').addEventListener('click', () => removeItem(item, form, 'add-action', 'Action retirée.'));
  return item;
}

function removeItem(item, form, addId, sentence) {
  clearErrors(form);
  item.remove();
  renumber(form);
  form.querySelector(`#${addId}`).focus();
  announce(sentence);
}

/** Gives every decision and action its number, its ids (the backend's field names) and labels. */
function renumber(form) {
  [...ref(form, 'decisions').children].forEach((item, i) => {
    const text = ref(item, 'text');
    text.id = `decisions[${i}]`;
    ref(item, 'label').htmlFor = text.id;
    ref(item, 'label').textContent = `Décision ${i + 1}`;
    ref(item, 'remove-who').textContent = ` la décision ${i + 1}`;
  });
  [...ref(form, 'actions').children].forEach((item, i) => {
    ref(item, 'legend').textContent = `Action ${i + 1}`;
    for (const [name, field] of [['text', 'text'], ['owner', 'owner_id'], ['owner-note', 'owner_note'], ['due', 'due_on']]) {
      const control = ref(item, name);
      control.id = `actions[${i}].${field}`;
      ref(item, `${name}-label`).htmlFor = control.id;
    }
    ref(item, 'remove-who').textContent = ` l’action ${i + 1}`;
  });
  ref(form, 'no-decisions').hidden = ref(form, 'decisions').children.length > 0;
  ref(form, 'no-actions').hidden = ref(form, 'actions').children.length > 0;
}

function readForm(form) {
  const input = {};
  for (const name of TEXT_FIELDS) input[name] = form.querySelector(`#releve-${name}`).value;
  input.decisions = [...ref(form, 'decisions').children].map((item) => ref(item, 'text').value);
  input.actions = [...ref(form, 'actions').children].map((item) => {
    const owner = ref(item, 'owner').value;
    return {
      id: item.dataset.actionId ? Number(item.dataset.actionId) : null,
      text: ref(item, 'text').value,
      owner_id: owner === '' ? null : Number(owner),
      owner_note: owner === '' ? ref(item, 'owner-note').value : '',
      due_on: ref(item, 'due').value,
    };
  });
  return input;
}

const controlIdFor = (field) => (/^(actions|decisions)\[/.test(field) ? field : `releve-${field}`);

/** Saves the form; true when saved. */
async function save(part, form, { quiet = false } = {}) {
  return submitForm(form, {
    failed: 'Le relevé n’a pas été enregistré',
    controlIdFor,
    save: async () => {
      part.releve = await call('save_releve', { meetingId: part.meeting.id, input: readForm(form) });
      if (!part.context.isCurrent()) return false;
      if (quiet) return true;
      render(part);
      part.panel.querySelector('#save-releve').focus();
      const { decisions, actions } = part.releve;
      announce(frenchSpacing(`Brouillon du relevé enregistré (version ${part.releve.version}) : `
        + `${plural(decisions.length, 'décision', 'décisions')}, ${plural(actions.length, 'action', 'actions')}.`));
      return true;
    },
  });
}

// ---------- Diffusion, validation, correction ----------

/** « Diffuser » after a confirmation: the draft is saved, then diffused and frozen. */
async function diffuse(part, form, opener) {
  const confirmed = await confirmAction({
    opener,
    title: 'Diffuser le relevé ?',
    paragraphs: ['Le brouillon est d’abord enregistré, puis diffusé aujourd’hui. Cette version est alors conservée telle quelle : elle ne se modifie plus, une correction fera une nouvelle version.'],
    yes: 'Diffuser',
  });
  if (!confirmed || !(await save(part, form, { quiet: true }))) return;
  try {
    part.releve = await call('diffuse_releve', { meetingId: part.meeting.id });
    if (!part.context.isCurrent()) return;
    render(part);
    focusStatus(part);
    announce(frenchSpacing(`Le relevé (version ${part.releve.version}) est diffusé le ${longDate(part.releve.diffused_on)} : `
      + 'cette version ne se modifie plus ; il se validera lors d’une séance suivante.'));
  } catch (error) {
    render(part);
    focusStatus(part);
    announce(frenchSpacing(`Le relevé n’a pas été diffusé : ${errorMessage(error)}`));
  }
}

function focusStatus(part) {
  const line = ref(part.panel, 'status-line');
  line.setAttribute('tabindex', '-1');
  line.focus();
}

function meetingLabel(meeting, vocabulary) {
  const kind = labelOf(vocabulary.meeting_kinds, meeting.kind);
  const number = meeting.session_number ? ` n° ${meeting.session_number}` : '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(meeting.start ?? '');
  const when = match ? `${longDate(match[1])} à ${Number(match[2])}${NBSP}h${NBSP}${match[3]}` : meeting.start;
  return frenchSpacing(`${kind}${number} du ${when}`);
}

function renderValidate(part) {
  const form = part.panel.querySelector('#validate-form');
  form.hidden = part.releve?.status !== 'diffuse';
  const candidates = part.laterHeld;
  ref(form, 'validate-fields').hidden = candidates.length === 0;
  ref(form, 'no-candidate').hidden = candidates.length > 0;
  fillSelect(form.querySelector('#validate-at'),
    candidates.map((m) => ({ value: String(m.id), label: meetingLabel(m, part.vocabulary) })), '');
}

function setupValidate(view, part) {
  const form = view.querySelector('#validate-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const select = form.querySelector('#validate-at');
    const at = part.laterHeld.find((m) => String(m.id) === select.value);
    try {
      part.releve = await call('validate_releve', { meetingId: part.meeting.id, atMeetingId: Number(select.value) });
      if (!part.context.isCurrent()) return;
      render(part);
      focusStatus(part);
      announce(frenchSpacing(`Le relevé est validé (${meetingLabel(at, part.vocabulary)}) : il ne se modifie plus.`));
    } catch (error) {
      showErrors(form, error, { controlIdFor: () => 'validate-at' });
      announce(frenchSpacing(`Le relevé n’a pas été validé : ${errorMessage(error)}`));
    }
  });
}

async function correct(part) {
  try {
    part.releve = await call('correct_releve', { meetingId: part.meeting.id });
    if (!part.context.isCurrent()) return;
    render(part);
    part.panel.querySelector('#releve-objectives').focus();
    announce(`Version ${part.releve.version} du relevé ouverte en brouillon : corrigez-la, puis diffusez-la. La version précédente reste lisible dans la liste des versions.`);
  } catch (error) {
    announce(frenchSpacing(`La version corrigée n’a pas été créée : ${errorMessage(error)}`));
  }
}

// The page of one meeting: what, when, where and its status; postponing, cancelling and
// marking it held (which offers to validate the relevés this meeting can validate); and
// its parts (ordre du jour, convocations, présences, relevé de décisions, documents), each a module
// that exports `mountPart(panel, context, meeting)`, loaded into the panel below.

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, labelOf, ref } from '../../js/dom.js';
import { frenchSpacing } from '../../js/format.js';
import { announce } from '../../js/status.js';
import { confirmAction } from '../../js/confirm.js';
import { atelierPath } from '../../js/atelier-tabs.js';
import { fillStatusTag, meetingName, meetingPlace, meetingWhen } from '../../js/meeting-text.js';
import { loadBeside } from '../../js/assets.js';
import { memoize } from '../../js/memoize.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tables', 'tags', 'notices']);

const PARTS = {
  'ordre-du-jour': { label: 'Ordre du jour', load: memoize(() => import('./agenda.js')) },
  convocations: { label: 'Convocations', load: memoize(() => import('./convocations.js')) },
  presences: { label: 'Présences', load: memoize(() => import('./attendance.js')) },
  releve: { label: 'Relevé de décisions', load: memoize(() => import('./releve.js')) },
  documents: { label: 'Documents', load: memoize(() => import('./documents.js')) },
};
const ACTIVE = new Set(['prevue', 'convoquee']);

export async function mount(root, context) {
  const { id, part } = context.params;
  const [vocabulary, meeting] = await Promise.all([context.vocabulary(), call('get_meeting', { id })]);
  const series = meeting.series_id ? await call('meeting_series', { id }) : null;
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-meeting');
  // The view is a fragment, emptied once mounted: the page keeps the elements it changes later.
  const page = {
    context,
    vocabulary,
    meeting,
    heldDialog: view.querySelector('#meeting-held-dialog'),
    statusTag: ref(view, 'status'),
    holdButton: ref(view, 'hold'),
    series,
  };
  fillSummary(view, meeting, vocabulary);
  fillSeries(view, series);
  setupActions(view, page);
  const panel = setupParts(view, meeting, part);

  root.replaceChildren(view);
  context.setTitle(`${meetingName(meeting, vocabulary)} — atelier ${meeting.atelier}`);
  await mountPart(panel, context, meeting, part);
}

function fillSummary(view, meeting, vocabulary) {
  const back = ref(view, 'back');
  back.href = atelierPath(meeting.atelier_id, 'reunions');
  ref(view, 'back-text').textContent = `Réunions de l’atelier ${meeting.atelier}`;
  ref(view, 'heading').textContent = `${meetingName(meeting, vocabulary)} — atelier ${meeting.atelier}`;
  ref(view, 'subtitle').textContent = meeting.title
    ? frenchSpacing(`« ${meeting.title} » — ${meeting.atelier_title}`)
    : meeting.atelier_title;
  ref(view, 'when').textContent = meetingWhen(meeting);
  ref(view, 'kind').textContent = labelOf(vocabulary.meeting_kinds, meeting.kind);
  ref(view, 'place').textContent = meetingPlace(meeting);
  ref(view, 'address').textContent = meeting.address;
  ref(view, 'address-row').hidden = !meeting.address;
  ref(view, 'video').textContent = meeting.video_link;
  ref(view, 'video-row').hidden = !meeting.video_link;
  ref(view, 'notes').textContent = meeting.notes;
  ref(view, 'notes-row').hidden = !meeting.notes;
  fillStatusTag(ref(view, 'status'), meeting, vocabulary);
}

/** « Réunion 3 sur 10 de la série « le 2e mardi de chaque mois, 10 réunions » ». */
function fillSeries(view, series) {
  if (!series) return;
  ref(view, 'series-row').hidden = false;
  ref(view, 'series').textContent = frenchSpacing(
    `Réunion ${series.position} sur ${series.count} de la série « ${series.description} »`);
}

// ---------- Parts ----------

function setupParts(view, meeting, current) {
  for (const link of view.querySelectorAll('.meeting-parts a[data-part]')) {
    link.href = `#/reunions/${meeting.id}/${link.dataset.part}`;
    if (link.dataset.part === current) link.setAttribute('aria-current', 'page');
  }
  const panel = ref(view, 'panel');
  panel.setAttribute('aria-labelledby', `part-link-${current}`);
  panel.dataset.part = current;
  return panel;
}

async function mountPart(panel, context, meeting, part) {
  const { label, load } = PARTS[part] ?? PARTS['ordre-du-jour'];
  let module;
  try {
    module = await load();
  } catch {
    if (context.isCurrent()) showPartError(panel, `La partie « ${label} » n’a pas pu être chargée : elle n’est pas encore disponible dans cette version.`);
    return;
  }
  try {
    await module.mountPart(panel, context, meeting);
  } catch (error) {
    if (context.isCurrent()) showPartError(panel, `La partie « ${label} » n’a pas pu être affichée : ${errorMessage(error)}`);
  }
}

function showPartError(panel, text) {
  const message = document.createElement('p');
  message.className = 'error-message';
  message.textContent = frenchSpacing(text);
  panel.replaceChildren(message);
}

// ---------- Status changes ----------

function setupActions(view, page) {
  const { meeting } = page;
  const started = new Date(meeting.start_utc).getTime() <= Date.now();
  const edit = ref(view, 'edit');
  edit.href = `#/reunions/${meeting.id}/modifier`;
  edit.hidden = meeting.status === 'annulee';
  ref(view, 'postpone').hidden = !ACTIVE.has(meeting.status);
  ref(view, 'cancel').hidden = meeting.status === 'annulee' || meeting.status === 'tenue';
  ref(view, 'hold').hidden = !(ACTIVE.has(meeting.status) && started);
  ref(view, 'delete').hidden = meeting.status === 'tenue';

  const name = meetingName(meeting, page.vocabulary);
  const ask = (event, { title, text, yes, run }) => {
    const opener = event.currentTarget;
    confirmAction({ opener, title, paragraphs: [text], yes, no: 'Ne rien changer' })
      .then((confirmed) => confirmed && run());
  };
  ref(view, 'postpone').addEventListener('click', (event) => ask(event, {
    title: 'Reporter la réunion ?',
    text: `${name} de l’atelier ${meeting.atelier} (${meetingWhen(meeting)}) sera marquée « reportée », à une date encore à fixer. Les personnes convoquées devront être reconvoquées.`,
    yes: 'Reporter la réunion',
    run: () => changeStatus(page, 'postpone_meeting', 'a été reportée'),
  }));
  ref(view, 'cancel').addEventListener('click', (event) => ask(event, {
    title: 'Annuler la réunion ?',
    text: `${name} de l’atelier ${meeting.atelier} (${meetingWhen(meeting)}) sera annulée. Une réunion annulée ne peut plus être modifiée.`,
    yes: 'Annuler la réunion',
    run: () => changeStatus(page, 'cancel_meeting', 'a été annulée'),
  }));
  const others = (page.series?.following ?? 0) - 1;
  ref(view, 'cancel-following').hidden = others < 1 || ref(view, 'cancel').hidden;
  ref(view, 'cancel-following').addEventListener('click', (event) => ask(event, {
    title: 'Annuler cette réunion et les suivantes de la série ?',
    text: `${name} de l’atelier ${meeting.atelier} (${meetingWhen(meeting)}) sera annulée, avec ${others > 1 ? `les ${others} réunions suivantes` : 'la réunion suivante'} de la série. Une réunion annulée ne peut plus être modifiée.`,
    yes: `Annuler les ${others + 1} réunions`,
    run: () => cancelFollowing(page),
  }));
  ref(view, 'hold').addEventListener('click', () => markHeld(page));
  ref(view, 'delete').addEventListener('click', (event) => ask(event, {
    title: 'Supprimer la réunion ?',
    text: `${name} de l’atelier ${meeting.atelier} (${meetingWhen(meeting)}) sera supprimée avec son ordre du jour, comme si elle n’avait jamais été planifiée. Ce n’est possible que si rien n’a encore été envoyé ni enregistré pour elle ; sinon, annulez-la.`,
    yes: 'Supprimer la réunion',
    run: () => deleteMeeting(page),
  }));
}

async function deleteMeeting(page) {
  const { meeting, context } = page;
  const name = meetingName(meeting, page.vocabulary);
  try {
    await call('delete_meeting', { id: meeting.id });
  } catch (error) {
    announce(frenchSpacing(`La réunion n’a pas été supprimée : ${errorMessage(error)}`));
    return;
  }
  announce(`${name} de l’atelier ${meeting.atelier} a été supprimée.`);
  if (context.isCurrent()) context.navigate(`#/ateliers/${meeting.atelier_id}/reunions`);
}

async function cancelFollowing(page) {
  const { meeting, context } = page;
  try {
    const cancelled = await call('cancel_following', { id: meeting.id });
    announce(frenchSpacing(`${cancelled.length} réunions de la série de l’atelier ${meeting.atelier} ont été annulées, `
      + `à partir du ${meetingWhen(meeting)}.`));
  } catch (error) {
    announce(frenchSpacing(`Les réunions n’ont pas changé : ${errorMessage(error)}`));
  }
  if (context.isCurrent()) context.navigate(location.hash);
}

async function changeStatus(page, command, done) {
  const { meeting, context } = page;
  const name = meetingName(meeting, page.vocabulary);
  try {
    await call(command, { id: meeting.id });
    announce(`${name} de l’atelier ${meeting.atelier} ${done}.`);
  } catch (error) {
    announce(frenchSpacing(`La réunion n’a pas changé : ${errorMessage(error)}`));
  }
  if (context.isCurrent()) context.navigate(location.hash);
}

async function markHeld(page) {
  const { meeting, context } = page;
  const name = meetingName(meeting, page.vocabulary);
  let held;
  try {
    held = await call('mark_meeting_held', { id: meeting.id });
  } catch (error) {
    announce(frenchSpacing(`La réunion n’a pas été marquée tenue : ${errorMessage(error)}`));
    return;
  }
  const sentence = `${name} de l’atelier ${meeting.atelier} est marquée tenue.`;
  if (!context.isCurrent()) return;
  if (held.releves_to_validate.length === 0) {
    announce(sentence);
    context.navigate(location.hash);
    return;
  }
  // The page is drawn again when the dialog closes; meanwhile its status already says it.
  page.statusTag.className = 'tag';
  fillStatusTag(page.statusTag, held.meeting, page.vocabulary);
  page.holdButton.hidden = true;
  announce(`${sentence} Elle peut valider ${held.releves_to_validate.length > 1 ? 'des relevés' : 'un relevé'} de décisions.`);
  openHeldDialog(page.heldDialog, meeting, held.releves_to_validate, () => {
    if (context.isCurrent()) context.navigate(location.hash);
  });
}

/** Offers to validate, at this meeting, each relevé it can validate. */
function openHeldDialog(dialog, meeting, releves, whenClosed) {
  const list = ref(dialog, 'releves');
  list.replaceChildren(...releves.map(([meetingId, text]) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button primary';
    button.textContent = frenchSpacing(`Valider le ${text.charAt(0).toLocaleLowerCase('fr')}${text.slice(1)}`);
    button.addEventListener('click', () => validate(dialog, item, { meetingId, atMeetingId: meeting.id, text }));
    item.append(button);
    return item;
  }));
  dialog.querySelector('#meeting-held-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', whenClosed, { once: true });
  dialog.showModal();
  list.querySelector('button')?.focus();
}

async function validate(dialog, item, { meetingId, atMeetingId, text }) {
  if (item.dataset.pending === 'true') return;
  item.dataset.pending = 'true';
  let releve;
  try {
    releve = await call('validate_releve', { meetingId, atMeetingId });
  } catch (error) {
    delete item.dataset.pending;
    announce(frenchSpacing(`Le relevé n’a pas été validé : ${errorMessage(error)}`));
    return;
  }
  const sentence = frenchSpacing(`${text} : validé à cette séance (version ${releve.version}).`);
  const done = document.createElement('p');
  done.textContent = sentence;
  item.replaceChildren(done);
  announce(sentence);
  (dialog.querySelector('.held-releves button') ?? dialog.querySelector('#meeting-held-close')).focus();
}

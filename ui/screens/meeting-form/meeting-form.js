// The form of a meeting, to plan one in an atelier or to change one. Before saving it asks
// the core for the conflicts (another atelier's meeting at that time, people convoked
// twice) and the notices (a date outside the atelier's planned period): the secretary
// then saves deliberately (« Enregistrer malgré tout ») or changes the date. A new meeting
// may be repeated (a series: the dates and every conflict shown before anything is saved);
// a meeting of a series may be changed with all that follow it.

import { call } from '../../js/api.js';
import { cloneTemplate, fillSelect, plural, ref, typedDate } from '../../js/dom.js';
import { frenchSpacing } from '../../js/format.js';
import { submitForm } from '../../js/form-errors.js';
import { announce } from '../../js/status.js';
import { atelierPath } from '../../js/atelier-tabs.js';
import { meetingName, meetingPlace, meetingWhen } from '../../js/meeting-text.js';
import { loadBeside } from '../../js/assets.js';
import { buildRule, choiceLabels, dayFacts, readDate } from '../../js/recurrence.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tags', 'notices']);

const FIELDS = ['session_number', 'kind', 'convoke', 'title', 'date', 'start_time', 'end_time', 'end_date', 'place', 'address', 'video_link', 'notes'];
const controlIdFor = (field) => `meeting-${field}`;

export async function mount(root, context) {
  const { atelierId, id } = context.params;
  const vocabulary = await context.vocabulary();
  const meeting = id === null ? null : await call('get_meeting', { id });
  const [atelier, extra, series] = await Promise.all([
    call('get_atelier', { id: meeting ? meeting.atelier_id : atelierId }),
    meeting ? null : Promise.all([call('next_session_number', { atelierId }), call('get_settings')]),
    meeting?.series_id ? call('meeting_series', { id: meeting.id }) : null,
  ]);
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-meeting-form');
  const form = view.querySelector('#meeting-form');
  const page = { context, vocabulary, atelier, meeting, form, series };
  fillHeading(view, page);
  fillSelect(form.querySelector('#meeting-kind'), vocabulary.meeting_kinds, meeting ? meeting.kind : 'seance');
  setupConvoke(form, meeting);
  if (meeting) setupFollowing(form, series);
  else setupRepeat(form);
  if (meeting) {
    fillFromMeeting(form, meeting);
  } else {
    const [next, settings] = extra;
    suggestNumber(form, String(next));
    form.querySelector('#meeting-place').value = settings.default_place ?? '';
  }
  setupSubmit(page);

  root.replaceChildren(view);
  context.setTitle(meeting
    ? `Modifier : ${meetingName(meeting, vocabulary)}, atelier ${atelier.code}`
    : `Planifier une réunion : atelier ${atelier.code}`);
}

/**
 * A new séance takes the atelier's next number; another kind has none: the suggestion
 * follows the kind while the secretary has not typed another number.
 */
function suggestNumber(form, next) {
  const kind = form.querySelector('#meeting-kind');
  const number = form.querySelector('#meeting-session_number');
  number.value = kind.value === 'seance' ? next : '';
  kind.addEventListener('change', () => {
    if (kind.value === 'seance' && number.value === '') number.value = next;
    else if (kind.value !== 'seance' && number.value === next) number.value = '';
  });
}

/** « Personnes convoquées », shown for a kind other than séance; empty for a séance. */
function setupConvoke(form, meeting) {
  const kind = form.querySelector('#meeting-kind');
  const field = ref(form, 'convoke-field');
  const select = form.querySelector('#meeting-convoke');
  if (meeting) ref(form, 'convoke-none').textContent = 'Garder la liste actuelle';
  const show = () => {
    field.hidden = kind.value === 'seance';
    if (field.hidden) select.value = '';
  };
  kind.addEventListener('change', show);
  show();
}

/** « Répétition », for a new meeting: the choices said with the first date's day. */
function setupRepeat(form) {
  ref(form, 'repeat-part').hidden = false;
  const select = form.querySelector('#meeting-repeat');
  const date = form.querySelector('#meeting-date');
  const details = form.querySelectorAll('[data-ref="repeat-detail"]');
  const update = () => {
    const first = readDate(date.value);
    const labels = choiceLabels(first);
    ref(form, 'repeat-weekly').textContent = labels.weekly;
    ref(form, 'repeat-rank').textContent = labels.rank;
    ref(form, 'repeat-day').textContent = labels.day;
    const last = ref(form, 'repeat-last');
    last.textContent = labels.last;
    last.hidden = !(first && dayFacts(first).last);
    last.disabled = last.hidden;
    if (last.hidden && select.value === 'monthly-last') select.value = 'monthly-rank';
    details.forEach((field) => { field.hidden = select.value === ''; });
    ref(form, 'interval-label').textContent = select.value === 'weekly'
      ? 'Toutes les … semaines (1 : chaque semaine)'
      : 'Tous les … mois (1 : chaque mois)';
  };
  date.addEventListener('input', update);
  date.addEventListener('change', update);
  select.addEventListener('change', update);
  update();
}

/** « Série », for a meeting of a series: change it alone or with the following ones. */
function setupFollowing(form, series) {
  if (!series) return;
  ref(form, 'following-part').hidden = false;
  ref(form, 'series-text').textContent = frenchSpacing(
    `Réunion ${series.position} sur ${series.count} de la série « ${series.description} ».`);
  const others = series.following - 1;
  const box = form.querySelector('#meeting-following');
  if (others < 1) {
    box.closest('.check').hidden = true;
    return;
  }
  ref(form, 'following-label').textContent = frenchSpacing(
    `Appliquer aussi aux ${plural(others, 'réunion suivante', 'réunions suivantes')} de la série `
    + '(même décalage de date, mêmes horaires et même lieu)');
}

/** The rule of the series the form asks for, '' for one meeting. */
function readRule(form) {
  if (form.querySelector('#meeting-repeat').closest('fieldset').hidden) return '';
  return buildRule(form.querySelector('#meeting-repeat').value, readDate(form.querySelector('#meeting-date').value), {
    interval: form.querySelector('#meeting-repeat_interval').value,
    count: form.querySelector('#meeting-repeat_count').value,
    until: form.querySelector('#meeting-repeat_until').value,
  });
}

const following = (page) => Boolean(page.series) && page.form.querySelector('#meeting-following').checked;

function fillHeading(view, { atelier, meeting, vocabulary }) {
  const back = ref(view, 'back');
  let heading = `Planifier une réunion — atelier ${atelier.code}`;
  if (meeting) {
    const name = meetingName(meeting, vocabulary);
    back.href = `#/reunions/${meeting.id}`;
    ref(view, 'back-text').textContent = `Retour à la réunion (${name})`;
    heading = `Modifier la réunion : ${name} — atelier ${atelier.code}`;
    ref(view, 'save').textContent = 'Enregistrer les modifications';
  } else {
    back.href = atelierPath(atelier.id, 'reunions');
    ref(view, 'back-text').textContent = `Retour aux réunions de l’atelier ${atelier.code}`;
  }
  ref(view, 'heading').textContent = frenchSpacing(heading);
  ref(view, 'subtitle').textContent = atelier.title;
}

function fillFromMeeting(form, meeting) {
  const day = (localDateTime) => typedDate(localDateTime.slice(0, 10));
  const values = {
    session_number: meeting.session_number ? String(meeting.session_number) : '',
    title: meeting.title,
    date: day(meeting.start),
    start_time: meeting.start.slice(11, 16),
    end_time: meeting.end.slice(11, 16),
    end_date: meeting.end.slice(0, 10) === meeting.start.slice(0, 10) ? '' : day(meeting.end),
    place: meeting.place,
    address: meeting.address,
    video_link: meeting.video_link,
    notes: meeting.notes,
  };
  for (const [field, value] of Object.entries(values)) {
    form.querySelector(`#${controlIdFor(field)}`).value = value ?? '';
  }
}

function readInput(page) {
  const { form, atelier } = page;
  const input = { atelier_id: atelier.id, fold: '' };
  for (const field of FIELDS) input[field] = form.querySelector(`#${controlIdFor(field)}`).value;
  const foldShown = !form.querySelector('#meeting-fold').hidden;
  input.fold = foldShown ? form.querySelector('input[name="meeting-fold"]:checked')?.value ?? '' : '';
  return input;
}

// ---------- Saving, after the conflicts ----------

function setupSubmit(page) {
  const { form } = page;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await submit(page, () => checkThenSave(page));
  });
  form.querySelector('#save-anyway').addEventListener('click', () => submit(page, () => save(page, true)));
  form.querySelector('#change-date').addEventListener('click', () => {
    hideConflicts(form);
    form.querySelector('#meeting-date').focus();
    announce('Modifiez la date ou les horaires, puis enregistrez de nouveau.');
  });
}

/** Runs `action` once at a time on the form, its errors shown on the form. */
function submit(page, action) {
  const { form } = page;
  return submitForm(form, {
    failed: page.meeting ? 'La réunion n’a pas été modifiée' : 'La réunion n’a pas été planifiée',
    controlIdFor,
    save: async () => {
      try {
        await action();
      } catch (error) {
        prepareErrors(form, error);
        throw error;
      }
    },
  });
}

async function checkThenSave(page) {
  const { form } = page;
  hideConflicts(form);
  const input = readInput(page);
  const rule = readRule(form);
  if (rule) {
    const plan = await call('series_preview', { input, rule });
    if (page.context.isCurrent()) showConflicts(page, plan, plan);
    return;
  }
  const report = following(page)
    ? await call('following_conflicts', { id: page.meeting.id, input })
    : await call('meeting_conflicts', { id: page.meeting?.id ?? null, input });
  if (!page.context.isCurrent()) return;
  if (report.conflicts.length === 0 && report.notices.length === 0) {
    await save(page, false);
    return;
  }
  showConflicts(page, report);
}

async function save(page, force) {
  const { meeting } = page;
  const input = readInput(page);
  const rule = readRule(page.form);
  if (rule) {
    const meetings = await call('create_series', { input, rule, force });
    const [first, last] = [meetings[0], meetings[meetings.length - 1]];
    announce(frenchSpacing(`La série de l’atelier ${page.atelier.code} a été planifiée : `
      + `${plural(meetings.length, 'réunion', 'réunions')}, du ${meetingWhen(first)} au ${meetingWhen(last)}.`));
    if (page.context.isCurrent()) page.context.navigate(atelierPath(page.atelier.id, 'reunions'));
    return;
  }
  if (following(page)) {
    const moved = await call('update_following', { id: meeting.id, input, force });
    announce(frenchSpacing(`${plural(moved.length, 'réunion de la série a été modifiée', 'réunions de la série ont été modifiées')}, `
      + `à partir du ${meetingWhen(moved[0])}.`));
    if (page.context.isCurrent()) page.context.navigate(`#/reunions/${meeting.id}`);
    return;
  }
  const saved = meeting
    ? await call('update_meeting', { id: meeting.id, input, force })
    : await call('create_meeting', { input, force });
  const name = meetingName(saved, page.vocabulary);
  const what = meeting ? 'a été modifiée' : 'a été planifiée';
  announce(frenchSpacing(`${name} de l’atelier ${page.atelier.code} ${what} : ${meetingWhen(saved)}.`));
  if (page.context.isCurrent()) page.context.navigate(`#/reunions/${saved.id}`);
}

/** Before the errors are shown: no conflicts any more, and the choice of a local time that happens twice. */
function prepareErrors(form, error) {
  hideConflicts(form);
  const fields = error?.fields ?? [];
  // A local time that happens twice: the core asks which one, the form shows the choice.
  if (fields.some((entry) => entry.field === 'fold')) form.querySelector('#meeting-fold').hidden = false;
}

// ---------- The conflicts ----------

function hideConflicts(form) {
  const box = form.querySelector('#meeting-conflicts');
  box.hidden = true;
  ref(box, 'series-box').hidden = true;
  ref(box, 'series-dates').replaceChildren();
  ref(box, 'conflict-list').replaceChildren();
  ref(box, 'notice-list').replaceChildren();
  ref(form, 'submit-actions').hidden = false;
}

/** The conflicts and notices of `report` to examine; for a series (`plan`), its dates too. */
function showConflicts(page, report, plan = null) {
  const { form, vocabulary } = page;
  const box = form.querySelector('#meeting-conflicts');
  const anyway = form.querySelector('#save-anyway');
  anyway.textContent = 'Enregistrer malgré tout';
  if (plan) {
    ref(box, 'series-box').hidden = false;
    ref(box, 'series-summary').textContent = frenchSpacing(
      `Série « ${plan.description} » : ${plural(plan.dates.length, 'réunion', 'réunions')}.`);
    ref(box, 'series-dates').replaceChildren(...plan.dates.map((when) => {
      const item = document.createElement('li');
      item.textContent = frenchSpacing(when);
      return item;
    }));
    if (report.conflicts.length === 0) {
      anyway.textContent = `Planifier les ${plural(plan.dates.length, 'réunion', 'réunions')}`;
    }
  }
  ref(box, 'conflict-list').replaceChildren(...report.conflicts.map((conflict) => createConflict(conflict, vocabulary)));
  ref(box, 'notice-list').replaceChildren(...report.notices.map((notice) => {
    const item = document.createElement('li');
    item.textContent = frenchSpacing(notice);
    return item;
  }));
  const parts = [];
  if (report.conflicts.length) parts.push(plural(report.conflicts.length, 'conflit', 'conflits'));
  if (report.notices.length) parts.push(plural(report.notices.length, 'remarque', 'remarques'));
  const examine = parts.length ? ` : ${parts.join(' et ')}` : '';
  ref(box, 'conflicts-title').textContent = frenchSpacing(plan
    ? `Dates de la série à vérifier avant d’enregistrer${examine}`
    : `À examiner avant d’enregistrer${examine}`);
  box.hidden = false;
  ref(form, 'submit-actions').hidden = true;
  ref(box, 'conflicts-title').focus();
  const what = plan ? 'La série n’est pas encore enregistrée' : 'La réunion n’est pas encore enregistrée';
  const toExamine = parts.length ? ` : ${parts.join(' et ')} à examiner` : '';
  announce(frenchSpacing(`${what}${toExamine}. Choisissez « ${anyway.textContent} » ou « Modifier la date ».`));
}

function createConflict(conflict, vocabulary) {
  const item = cloneTemplate('tpl-meeting-conflict').querySelector('li');
  const other = conflict.meeting;
  ref(item, 'message').textContent = frenchSpacing(conflict.message);
  const link = document.createElement('a');
  link.href = `#/reunions/${other.id}`;
  link.textContent = `${meetingName(other, vocabulary)} de l’atelier ${other.atelier}`;
  const meetingLine = ref(item, 'meeting');
  meetingLine.append('Réunion en conflit\u00a0: ', link,
    frenchSpacing(`, ${meetingWhen(other)}, ${meetingPlace(other)}${conflict.other_atelier ? ' (autre atelier)' : ''}.`));
  const people = ref(item, 'people');
  if (conflict.people.length === 0) {
    people.remove();
  } else {
    const names = conflict.people.map(([, name]) => name).join(', ');
    people.textContent = frenchSpacing(`${plural(conflict.people.length, 'personne convoquée', 'personnes convoquées')} aux deux réunions : ${names}.`);
  }
  return item;
}

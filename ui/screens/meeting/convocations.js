// The Convocations part of a meeting: who is convoked (members at the meeting's date and
// guests), what was sent to each of them — when, by which channel, for which version of the
// meeting — and their reply. Nothing is sent by the application: the secretary records what
// was sent. A change of date, time or place leaves the holders of an older convocation
// « à reconvoquer ».

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, fillSelect, labelOf, plural, ref } from '../../js/dom.js';
import { NBSP, frenchSpacing, fullName, longDate, longDateOfStamp } from '../../js/format.js';
import { showErrors, submitForm } from '../../js/form-errors.js';
import { bindPersonSearch, showPeopleFound } from '../../js/person-search.js';
import { announce } from '../../js/status.js';
import { renderChoice, setupChoice } from './members-choice.js';
import { renderReach, setupReach } from './post.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html']);

const STATES = {
  a_envoyer: { label: 'À envoyer', tone: 'is-neutral' },
  a_jour: { label: 'À jour', tone: 'is-ok' },
  a_reconvoquer: { label: 'À reconvoquer', tone: 'is-warning' },
};
const SEND_IDS = { people: 'convocations-all', channel: 'convocation-channel' };

/** Mounts the part into `panel` for `meeting` (the Meeting JSON). */
export async function mountPart(panel, context, meeting) {
  const [vocabulary, convocations] = await Promise.all([
    context.vocabulary(),
    call('get_convocations', { meetingId: meeting.id }),
  ]);
  if (!context.isCurrent()) return;
  const view = cloneTemplate('tpl-convocations');
  const part = { panel, context, meeting, vocabulary, convocations };
  fillSelect(view.querySelector('#convocation-channel'), vocabulary.convocation_channels, 'courriel');
  render(view, part);
  setupSelection(view, part);
  setupSend(view, part);
  setupGuest(view, part);
  setupChoice(view, part, (convocations) => {
    part.convocations = convocations;
    render(part.panel, part);
  });
  setupReach(view, part, async () => {
    part.convocations = await call('get_convocations', { meetingId: part.meeting.id });
    if (part.context.isCurrent()) render(part.panel, part);
  });
  panel.replaceChildren(view);
}

// ---------- Showing ----------

function render(scope, part) {
  const { convocations } = part;
  const deadline = ref(scope, 'deadline');
  deadline.hidden = !convocations.deadline;
  ref(deadline, 'text').textContent = frenchSpacing(`${convocations.deadline ?? ''}.`);
  const outdated = ref(scope, 'outdated');
  outdated.hidden = convocations.outdated === 0;
  ref(outdated, 'text').textContent = frenchSpacing(`${convocations.outdated > 1
    ? `${convocations.outdated} personnes sont à reconvoquer`
    : '1 personne est à reconvoquer'} : la date, l’heure ou le lieu de la réunion a changé depuis leur convocation.`);
  ref(scope, 'summary').textContent = summaryText(convocations);
  ref(scope, 'rows').replaceChildren(...convocations.rows.map((row) => createRow(row, part)));
  scope.querySelector('#convocations-form').hidden = convocations.rows.length === 0;
  ref(scope, 'empty').hidden = convocations.rows.length > 0;
  ref(scope, 'empty').textContent = convocations.members.length > 0
    ? 'Personne n’est encore convoqué à cette réunion : cochez les membres ci-dessous, ou convoquez une personne invitée.'
    : 'Personne n’est convoqué à cette réunion : l’atelier n’a pas de membre à cette date.';
  renderChoice(scope, convocations);
  renderReach(scope, convocations);
  updateSelectionCount(scope);
}

function summaryText({ rows, to_send: toSend, outdated }) {
  const upToDate = rows.length - toSend - outdated;
  return frenchSpacing(`${plural(rows.length, 'personne convoquée', 'personnes convoquées')} : `
    + `${toSend} à envoyer, ${upToDate} à jour, ${outdated} à reconvoquer.`);
}

function createRow(row, part) {
  const { vocabulary } = part;
  const tr = cloneTemplate('tpl-convocation-row').querySelector('tr');
  tr.dataset.personId = String(row.person_id);
  tr.dataset.state = row.state;
  const select = ref(tr, 'select');
  select.id = `convocation-select-${row.person_id}`;
  select.value = String(row.person_id);
  const selectLabel = ref(tr, 'select-label');
  selectLabel.htmlFor = select.id;
  selectLabel.textContent = `Choisir ${row.name}`;
  ref(tr, 'name').textContent = row.name;
  ref(tr, 'college').textContent = row.guest ? 'Invité' : labelOf(vocabulary.colleges, row.college);
  ref(tr, 'email').textContent = row.email || '—';
  const state = STATES[row.state] ?? { label: row.state, tone: 'is-neutral' };
  const tag = ref(tr, 'state');
  tag.textContent = state.label;
  tag.classList.add(state.tone);
  ref(tr, 'sent').textContent = sentText(row, vocabulary);
  ref(tr, 'version').textContent = versionText(row, part.meeting);
  setupReply(tr, row, part);
  const remove = ref(tr, 'remove');
  remove.hidden = !row.guest;
  ref(tr, 'remove-who').textContent = ` ${row.name} (invité)`;
  remove.addEventListener('click', () => removeGuest(row, part));
  return tr;
}

function sentText(row, vocabulary) {
  if (!row.sent_at) return '';
  const channel = row.channel ? ` (${labelOf(vocabulary.convocation_channels, row.channel).toLocaleLowerCase('fr')})` : '';
  return `Envoyée le ${longDateOfStamp(row.sent_at)}${channel}`;
}

/** The version a convocation announced, when it differs from the meeting as it stands. */
function versionText(row, meeting) {
  if (!row.sent_at) return '';
  const sameStart = row.sent_start === meeting.start;
  const samePlace = (row.sent_place ?? '') === (meeting.place ?? '');
  if (sameStart && samePlace) return '';
  const parts = [
    sameStart ? '' : `le ${momentText(row.sent_start)}`,
    samePlace ? '' : `à « ${row.sent_place || 'lieu non précisé'} »`,
  ].filter(Boolean);
  return frenchSpacing(`Convocation pour ${parts.join(' ')}`);
}

/** "2027-01-12T18:00:00" → « 12 janvier 2027 à 18 h 00 ». */
function momentText(localIso) {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(localIso ?? '');
  if (!match) return localIso ?? '';
  return `${longDate(match[1])} à ${Number(match[2])}${NBSP}h${NBSP}${match[3]}`;
}

// ---------- Replies ----------

function setupReply(tr, row, part) {
  const select = ref(tr, 'reply');
  select.id = `convocation-reply-${row.person_id}`;
  const label = ref(tr, 'reply-label');
  label.htmlFor = select.id;
  label.textContent = `Réponse de ${row.name}`;
  fillSelect(select, part.vocabulary.convocation_replies, row.reply);
  select.addEventListener('change', async () => {
    const reply = select.value;
    try {
      part.convocations = await call('record_reply', { meetingId: part.meeting.id, personId: row.person_id, reply });
      const label = labelOf(part.vocabulary.convocation_replies, reply);
      announce(frenchSpacing(`Réponse de ${row.name} enregistrée : « ${label} ».`));
    } catch (error) {
      select.value = row.reply;
      announce(frenchSpacing(`La réponse de ${row.name} n’a pas été enregistrée : ${errorMessage(error)}`));
    }
  });
}

// ---------- Choosing people and recording what was sent ----------

function rowChecks(scope) {
  return [...scope.querySelectorAll('#convocations-table [data-ref="select"]')];
}

function updateSelectionCount(scope) {
  const checks = rowChecks(scope);
  const chosen = checks.filter((check) => check.checked).length;
  ref(scope, 'selected-count').textContent = chosen === 0
    ? 'Aucune personne choisie.'
    : `${plural(chosen, 'personne choisie', 'personnes choisies')}.`;
  const all = scope.querySelector('#convocations-all');
  all.checked = checks.length > 0 && chosen === checks.length;
  all.indeterminate = chosen > 0 && chosen < checks.length;
}

function setupSelection(view, part) {
  const all = view.querySelector('#convocations-all');
  all.addEventListener('change', () => {
    rowChecks(part.panel).forEach((check) => { check.checked = all.checked; });
    updateSelectionCount(part.panel);
    announce(all.checked ? 'Toutes les personnes convoquées sont choisies.' : 'Plus aucune personne n’est choisie.');
  });
  view.querySelector('#convocations-table').addEventListener('change', (event) => {
    if (event.target.matches('[data-ref="select"]')) updateSelectionCount(part.panel);
  });
}

function setupSend(view, part) {
  const form = view.querySelector('#convocations-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const controlIdFor = (field) => SEND_IDS[field] ?? field;
    submitForm(form, {
      failed: 'Rien n’a été enregistré',
      controlIdFor,
      save: async () => {
        const people = rowChecks(form).filter((check) => check.checked).map((check) => Number(check.value));
        const channel = form.querySelector('#convocation-channel').value;
        if (people.length === 0) {
          showErrors(form, { fields: [{ field: 'people', message: 'Choisissez d’abord les personnes à qui vous avez envoyé la convocation.' }] },
            { controlIdFor });
          announce('Rien n’a été enregistré : choisissez d’abord les personnes.');
          return;
        }
        part.convocations = await call('record_convocations_sent', { meetingId: part.meeting.id, people, channel });
        if (!part.context.isCurrent()) return;
        render(part.panel, part);
        const how = labelOf(part.vocabulary.convocation_channels, channel).toLocaleLowerCase('fr');
        const done = people.length > 1
          ? `${people.length} convocations sont marquées comme envoyées (${how})`
          : `1 convocation est marquée comme envoyée (${how})`;
        announce(frenchSpacing(`${done}. ${summaryText(part.convocations)}`));
      },
    });
  });
}

// ---------- Guests ----------

async function removeGuest(row, part) {
  try {
    part.convocations = await call('remove_guest_convocation', { meetingId: part.meeting.id, personId: row.person_id });
    if (!part.context.isCurrent()) return;
    render(part.panel, part);
    part.panel.querySelector('#guest-query').focus();
    announce(`${row.name} n’est plus convoqué(e) à cette réunion.`);
  } catch (error) {
    announce(frenchSpacing(`${row.name} n’a pas été retiré(e) : ${errorMessage(error)}`));
  }
}

function setupGuest(view, part) {
  const form = view.querySelector('#guest-convocation-form');
  const query = form.querySelector('#guest-query');
  bindPersonSearch(query, (found) => showResults(form, part, found), part.context.isCurrent);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    addGuest(form, part);
  });
}

/** Shows the people found (null: nothing searched) and returns the sentence that says so. */
function showResults(form, part, found) {
  return showPeopleFound(form, found, (person) => createChoice(person, part), 'Aucune personne trouvée : vérifiez l’orthographe.');
}

function createChoice(person, part) {
  const item = cloneTemplate('tpl-guest-choice').querySelector('.person-choice');
  const radio = item.querySelector('input');
  const label = item.querySelector('label');
  radio.id = `guest-choice-${person.id}`;
  radio.value = String(person.id);
  label.htmlFor = radio.id;
  const name = fullName(person);
  radio.dataset.name = name;
  const details = [person.function, person.organisation, person.commune].filter(Boolean).join(', ');
  const convoked = part.convocations.rows.some((row) => row.person_id === person.id) ? ' (déjà convoqué(e))' : '';
  label.textContent = `${name}${details ? ` — ${details}` : ''}${convoked}`;
  return item;
}

async function addGuest(form, part) {
  const chosen = form.querySelector('input[name="guest-choice"]:checked');
  const name = chosen?.dataset.name;
  const controlIdFor = () => 'guest-query';
  await submitForm(form, {
    failed: `${name} n’a pas été convoqué(e)`,
    controlIdFor,
    fieldErrors: (error) => error.fields[0].message,
    save: async () => {
      if (!chosen) {
        showErrors(form, { fields: [{ field: 'person_id', message: 'Cherchez la personne, puis choisissez-la dans la liste.' }] }, { controlIdFor });
        announce('Personne n’a été convoqué : choisissez d’abord la personne.');
        return;
      }
      part.convocations = await call('add_guest_convocation', { meetingId: part.meeting.id, personId: Number(chosen.value) });
      if (!part.context.isCurrent()) return;
      render(part.panel, part);
      form.querySelector('#guest-query').value = '';
      showResults(form, part, null);
      announce(`${name} est convoqué(e) comme invité(e) ; sa convocation est à envoyer.`);
    },
  });
}

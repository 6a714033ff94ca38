// The Charte part of an atelier (rule 4): the members today who have not signed the
// current version of the charter, and recording a signature (date, mode, meeting when
// signed in session, scanned copy when there is one).

import { call, chooseFileToOpen, errorMessage } from '../../js/api.js';
import { cloneTemplate, fillSelect, openRowPanel, plural, ref, typedDate } from '../../js/dom.js';
import { frenchSpacing, fullName, sortName, todayTyped } from '../../js/format.js';
import { submitForm } from '../../js/form-errors.js';
import { announce } from '../../js/status.js';
import { fillHeader } from '../../js/atelier-tabs.js';
import { fillCharterExports } from '../../js/documents.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html'], ['tables', 'tags']);

const IN_SESSION = 'en_seance';
const SCANNED = 'copie_numerisee';
const SIGN_IDS = { signed_on: 'sign-signed_on', mode: 'sign-mode', meeting_id: 'sign-meeting_id', scan: 'sign-scan' };

export async function mount(root, context) {
  const { id } = context.params;
  const [vocabulary, atelier, versions, unsigned, meetings] = await Promise.all([
    context.vocabulary(),
    call('get_atelier', { id }),
    call('charter_versions'),
    call('unsigned_members', { atelierId: id, at: null }),
    call('signing_meetings', { atelierId: id }),
  ]);
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-atelier-charter');
  fillHeader(view, atelier, 'charte', `Charte d’engagement : atelier ${atelier.code}`);
  const current = versions.find((version) => version.is_current);
  ref(view, 'current-version').textContent = current
    ? frenchSpacing(`Version en vigueur : n° ${current.version}, « ${current.title} », depuis le ${typedDate(current.effective_on)}.`)
    : 'Aucune version de la charte n’est en vigueur.';
  const page = { root, context, vocabulary, atelier, meetings, unsigned };
  renderUnsigned(view, page);

  root.replaceChildren(view);
  context.setTitle(`Charte : atelier ${atelier.code}`);
}

function renderUnsigned(scope, page) {
  const table = scope.querySelector('#unsigned-table');
  const none = page.unsigned.length === 0;
  table.hidden = none;
  ref(scope, 'all-signed').hidden = !none;
  ref(table, 'caption').textContent =
    `${plural(page.unsigned.length, 'membre actuel n’a pas signé', 'membres actuels n’ont pas signé')} la version en vigueur`;
  ref(table, 'rows').replaceChildren(...page.unsigned.map((person) => createRow(person, page)));
  fillCharterExports(scope, page.atelier, page.unsigned);
}

function createRow(person, page) {
  const row = cloneTemplate('tpl-unsigned-row').querySelector('tr');
  row.dataset.personId = String(person.id);
  const link = document.createElement('a');
  link.href = `#/annuaire/${person.id}`;
  link.textContent = sortName(person);
  row.querySelector('[data-col="name"]').append(link);
  row.querySelector('[data-col="function"]').textContent = person.function || '—';
  row.querySelector('[data-col="represents"]').textContent =
    [person.organisation, person.commune].filter(Boolean).join(', ') || '—';
  ref(row, 'sign-who').textContent = ` de ${sortName(person)}`;
  ref(row, 'sign').addEventListener('click', () => openForm(row, person, page));
  return row;
}

function signButton(page, personId) {
  return page.root.querySelector(`tr[data-person-id="${personId}"] [data-ref="sign"]`);
}

function meetingLabel(meeting) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(meeting.start ?? '');
  const when = match ? `${match[3]}/${match[2]}/${match[1]} à ${match[4]} h ${match[5]}` : meeting.start;
  const number = meeting.session_number ? `Séance n° ${meeting.session_number}` : 'Réunion';
  return frenchSpacing(`${number} du ${when}`);
}

function openForm(row, person, page) {
  page.root.querySelectorAll('tr.edit-row').forEach((open) => open.remove());
  const formRow = cloneTemplate('tpl-signature-form').querySelector('tr');
  const form = formRow.querySelector('form');
  const name = fullName(person);
  ref(form, 'legend').textContent = `Signature de la charte par ${name}`;
  const state = { scanPath: null };

  form.querySelector('#sign-signed_on').value = todayTyped();
  const mode = form.querySelector('#sign-mode');
  fillSelect(mode, page.vocabulary.signature_modes, 'papier');
  const meeting = form.querySelector('#sign-meeting_id');
  // The core says which meetings a signature « en séance » may name (begun, held), latest first.
  fillSelect(meeting, [
    { value: '', label: '— Réunion non précisée —' },
    ...page.meetings.map((m) => ({ value: String(m.id), label: meetingLabel(m) })),
  ], '');
  const showFields = () => {
    ref(form, 'meeting-field').hidden = mode.value !== IN_SESSION;
    ref(form, 'scan-field').hidden = mode.value !== SCANNED;
  };
  mode.addEventListener('change', showFields);
  showFields();

  form.querySelector('#sign-scan').addEventListener('click', async () => {
    try {
      const path = await chooseFileToOpen({
        title: 'Choisir la copie numérisée de la charte signée',
        filters: [{ name: 'PDF ou image', extensions: ['pdf', 'png', 'jpg', 'jpeg'] }],
      });
      if (!path) return;
      state.scanPath = path;
      ref(form, 'scan-name').textContent = frenchSpacing(`Fichier choisi : ${path}`);
      announce(frenchSpacing(`Copie numérisée choisie : ${path.split(/[\\/]/).pop()}.`));
    } catch (error) {
      announce(frenchSpacing(`Le fichier n’a pas pu être choisi : ${errorMessage(error)}`));
    }
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitForm(form, {
      failed: 'La signature n’a pas été enregistrée',
      controlIdFor: (field) => SIGN_IDS[field] ?? field,
      save: async () => {
        const inSession = mode.value === IN_SESSION;
        const input = {
          person_id: person.id,
          version_id: null,
          signed_on: form.querySelector('#sign-signed_on').value,
          mode: mode.value,
          meeting_id: inSession && meeting.value !== '' ? Number(meeting.value) : null,
        };
        await call('record_signature', { input, scanPath: mode.value === SCANNED ? state.scanPath : null });
        await refresh(page, person.id);
        const left = page.unsigned.length;
        const rest = left === 0
          ? 'Tous les membres actuels ont signé.'
          : `Il reste ${plural(left, 'membre', 'membres')} sans signature.`;
        announce(`La signature de ${name} a été enregistrée. ${rest}`);
      },
    });
  });
  openRowPanel(row, formRow, () => signButton(page, person.id)?.focus());
  form.querySelector('#sign-signed_on').focus();
}

/** Reads the list again and moves focus to the button of the row that took the signed one's place. */
async function refresh(page, signedId) {
  const index = Math.max(0, page.unsigned.findIndex((person) => person.id === signedId));
  page.unsigned = await call('unsigned_members', { atelierId: page.atelier.id, at: null });
  if (!page.context.isCurrent()) return;
  renderUnsigned(page.root, page);
  const buttons = page.root.querySelectorAll('#unsigned-table [data-ref="sign"]');
  const next = buttons[Math.min(index, buttons.length - 1)];
  if (next) {
    next.focus();
  } else {
    const title = page.root.querySelector('#unsigned-title');
    title.setAttribute('tabindex', '-1');
    title.focus();
  }
}

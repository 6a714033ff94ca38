// Settings of the organisation, the shared calendar (a CalDAV server: its address and
// user, the password kept in the system's keyring, and « publier » with its progress and
// what it sent), and where the database file lives (for backups).

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, fillSelect, plural, ref } from '../../js/dom.js';
import { SETTINGS_SAVED, notify } from '../../js/events.js';
import { clearErrors, showErrors, submitForm } from '../../js/form-errors.js';
import { frenchSpacing } from '../../js/format.js';
import { announce } from '../../js/status.js';
import { bindAction, setUnavailable, withProgress } from '../../js/documents.js';
import { setupBackups } from './backups.js';
import { setupLetterText } from './letter-text.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tables', 'tags', 'notices']);

const TEXT_FIELDS = [
  'org_name', 'org_short_name', 'address', 'default_place', 'organizer_email', 'time_zone',
  'attendance_threshold_pct', 'consecutive_absences_max', 'convocation_notice_days',
  'signatory_name', 'signatory_function',
];

/** The pictures of the settings, each with its commands and sentences. */
const PICTURES = {
  logo: {
    get: 'get_logo', set: 'set_logo', remove: 'remove_logo',
    saved: 'Le logo a été enregistré.', removed: 'Le logo a été retiré.', failed: 'Le logo n’a pas été changé',
  },
  signature: {
    get: 'get_signature', set: 'set_signature', remove: 'remove_signature',
    saved: 'La signature a été enregistrée : elle figurera sur les prochaines convocations.',
    removed: 'La signature a été retirée.', failed: 'La signature n’a pas été changée',
  },
};

export async function mount(root, context) {
  const [current, caldav] = await Promise.all([call('get_settings'), call('get_caldav_settings')]);
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-settings');
  const form = view.querySelector('#settings-form');
  const zones = (await context.vocabulary()).time_zones;
  if (!context.isCurrent()) return;
  fillForm(form, current, zones);
  ref(view, 'database-path').textContent = context.appInfo.database_path ?? '';
  ref(view, 'version').textContent = context.appInfo.version ?? '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit(form, zones);
  });
  setupCaldav(form, caldav);
  const [logo, signature] = await Promise.all([call('get_logo'), call('get_signature')]);
  setupPicture(view.querySelector('#logo-form'), PICTURES.logo, logo);
  setupPicture(view.querySelector('#signature-form'), PICTURES.signature, signature);
  await setupLetterText(view, context);
  if (!context.isCurrent()) return;
  await setupBackups(view, context);
  if (!context.isCurrent()) return;

  root.replaceChildren(view);
  context.setTitle('Paramètres');
}

function field(form, key) {
  return form.querySelector(`[id="${key}"]`);
}

function fillForm(form, values, zones) {
  fillSelect(field(form, 'time_zone'), zones, values.time_zone);
  for (const key of TEXT_FIELDS) {
    if (key === 'time_zone') continue;
    field(form, key).value = values[key] == null ? '' : String(values[key]);
  }
}

function readInput(form) {
  return Object.fromEntries(TEXT_FIELDS.map((key) => [key, field(form, key).value]));
}

async function submit(form, zones) {
  await submitForm(form, {
    failed: 'Les paramètres n’ont pas été enregistrés',
    save: async () => {
      const saved = await call('save_settings', { input: readInput(form) });
      fillForm(form, saved, zones);
      notify(form, SETTINGS_SAVED, saved);
      announce('Les paramètres ont été enregistrés.');
    },
  });
}

function showPicture(form, dataUrl) {
  const preview = ref(form, 'preview');
  preview.hidden = !dataUrl;
  if (dataUrl) preview.src = dataUrl;
  else preview.removeAttribute('src');
  ref(form, 'none').hidden = Boolean(dataUrl);
  ref(form, 'remove').hidden = !dataUrl;
}

// A picture (the logo, the signature) is saved as soon as a file is chosen (or removed),
// as raw bytes.
function setupPicture(form, picture, dataUrl) {
  showPicture(form, dataUrl);
  const input = form.querySelector('input[type="file"]');
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    await changePicture(form, picture, async () => call(picture.set, new Uint8Array(await file.arrayBuffer())),
      picture.saved);
    input.value = '';
  });
  ref(form, 'remove').addEventListener('click', () => {
    changePicture(form, picture, () => call(picture.remove), picture.removed);
  });
}

async function changePicture(form, picture, change, doneMessage) {
  clearErrors(form);
  try {
    await change();
    showPicture(form, await call(picture.get));
    announce(doneMessage);
  } catch (error) {
    showErrors(form, error);
    announce(frenchSpacing(`${picture.failed} : ${errorMessage(error)}`));
  }
}

// ---------- The shared calendar ----------

const CALDAV_FIELDS = ['caldav_url', 'caldav_user'];

/** The section after the settings' form `after`. */
function setupCaldav(after, settings) {
  const section = cloneTemplate('tpl-settings-caldav').querySelector('section');
  const form = section.querySelector('#caldav-form');
  const publish = section.querySelector('#publish-caldav');
  const hint = section.querySelector('#publish-caldav-hint');
  const show = (saved) => {
    form.querySelector('#caldav_url').value = saved.url ?? '';
    form.querySelector('#caldav_user').value = saved.user ?? '';
    form.querySelector('#caldav_password').value = '';
    setUnavailable(publish, hint,
      saved.url ? '' : 'Aucun calendrier partagé n’est configuré : indiquez son adresse et l’identifiant ci-dessus, puis enregistrez.',
      `Envoie à ${saved.url} les réunions nouvelles ou changées depuis la dernière publication, et en retire celles qui sont annulées ou supprimées.`);
  };
  show(settings);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveCaldav(form, show);
  });
  bindAction(publish, () => publishCaldav(section));
  after.after(section);
}

async function saveCaldav(form, show) {
  await submitForm(form, {
    failed: 'Le calendrier partagé n’a pas été enregistré',
    controlIdFor: (field) => (CALDAV_FIELDS.includes(field) ? field : `caldav_${field}`),
    save: async () => {
      const password = form.querySelector('#caldav_password').value;
      const input = {
        url: form.querySelector('#caldav_url').value,
        user: form.querySelector('#caldav_user').value,
      };
      const saved = await call('save_caldav_settings', { input, password: password === '' ? null : password });
      show(saved);
      // What the last publication said was about the settings before this change.
      form.closest('section').querySelector('[data-ref="result"]').hidden = true;
      announce(password === ''
        ? frenchSpacing('Le calendrier partagé est enregistré ; le mot de passe déjà gardé dans le trousseau du système ne change pas.')
        : frenchSpacing('Le calendrier partagé est enregistré ; le mot de passe est gardé dans le trousseau du système.'));
    },
  });
}

/** « 3 réunions envoyées, 1 retirée, 8 inchangées ». */
function publicationSummary({ sent, removed, unchanged, conflicts }) {
  const parts = [
    plural(sent, 'réunion envoyée', 'réunions envoyées'),
    plural(removed, 'retirée', 'retirées'),
    plural(unchanged, 'inchangée', 'inchangées'),
  ];
  if (conflicts.length > 0) parts.push(plural(conflicts.length, 'laissée en conflit', 'laissées en conflit'));
  return parts.join(', ');
}

function fillList(list, lines) {
  list.replaceChildren(...lines.map((line) => {
    const item = document.createElement('li');
    item.textContent = line;
    return item;
  }));
}

async function publishCaldav(section) {
  const result = ref(section, 'result');
  const progress = {
    box: ref(section, 'progress-box'),
    bar: section.querySelector('#caldav-progress'),
    text: ref(section, 'progress-text'),
  };
  result.hidden = true;
  announce('Publication du calendrier partagé en cours…');
  let publication;
  try {
    publication = await withProgress(progress, {
      first: 'Comparaison avec la dernière publication…',
      words: (done, total) => `${done} / ${total} ${total > 1 ? 'changements envoyés' : 'changement envoyé'}`,
    }, (onProgress) => call('publish_caldav', { onProgress }));
  } catch (error) {
    ref(section, 'result-title').textContent = 'Publication interrompue';
    ref(section, 'summary').textContent = '';
    ref(section, 'error').textContent = errorMessage(error);
    ref(section, 'conflicts-box').hidden = true;
    ref(section, 'changes-box').hidden = true;
    result.hidden = false;
    announce(frenchSpacing(`Le calendrier partagé n’a pas été publié : ${errorMessage(error)}`));
    return;
  }
  const summary = publicationSummary(publication);
  ref(section, 'result-title').textContent = 'Publication terminée';
  ref(section, 'summary').textContent = `${summary}.`;
  ref(section, 'error').textContent = '';
  fillList(ref(section, 'conflicts'), publication.conflicts);
  ref(section, 'conflicts-box').hidden = publication.conflicts.length === 0;
  fillList(ref(section, 'changes'), publication.changes);
  ref(section, 'changes-box').hidden = publication.changes.length === 0;
  result.hidden = false;
  const nothing = publication.sent + publication.removed === 0 && publication.conflicts.length === 0
    ? ' Rien n’avait changé depuis la dernière publication.' : '';
  const conflicts = publication.conflicts.length > 0
    ? ` ${plural(publication.conflicts.length, 'réunion a été changée', 'réunions ont été changées')} sur le serveur par quelqu’un d’autre et ${publication.conflicts.length > 1 ? 'sont laissées' : 'est laissée'} telle${publication.conflicts.length > 1 ? 's' : ''} quelle${publication.conflicts.length > 1 ? 's' : ''}.`
    : '';
  announce(frenchSpacing(`Calendrier partagé publié : ${summary}.${nothing}${conflicts}`));
}

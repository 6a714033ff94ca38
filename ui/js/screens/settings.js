// Settings of the organisation, and where the database file lives (for backups).

import { call, errorMessage } from '../api.js';
import { cloneTemplate, fillSelect, plural, ref } from '../dom.js';
import { SETTINGS_SAVED, notify } from '../events.js';
import { clearErrors, showErrors } from '../form-errors.js';
import { announce } from '../status.js';

const TEXT_FIELDS = [
  'org_name', 'org_short_name', 'address', 'default_place', 'organizer_email', 'time_zone',
  'attendance_threshold_pct', 'consecutive_absences_max', 'convocation_notice_days',
];

export async function mount(root, context) {
  const current = await call('get_settings');
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
  setupLogo(view.querySelector('#logo-form'), await call('get_logo'));

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
  if (form.dataset.pending === 'true') return;
  form.dataset.pending = 'true';
  form.setAttribute('aria-busy', 'true');
  clearErrors(form);
  try {
    const saved = await call('save_settings', { input: readInput(form) });
    fillForm(form, saved, zones);
    notify(form, SETTINGS_SAVED, saved);
    announce('Les paramètres ont été enregistrés.');
  } catch (error) {
    const count = showErrors(form, error);
    announce(count > 0
      ? `Les paramètres n’ont pas été enregistrés : ${plural(count, 'erreur', 'erreurs')} à corriger.`
      : `Les paramètres n’ont pas été enregistrés : ${errorMessage(error)}`);
  } finally {
    delete form.dataset.pending;
    form.removeAttribute('aria-busy');
  }
}

function showLogo(logoForm, dataUrl) {
  const preview = ref(logoForm, 'logo-preview');
  preview.hidden = !dataUrl;
  if (dataUrl) preview.src = dataUrl;
  else preview.removeAttribute('src');
  ref(logoForm, 'no-logo').hidden = Boolean(dataUrl);
  logoForm.querySelector('#remove-logo').hidden = !dataUrl;
}

// The logo is saved as soon as a file is chosen (or removed), as raw bytes.
function setupLogo(logoForm, dataUrl) {
  showLogo(logoForm, dataUrl);
  const input = logoForm.querySelector('#logo');
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    await changeLogo(logoForm, async () => call('set_logo', new Uint8Array(await file.arrayBuffer())),
      'Le logo a été enregistré.');
    input.value = '';
  });
  logoForm.querySelector('#remove-logo').addEventListener('click', () => {
    changeLogo(logoForm, () => call('remove_logo'), 'Le logo a été retiré.');
  });
}

async function changeLogo(logoForm, change, doneMessage) {
  clearErrors(logoForm);
  try {
    await change();
    showLogo(logoForm, await call('get_logo'));
    announce(doneMessage);
  } catch (error) {
    showErrors(logoForm, error);
    announce(`Le logo n’a pas été changé : ${errorMessage(error)}`);
  }
}

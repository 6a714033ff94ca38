// Paramètres › Texte de la convocation: the wording's subject and body with the fields they
// may use, a preview of a letter written with what is typed (the first page, drawn from
// the layout the PDF uses), saving it as a new version, and the versions kept, any of
// which can be taken up again.

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, ref } from '../../js/dom.js';
import { showErrors, submitForm } from '../../js/form-errors.js';
import { frenchSpacing, longDateOfStamp } from '../../js/format.js';
import { announce } from '../../js/status.js';
import { drawPreview } from '../../js/documents.js';

const CONTROL_IDS = { subject: 'letter-subject', body: 'letter-body' };

/** Fills the section `#letter-text` of `view` and binds its buttons. */
export async function setupLetterText(view, context) {
  const texts = await call('letter_texts');
  if (!context.isCurrent()) return;
  const section = view.querySelector('#letter-text');
  const form = section.querySelector('#letter-text-form');
  const subject = form.querySelector('#letter-subject');
  const body = form.querySelector('#letter-body');
  const fill = (text) => {
    subject.value = text.subject;
    body.value = text.body;
  };
  fill(texts.current);
  ref(form, 'fields').replaceChildren(...texts.fields.flatMap(({ name, meaning }) => {
    const term = document.createElement('dt');
    term.textContent = `{${name}}`;
    const definition = document.createElement('dd');
    definition.textContent = meaning;
    return [term, definition];
  }));
  const input = () => ({ subject: subject.value, body: body.value });
  const showVersions = (versions) => {
    ref(section, 'versions').replaceChildren(...versions.map((version) => versionRow(version, () => {
      fill(version);
      subject.focus();
      announce(frenchSpacing(`Le texte de la ${versionName(version)} est dans le formulaire : enregistrez-le pour le reprendre.`));
    })));
  };
  showVersions(texts.versions);

  section.querySelector('#preview-letter').addEventListener('click', async () => {
    const box = ref(section, 'letter-preview');
    try {
      const preview = await call('preview_letter_text', { input: input() });
      box.hidden = false;
      ref(box, 'preview-caption').textContent =
        'Aperçu de la première page, pour la première personne convoquée à la prochaine réunion :';
      drawPreview(ref(box, 'preview-canvas'), preview);
      announce('L’aperçu de la convocation est affiché sous le formulaire.');
    } catch (error) {
      if (showErrors(form, error, { controlIdFor: (field) => CONTROL_IDS[field] ?? field }) > 0) {
        announce(frenchSpacing('Pas d’aperçu : le texte contient des erreurs à corriger.'));
      } else {
        announce(frenchSpacing(`Pas d’aperçu : ${errorMessage(error)}`));
      }
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitForm(form, {
      failed: 'Le texte de la convocation n’a pas été enregistré',
      controlIdFor: (field) => CONTROL_IDS[field] ?? field,
      save: async () => {
        const done = await call('save_letter_text', { input: input() });
        const now = await call('letter_texts');
        if (!context.isCurrent()) return;
        fill(now.current);
        showVersions(now.versions);
        announce(done.message);
      },
    });
  });
}

/** « version 2 », or « texte d’origine » for the application's own. */
function versionName(version) {
  return version.id == null ? 'version d’origine' : `version ${version.number}`;
}

function versionRow(version, takeUp) {
  const row = cloneTemplate('tpl-letter-version').querySelector('tr');
  row.querySelector('[data-col="number"]').textContent =
    version.id == null ? 'D’origine' : String(version.number);
  row.querySelector('[data-col="saved"]').textContent =
    version.saved_at ? longDateOfStamp(version.saved_at) : 'Livrée avec l’application';
  row.querySelector('[data-col="subject"]').textContent = version.subject;
  const button = row.querySelector('button');
  button.setAttribute('aria-label', `Reprendre ce texte (${versionName(version)})`);
  button.addEventListener('click', takeUp);
  return row;
}

// « À propos »: the version, the database file and the backups folder (each opened in the
// file manager on request), the schema version, and the licences of what is shipped.

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, ref } from '../../js/dom.js';
import { frenchSpacing } from '../../js/format.js';
import { announce } from '../../js/status.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tags']);

const FOLDERS = {
  data: { button: '#open-data-folder', name: 'Le dossier de la base', path: (about) => about.data_folder },
  backups: { button: '#open-backups-folder', name: 'Le dossier des sauvegardes', path: (about) => about.backups_folder },
};

/** Typographic apostrophes in the texts that come from the backend. */
function typographic(text) {
  return frenchSpacing(String(text ?? '').replace(/'/g, '’'));
}

export async function mount(root, context) {
  const about = await call('about');
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-about');
  ref(view, 'version').textContent = about.version;
  ref(view, 'database').textContent = about.database_path;
  ref(view, 'backups').textContent = about.backups_folder;
  ref(view, 'schema').textContent = String(about.schema_version);
  ref(view, 'licences').append(licenceRows(about.licences, (l) => typographic(l.what), (l) => typographic(l.licence)));
  ref(view, 'libraries').append(licenceRows(about.libraries, (l) => l.version, (l) => l.licence));
  ref(view, 'library-count').textContent = String(about.libraries.length);
  const result = ref(view, 'open-result');
  for (const [folder, spec] of Object.entries(FOLDERS)) {
    const button = view.querySelector(spec.button);
    button.addEventListener('click', () => openFolder(button, result, folder, spec, about));
  }

  root.replaceChildren(view);
  context.setTitle('À propos');
}

/** The rows of a licence table: name, then `detail` and `licence` of each item. */
function licenceRows(items, detail, licence) {
  const rows = document.createDocumentFragment();
  for (const item of items) {
    const row = cloneTemplate('tpl-about-licence');
    ref(row, 'name').textContent = item.name;
    ref(row, 'detail').textContent = detail(item);
    ref(row, 'licence').textContent = licence(item);
    rows.append(row);
  }
  return rows;
}

async function openFolder(button, result, folder, spec, about) {
  if (button.getAttribute('aria-disabled') === 'true') return;
  button.setAttribute('aria-disabled', 'true');
  let sentence;
  try {
    const opened = await call('open_folder', { folder });
    sentence = opened
      ? `${spec.name} s’ouvre dans le gestionnaire de fichiers : ${spec.path(about)}`
      : `${spec.name} n’a pas pu être ouvert : aucun gestionnaire de fichiers n’a démarré. Il se trouve ici : ${spec.path(about)}`;
  } catch (error) {
    sentence = `${spec.name} n’a pas pu être ouvert : ${errorMessage(error)}`;
  } finally {
    button.removeAttribute('aria-disabled');
  }
  sentence = frenchSpacing(sentence);
  result.textContent = sentence;
  announce(sentence);
}

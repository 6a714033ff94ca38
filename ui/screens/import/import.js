// The import of a spreadsheet (CSV), into an atelier (its Import part: the members) or into
// the directory alone (from the Annuaire: the agglomération's élus, for instance): choose the
// file, see every row with what will be done or the error to fix in the spreadsheet, read
// the file again after fixing it, then import the valid rows in one go and see them in the
// atelier's Membres part or in the Annuaire.

import { call, chooseFileToOpen, errorMessage } from '../../js/api.js';
import { cloneTemplate, plural, ref } from '../../js/dom.js';
import { frenchSpacing, fullName } from '../../js/format.js';
import { announce } from '../../js/status.js';
import { atelierPath, fillHeader } from '../../js/atelier-tabs.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tables', 'tags']);

const STATUS_CLASSES = { new: 'is-new', matched: 'is-ok', already_member: 'is-neutral', invalid: 'is-warning' };
const SEPARATORS = { ';': 'des points-virgules', ',': 'des virgules', '\t': 'des tabulations' };

/** What differs between an import into an atelier and one into the directory alone. */
const TARGETS = {
  atelier: {
    dialogTitle: 'Choisir le tableau des membres',
    preview: (page) => call('preview_import', { atelierId: page.atelier.id, path: page.path }),
    run: (page) => call('import_members', { atelierId: page.atelier.id, path: page.path, skipInvalid: true }),
    after: (page) => atelierPath(page.atelier.id, 'membres'),
  },
  directory: {
    dialogTitle: 'Choisir le tableau des personnes',
    preview: (page) => call('preview_people_import', { path: page.path }),
    run: (page) => call('import_people', { path: page.path, skipInvalid: true }),
    after: () => '#/annuaire',
  },
};

export async function mount(root, context) {
  const { id } = context.params;
  const atelier = id === null ? null : await call('get_atelier', { id });
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-import');
  let title;
  if (atelier) {
    title = `Importer des membres dans l’atelier ${atelier.code}`;
    fillHeader(view, atelier, 'import', title);
  } else {
    title = 'Importer des personnes dans l’annuaire';
    ref(view, 'heading').textContent = title;
    ref(view, 'subtitle').remove();
    ref(view, 'tabs').remove();
  }
  // The columns a sheet needs, and the collège of each row, for the members only.
  ref(view, atelier ? 'columns-people' : 'columns-members').remove();
  if (!atelier) view.querySelector('th[data-col="college"]').remove();
  const target = atelier ? TARGETS.atelier : TARGETS.directory;
  const page = { root, context, atelier, target, path: null, preview: null, pending: false };

  view.querySelector('#choose-import-file').addEventListener('click', () => chooseFile(page));
  view.querySelector('#reread-import').addEventListener('click', () => readPreview(page, { again: true }));
  view.querySelector('#import-valid').addEventListener('click', () => importRows(page));

  root.replaceChildren(view);
  context.setTitle(title);
}

async function chooseFile(page) {
  let path;
  try {
    path = await chooseFileToOpen({
      title: page.target.dialogTitle,
      filters: [{ name: 'Tableau CSV ou texte', extensions: ['csv', 'txt'] }],
    });
  } catch (error) {
    showError(page, errorMessage(error));
    return;
  }
  if (!path) {
    announce('Aucun fichier choisi.');
    return;
  }
  page.path = path;
  await readPreview(page, { again: false });
}

function showError(page, message) {
  const box = ref(page.root, 'error');
  box.replaceChildren();
  if (!message) return;
  const text = document.createElement('p');
  text.textContent = frenchSpacing(message);
  box.append(text);
}

async function readPreview(page, { again }) {
  if (!page.path || page.pending) return;
  page.pending = true;
  const section = page.root.querySelector('#import-preview');
  section.setAttribute('aria-busy', 'true');
  showError(page, '');
  try {
    const preview = await page.target.preview(page);
    if (!page.context.isCurrent()) return;
    page.preview = preview;
    renderPreview(page);
    section.hidden = false;
    section.querySelector('#preview-title').focus();
    announce(frenchSpacing(`${again ? 'Fichier relu' : 'Fichier lu'}. ${summaryText(preview)}`));
  } catch (error) {
    if (!page.context.isCurrent()) return;
    page.preview = null;
    section.hidden = true;
    const prefix = error.code === 'not_a_table'
      ? 'Ce fichier ne peut pas être importé'
      : 'Le fichier n’a pas pu être lu';
    const message = `${prefix} : ${errorMessage(error)}`;
    showError(page, message);
    announce(frenchSpacing(message));
  } finally {
    page.pending = false;
    section.removeAttribute('aria-busy');
  }
}

function validCount(preview) {
  return preview.rows.length - preview.invalid_count;
}

function summaryText(preview) {
  const parts = [
    plural(preview.new_count, 'nouvelle personne', 'nouvelles personnes'),
    plural(preview.matched_count, 'personne déjà dans l’annuaire', 'personnes déjà dans l’annuaire'),
    plural(preview.invalid_count, 'ligne refusée', 'lignes refusées'),
  ];
  return `${plural(preview.rows.length, 'ligne', 'lignes')} : ${parts.join(', ')}.`;
}

function renderPreview(page) {
  const { preview, root } = page;
  ref(root, 'path').textContent = page.path;
  ref(root, 'summary').textContent = frenchSpacing(summaryText(preview));
  const separator = SEPARATORS[preview.separator] ?? `« ${preview.separator} »`;
  ref(root, 'format').textContent = frenchSpacing(`Fichier lu en ${preview.encoding}, cellules séparées par ${separator}.`);
  const ignored = ref(root, 'ignored');
  ignored.hidden = preview.ignored_columns.length === 0;
  ignored.textContent = frenchSpacing(`Colonnes ignorées (non reconnues) : ${preview.ignored_columns.map((c) => `« ${c} »`).join(', ')}.`);

  const button = root.querySelector('#import-valid');
  const valid = validCount(preview);
  button.disabled = valid === 0;
  if (valid === 0) {
    button.textContent = 'Aucune ligne à importer';
  } else if (preview.invalid_count === 0) {
    button.textContent = valid === 1 ? 'Importer la ligne' : `Importer les ${valid} lignes`;
  } else {
    button.textContent = valid === 1 ? 'Importer la ligne valide' : `Importer les ${valid} lignes valides`;
  }
  ref(root, 'caption').textContent = `Lignes du fichier (${plural(preview.rows.length, 'ligne', 'lignes')})`;
  ref(root, 'rows').replaceChildren(...preview.rows.map((row) => createRow(row, Boolean(page.atelier))));
}

function createRow(row, members) {
  const tr = cloneTemplate('tpl-import-row').querySelector('tr');
  const raw = row.raw;
  tr.dataset.line = String(row.line);
  tr.dataset.status = row.status;
  tr.querySelector('[data-col="line"]').textContent = String(row.line);
  ref(tr, 'name').textContent = fullName(raw) || '(sans nom)';
  ref(tr, 'details').textContent = [raw.function, raw.organisation, raw.commune, raw.email].filter(Boolean).join(', ');
  const college = tr.querySelector('[data-col="college"]');
  if (members) college.textContent = [raw.college, raw.category, raw.role].filter(Boolean).join(', ') || '—';
  else college.remove();

  const status = ref(tr, 'status');
  status.textContent = frenchSpacing(statusText(row));
  status.classList.add(STATUS_CLASSES[row.status] ?? 'is-neutral');
  if (row.status === 'invalid') tr.classList.add('is-invalid-row');

  const errors = ref(tr, 'errors');
  errors.replaceChildren(...row.errors.map((error) => item(error.message)));
  errors.hidden = row.errors.length === 0;
  const notes = ref(tr, 'notes');
  notes.replaceChildren(...row.notes.map((note) => item(note)));
  notes.hidden = row.notes.length === 0;
  return tr;
}

function statusText(row) {
  switch (row.status) {
    case 'new': return 'Nouvelle personne';
    case 'matched': return `Déjà dans l’annuaire : ${row.matched_person ?? ''}`;
    case 'already_member': return row.matched_person ? `Déjà membre (${row.matched_person})` : 'Déjà membre';
    default: return 'Refusée';
  }
}

function item(text) {
  const element = document.createElement('li');
  element.textContent = frenchSpacing(text);
  return element;
}

async function importRows(page) {
  if (!page.preview || page.pending) return;
  page.pending = true;
  const button = page.root.querySelector('#import-valid');
  button.setAttribute('aria-busy', 'true');
  try {
    const outcome = await page.target.run(page);
    if (!page.context.isCurrent()) return;
    announce(frenchSpacing(outcome.message));
    page.context.navigate(page.target.after(page));
  } catch (error) {
    if (!page.context.isCurrent()) return;
    const message = `L’import n’a pas abouti, rien n’a été enregistré : ${errorMessage(error)}`;
    showError(page, message);
    announce(frenchSpacing(message));
  } finally {
    page.pending = false;
    button.removeAttribute('aria-busy');
  }
}

// « Communes et organisations »: the places that people, memberships and ateliers name.
// Each list is searched as the user types; a place is added or changed in a form, two
// duplicates are merged (everything that named the one names the other), an unused one is
// deleted, and communes come in by the thousand from INSEE's file.

import { call, chooseFileToOpen, errorMessage } from '../../js/api.js';
import { cloneTemplate, fillSelect, labelOf, plural, ref } from '../../js/dom.js';
import { frenchSpacing } from '../../js/format.js';
import { showErrors, submitForm } from '../../js/form-errors.js';
import { announce } from '../../js/status.js';
import { confirmAction } from '../../js/confirm.js';
import { bindTypingSearch } from '../../js/typing-search.js';
import { chosenPlace, findPlaces, placeLabel, setupPlaceChoice } from '../../js/place-choice.js';
import { bindAction } from '../../js/documents.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tables', 'notices']);

const PAGE_SIZE = 50;
const REJECTIONS_SHOWN = 20;
const COMMUNE_FILTERS = [{ name: 'Tableau (CSV)', extensions: ['csv', 'txt'] }];

/** What differs between the two lists; the rest of the screen serves both. */
const SECTIONS = [
  {
    kind: 'commune',
    title: 'Communes',
    add: 'Ajouter une commune',
    nameHead: 'Commune',
    nameLabel: 'Nom de la commune (obligatoire)',
    search: 'Rechercher une commune (nom ou code INSEE)',
    columns: ['insee_code', 'ateliers'],
    save: 'save_commune',
    merge: 'merge_communes',
    remove: 'delete_commune',
    one: 'commune',
    many: 'communes',
    newTitle: 'Nouvelle commune',
    editTitle: (place) => `Modifier la commune « ${placeLabel(place)} »`,
    failed: 'La commune n’a pas été enregistrée',
    mergeTitle: (place) => `Fusionner la commune « ${placeLabel(place)} »`,
    mergeText: (place, uses) => `« ${placeLabel(place)} » sera supprimée${mergedInto(uses)} la commune choisie ci-dessous, qui prend aussi son code INSEE si elle n’en a pas.`,
    kept: 'Commune à garder',
    chooseKept: 'Choisissez la commune à garder',
    deleteTitle: (place) => `Supprimer la commune « ${placeLabel(place)} » ?`,
    uses: (place) => [
      [place.people, 'personne', 'personnes'],
      [place.memberships, 'adhésion', 'adhésions'],
      [place.ateliers, 'atelier', 'ateliers'],
    ],
    input: (field) => ({ name: field('name').value, insee_code: field('insee_code').value }),
    fill: (field, place) => {
      field('name').value = place?.name ?? '';
      field('insee_code').value = place?.insee_code ?? '';
    },
  },
  {
    kind: 'organisation',
    title: 'Organisations',
    add: 'Ajouter une organisation',
    nameHead: 'Organisation',
    nameLabel: 'Nom de l’organisation (obligatoire)',
    search: 'Rechercher une organisation',
    columns: ['kind'],
    save: 'save_organisation',
    merge: 'merge_organisations',
    remove: 'delete_organisation',
    one: 'organisation',
    many: 'organisations',
    newTitle: 'Nouvelle organisation',
    editTitle: (place) => `Modifier l’organisation « ${place.name} »`,
    failed: 'L’organisation n’a pas été enregistrée',
    mergeTitle: (place) => `Fusionner l’organisation « ${place.name} »`,
    mergeText: (place, uses) => `« ${place.name} » sera supprimée${mergedInto(uses)} l’organisation choisie ci-dessous.`,
    kept: 'Organisation à garder',
    chooseKept: 'Choisissez l’organisation à garder',
    deleteTitle: (place) => `Supprimer l’organisation « ${place.name} » ?`,
    uses: (place) => [[place.people, 'personne', 'personnes'], [place.memberships, 'adhésion', 'adhésions']],
    input: (field) => ({ name: field('name').value, kind: field('kind').value }),
    fill: (field, place) => {
      field('name').value = place?.name ?? '';
      field('kind').value = place?.kind ?? 'autre';
    },
  },
];

/** « ; ce qui la nommait (2 personnes) nommera », the middle of a merge's sentence. */
function mergedInto(uses) {
  return uses ? ` ; ce qui la nommait (${uses}) nommera` : ' (rien ne la nomme) au profit de';
}

export async function mount(root, context) {
  const vocabulary = await context.vocabulary();
  const firsts = await Promise.all(SECTIONS.map((section) => findPlaces(section.kind, '', PAGE_SIZE)));
  if (!context.isCurrent()) return;
  const view = cloneTemplate('tpl-places');
  const container = ref(view, 'sections');
  SECTIONS.forEach((section, index) => {
    container.append(createSection(section, firsts[index], vocabulary, context));
  });
  root.replaceChildren(view);
  context.setTitle('Communes et organisations');
}

/** One list with its search, its form and its buttons. */
function createSection(section, first, vocabulary, context) {
  const element = cloneTemplate('tpl-places-section').querySelector('section');
  const { kind } = section;
  const idOf = (name) => `${kind}-${name}`;
  element.id = `${kind}s`;
  element.setAttribute('aria-labelledby', idOf('title'));
  for (const node of element.querySelectorAll('[data-id]')) node.id = idOf(node.dataset.id);
  for (const label of element.querySelectorAll('label[data-for]')) label.htmlFor = idOf(label.dataset.for);
  for (const node of element.querySelectorAll('[data-describe]')) {
    node.setAttribute('aria-describedby', idOf(node.dataset.describe));
  }
  const field = (name) => element.querySelector(`#${idOf(name)}`);
  const title = ref(element, 'title');
  title.id = idOf('title');
  title.textContent = section.title;
  ref(element, 'add').textContent = section.add;
  ref(element, 'add').id = idOf('add');
  ref(element, 'name-head').textContent = section.nameHead;
  element.querySelector(`label[for="${idOf('name')}"]`).textContent = section.nameLabel;
  element.querySelector(`label[for="${idOf('search')}"]`).textContent = section.search;
  for (const cell of element.querySelectorAll('colgroup [data-col], thead [data-col]')) {
    if (!section.columns.includes(cell.dataset.col)) cell.remove();
  }
  if (kind === 'organisation') {
    fillSelect(field('kind'), vocabulary.organisation_kinds ?? [], 'autre');
    ref(element, 'insee-field').remove();
  } else {
    ref(element, 'kind-field').remove();
  }

  const state = { query: '', limit: PAGE_SIZE, editing: null };
  const list = {
    show: (found) => showList(element, section, state, found, vocabulary, actions),
    reload: async () => {
      const found = await findPlaces(kind, state.query, state.limit);
      if (context.isCurrent()) list.show(found);
    },
  };
  const form = ref(element, 'form');
  const actions = {
    edit: (place) => openForm(place),
    merge: (place, opener) => openMerge(section, place, opener, context, list),
    remove: (place, opener) => removePlace(section, place, opener, list),
  };

  function openForm(place) {
    state.editing = place;
    form.hidden = false;
    ref(form, 'form-title').textContent = place ? section.editTitle(place) : section.newTitle;
    ref(form, 'save').textContent = place ? 'Enregistrer les modifications' : section.add;
    section.fill(field, place);
    field('name').focus();
  }
  function closeForm() {
    form.hidden = true;
    state.editing = null;
    ref(element, 'add').focus();
  }
  ref(element, 'add').addEventListener('click', () => openForm(null));
  ref(form, 'cancel').addEventListener('click', closeForm);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeForm();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitForm(form, {
      failed: section.failed,
      controlIdFor: idOf,
      save: async () => {
        const done = await call(section.save, { id: state.editing?.id ?? null, input: section.input(field) });
        if (!context.isCurrent()) return;
        closeForm();
        await list.reload();
        announce(done.message);
      },
    });
  });

  const search = field('search');
  bindTypingSearch(search, (text) => {
    state.query = text;
    state.limit = PAGE_SIZE;
    return findPlaces(kind, text, state.limit);
  }, (found) => list.show(found), context.isCurrent);
  ref(element, 'more-button').addEventListener('click', async () => {
    state.limit += PAGE_SIZE;
    try {
      await list.reload();
    } catch (error) {
      announce(frenchSpacing(`La liste n’a pas pu être lue : ${errorMessage(error)}`));
    }
  });
  if (kind === 'commune') setupImport(element, list);
  list.show(first);
  return element;
}

/** Fills the table, its caption and the « more » button; returns the caption. */
function showList(element, section, state, found, vocabulary, actions) {
  const table = ref(element, 'table');
  const caption = captionOf(section, state, found);
  ref(table, 'caption').textContent = caption;
  ref(table, 'rows').replaceChildren(...found.rows.map((place) => createRow(section, place, vocabulary, actions)));
  table.hidden = found.rows.length === 0;
  const empty = ref(element, 'empty');
  empty.hidden = found.rows.length > 0;
  empty.textContent = state.query
    ? frenchSpacing(`Aucune ${section.one} ne correspond à « ${state.query} ».`)
    : `Aucune ${section.one} pour l’instant : ajoutez-en une${section.kind === 'commune' ? ' ou importez la liste de l’INSEE' : ''}.`;
  const left = found.total - found.rows.length;
  ref(element, 'more').hidden = left <= 0;
  ref(element, 'more-button').textContent = `Afficher ${plural(Math.min(left, PAGE_SIZE), section.one, section.many)} de plus`;
  return caption;
}

function captionOf(section, state, found) {
  const count = plural(found.total, section.one, section.many);
  let text = state.query
    ? `${count} pour « ${state.query} »`
    : `${count} en tout`;
  if (found.total > found.rows.length) text += ` (les ${found.rows.length} premières affichées : précisez la recherche ou affichez-en plus)`;
  return frenchSpacing(`${text}.`);
}

function createRow(section, place, vocabulary, actions) {
  const row = cloneTemplate('tpl-places-row').querySelector('tr');
  row.dataset.placeId = String(place.id);
  for (const cell of row.querySelectorAll('[data-col]')) {
    const col = cell.dataset.col;
    if (['insee_code', 'kind', 'ateliers'].includes(col) && !section.columns.includes(col)) cell.remove();
  }
  const set = (col, text) => {
    const cell = row.querySelector(`[data-col="${col}"]`);
    if (cell) cell.textContent = text;
  };
  set('name', place.name);
  set('insee_code', place.insee_code ?? '—');
  set('kind', labelOf(vocabulary.organisation_kinds ?? [], place.kind));
  set('people', String(place.people));
  set('memberships', String(place.memberships));
  set('ateliers', String(place.ateliers ?? 0));
  const label = section.kind === 'commune' ? placeLabel(place) : place.name;
  const edit = ref(row, 'edit');
  const merge = ref(row, 'merge');
  const remove = ref(row, 'delete');
  edit.setAttribute('aria-label', `Modifier ${label}`);
  merge.setAttribute('aria-label', `Fusionner ${label} avec une autre ${section.one}`);
  remove.setAttribute('aria-label', `Supprimer ${label}`);
  edit.addEventListener('click', () => actions.edit(place));
  merge.addEventListener('click', () => actions.merge(place, merge));
  // A place that something names is merged, never deleted.
  if (usesOf(section, place)) remove.remove();
  else remove.addEventListener('click', () => actions.remove(place, remove));
  return row;
}

/** « 2 personnes, 1 adhésion et 1 atelier », or '' when nothing names `place`. */
function usesOf(section, place) {
  const parts = section.uses(place).filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} et ${parts.at(-1)}`;
}

async function removePlace(section, place, opener, list) {
  const confirmed = await confirmAction({
    opener,
    title: section.deleteTitle(place),
    paragraphs: ['Rien ne la nomme : ni personne, ni adhésion, ni atelier. Elle disparaît de la liste.'],
    yes: 'Supprimer',
  });
  if (!confirmed) return;
  try {
    const done = await call(section.remove, { id: place.id });
    await list.reload();
    announce(done.message);
  } catch (error) {
    announce(frenchSpacing(`Rien n’a été supprimé : ${errorMessage(error)}`));
  }
}

/** The merge dialog: the place to keep is chosen (searched when there are many). */
async function openMerge(section, place, opener, context, list) {
  const dialog = cloneTemplate('tpl-merge-dialog').querySelector('dialog');
  const form = ref(dialog, 'form');
  const select = dialog.querySelector('#merge-kept');
  ref(dialog, 'title').textContent = frenchSpacing(section.mergeTitle(place));
  ref(dialog, 'text').textContent = frenchSpacing(section.mergeText(place, usesOf(section, place)));
  ref(dialog, 'label').textContent = section.kept;
  try {
    await setupPlaceChoice(select, section.kind, null, { isCurrent: context.isCurrent, exclude: place.id });
  } catch (error) {
    announce(frenchSpacing(`La fusion n’est pas possible : ${errorMessage(error)}`));
    return;
  }
  if (!context.isCurrent()) return;
  document.body.append(dialog);
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener.isConnected) opener.focus();
  }, { once: true });
  ref(dialog, 'cancel').addEventListener('click', () => dialog.close());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const kept = chosenPlace(select);
    if (kept === null) {
      showErrors(form, { fields: [{ field: 'kept', message: section.chooseKept }] }, { controlIdFor: () => 'merge-kept' });
      announce(`La fusion n’a pas été faite : ${section.chooseKept.toLowerCase()}.`);
      return;
    }
    submitForm(form, {
      failed: 'La fusion n’a pas été faite',
      save: async () => {
        const done = await call(section.merge, { kept, duplicate: place.id });
        dialog.close();
        await list.reload();
        announce(done.message);
      },
    });
  });
  dialog.showModal();
  (dialog.querySelector('#merge-kept-search') ?? select).focus();
}

/** « Importer une liste de communes… »: the file chosen, imported, what was done said. */
function setupImport(element, list) {
  const button = ref(element, 'import');
  button.hidden = false;
  button.id = 'import-communes';
  ref(element, 'import-hint').hidden = false;
  bindAction(button, async () => {
    let path;
    try {
      path = await chooseFileToOpen({ title: 'Choisir la liste des communes', filters: COMMUNE_FILTERS });
    } catch (error) {
      announce(frenchSpacing(`Aucune commune n’a été importée : ${errorMessage(error)}`));
      return;
    }
    if (!path) {
      announce('Aucune commune n’a été importée : la fenêtre de choix du fichier a été fermée.');
      return;
    }
    const result = ref(element, 'import-result');
    try {
      const done = await call('import_communes', { path });
      ref(result, 'import-message').textContent = `Import terminé : ${done.message}`;
      const shown = done.rejections.slice(0, REJECTIONS_SHOWN).map((reason) => {
        const item = document.createElement('li');
        item.textContent = reason;
        return item;
      });
      if (done.rejections.length > REJECTIONS_SHOWN) {
        const more = document.createElement('li');
        more.textContent = `… et ${done.rejections.length - REJECTIONS_SHOWN} autres lignes refusées.`;
        shown.push(more);
      }
      ref(result, 'rejections').replaceChildren(...shown);
      result.hidden = false;
      await list.reload();
      announce(frenchSpacing(`Import terminé : ${done.message}`));
    } catch (error) {
      ref(result, 'import-message').textContent = frenchSpacing(`Aucune commune n’a été importée : ${errorMessage(error)}`);
      ref(result, 'rejections').replaceChildren();
      result.hidden = false;
      announce(ref(result, 'import-message').textContent);
    }
  });
}

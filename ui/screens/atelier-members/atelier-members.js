// The Membres part of an atelier: its composition at a date (rule 1), its members by
// collège (every period, the current ones at that date plain, the others muted), adding a
// member (found in the directory or created on the spot), changing or removing a
// membership, the binôme porteur, and the export of the members as CSV.

import { call, chooseFileToSave, errorMessage } from '../../js/api.js';
import { cloneTemplate, compareFrench, fillSelect, labelOf, openRowPanel, plural, ref, typedDate } from '../../js/dom.js';
import { frenchSpacing, fullName, periodText, sortName, todayTyped } from '../../js/format.js';
import { clearErrors, showErrors, submitForm } from '../../js/form-errors.js';
import { announce } from '../../js/status.js';
import { bindPersonSearch, showPeopleFound } from '../../js/person-search.js';
import { chosenPlace, setupPlaceChoice } from '../../js/place-choice.js';
import { createCompositionPanel } from '../../js/composition.js';
import { fillHeader } from '../../js/atelier-tabs.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tables', 'tags', 'notices']);

const NOT_SET = 'Non précisée';
const ADD_IDS = {
  person_id: 'add-person',
  college: 'add-college',
  category: 'add-category',
  role: 'add-role',
  designation: 'add-designation',
  joined_on: 'add-joined_on',
  left_on: 'add-joined_on',
};
const EDIT_IDS = {
  college: 'edit-college',
  category: 'edit-category',
  role: 'edit-role',
  designation: 'edit-designation',
  joined_on: 'edit-joined_on',
  left_on: 'edit-left_on',
};
const BINOME_IDS = { porteur_politique_id: 'binome-porteur', collaborateur_referent_id: 'binome-referent' };

export async function mount(root, context) {
  const { id } = context.params;
  const [vocabulary, atelier, members, composition] = await Promise.all([
    context.vocabulary(),
    call('get_atelier', { id }),
    call('atelier_members', { atelierId: id, at: null }),
    call('get_composition', { atelierId: id, at: null }),
  ]);
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-atelier-members');
  fillHeader(view, atelier, 'membres', `Membres de l’atelier ${atelier.code}`);
  const page = {
    root,
    context,
    vocabulary,
    atelier,
    members,
    composition,
    at: composition.at,
  };
  view.querySelector('#composition-at').value = todayTyped();
  render(view, page);
  setupDateForm(view, page);
  setupBinome(view, page);
  setupAddMember(view, page);
  view.querySelector('#export-members').addEventListener('click', () => exportMembers(page));

  root.replaceChildren(view);
  context.setTitle(`Membres de l’atelier ${atelier.code}`);
}

// ---------- Reading and showing ----------

/** Reads the atelier, its members and its composition again, at the page's date. */
async function reload(page) {
  const { id } = page.atelier;
  const [atelier, members, composition] = await Promise.all([
    call('get_atelier', { id }),
    call('atelier_members', { atelierId: id, at: page.at }),
    call('get_composition', { atelierId: id, at: page.at }),
  ]);
  if (!page.context.isCurrent()) return false;
  Object.assign(page, { atelier, members, composition });
  render(page.root, page);
  return true;
}

function render(scope, page) {
  ref(scope, 'composition').replaceChildren(createCompositionPanel(page.composition));
  renderTables(scope, page);
  fillBinome(scope, page);
}

function renderTables(scope, page) {
  const { vocabulary, members } = page;
  ref(scope, 'no-members').hidden = members.length > 0;
  const blocks = vocabulary.colleges.map((college) => {
    const rows = members.filter((member) => member.college === college.value);
    if (rows.length === 0) {
      const empty = document.createElement('p');
      empty.className = 'empty-college';
      empty.textContent = frenchSpacing(`${college.label} : aucun membre.`);
      return empty;
    }
    const table = cloneTemplate('tpl-members-table').querySelector('table');
    table.dataset.college = college.value;
    const current = rows.filter((member) => member.current).length;
    const others = rows.length - current;
    const othersText = others > 0 ? `, et ${plural(others, 'autre période', 'autres périodes')} (anciens ou futurs membres)` : '';
    ref(table, 'caption').textContent =
      frenchSpacing(`${college.label} : ${plural(current, 'membre', 'membres')} au ${typedDate(page.at)}${othersText}`);
    ref(table, 'rows').append(...rows.map((member) => createMemberRow(member, page)));
    return table;
  });
  ref(scope, 'tables').replaceChildren(...(members.length > 0 ? blocks : []));
}

function createMemberRow(member, page) {
  const { vocabulary } = page;
  const row = cloneTemplate('tpl-member-row').querySelector('tr');
  row.dataset.membershipId = String(member.membership_id);
  row.dataset.personId = String(member.person_id);
  const name = sortName(member);
  const link = document.createElement('a');
  link.href = `#/annuaire/${member.person_id}`;
  link.textContent = name;
  ref(row, 'name').replaceWith(link);
  const note = ref(row, 'note');
  if (!member.current) {
    row.classList.add('is-inactive');
    note.textContent = member.joined_on > page.at ? `(arrive le ${typedDate(member.joined_on)})` : '(ancien membre)';
  } else if (member.archived) {
    note.textContent = '(archivé)';
  }
  ref(row, 'function').textContent = member.function ?? '';

  setCell(row, 'category', member.category ? labelOf(vocabulary.member_categories, member.category) : NOT_SET);
  const role = labelOf(vocabulary.member_roles, member.role);
  setCell(row, 'role', member.binome
    ? [labelOf(vocabulary.binome_roles, member.binome), member.role === 'membre' ? '' : role.toLocaleLowerCase('fr')]
      .filter(Boolean).join(', ')
    : role);
  setCell(row, 'represents', [member.organisation, member.commune].filter(Boolean).join(', ') || '—');
  setCell(row, 'period', periodText(member.joined_on, member.left_on));
  setCell(row, 'presence', member.presence_required ? 'Oui' : 'Non');
  setCell(row, 'charter', member.signed_current_charter ? 'Oui' : 'Non');

  ref(row, 'edit-who').textContent = ` l’appartenance de ${name}`;
  ref(row, 'remove-who').textContent = ` ${name} de l’atelier`;
  ref(row, 'edit').addEventListener('click', () => openEdit(row, member, page));
  ref(row, 'remove').addEventListener('click', () => openRemove(row, member, page));
  return row;
}

function setCell(row, column, text) {
  row.querySelector(`[data-col="${column}"]`).textContent = text;
}

/** The « Modifier » button of a membership's row, after the tables were drawn again. */
function rowButton(page, membershipId, name) {
  return page.root.querySelector(`tr[data-membership-id="${membershipId}"] [data-ref="${name}"]`);
}

function membersHeading(page) {
  const heading = page.root.querySelector('#members-title');
  heading.setAttribute('tabindex', '-1');
  return heading;
}

// ---------- Date of the composition ----------

function setupDateForm(view, page) {
  const form = view.querySelector('#composition-date-form');
  const input = form.querySelector('#composition-at');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const previous = page.at;
    try {
      const composition = await call('get_composition', { atelierId: page.atelier.id, at: input.value });
      page.at = composition.at;
      if (!(await reload(page))) return;
      input.value = typedDate(page.at);
      const findings = page.composition.exempt
        ? 'atelier exempté des règles'
        : page.composition.findings.length === 0
          ? 'conforme'
          : plural(page.composition.findings.length, 'point à revoir', 'points à revoir');
      announce(frenchSpacing(`Composition au ${typedDate(page.at)} : ${plural(page.composition.member_count, 'membre', 'membres')}, ${findings}.`));
    } catch (error) {
      page.at = previous;
      showErrors(form, error, { controlIdFor: (field) => (field === 'at' ? 'composition-at' : field) });
      announce(frenchSpacing(`La composition n’a pas été recalculée : ${errorMessage(error)}`));
    }
  });
}

// ---------- Binôme ----------

function fillBinome(scope, page) {
  const form = scope.querySelector('#binome-form');
  const current = page.members
    .filter((member) => member.current)
    .sort((a, b) => compareFrench(sortName(a), sortName(b)));
  const options = current.map((member) => ({ value: String(member.person_id), label: memberLabel(member, page) }));
  // The binôme is a dated fact of the memberships: its holders at the page's date.
  const holder = (place) => current.find((member) => member.binome === place)?.person_id ?? '';
  const choose = (select, place) => fillSelect(select, [{ value: '', label: '— Aucun —' }, ...options], String(holder(place)));
  choose(form.querySelector('#binome-porteur'), 'porteur_politique');
  choose(form.querySelector('#binome-referent'), 'collaborateur_referent');
  ref(scope, 'binome-date').textContent = typedDate(page.at);
}

function memberLabel(member, page) {
  const category = member.category
    ? labelOf(page.vocabulary.member_categories, member.category)
    : labelOf(page.vocabulary.colleges, member.college);
  return `${sortName(member)} (${category})`;
}

function setupBinome(view, page) {
  const form = view.querySelector('#binome-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitForm(form, {
      failed: 'Le binôme n’a pas été enregistré',
      controlIdFor: (field) => BINOME_IDS[field] ?? field,
      save: async () => {
        const value = (select) => (select.value === '' ? null : Number(select.value));
        await call('set_binome', {
          atelierId: page.atelier.id,
          porteurId: value(form.querySelector('#binome-porteur')),
          referentId: value(form.querySelector('#binome-referent')),
          from: page.at,
        });
        await reload(page);
        announce(`Le binôme porteur a été enregistré à partir du ${typedDate(page.at)}.`);
      },
    });
  });
}

// ---------- Membership fields shared by the add and edit forms ----------

function fillMembershipFields(form, ids, vocabulary, membership, { chooseCollege }) {
  const college = form.querySelector(`#${ids.college}`);
  const category = form.querySelector(`#${ids.category}`);
  const colleges = chooseCollege
    ? [{ value: '', label: '— Choisir le collège —' }, ...vocabulary.colleges]
    : vocabulary.colleges;
  fillSelect(college, colleges, membership.college ?? '');
  // Each category names its collège (the vocabulary says which, from the core).
  const collegeOf = (value) => vocabulary.member_categories.find((entry) => entry.value === value)?.college;
  const fillCategories = (selected) => {
    const options = vocabulary.member_categories
      .filter((entry) => college.value === '' || entry.college === college.value);
    const kept = options.some((entry) => entry.value === selected) ? selected : '';
    fillSelect(category, [{ value: '', label: `— ${NOT_SET} —` }, ...options], kept);
  };
  fillCategories(membership.category ?? '');
  college.addEventListener('change', () => fillCategories(category.value));
  // A category chosen first names its collège.
  category.addEventListener('change', () => {
    const wanted = collegeOf(category.value);
    if (wanted && college.value !== wanted) {
      college.value = wanted;
      fillCategories(category.value);
    }
  });
  fillSelect(form.querySelector(`#${ids.role}`), vocabulary.member_roles, membership.role ?? 'membre');
  fillSelect(form.querySelector(`#${ids.designation}`),
    [{ value: '', label: `— ${NOT_SET} —` }, ...vocabulary.designations], membership.designation ?? '');
}

function readMembershipFields(form, ids, personId) {
  const value = (key) => form.querySelector(`#${ids[key]}`).value;
  return {
    person_id: personId,
    college: value('college'),
    category: value('category'),
    role: value('role'),
    designation: value('designation'),
    joined_on: value('joined_on'),
    left_on: ids.left_on === ids.joined_on ? '' : value('left_on'),
    presence_required: form.querySelector(`#${ids.presence}`).checked,
  };
}

// ---------- Changing or removing a membership ----------

function closeOpenRows(page) {
  page.root.querySelectorAll('tr.edit-row').forEach((row) => row.remove());
}

function openEdit(row, member, page) {
  closeOpenRows(page);
  const editRow = cloneTemplate('tpl-membership-edit').querySelector('tr');
  const form = editRow.querySelector('form');
  const name = fullName(member);
  ref(form, 'legend').textContent = `Modifier l’appartenance de ${name}`;
  const ids = { ...EDIT_IDS, presence: 'edit-presence_required' };
  fillMembershipFields(form, ids, page.vocabulary, member, { chooseCollege: false });
  form.querySelector('#edit-joined_on').value = typedDate(member.joined_on);
  form.querySelector('#edit-left_on').value = typedDate(member.left_on);
  form.querySelector('#edit-presence_required').checked = member.presence_required;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitForm(form, {
      failed: 'L’appartenance n’a pas été modifiée',
      controlIdFor: (field) => EDIT_IDS[field] ?? field,
      save: async () => {
        await call('update_membership', { id: member.membership_id, input: readMembershipFields(form, ids, member.person_id) });
        await reload(page);
        rowButton(page, member.membership_id, 'edit')?.focus();
        announce(`L’appartenance de ${name} a été modifiée.`);
      },
    });
  });
  openRowPanel(row, editRow, () => rowButton(page, member.membership_id, 'edit')?.focus());
  form.querySelector('#edit-college').focus();
}

function openRemove(row, member, page) {
  closeOpenRows(page);
  const confirmRow = cloneTemplate('tpl-membership-remove').querySelector('tr');
  const name = fullName(member);
  ref(confirmRow, 'question').textContent = frenchSpacing(`Retirer ${name} de l’atelier ${page.atelier.code} ?`);
  ref(confirmRow, 'confirm').addEventListener('click', async () => {
    try {
      await call('delete_membership', { id: member.membership_id });
      await reload(page);
      membersHeading(page).focus();
      announce(`L’appartenance de ${name} à l’atelier ${page.atelier.code} a été supprimée.`);
    } catch (error) {
      announce(frenchSpacing(`Le retrait n’a pas abouti : ${errorMessage(error)}`));
    }
  });
  openRowPanel(row, confirmRow, () => rowButton(page, member.membership_id, 'remove')?.focus());
  ref(confirmRow, 'cancel').focus();
}

// ---------- Adding a member ----------

function setupAddMember(view, page) {
  const toggle = view.querySelector('#show-add-member');
  toggle.addEventListener('click', () => {
    const open = page.root.querySelector('#add-member');
    if (open) {
      closeAddMember(page);
      return;
    }
    const panel = createAddMember(page);
    ref(page.root, 'add-member').replaceChildren(panel);
    toggle.setAttribute('aria-expanded', 'true');
    panel.querySelector('#person-query').focus();
  });
}

function closeAddMember(page) {
  ref(page.root, 'add-member').replaceChildren();
  const toggle = page.root.querySelector('#show-add-member');
  toggle.setAttribute('aria-expanded', 'false');
  toggle.focus();
}

function createAddMember(page) {
  const panel = cloneTemplate('tpl-add-member').querySelector('section');
  const form = panel.querySelector('#add-member-form');
  const ids = { ...ADD_IDS, presence: 'add-presence_required' };
  const state = { createMode: false, results: [] };

  fillMembershipFields(form, ids, page.vocabulary, {}, { chooseCollege: true });
  form.querySelector('#add-joined_on').value = todayTyped();
  fillSelect(form.querySelector('#new-person-civility'), page.vocabulary.civilities, '');
  Promise.all([
    setupPlaceChoice(form.querySelector('#new-person-commune_id'), 'commune', null, page.context),
    setupPlaceChoice(form.querySelector('#new-person-organisation_id'), 'organisation', null, page.context),
  ]).catch((error) => announce(frenchSpacing(`Les communes et les organisations n’ont pas pu être lues : ${errorMessage(error)}`)));

  const query = form.querySelector('#person-query');
  bindPersonSearch(query, (found) => showResults(form, page, found), page.context.isCurrent);

  const setMode = (create) => {
    state.createMode = create;
    ref(form, 'search-mode').hidden = create;
    ref(form, 'create-mode').hidden = !create;
    if (create) {
      const lastName = form.querySelector('#new-person-last_name');
      if (lastName.value === '' && query.value.trim() !== '') lastName.value = query.value.trim();
      form.querySelector('#new-person-civility').focus();
      announce('Saisissez la nouvelle personne, puis son appartenance à l’atelier.');
    } else {
      query.focus();
    }
  };
  form.querySelector('#create-person-mode').addEventListener('click', () => setMode(true));
  form.querySelector('#search-person-mode').addEventListener('click', () => setMode(false));
  form.querySelector('#cancel-add-member').addEventListener('click', () => closeAddMember(page));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeAddMember(page);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    addMember(form, page, state, ids);
  });
  return panel;
}

/** Shows the people found (null: nothing searched) and returns the sentence that says so. */
function showResults(form, page, found) {
  return showPeopleFound(form, found, (person) => createChoice(person, page),
    'Aucune personne trouvée : vérifiez l’orthographe, ou créez la personne.');
}

function createChoice(person, page) {
  const item = cloneTemplate('tpl-person-choice').querySelector('.person-choice');
  const radio = item.querySelector('input');
  const label = item.querySelector('label');
  radio.id = `person-choice-${person.id}`;
  radio.value = String(person.id);
  radio.dataset.name = fullName(person);
  label.htmlFor = radio.id;
  const details = [person.function, person.organisation, person.commune].filter(Boolean).join(', ');
  const member = page.members.some((m) => m.person_id === person.id && m.current) ? ' (déjà membre de l’atelier)' : '';
  label.textContent = `${sortName(person)}${details ? ` — ${details}` : ''}${member}`;
  return item;
}

// The fields of the « new person » part of the form; the others belong to the membership.
const NEW_PERSON_FIELDS = new Set(['civility', 'first_name', 'last_name', 'email', 'commune_id', 'organisation_id']);

async function addMember(form, page, state, ids) {
  const atelierId = page.atelier.id;
  const person = state.createMode ? readNewPerson(form) : null;
  const chosen = person ? null : form.querySelector('input[name="person-choice"]:checked');
  const personName = person
    ? [person.civility, person.first_name, person.last_name].filter(Boolean).join(' ')
    : chosen?.dataset.name;
  const added = await submitForm(form, {
    failed: `L’ajout de ${personName || 'la personne'} n’a pas abouti`,
    controlIdFor: (field) => (person && NEW_PERSON_FIELDS.has(field) ? `new-person-${field}` : ADD_IDS[field] ?? field),
    save: async () => {
      if (person) {
        // The person and their membership in one transaction: both or neither.
        await call('add_new_member', { atelierId, person, membership: readMembershipFields(form, ids, 0) });
        return true;
      }
      if (!chosen) {
        showErrors(form, { fields: [{ field: 'person_id', message: 'Choisissez une personne dans la liste, ou créez-la.' }] },
          { controlIdFor: (field) => ADD_IDS[field] ?? field });
        announce(frenchSpacing('Le membre n’a pas été ajouté : choisissez d’abord la personne.'));
        return false;
      }
      await call('add_membership', { atelierId, input: readMembershipFields(form, ids, Number(chosen.value)) });
      return true;
    },
  });
  if (!added) return;
  closeAddMember(page);
  await reload(page);
  announce(`${personName} fait maintenant partie de l’atelier ${page.atelier.code}.`);
}

function readNewPerson(form) {
  const value = (key) => form.querySelector(`#new-person-${key}`).value;
  const id = (key) => chosenPlace(form.querySelector(`#new-person-${key}`));
  return {
    civility: value('civility'),
    first_name: value('first_name'),
    last_name: value('last_name'),
    function: '',
    commune_id: id('commune_id'),
    organisation_id: id('organisation_id'),
    email: value('email'),
    phone: '',
    notes: '',
  };
}

// ---------- Export ----------

async function exportMembers(page) {
  try {
    const path = await chooseFileToSave({
      title: 'Exporter les membres',
      defaultPath: `membres-${page.atelier.code}.csv`,
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    if (!path) {
      announce('Export annulé.');
      return;
    }
    const done = await call('export_members_csv', { atelierId: page.atelier.id, path });
    announce(frenchSpacing(done.message));
  } catch (error) {
    announce(frenchSpacing(`L’export n’a pas abouti : ${errorMessage(error)}`));
  }
}

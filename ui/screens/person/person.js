// A person's page: their details (new person when params.id === null), the ateliers they
// take part in, their signatures of the charter, and what the GDPR asks for (archive,
// export of their data, erasure at their request).

import { call, chooseFileToSave, errorMessage } from '../../js/api.js';
import { cloneTemplate, fillSelect, labelOf, plural, ref } from '../../js/dom.js';
import { NBSP, fileSlug, fullName, longDate, longDateOfStamp, periodText, todayIso } from '../../js/format.js';
import { submitForm } from '../../js/form-errors.js';
import { chosenPlace, setupPlaceChoice } from '../../js/place-choice.js';
import { announce } from '../../js/status.js';
import { confirmAction } from '../../js/confirm.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tables', 'tags', 'notices']);

const TEXT_FIELDS = [
  'first_name', 'last_name', 'function', 'email', 'phone', 'notes', 'address_lines', 'postcode', 'town',
  'salutation',
];
const LINK_FIELDS = ['commune_id', 'organisation_id'];
const NO_CIVILITY_LABEL = 'Non précisée';

export async function mount(root, context) {
  const { id } = context.params;
  const [vocabulary, page] = await Promise.all([
    context.vocabulary(),
    id === null ? Promise.resolve(null) : call('get_person', { id }),
  ]);
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-person');
  const form = view.querySelector('#person-form');
  const person = page?.person ?? emptyPerson();
  const erased = Boolean(person.anonymised_at);
  // The person as last saved, shared by the form and the actions below it.
  const current = { person };
  const heading = id === null ? 'Nouvelle personne' : fullName(person);
  const headingElement = ref(view, 'heading');
  headingElement.textContent = heading;

  if (erased) {
    form.remove();
    ref(view, 'erased-notice').hidden = false;
    ref(view, 'erased-text').textContent =
      `Cette personne a été effacée à sa demande le ${longDateOfStamp(person.anonymised_at)}.`;
  } else {
    await fillForm(form, person, vocabulary, context);
    if (!context.isCurrent()) return;
    form.querySelector('#save-person').textContent = id === null ? 'Ajouter à l’annuaire' : 'Enregistrer les modifications';
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit(form, id, { context, headingElement, current });
    });
  }

  if (page) {
    showMemberships(view, page.memberships ?? [], vocabulary);
    showCharter(view, page, vocabulary);
  } else {
    ref(view, 'ateliers-section').remove();
    ref(view, 'charter-section').remove();
  }
  if (page && !erased) {
    setupDataActions(view, current, context);
  } else {
    // Nothing to archive, export or erase: a new person is not saved yet, an erased one is gone.
    ref(view, 'data-section').remove();
  }

  root.replaceChildren(view);
  context.setTitle(heading);
}

function emptyPerson() {
  return {
    civility: '', first_name: '', last_name: '', function: '', commune_id: null,
    organisation_id: null, email: '', phone: '', notes: '', archived: false, anonymised_at: null,
    address_lines: '', postcode: '', town: '', salutation: '', default_salutation: '',
  };
}

function field(form, key) {
  return form.querySelector(`[id="${key}"]`);
}

async function fillForm(form, person, vocabulary, context) {
  const civilities = (vocabulary.civilities ?? []).map((entry) => (
    entry.value === '' ? { value: '', label: NO_CIVILITY_LABEL } : entry));
  fillSelect(field(form, 'civility'), civilities, person.civility ?? '');
  for (const key of TEXT_FIELDS) field(form, key).value = person[key] ?? '';
  ref(form, 'salutation-hint').textContent = person.default_salutation
    ? `Laissée vide, les lettres écrivent «${NBSP}${person.default_salutation}${NBSP}», d’après la civilité et la fonction.`
    : 'Laissée vide, elle est déduite de la civilité et de la fonction : « Madame la Maire », « Monsieur »…';
  const link = (id, label) => (id == null ? null : { id, label });
  await Promise.all([
    setupPlaceChoice(field(form, 'commune_id'), 'commune', link(person.commune_id, person.commune), context),
    setupPlaceChoice(field(form, 'organisation_id'), 'organisation',
      link(person.organisation_id, person.organisation), context),
  ]);
}

function readInput(form) {
  const input = { civility: field(form, 'civility').value };
  for (const key of TEXT_FIELDS) input[key] = field(form, key).value;
  for (const key of LINK_FIELDS) input[key] = chosenPlace(field(form, key));
  return input;
}

async function submit(form, id, { context, headingElement, current }) {
  await submitForm(form, {
    failed: 'La personne n’a pas été enregistrée',
    save: async () => {
      const input = readInput(form);
      if (id === null) {
        const saved = await call('create_person', { input });
        announce(`La personne «${NBSP}${fullName(saved)}${NBSP}» a été ajoutée à l’annuaire.`);
        context.navigate(`#/annuaire/${saved.id}`);
        return;
      }
      const saved = await call('update_person', { id, input });
      if (!context.isCurrent()) return;
      current.person = saved;
      const heading = fullName(saved);
      headingElement.textContent = heading;
      context.setTitle(heading);
      announce(`La fiche de «${NBSP}${heading}${NBSP}» a été enregistrée.`);
    },
  });
}

// ---------- Ateliers ----------

function showMemberships(view, memberships, vocabulary) {
  ref(view, 'ateliers-section').hidden = false;
  const table = view.querySelector('#person-ateliers');
  if (memberships.length === 0) {
    table.hidden = true;
    ref(view, 'ateliers-empty').hidden = false;
    return;
  }
  const today = todayIso();
  const current = memberships.filter((m) => m.current).length;
  ref(view, 'ateliers-caption').textContent =
    `Participations aux ateliers${NBSP}: ${plural(memberships.length, 'participation', 'participations')}, dont ${current} en cours`;
  ref(view, 'ateliers-rows').replaceChildren(...memberships.map((m) => membershipRow(m, vocabulary, today)));
}

function membershipRow(membership, vocabulary, today) {
  const row = cloneTemplate('tpl-person-membership-row').querySelector('tr');
  row.dataset.membershipId = String(membership.membership_id);
  const link = ref(row, 'link');
  link.href = `#/ateliers/${membership.atelier_id}`;
  link.textContent = `${membership.atelier_code} — ${membership.atelier_title}`;
  setCell(row, 'college', labelOf(vocabulary.colleges ?? [], membership.college));
  setCell(row, 'category', membership.category
    ? labelOf(vocabulary.member_categories ?? [], membership.category)
    : 'Non précisée');
  setCell(row, 'role', membership.binome
    ? labelOf(vocabulary.binome_roles ?? [], membership.binome)
    : labelOf(vocabulary.member_roles ?? [], membership.role));
  setCell(row, 'period', periodText(membership.joined_on, membership.left_on, { write: longDate, today }));
  const situation = situationOf(membership, today);
  setCell(row, 'situation', situation);
  if (!membership.current) row.classList.add('is-past');
  return row;
}

function situationOf(membership, today) {
  if (membership.current) return 'En cours';
  return membership.joined_on > today ? 'À venir' : 'Terminée';
}

// ---------- Charte ----------

function showCharter(view, page, vocabulary) {
  ref(view, 'charter-section').hidden = false;
  const signatures = page.signatures ?? [];
  const version = page.current_charter_version;
  const current = signatures.find((s) => s.version_is_current);
  const status = ref(view, 'charter-status');
  if (current) {
    status.textContent = `A signé la version en vigueur de la charte (version ${version}) le ${longDate(current.signed_on)}.`;
    status.classList.add('is-signed');
  } else {
    status.textContent = version
      ? `N’a pas signé la version en vigueur de la charte (version ${version}).`
      : 'Aucune version de la charte n’est en vigueur.';
    status.classList.add('is-missing');
  }
  const table = view.querySelector('#person-signatures');
  if (signatures.length === 0) {
    table.hidden = true;
    status.textContent += ' Aucune signature n’est enregistrée.';
    return;
  }
  ref(table, 'signature-rows').replaceChildren(...signatures.map((s) => signatureRow(s, vocabulary)));
}

function signatureRow(signature, vocabulary) {
  const row = cloneTemplate('tpl-person-signature-row').querySelector('tr');
  setCell(row, 'version', signature.version_is_current
    ? `Version ${signature.version} (en vigueur)`
    : `Version ${signature.version}`);
  setCell(row, 'signed-on', longDate(signature.signed_on));
  setCell(row, 'mode', labelOf(vocabulary.signature_modes ?? [], signature.mode));
  setCell(row, 'meeting', signature.meeting ?? '—');
  setCell(row, 'scan', signature.has_scan ? 'Copie numérisée conservée' : 'Non');
  return row;
}

function setCell(row, column, text) {
  row.querySelector(`[data-col="${column}"]`).textContent = text ?? '';
}

// ---------- Archivage, export, effacement ----------

function setupDataActions(view, current, context) {
  ref(view, 'data-section').hidden = false;
  const archiveButton = view.querySelector('#toggle-archived');
  const archivedNotice = ref(view, 'archived-notice');
  const archiveState = ref(view, 'archive-state');
  const showArchived = () => {
    const { archived } = current.person;
    archiveButton.textContent = archived ? 'Désarchiver' : 'Archiver';
    archivedNotice.hidden = !archived;
    archiveState.textContent = archived
      ? 'Cette personne est archivée.'
      : 'Cette personne figure dans l’annuaire.';
  };
  showArchived();

  archiveButton.addEventListener('click', async () => {
    if (archiveButton.dataset.pending === 'true') return;
    archiveButton.dataset.pending = 'true';
    try {
      const { person } = current;
      const saved = await call('set_person_archived', { id: person.id, archived: !person.archived });
      if (!context.isCurrent()) return;
      current.person = saved;
      showArchived();
      const name = `«${NBSP}${fullName(saved)}${NBSP}»`;
      announce(saved.archived
        ? `La personne ${name} a été archivée${NBSP}: elle n’apparaît plus dans l’annuaire, ses participations restent comptées.`
        : `La personne ${name} a été désarchivée${NBSP}: elle apparaît de nouveau dans l’annuaire.`);
    } catch (error) {
      announce(`L’archivage n’a pas été modifié${NBSP}: ${errorMessage(error)}`);
    } finally {
      delete archiveButton.dataset.pending;
    }
  });

  const exportButton = view.querySelector('#export-person');
  exportButton.addEventListener('click', () => exportPerson(exportButton, current.person));
  setupErasure(view, current, context);
}

async function exportPerson(button, person) {
  if (button.dataset.pending === 'true') return;
  button.dataset.pending = 'true';
  try {
    const path = await chooseFileToSave({
      title: 'Exporter les données de la personne',
      defaultPath: `${fileSlug(person)}-donnees.json`,
      filters: [{ name: 'JSON', extensions: ['json'] }],
    });
    if (!path) {
      announce('Export annulé.');
      return;
    }
    const done = await call('export_person', { id: person.id, path });
    announce(done.message);
  } catch (error) {
    announce(`Les données n’ont pas été exportées${NBSP}: ${errorMessage(error)}`);
  } finally {
    delete button.dataset.pending;
  }
}

function setupErasure(view, current, context) {
  const openButton = view.querySelector('#erase-person');
  let erasing = false;
  openButton.addEventListener('click', async () => {
    if (erasing) return;
    const confirmed = await confirmAction({
      opener: openButton,
      title: 'Effacer définitivement cette personne ?',
      paragraphs: [
        `Vous allez effacer « ${fullName(current.person)} » de l’application, à sa demande.`,
        'Son nom, sa fonction, sa commune, son organisation, son courriel, son téléphone, ses notes et les copies numérisées de ses signatures seront supprimés. Cette action est définitive : elle ne peut pas être annulée.',
        'Ses présences et ses participations aux ateliers sont conservées sans son nom, pour que les comptes des réunions restent justes.',
      ],
      yes: 'Effacer définitivement',
    });
    if (!confirmed || erasing) return;
    erasing = true;
    try {
      const done = await call('erase_person', { id: current.person.id });
      announce(done.message);
      if (context.isCurrent()) context.navigate(location.hash);
    } catch (error) {
      erasing = false;
      announce(`La personne n’a pas été effacée${NBSP}: ${errorMessage(error)}`);
      if (context.isCurrent()) openButton.focus();
    }
  });
}

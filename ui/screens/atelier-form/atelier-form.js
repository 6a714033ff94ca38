// Atelier form, for a new atelier (params.id === null) and for an existing one.

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, compareFrench, fillSelect, ref, typedDate } from '../../js/dom.js';
import { submitForm } from '../../js/form-errors.js';
import { addPlaceSearch, findPlaces, placeLabel, PLACES_FEW } from '../../js/place-choice.js';
import { frenchSpacing } from '../../js/format.js';
import { announce } from '../../js/status.js';
import { confirmAction } from '../../js/confirm.js';
import { milestoneControlId, readMilestones, setupMilestones } from './milestones.js';
import { createTabs } from '../../js/atelier-tabs.js';
import { addFicheExport } from '../../js/documents.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tables', 'tags']);

const LIST_ROUTE = '#/ateliers';
const PERMANENT_KIND = 'permanent';

const DATE_FIELDS = new Set([
  'proposed_on', 'validated_on', 'started_on', 'closed_on', 'planned_start', 'planned_end',
]);
const TEXT_FIELDS = [
  'code', 'title', 'kind', 'status', 'proposed_on', 'validated_on', 'started_on', 'closed_on',
  'political_mandate', 'scope', 'negotiable', 'non_negotiable', 'objectives',
  'planned_start', 'planned_end', 'outcome_proposals', 'outcome_follow_up',
];
const CLOSED = 'clos';
// #status is the page's live region, so the status <select> needs another id.
const CONTROL_IDS = { status: 'atelier-status' };

export async function mount(root, context) {
  const { id } = context.params;
  const [vocabulary, atelier, communes] = await Promise.all([
    context.vocabulary(),
    id === null ? Promise.resolve(emptyAtelier()) : call('get_atelier', { id }),
    findPlaces('commune', '', PLACES_FEW),
  ]);
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-atelier-form');
  const form = view.querySelector('#atelier-form');
  const heading = id === null ? 'Nouvel atelier' : `Modifier l’atelier ${atelier.code}`;
  ref(view, 'heading').textContent = heading;
  if (id === null) ref(view, 'tabs').remove();
  else ref(view, 'tabs').replaceWith(createTabs(atelier, 'fiche'));
  if (id !== null) addFicheExport(view, atelier);

  fillSelect(field(form, 'kind'), vocabulary.atelier_kinds, atelier.kind);
  fillSelect(field(form, 'status'), vocabulary.atelier_statuses, atelier.status);
  fillTextFields(form, atelier);
  field(form, 'exempt_from_composition').checked = Boolean(atelier.exempt_from_composition);
  setupCommunes(ref(form, 'communes'), communes, atelier.communes ?? [], context);
  setupMilestones(form, vocabulary.milestone_kinds, atelier.milestones ?? [], atelier.milestone_states ?? []);
  setupOutcome(form);

  if (id === null) suggestExemption(form);
  if (id === null) ref(form, 'delete').remove();
  else setupDelete(view, atelier, context);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit(form, id, context);
  });

  root.replaceChildren(view);
  context.setTitle(heading);
}

function emptyAtelier() {
  return {
    code: '', title: '', kind: '', status: '', exempt_from_composition: false,
    proposed_on: null, validated_on: null, started_on: null, closed_on: null,
    political_mandate: '', scope: '', negotiable: '', non_negotiable: '', objectives: '',
    planned_start: null, planned_end: null, milestones: [], commune_ids: [], communes: [],
    outcome_proposals: '', outcome_follow_up: '',
  };
}

function field(form, key) {
  return form.querySelector(`[id="${controlIdFor(key)}"]`);
}

function controlIdFor(key) {
  return CONTROL_IDS[key] ?? milestoneControlId(key);
}

function fillTextFields(form, atelier) {
  for (const key of TEXT_FIELDS) {
    const control = field(form, key);
    if (control.tagName === 'SELECT') continue;
    const value = atelier[key];
    control.value = DATE_FIELDS.has(key) ? typedDate(value) : value ?? '';
  }
}

/**
 * The atelier's communes as checkboxes: every commune when the base has few; else the
 * chosen ones, then those a search finds (place-choice.js).
 */
function setupCommunes(container, first, chosenCommunes, context) {
  const chosen = new Map(chosenCommunes.map((commune) => [commune.id, commune]));
  const show = (rows) => {
    const offered = rows.filter((commune) => !chosen.has(commune.id));
    container.replaceChildren(...[...chosen.values(), ...offered].map((commune) => {
      const item = cloneTemplate('tpl-commune-check').querySelector('.check');
      const box = item.querySelector('input');
      const label = item.querySelector('label');
      box.id = `commune-${commune.id}`;
      box.value = String(commune.id);
      box.checked = chosen.has(commune.id);
      box.addEventListener('change', () => {
        if (box.checked) chosen.set(commune.id, commune);
        else chosen.delete(commune.id);
      });
      label.htmlFor = box.id;
      label.textContent = placeLabel(commune);
      return item;
    }));
  };
  if (first.total <= PLACES_FEW) {
    show([...first.rows].sort((a, b) => compareFrench(a.name, b.name)));
    return;
  }
  show([]);
  addPlaceSearch(container, 'commune', first.total, show, context.isCurrent);
}

/** « Aboutissement », shown when the status is « Clos »: closing asks what the atelier came to. */
function setupOutcome(form) {
  const status = field(form, 'status');
  const part = ref(form, 'outcome');
  part.hidden = status.value !== CLOSED;
  status.addEventListener('change', () => {
    const closing = status.value === CLOSED && part.hidden;
    part.hidden = status.value !== CLOSED;
    if (closing) announce(frenchSpacing('Clore l’atelier : indiquez sa date de clôture et ses propositions (partie « Aboutissement »).'));
  });
}

// A permanent atelier is usually exempt from the composition rules; the user may uncheck it.
function suggestExemption(form) {
  field(form, 'kind').addEventListener('change', (event) => {
    if (event.target.value === PERMANENT_KIND) field(form, 'exempt_from_composition').checked = true;
  });
}

function readInput(form) {
  const input = {};
  for (const key of TEXT_FIELDS) input[key] = field(form, key).value;
  input.exempt_from_composition = field(form, 'exempt_from_composition').checked;
  input.milestones = readMilestones(form);
  input.commune_ids = [...form.querySelectorAll('#commune_ids input[type="checkbox"]:checked')]
    .map((box) => Number(box.value));
  return input;
}

/** « Supprimer l’atelier », confirmed in a dialog; refused by the core when it has meetings. */
function setupDelete(view, atelier, context) {
  const opener = view.querySelector('#delete-atelier');
  opener.addEventListener('click', async () => {
    const confirmed = await confirmAction({
      opener,
      title: 'Supprimer cet atelier ?',
      paragraphs: [
        `L’atelier « ${atelier.code} — ${atelier.title} » sera supprimé définitivement.`,
        'Ses membres et son calendrier prévisionnel seront supprimés avec lui. Un atelier qui a déjà des réunions ne peut pas être supprimé : passez alors son statut à « Clos ».',
      ],
      yes: 'Supprimer l’atelier',
      no: 'Ne pas supprimer',
    });
    if (!confirmed) {
      announce('L’atelier n’a pas été supprimé.');
      return;
    }
    try {
      const done = await call('delete_atelier', { id: atelier.id });
      announce(done.message);
      context.navigate(LIST_ROUTE);
    } catch (error) {
      opener.focus();
      announce(frenchSpacing(`L’atelier n’a pas été supprimé : ${errorMessage(error)}`));
    }
  });
}

async function submit(form, id, context) {
  await submitForm(form, {
    failed: 'L’atelier n’a pas été enregistré',
    controlIdFor,
    save: async () => {
      const input = readInput(form);
      const saved = id === null
        ? await call('create_atelier', { input })
        : await call('update_atelier', { id, input });
      const verb = id === null ? 'créé' : 'enregistré';
      announce(`L’atelier « ${saved.code} — ${saved.title} » a été ${verb}.`);
      context.navigate(LIST_ROUTE);
    },
  });
}

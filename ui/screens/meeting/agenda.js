// The « Ordre du jour » part of a meeting's page: its items in order (moved up and down by
// keyboard), their kind, presenter and duration, the total against the meeting's length,
// the validation of the previous relevé the core proposes as first item, and the
// supporting documents attached to the meeting.

import { call, chooseFileToOpen, errorMessage } from '../../js/api.js';
import { cloneTemplate, fillSelect, plural, ref } from '../../js/dom.js';
import { NBSP, frenchSpacing } from '../../js/format.js';
import { clearErrors, submitForm } from '../../js/form-errors.js';
import { announce } from '../../js/status.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html']);

const FIELD_IDS = { title: 'title', kind: 'kind', presenter_note: 'presenter', presenter_id: 'presenter', duration: 'duration' };

/** Mounts the agenda editor of `meeting` into `panel`. */
export async function mountPart(panel, context, meeting) {
  const [vocabulary, agenda] = await Promise.all([
    context.vocabulary(),
    call('get_agenda', { meetingId: meeting.id }),
  ]);
  if (!context.isCurrent()) return;
  const view = cloneTemplate('tpl-meeting-agenda');
  const page = { context, vocabulary, meeting, agenda, items: agenda.items.map(editable), root: panel };
  panel.replaceChildren(view);
  renderAll(page);
  setupEditor(page);
  setupDocuments(page);
}

/** A stored item as the editor keeps it. */
function editable(item) {
  return {
    title: item.title,
    kind: item.kind,
    presenter_id: item.presenter_id,
    presenter_note: item.presenter_note,
    presenter: item.presenter,
    duration: item.duration_minutes == null ? '' : String(item.duration_minutes),
    releve_id: item.releve_id,
  };
}

/** « 2 h 30 », « 45 min », as the core writes a duration. */
function durationText(minutes) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours === 0 ? `${rest}${NBSP}min` : `${hours}${NBSP}h${NBSP}${String(rest).padStart(2, '0')}`;
}

/** « 1re », « 2e »: a position in French. */
function ordinal(position) {
  return position === 1 ? '1re' : `${position}e`;
}

function form(page) {
  return page.root.querySelector('#agenda-form');
}

// ---------- Drawing ----------

function renderAll(page) {
  renderItems(page);
  renderProposal(page);
  renderOverrun(page);
  renderDocuments(page);
}

function renderItems(page) {
  const list = ref(page.root, 'items');
  list.replaceChildren(...page.items.map((item, index) => createItem(page, item, index)));
  ref(page.root, 'empty').hidden = page.items.length > 0;
  renderTotal(page);
}

function createItem(page, item, index) {
  const row = cloneTemplate('tpl-agenda-item').querySelector('li');
  const position = index + 1;
  row.dataset.index = String(index);
  ref(row, 'legend').textContent = `Point ${position}`;
  for (const name of ['title', 'kind', 'presenter', 'duration']) {
    const control = ref(row, name);
    control.id = `agenda-${name}-${index}`;
    ref(row, `${name}-label`).htmlFor = control.id;
  }
  ref(row, 'title').value = item.title;
  fillSelect(ref(row, 'kind'), page.vocabulary.agenda_item_kinds, item.kind || 'information');
  ref(row, 'presenter').value = item.presenter_note;
  ref(row, 'duration').value = item.duration;
  const person = ref(row, 'presenter-person');
  person.hidden = item.presenter_id == null;
  person.textContent = frenchSpacing(`Intervenant enregistré : ${item.presenter}`);
  ref(row, 'releve-link').hidden = item.releve_id == null;

  const who = ` le point ${position}`;
  ref(row, 'up-who').textContent = who;
  ref(row, 'down-who').textContent = who;
  ref(row, 'remove-who').textContent = who;
  if (index === 0) ref(row, 'up').setAttribute('aria-disabled', 'true');
  if (index === page.items.length - 1) ref(row, 'down').setAttribute('aria-disabled', 'true');
  ref(row, 'up').addEventListener('click', () => move(page, index, -1, 'up'));
  ref(row, 'down').addEventListener('click', () => move(page, index, 1, 'down'));
  ref(row, 'remove').addEventListener('click', () => removeItem(page, index));
  return row;
}

function renderTotal(page) {
  const total = page.items.reduce((sum, item) => {
    const minutes = Number.parseInt(item.duration, 10);
    return sum + (Number.isFinite(minutes) && minutes > 0 ? minutes : 0);
  }, 0);
  const node = ref(page.root, 'total');
  node.textContent = `Durée totale${NBSP}: ${durationText(total)} pour une réunion de ${durationText(page.agenda.meeting_minutes)}.`;
  node.classList.toggle('is-over', total > page.agenda.meeting_minutes);
}

function renderOverrun(page) {
  const node = ref(page.root, 'overrun');
  node.hidden = !page.agenda.overrun;
  node.textContent = page.agenda.overrun ? `${frenchSpacing(page.agenda.overrun)}.` : '';
}

function renderProposal(page) {
  const { proposal } = page.agenda;
  const box = ref(page.root, 'proposal');
  const taken = proposal && page.items.some((item) => item.releve_id != null && item.releve_id === proposal.releve_id);
  box.hidden = !proposal || taken;
  if (proposal) {
    const minutes = Number.parseInt(proposal.duration, 10);
    ref(box, 'proposal-text').textContent =
      frenchSpacing(`« ${proposal.title} »${Number.isFinite(minutes) ? ` (${durationText(minutes)})` : ''}, en premier point.`);
  }
}

// ---------- Editing ----------

/** Reads the fields back into the page's items (before any change of order or count). */
function syncFromFields(page) {
  for (const row of ref(page.root, 'items').children) {
    const item = page.items[Number(row.dataset.index)];
    item.title = ref(row, 'title').value;
    item.kind = ref(row, 'kind').value;
    item.presenter_note = ref(row, 'presenter').value;
    item.duration = ref(row, 'duration').value;
  }
}

function rowControl(page, index, name) {
  return ref(page.root, 'items').children[index]?.querySelector(`[data-ref="${name}"]`) ?? null;
}

function setupEditor(page) {
  const editor = form(page);
  ref(page.root, 'items').addEventListener('input', () => {
    syncFromFields(page);
    renderTotal(page);
  });
  page.root.querySelector('#add-agenda-item').addEventListener('click', () => addItem(page));
  page.root.querySelector('#add-proposal').addEventListener('click', () => addProposal(page));
  editor.addEventListener('submit', (event) => {
    event.preventDefault();
    save(page);
  });
}

function restructure(page, change) {
  syncFromFields(page);
  clearErrors(form(page));
  change();
  renderItems(page);
  renderProposal(page);
}

function move(page, index, delta, button) {
  const target = index + delta;
  if (target < 0 || target >= page.items.length) {
    announce(delta < 0 ? 'Ce point est déjà le premier.' : 'Ce point est déjà le dernier.');
    return;
  }
  restructure(page, () => {
    const [item] = page.items.splice(index, 1);
    page.items.splice(target, 0, item);
  });
  rowControl(page, target, button)?.focus();
  announce(`Point déplacé en ${ordinal(target + 1)} position.`);
}

function removeItem(page, index) {
  const title = rowControl(page, index, 'title')?.value.trim();
  restructure(page, () => page.items.splice(index, 1));
  const next = rowControl(page, Math.min(index, page.items.length - 1), 'remove');
  (next ?? page.root.querySelector('#add-agenda-item')).focus();
  announce(frenchSpacing(`Point ${index + 1}${title ? ` « ${title} »` : ''} retiré ; enregistrez l’ordre du jour pour confirmer.`));
}

function addItem(page) {
  restructure(page, () => page.items.push({
    title: '', kind: 'information', presenter_id: null, presenter_note: '', presenter: '', duration: '', releve_id: null,
  }));
  rowControl(page, page.items.length - 1, 'title').focus();
  announce(`Point ${page.items.length} ajouté${NBSP}: saisissez son intitulé.`);
}

function addProposal(page) {
  const { proposal } = page.agenda;
  restructure(page, () => page.items.unshift({
    title: proposal.title,
    kind: proposal.kind,
    presenter_id: proposal.presenter_id,
    presenter_note: proposal.presenter_note,
    presenter: '',
    duration: proposal.duration,
    releve_id: proposal.releve_id,
  }));
  rowControl(page, 0, 'title').focus();
  announce(frenchSpacing(`« ${proposal.title} » ajouté en premier point ; enregistrez l’ordre du jour pour confirmer.`));
}

/** `items[2].title` → the id of that control. */
function controlIdFor(field) {
  const match = /^items\[(\d+)\]\.(\w+)$/.exec(field);
  if (!match) return field;
  return `agenda-${FIELD_IDS[match[2]] ?? match[2]}-${match[1]}`;
}

async function save(page) {
  const saved = await submitForm(form(page), {
    failed: 'L’ordre du jour n’a pas été enregistré',
    controlIdFor,
    save: async () => {
      syncFromFields(page);
      const items = page.items.map((item) => ({
        title: item.title,
        kind: item.kind,
        presenter_id: item.presenter_id,
        presenter_note: item.presenter_note,
        duration: item.duration,
        releve_id: item.releve_id,
      }));
      page.agenda = await call('save_agenda', { meetingId: page.meeting.id, items });
      return true;
    },
  });
  if (!saved || !page.context.isCurrent()) return;
  page.items = page.agenda.items.map(editable);
  renderItems(page);
  renderProposal(page);
  renderOverrun(page);
  const summary = `${plural(page.items.length, 'point', 'points')}, ${durationText(page.agenda.total_minutes)}`;
  const overrun = page.agenda.overrun ? ` ${frenchSpacing(page.agenda.overrun)}.` : '';
  announce(`L’ordre du jour a été enregistré (${summary}).${overrun}`);
}

// ---------- Documents ----------

function renderDocuments(page) {
  const { documents } = page.agenda;
  ref(page.root, 'no-documents').hidden = documents.length > 0;
  ref(page.root, 'documents').replaceChildren(...documents.map((doc) => createDocument(page, doc)));
}

function sizeText(bytes) {
  if (bytes < 1024) return `${bytes}${NBSP}octets`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)}${NBSP}ko`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')}${NBSP}Mo`;
}

function createDocument(page, doc) {
  const item = cloneTemplate('tpl-agenda-document').querySelector('li');
  item.dataset.attachmentId = String(doc.attachment_id);
  ref(item, 'name').textContent = doc.name;
  ref(item, 'size').textContent = `(${sizeText(doc.size_bytes)})`;
  ref(item, 'remove-who').textContent = ` le document ${doc.name}`;
  ref(item, 'remove').addEventListener('click', () => removeDocument(page, doc));
  return item;
}

function setupDocuments(page) {
  page.root.querySelector('#attach-document').addEventListener('click', () => attachDocument(page));
}

async function attachDocument(page) {
  try {
    const path = await chooseFileToOpen({ title: 'Joindre un document à la réunion' });
    if (!path) {
      announce('Aucun document joint.');
      return;
    }
    const agenda = await call('attach_meeting_document', { meetingId: page.meeting.id, path });
    if (!page.context.isCurrent()) return;
    page.agenda.documents = agenda.documents;
    renderDocuments(page);
    announce(frenchSpacing(`Document joint : ${path.split(/[\\/]/).pop()}.`));
  } catch (error) {
    announce(frenchSpacing(`Le document n’a pas été joint : ${errorMessage(error)}`));
  }
}

async function removeDocument(page, doc) {
  try {
    const agenda = await call('remove_meeting_document', { meetingId: page.meeting.id, attachmentId: doc.attachment_id });
    if (!page.context.isCurrent()) return;
    page.agenda.documents = agenda.documents;
    renderDocuments(page);
    const heading = page.root.querySelector('#documents-title');
    heading.setAttribute('tabindex', '-1');
    heading.focus();
    announce(frenchSpacing(`Le document « ${doc.name} » a été retiré de la réunion.`));
  } catch (error) {
    announce(frenchSpacing(`Le document n’a pas été retiré : ${errorMessage(error)}`));
  }
}

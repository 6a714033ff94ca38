// The printed documents (PDF, or OpenDocument text to amend one), shared by the screens that
// offer them: one document written where the user chooses in the save dialog and opened in
// the system's viewer, the batch of
// convocations with its progress bar and a way to cancel it, a preview of a first page on a
// <canvas>, and the buttons that ask for them (one per document, cloned from the templates
// of the « Documents » block of index.html). The backend writes and opens the files.
// Also the files for the calendar programs (« agenda »): a meeting's invitation or
// cancellation, an atelier's or every atelier's calendar, saved where the user chooses and
// not opened; and a meeting's e-mail drafts, a folder the backend opens in the file manager.
// The progress bar and the save dialog's questions are shared by the convocations and the
// drafts (`withProgress`, `askWhereToSave`).

import { call, chooseFileToSave, errorMessage, progressChannel } from './api.js';
import { cloneTemplate, plural, ref } from './dom.js';
import { NBSP, frenchSpacing, sortName } from './format.js';
import { announce } from './status.js';
import { loadBeside } from './assets.js';

await loadBeside(import.meta.url, ['html', 'css']);

const FILTERS = {
  pdf: [{ name: 'Document PDF', extensions: ['pdf'] }],
  odt: [{ name: 'Texte OpenDocument (LibreOffice, Word)', extensions: ['odt'] }],
};
export const CONVOCATIONS_SAVE_TITLE = 'Enregistrer les convocations (un dossier)';

/** « Le document « … » » with the no-break spaces inside the guillemets. */
function quoted(text) {
  return `«${NBSP}${text}${NBSP}»`;
}

/**
 * Writes the document `request` asks for (`{ kind, … }`, see the backend's contract) where
 * the user chooses in the save dialog titled `saveTitle`, in `format` (`pdf`, or `odt` to
 * amend it in a word processor), and says what happened. Resolves to `{ path, title,
 * opened }`, or null when the dialog was closed or the export failed.
 */
export async function exportDocument(request, { saveTitle, format = 'pdf' }) {
  try {
    const defaultPath = await call('document_name', { request, format });
    const path = await chooseFileToSave({ title: saveTitle, defaultPath, filters: FILTERS[format] });
    if (!path) {
      announce(frenchSpacing('Aucun document n’a été enregistré : la fenêtre d’enregistrement a été fermée.'));
      return null;
    }
    announce('Écriture du document en cours…');
    const written = await call('export_document', { request, path, format });
    const opener = format === 'odt' ? 'le traitement de texte' : 'la visionneuse';
    announce(written.opened
      ? `Le document ${quoted(written.title)} est enregistré dans ${written.path} et s’ouvre dans ${opener}.`
      : `Le document ${quoted(written.title)} est enregistré dans ${written.path}${NBSP}; il n’a pas pu être ouvert automatiquement.`);
    return written;
  } catch (error) {
    announce(frenchSpacing(`Le document n’a pas été enregistré : ${errorMessage(error)}`));
    return null;
  }
}

/**
 * Asks where to write something in the save dialog titled `title`, its default name given
 * by `name()` (a promise); says so and resolves to null when the dialog is closed
 * (« `nothing` : la fenêtre d’enregistrement a été fermée. ») or when asking fails
 * (« `failed` : … »).
 */
export async function askWhereToSave({ name, title, filters = [], nothing, failed }) {
  let path;
  try {
    path = await chooseFileToSave({ title, defaultPath: await name(), filters });
  } catch (error) {
    announce(frenchSpacing(`${failed} : ${errorMessage(error)}`));
    return null;
  }
  if (!path) {
    announce(frenchSpacing(`${nothing} : la fenêtre d’enregistrement a été fermée.`));
    return null;
  }
  return path;
}

/**
 * Runs `run(channel, state)`, a backend call that reports its steps as `{ done, total }` on
 * `channel`, while `progress` shows how far it is: `{ box, bar, text }` (the container shown
 * only meanwhile, a <progress>, the element that says it in words). `first` is said until
 * the first step, then `words(done, total)`, unless `state.quiet` was set (the caller then
 * says something else). Resolves to what `run` resolves to.
 */
export async function withProgress({ box, bar, text }, { first, words }, run) {
  const state = { quiet: false };
  const channel = progressChannel(({ done, total }) => {
    bar.max = Math.max(total, 1);
    bar.value = done;
    if (!state.quiet) text.textContent = words(done, total);
  });
  bar.removeAttribute('value');
  bar.max = 1;
  text.textContent = first;
  box.hidden = false;
  try {
    return await run(channel, state);
  } finally {
    box.hidden = true;
  }
}

/**
 * Writes the convocations of meeting `meetingId` into a folder named in the save dialog:
 * one file per convoked person and the file of them all, which then opens. While it runs,
 * `progress` shows how far it is: `{ box, bar, text, cancel }` (the container shown only
 * meanwhile, a <progress>, the element that says it in words, the « Annuler » button).
 * Resolves to what was written, or null (dialog closed, cancelled, failed).
 */
export async function exportConvocations(meetingId, progress) {
  const folder = await askWhereToSave({
    name: () => call('document_name', { request: { kind: 'convocations', meeting_id: meetingId } }),
    title: CONVOCATIONS_SAVE_TITLE,
    nothing: 'Aucune convocation n’a été enregistrée',
    failed: 'Les convocations n’ont pas été enregistrées',
  });
  if (!folder) return null;

  const { text, cancel } = progress;
  let stopping = null;
  const stop = async () => {
    if (stopping) stopping.quiet = true;
    cancel.disabled = true;
    text.textContent = 'Annulation en cours…';
    try {
      await call('cancel_export');
    } catch (error) {
      announce(frenchSpacing(`L’écriture n’a pas pu être arrêtée : ${errorMessage(error)}`));
    }
  };
  cancel.disabled = false;
  cancel.addEventListener('click', stop);
  announce('Écriture des convocations en cours…');
  try {
    const written = await withProgress(progress, { first: 'Préparation des convocations…', words: convocationsWritten },
      (onProgress, state) => {
        stopping = state;
        return call('export_convocations', { meetingId, folder, onProgress });
      });
    const count = written.files.length;
    const saved = count > 1 ? `${count} convocations sont enregistrées` : `${count} convocation est enregistrée`;
    announce(written.opened
      ? `${saved} dans le dossier ${written.folder}${NBSP}; le fichier de toutes les convocations à imprimer s’ouvre.`
      : `${saved} dans le dossier ${written.folder}${NBSP}; le fichier de toutes les convocations à imprimer (${written.merged}) n’a pas pu être ouvert automatiquement.`);
    return written;
  } catch (error) {
    announce(error?.code === 'cancelled'
      ? frenchSpacing(asSentence(errorMessage(error)))
      : frenchSpacing(`Les convocations n’ont pas été enregistrées : ${errorMessage(error)}`));
    return null;
  } finally {
    cancel.removeEventListener('click', stop);
  }
}

/** A message of the backend as a sentence of its own: a capital first, a full stop last. */
export function asSentence(text) {
  const capital = `${text.charAt(0).toLocaleUpperCase('fr')}${text.slice(1)}`;
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

/** « 12 / 31 convocations écrites »; the last step is the file of them all. */
function convocationsWritten(done, total) {
  const letters = total - 1;
  return done >= total
    ? `${letters} / ${letters} ${letters > 1 ? 'convocations écrites' : 'convocation écrite'}, et le fichier à imprimer`
    : `${Math.min(done, letters)} / ${letters} ${letters > 1 ? 'convocations écrites' : 'convocation écrite'}`;
}

// ---------- Preview of a first page ----------

const FONT_FAMILY = '"Liberation Sans", Arial, sans-serif';
const FALLBACK_FAMILY = '"DejaVu Sans", "Liberation Sans", sans-serif';
const LOGO_FILL = '#e6e6e6';
const LOGO_STROKE = '#9a9a9a';

function grey(level) {
  const value = Math.round(Math.min(Math.max(Number(level) || 0, 0), 1) * 255);
  return `rgb(${value}, ${value}, ${value})`;
}

function fontOf(face, size) {
  const style = face === 'italic' ? 'italic' : 'normal';
  const weight = face === 'bold' ? 'bold' : 'normal';
  return `${style} ${weight} ${size}px ${face === 'fallback' ? FALLBACK_FAMILY : FONT_FAMILY}`;
}

/**
 * Draws a page as `document_preview` lays it out (`{ width, height, items }`, in points from
 * the top left) on `canvas`, scaled to the canvas's displayed width.
 */
export function drawPreview(canvas, preview) {
  const cssWidth = canvas.clientWidth || canvas.width;
  const scale = cssWidth / preview.width;
  const cssHeight = preview.height * scale;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(cssWidth * ratio);
  canvas.height = Math.round(cssHeight * ratio);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(scale * ratio, 0, 0, scale * ratio, 0, 0);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, preview.width, preview.height);
  ctx.textBaseline = 'alphabetic';
  for (const item of preview.items ?? []) drawItem(ctx, item);
}

function drawItem(ctx, item) {
  switch (item.kind) {
    case 'text':
      ctx.font = fontOf(item.face, item.size);
      ctx.fillStyle = grey(item.grey);
      // The measured width of the PDF keeps a wider screen font from running over.
      if (item.width > 0) ctx.fillText(item.text, item.x, item.baseline, item.width);
      else ctx.fillText(item.text, item.x, item.baseline);
      break;
    case 'line':
      ctx.strokeStyle = '#000000';
      ctx.lineWidth = item.thickness;
      ctx.beginPath();
      ctx.moveTo(item.from[0], item.from[1]);
      ctx.lineTo(item.to[0], item.to[1]);
      ctx.stroke();
      break;
    case 'rect':
      if (item.fill == null) {
        ctx.strokeStyle = '#000000';
        ctx.lineWidth = 0.75;
        ctx.strokeRect(item.x, item.y, item.width, item.height);
      } else {
        ctx.fillStyle = grey(item.fill);
        ctx.fillRect(item.x, item.y, item.width, item.height);
      }
      break;
    case 'logo':
    case 'signature':
      ctx.fillStyle = LOGO_FILL;
      ctx.fillRect(item.x, item.y, item.width, item.height);
      ctx.strokeStyle = LOGO_STROKE;
      ctx.lineWidth = 0.75;
      ctx.strokeRect(item.x, item.y, item.width, item.height);
      break;
    default:
      break;
  }
}

// ---------- Buttons ----------

/**
 * Makes `button` run `action()` (a promise) on click, once at a time: while the button is
 * marked unavailable (`setUnavailable`), a click says why instead; `after()` runs when the
 * action has ended, whatever its outcome.
 */
export function bindAction(button, action, after = () => {}) {
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-disabled') === 'true') {
      announce(frenchSpacing(button.dataset.unavailable ?? ''));
      return;
    }
    if (button.dataset.pending === 'true') return;
    button.dataset.pending = 'true';
    button.setAttribute('aria-busy', 'true');
    try {
      await action();
    } finally {
      delete button.dataset.pending;
      button.removeAttribute('aria-busy');
      after();
    }
  });
}

/**
 * Makes `button` export a document: `request()` says which (read at the click), `saveTitle`
 * titles the save dialog.
 */
export function bindExport(button, { request, saveTitle, format = 'pdf' }) {
  bindAction(button, () =>
    exportDocument(request(), { saveTitle: typeof saveTitle === 'function' ? saveTitle() : saveTitle, format }));
}

/**
 * Marks `button` unavailable because of `reason` (aria-disabled: it stays reachable and a
 * click says why), or available again when `reason` is "". `hint`, the text the button
 * is described by, then says the reason, or `availableText`.
 */
export function setUnavailable(button, hint, reason, availableText = '') {
  if (reason) {
    button.setAttribute('aria-disabled', 'true');
    button.dataset.unavailable = reason;
  } else {
    button.removeAttribute('aria-disabled');
    delete button.dataset.unavailable;
  }
  if (hint) {
    hint.textContent = frenchSpacing(reason || availableText);
    hint.hidden = !(reason || availableText);
  }
}

/**
 * A row of document buttons (template tpl-documents-bar) put right after `after` (by
 * default the atelier's tabs of `view`). `documents`: [{ id, label, request, saveTitle,
 * hint? }], or [{ id, label, run, hint? }] for a button that runs `run()` instead of
 * exporting a PDF; each button is described by its hint (id `<id>-hint`). `label` replaces
 * the bar's « Documents à imprimer : ». Returns the bar.
 */
export function addDocumentsBar(view, documents, { after = view.querySelector('nav.atelier-tabs'), label = '' } = {}) {
  const bar = cloneTemplate('tpl-documents-bar').querySelector('.documents-bar');
  if (label) ref(bar, 'label').textContent = frenchSpacing(label);
  const list = ref(bar, 'buttons');
  for (const spec of documents) {
    const item = cloneTemplate('tpl-documents-button').querySelector('li');
    const button = ref(item, 'button');
    button.id = spec.id;
    button.textContent = spec.label;
    const hint = ref(item, 'hint');
    hint.id = `${spec.id}-hint`;
    button.setAttribute('aria-describedby', hint.id);
    hint.textContent = frenchSpacing(spec.hint ?? '');
    hint.hidden = !spec.hint;
    if (spec.run) bindAction(button, spec.run);
    else bindExport(button, spec);
    list.append(item);
  }
  if (after) after.after(bar);
  else view.prepend(bar);
  return bar;
}

// ---------- The atelier's pages and the calendar ----------

/**
 * « Fiche atelier (PDF) » on the atelier's fiche, and « Calendrier de l’atelier (agenda) »
 * (its meetings for the calendar programs).
 */
export function addFicheExport(view, atelier) {
  addDocumentsBar(view, [{
    id: 'export-fiche',
    label: 'Fiche atelier (PDF)',
    hint: `La fiche de l’atelier ${atelier.code} à imprimer : commande, périmètre, objectifs, calendrier et composition.`,
    request: () => ({ kind: 'fiche', atelier_id: atelier.id }),
    saveTitle: 'Enregistrer la fiche de l’atelier (PDF)',
  }, {
    id: 'export-atelier-calendar',
    label: 'Calendrier de l’atelier (agenda)',
    hint: `Les réunions de l’atelier ${atelier.code} dans un fichier à importer dans un agenda (Outlook, Thunderbird, Gmail, Apple) ou à partager.`,
    run: () => exportCalendar({ kind: 'atelier', atelier_id: atelier.id }, {
      saveTitle: 'Enregistrer le calendrier de l’atelier (agenda)',
      what: `Le calendrier de l’atelier ${atelier.code}`,
    }),
  }], { label: 'Documents :' });
}

/** « Rapport d’assiduité (PDF) » in the Assiduité tab. */
export function addAssiduityExport(view, atelier) {
  addDocumentsBar(view, [{
    id: 'export-assiduity',
    label: 'Rapport d’assiduité (PDF)',
    hint: 'Le tableau des membres et des séances tenues, avec les taux de présence, à imprimer.',
    request: () => ({ kind: 'assiduite', atelier_id: atelier.id }),
    saveTitle: 'Enregistrer le rapport d’assiduité (PDF)',
  }]);
}

/**
 * The charter tab: « Chartes à signer (PDF) » for every member who has not signed (after the
 * tabs, made once), and « Charte à signer (PDF) » in each row of `scope`'s unsigned table.
 * Called each time the list of unsigned members is drawn.
 */
export function fillCharterExports(scope, atelier, unsigned) {
  if (!scope.querySelector('#export-charters')) {
    addDocumentsBar(scope, [{
      id: 'export-charters',
      label: 'Chartes à signer (PDF)',
      request: () => ({ kind: 'charte', atelier_id: atelier.id, person_id: null }),
      saveTitle: 'Enregistrer les chartes à signer (PDF)',
    }]);
  }
  setUnavailable(
    scope.querySelector('#export-charters'),
    scope.querySelector('#export-charters-hint'),
    unsigned.length === 0 ? 'Tous les membres actuels ont signé la version en vigueur : il n’y a pas de charte à imprimer.' : '',
    `Une charte personnalisée pour chaque membre qui ne l’a pas signée (${plural(unsigned.length, 'membre', 'membres')}), dans un seul fichier à imprimer.`,
  );
  const byId = new Map(unsigned.map((person) => [String(person.id), person]));
  for (const row of scope.querySelectorAll('#unsigned-table tbody tr[data-person-id]')) {
    const person = byId.get(row.dataset.personId);
    const cell = row.querySelector('[data-col="action"]');
    if (!person || !cell || cell.querySelector('[data-ref="charter-one"]')) continue;
    const one = cloneTemplate('tpl-documents-charter-one').querySelector('button');
    const name = sortName(person);
    ref(one, 'who').textContent = ` de ${name}`;
    bindExport(one, {
      request: () => ({ kind: 'charte', atelier_id: atelier.id, person_id: person.id }),
      saveTitle: `Enregistrer la charte à signer de ${name} (PDF)`,
    });
    cell.append(' ', one);
  }
}

/**
 * « Calendrier (PDF) » beside the calendar's heading (before the toolbar, so that Tab goes
 * from « Mois suivant » straight into the grid), for the period `period()` gives ({ from, to }),
 * and « Calendrier de tous les ateliers (agenda) ».
 */
export function addCalendarExport(view, period) {
  const heading = view.querySelector('h1');
  const line = document.createElement('div');
  line.className = 'page-heading documents-heading';
  heading.before(line);
  line.append(heading);
  const bar = addDocumentsBar(view, [{
    id: 'export-calendar',
    label: 'Calendrier (PDF)',
    request: () => ({ kind: 'calendrier', ...period() }),
    saveTitle: 'Enregistrer le calendrier (PDF)',
  }, {
    id: 'export-all-calendars',
    label: 'Calendrier de tous les ateliers (agenda)',
    run: () => exportCalendar({ kind: 'all' }, {
      saveTitle: 'Enregistrer le calendrier de tous les ateliers (agenda)',
      what: 'Le calendrier de tous les ateliers',
    }),
  }], { after: heading });
  bar.classList.add('in-heading');
  ref(bar, 'label').hidden = true;
}

// ---------- Agenda: invitations, cancellations, calendars, e-mail drafts ----------

const CALENDAR_FILTERS = {
  invitation: [{ name: 'Invitation d’agenda', extensions: ['ics'] }],
  cancellation: [{ name: 'Annulation d’agenda', extensions: ['ics'] }],
  calendar: [{ name: 'Calendrier (iCalendar)', extensions: ['ics'] }],
};

/** What the user does with each kind of file once written. */
const CALENDAR_NEXT = {
  invitation: 'joignez-la à un courriel aux personnes convoquées : leur agenda y ajoute la réunion.',
  cancellation: 'joignez-la à un courriel aux personnes convoquées : leur agenda en retire la réunion.',
  calendar: 'il s’importe dans un agenda (Outlook, Thunderbird, Gmail, Apple) ou se partage.',
};

/**
 * Writes the calendar file `request` asks for (`{ kind: 'invitation' | 'cancellation',
 * meeting_id }`, `{ kind: 'atelier', atelier_id }`, `{ kind: 'all' }`) where the user
 * chooses in the save dialog titled `saveTitle`, and says what happened; `what` names it
 * (« L’invitation d’agenda »). The file is not opened: that would add it to the
 * secretary's own agenda. Resolves to `{ path }`, or null.
 */
export async function exportCalendar(request, { saveTitle, what }) {
  const kind = request.kind === 'invitation' || request.kind === 'cancellation' ? request.kind : 'calendar';
  const feminine = kind !== 'calendar';
  const path = await askWhereToSave({
    name: () => call('calendar_file_name', { request }),
    title: saveTitle,
    filters: CALENDAR_FILTERS[kind],
    nothing: `${what} n’a pas été ${feminine ? 'enregistrée' : 'enregistré'}`,
    failed: `${what} n’a pas été ${feminine ? 'enregistrée' : 'enregistré'}`,
  });
  if (!path) return null;
  try {
    const written = await call('export_calendar', { request, path });
    announce(`${what} est ${feminine ? 'enregistrée' : 'enregistré'} dans ${written.path}${NBSP}; ${frenchSpacing(CALENDAR_NEXT[kind])}`);
    return written;
  } catch (error) {
    announce(frenchSpacing(`${what} n’a pas été ${feminine ? 'enregistrée' : 'enregistré'} : ${errorMessage(error)}`));
    return null;
  }
}

export const DRAFTS_SAVE_TITLE = 'Enregistrer les brouillons d’e-mails (un dossier)';

/**
 * Writes the e-mail drafts of meeting `meetingId` into a folder named in the save dialog
 * (one per convoked person with an e-mail address, with the convocation and the
 * invitation), which the backend records as sent by e-mail and then opens in the file
 * manager. `progress`: `{ box, bar, text }` as for `withProgress`. Says what was written and
 * who is to be convoked by post; resolves to `{ folder, files, paper, opened }`, or null.
 */
export async function exportDrafts(meetingId, progress) {
  const folder = await askWhereToSave({
    name: () => call('drafts_folder_name', { meetingId }),
    title: DRAFTS_SAVE_TITLE,
    nothing: 'Aucun brouillon n’a été écrit',
    failed: 'Les brouillons d’e-mails n’ont pas été écrits',
  });
  if (!folder) return null;
  announce('Écriture des brouillons d’e-mails en cours…');
  try {
    const written = await withProgress(progress, { first: 'Préparation des brouillons…', words: draftsWritten },
      (onProgress) => call('export_drafts', { meetingId, folder, onProgress }));
    announce(draftsSentence(written));
    return written;
  } catch (error) {
    announce(frenchSpacing(`Les brouillons d’e-mails n’ont pas été écrits : ${errorMessage(error)}`));
    return null;
  }
}

/**
 * Writes one draft of meeting `meetingId` to the organiser, every convoked address in Bcc,
 * at a file named in the save dialog, which the backend records as sent by e-mail and opens
 * in the mail client. Says what was written; resolves to `{ file, addresses, paper, opened }`,
 * or null.
 */
export async function exportGroupedDraft(meetingId) {
  const path = await askWhereToSave({
    name: () => call('grouped_draft_file_name', { meetingId }),
    title: 'Enregistrer le brouillon groupé',
    filters: [{ name: 'Message e-mail (.eml)', extensions: ['eml'] }],
    nothing: 'Le brouillon groupé n’a pas été écrit',
    failed: 'Le brouillon groupé n’a pas été écrit',
  });
  if (!path) return null;
  try {
    const draft = await call('export_grouped_draft', { meetingId, path });
    announce(groupedDraftSentence(draft));
    return draft;
  } catch (error) {
    announce(frenchSpacing(`Le brouillon groupé n’a pas été écrit : ${errorMessage(error)}`));
    return null;
  }
}

/** What writing the grouped draft did, in words. */
export function groupedDraftSentence({ file, addresses, paper, opened }) {
  const count = addresses.length;
  const bcc = count > 1 ? `${count} adresses en copie cachée` : '1 adresse en copie cachée';
  const where = opened ? `ouvert dans votre messagerie` : `à ouvrir dans votre messagerie (il n’a pas pu être ouvert automatiquement)`;
  const sent = count > 1 ? 'ces convocations sont notées envoyées par courriel' : 'cette convocation est notée envoyée par courriel';
  const post = paper.length === 0 ? '' : ` À convoquer par courrier (sans adresse e-mail)${NBSP}: ${paper.join(', ')}.`;
  return `Le brouillon groupé (${bcc}) est écrit dans ${file}, ${where}${NBSP}; ${sent}.${post}`;
}

/** « 3 / 12 brouillons écrits ». */
function draftsWritten(done, total) {
  return `${done} / ${total} ${total > 1 ? 'brouillons écrits' : 'brouillon écrit'}`;
}

/** What writing the drafts did, in words (announced; shown without the people to convoke by post when `withPaper` is false). */
export function draftsSentence({ folder, files, paper, opened }, { withPaper = true } = {}) {
  const count = files.length;
  const written = count > 1 ? `${count} brouillons d’e-mails sont écrits` : `${count} brouillon d’e-mail est écrit`;
  const where = opened
    ? `dans le dossier ${folder}, ouvert dans le gestionnaire de fichiers`
    : `dans le dossier ${folder} (il n’a pas pu être ouvert automatiquement)`;
  const sent = count > 1 ? 'ces convocations sont notées envoyées par courriel' : 'cette convocation est notée envoyée par courriel';
  const post = paper.length === 0 || !withPaper ? '' : ` À convoquer par courrier (sans adresse e-mail)${NBSP}: ${paper.join(', ')}.`;
  const send = count > 1 ? 'Envoyez-les depuis votre messagerie.' : 'Envoyez-le depuis votre messagerie.';
  return `${written} ${where}${NBSP}; ${sent}. ${send}${post}`;
}

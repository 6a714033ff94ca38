// The Documents part of a meeting: its four printed documents (convocations, ordre du jour,
// feuille d'émargement, relevé de décisions), each written in PDF where the user chooses
// and opened in the system's viewer; the convocations as a folder (one file per person and
// one to print them all) with a progress bar and « Annuler »; a preview of the first
// convocation as it will be printed.

import { call, errorMessage } from '../api.js';
import { cloneTemplate, plural, ref } from '../dom.js';
import { frenchSpacing } from '../format.js';
import { bindAction, bindExport, drawPreview, exportConvocations, setUnavailable } from '../documents.js';

/** Mounts the part into `panel` for `meeting` (the Meeting JSON). */
export async function mountPart(panel, context, meeting) {
  const request = { kind: 'convocations', meeting_id: meeting.id };
  const [releve, convocations, preview] = await Promise.all([
    call('get_releve', { meetingId: meeting.id }),
    call('get_convocations', { meetingId: meeting.id }),
    call('document_preview', { request }).then((page) => ({ page }), (error) => ({ error })),
  ]);
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-meeting-documents');
  setupConvocations(view, meeting, convocations.rows.length, preview.error);
  setupDocument(view, '#export-agenda', {
    request: () => ({ kind: 'ordre_du_jour', meeting_id: meeting.id }),
    saveTitle: 'Enregistrer l’ordre du jour (PDF)',
  });
  setupDocument(view, '#export-sign-in', {
    request: () => ({ kind: 'emargement', meeting_id: meeting.id }),
    saveTitle: 'Enregistrer la feuille d’émargement (PDF)',
  });
  const releveButton = setupDocument(view, '#export-releve', {
    request: () => ({ kind: 'releve', meeting_id: meeting.id }),
    saveTitle: 'Enregistrer le relevé de décisions (PDF)',
  });
  setUnavailable(
    releveButton,
    view.querySelector('#export-releve-hint'),
    releve ? '' : 'Le relevé de décisions de cette réunion n’a pas encore été rédigé : rédigez-le dans la partie « Relevé de décisions ».',
    releve ? releveText(releve) : '',
  );
  panel.replaceChildren(view);
  showPreview(panel, preview);
}

function setupDocument(view, selector, spec) {
  const button = view.querySelector(selector);
  bindExport(button, spec);
  return button;
}

function releveText(releve) {
  const state = {
    brouillon: `version ${releve.version} en cours de rédaction : le document porte la mention « Projet »`,
    diffuse: `version ${releve.version} diffusée : le document porte la mention « Projet » jusqu’à sa validation`,
    valide: `version ${releve.version} validée`,
  }[releve.status] ?? `version ${releve.version}`;
  return `Le relevé tel qu’il est enregistré (${state}).`;
}

function setupConvocations(view, meeting, count, refused) {
  const button = view.querySelector('#export-convocations');
  setUnavailable(
    button,
    view.querySelector('#export-convocations-hint'),
    refused?.code === 'refused' ? sentence(errorMessage(refused)) : '',
    `${plural(count, 'personne convoquée', 'personnes convoquées')} : un fichier par personne dans un dossier, et un fichier de toutes les convocations à imprimer.`,
  );
  const progress = {
    box: ref(view, 'progress-box'),
    bar: view.querySelector('#convocations-progress'),
    text: ref(view, 'progress-text'),
    cancel: view.querySelector('#cancel-convocations'),
  };
  bindAction(button, () => exportConvocations(meeting.id, progress), () => {
    // The « Annuler » button had the focus and is now hidden.
    if (button.isConnected && (document.activeElement === document.body || document.activeElement === progress.cancel)) {
      button.focus();
    }
  });
}

/** A message of the backend as a sentence, with its final full stop. */
function sentence(text) {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

function showPreview(panel, preview) {
  const canvas = panel.querySelector('#convocation-preview');
  const message = ref(panel, 'preview-message');
  if (preview.error) {
    canvas.hidden = true;
    ref(panel, 'preview-caption').hidden = true;
    message.hidden = false;
    message.textContent = frenchSpacing(`Pas d’aperçu : ${sentence(errorMessage(preview.error))}`);
    return;
  }
  drawPreview(canvas, preview.page);
  canvas.dataset.drawn = String(preview.page.items.length);
}

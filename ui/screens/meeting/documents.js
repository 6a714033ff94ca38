// The Documents part of a meeting: its four printed documents (convocations, ordre du jour,
// feuille d'émargement, relevé de décisions), each written in PDF where the user chooses
// and opened in the system's viewer; the convocations as a folder (one file per person and
// one to print them all) with a progress bar and « Annuler »; a preview of the first
// convocation as it will be printed. Then « Agenda et e-mails »: the meeting's invitation
// or, once it is cancelled or postponed, its cancellation, for the calendar programs; the
// e-mail drafts of the convocations, a folder opened in the file manager, after which the
// convocations are recorded as sent.

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, plural, ref } from '../../js/dom.js';
import { frenchSpacing } from '../../js/format.js';
import {
  bindAction, bindExport, draftsSentence, drawPreview, exportCalendar, exportConvocations, exportDrafts, exportGroupedDraft, setUnavailable,
} from '../../js/documents.js';
import { fillStatusTag } from '../../js/meeting-text.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html']);

/** Statuses whose meeting is still to take place or held (an invitation, not a cancellation). */
const ACTIVE = new Set(['prevue', 'convoquee', 'tenue']);

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
  const odtButton = setupDocument(view, '#export-releve-odt', {
    request: () => ({ kind: 'releve', meeting_id: meeting.id }),
    saveTitle: 'Enregistrer le relevé de décisions à modifier (OpenDocument)',
    format: 'odt',
  });
  const missing = releve ? '' : 'Le relevé de décisions de cette réunion n’a pas encore été rédigé : rédigez-le dans la partie « Relevé de décisions ».';
  setUnavailable(releveButton, view.querySelector('#export-releve-hint'), missing, releve ? releveText(releve) : '');
  setUnavailable(odtButton, view.querySelector('#export-releve-odt-hint'), missing,
    'Le même relevé en texte OpenDocument, que LibreOffice et Word ouvrent : le porteur le modifie sans le retaper.');
  setupInvitations(view, context, meeting, convocations);
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

// ---------- Agenda et e-mails ----------

/** Why the invitation, the cancellation and the drafts cannot be written now ("" when they can). */
function invitationReasons(meeting, convocations) {
  const withEmail = convocations.rows.filter((row) => row.email?.trim()).length;
  const status = meeting.status === 'annulee' ? 'annulée' : 'reportée';
  const noEmail = convocations.rows.length === 0
    ? 'Personne n’est convoqué à cette réunion : il n’y a personne à inviter.'
    : 'Aucune personne convoquée n’a d’adresse e-mail : les convocations partent par courrier.';
  const active = ACTIVE.has(meeting.status);
  return {
    withEmail,
    invitation: !active ? `La réunion est ${status} : envoyez plutôt son annulation.` : withEmail === 0 ? noEmail : '',
    cancellation: active
      ? 'La réunion n’est ni annulée ni reportée : l’annulation s’écrit une fois la réunion annulée ou reportée (boutons en haut de la page).'
      : withEmail === 0 ? noEmail : '',
    drafts: !active ? `La réunion est ${status} : il n’y a plus de convocation à envoyer.` : withEmail === 0 ? noEmail : '',
  };
}

function setupInvitations(view, context, meeting, convocations) {
  const invitation = view.querySelector('#export-invitation');
  const cancellation = view.querySelector('#export-cancellation');
  const drafts = view.querySelector('#export-drafts');
  const grouped = view.querySelector('#export-grouped-draft');
  const show = (current) => {
    const reasons = invitationReasons(current.meeting, current.convocations);
    const invited = plural(reasons.withEmail, 'personne convoquée avec une adresse e-mail', 'personnes convoquées avec une adresse e-mail');
    const paper = current.convocations.rows.length - reasons.withEmail;
    setUnavailable(invitation, view.querySelector('#export-invitation-hint'), reasons.invitation,
      `Le fichier d’invitation pour les agendas (${invited}) : joint à un courriel, il ajoute la réunion à leur agenda ; si elle change, écrivez-le de nouveau, il la met à jour.`);
    setUnavailable(cancellation, view.querySelector('#export-cancellation-hint'), reasons.cancellation,
      'Le fichier qui retire la réunion des agendas où l’invitation a été ajoutée.');
    setUnavailable(drafts, view.querySelector('#export-drafts-hint'), reasons.drafts,
      `Un message prêt à envoyer depuis votre messagerie pour chacune des ${invited}, avec sa convocation (PDF) et l’invitation d’agenda, dans un dossier qui s’ouvre ensuite ; leurs convocations sont alors notées envoyées par courriel.${
        paper > 0 ? ` ${plural(paper, 'personne sans adresse e-mail est', 'personnes sans adresse e-mail sont')} à convoquer par courrier.` : ''}`);
    setUnavailable(grouped, view.querySelector('#export-grouped-draft-hint'), reasons.drafts,
      `Un seul message, adressé à vous-même, les ${invited} en copie cachée, avec l’ordre du jour (PDF), les documents de la réunion et l’invitation d’agenda ; il s’ouvre dans votre messagerie.`);
  };
  show({ meeting, convocations });

  bindAction(invitation, () => exportCalendar({ kind: 'invitation', meeting_id: meeting.id }, {
    saveTitle: 'Enregistrer l’invitation d’agenda',
    what: 'L’invitation d’agenda',
  }));
  bindAction(cancellation, () => exportCalendar({ kind: 'cancellation', meeting_id: meeting.id }, {
    saveTitle: 'Enregistrer l’annulation d’agenda',
    what: 'L’annulation d’agenda',
  }));

  const progress = {
    box: ref(view, 'drafts-progress-box'),
    bar: view.querySelector('#drafts-progress'),
    text: ref(view, 'drafts-progress-text'),
  };
  const result = ref(view, 'drafts-result');
  ref(result, 'drafts-convocations').href = `#/reunions/${meeting.id}/convocations`;
  bindAction(drafts, async () => {
    const written = await exportDrafts(meeting.id, progress);
    if (!written || !context.isCurrent()) return;
    showDraftsWritten(result, written);
    await refreshAfterDrafts(context, meeting, show);
  }, () => {
    if (drafts.isConnected && document.activeElement === document.body) drafts.focus();
  });
  bindAction(grouped, async () => {
    const draft = await exportGroupedDraft(meeting.id);
    if (!draft || !context.isCurrent()) return;
    await refreshAfterDrafts(context, meeting, show);
  }, () => {
    if (grouped.isConnected && document.activeElement === document.body) grouped.focus();
  });
}

function showDraftsWritten(result, written) {
  ref(result, 'drafts-written').textContent = draftsSentence(written, { withPaper: false });
  ref(result, 'drafts-paper').replaceChildren(...written.paper.map((name) => {
    const item = document.createElement('li');
    item.textContent = name;
    return item;
  }));
  ref(result, 'drafts-paper-box').hidden = written.paper.length === 0;
  result.hidden = false;
}

/**
 * The convocations are now recorded as sent, and the meeting may have become « convoquée »:
 * the page's status and the hints say it as it now stands.
 */
async function refreshAfterDrafts(context, meeting, show) {
  try {
    const [vocabulary, current, convocations] = await Promise.all([
      context.vocabulary(),
      call('get_meeting', { id: meeting.id }),
      call('get_convocations', { meetingId: meeting.id }),
    ]);
    if (!context.isCurrent()) return;
    show({ meeting: current, convocations });
    const tag = document.querySelector('.meeting-summary [data-ref="status"]');
    if (tag) {
      tag.className = 'tag';
      fillStatusTag(tag, current, vocabulary);
    }
  } catch {
    // What was written is said already; the page shows the rest when it is drawn again.
  }
}

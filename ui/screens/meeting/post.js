// Reaching the convoked people outside the e-mail drafts: their e-mail addresses to copy
// into the Bcc field of any mail client, and the people without one, whose letters are
// printed for a window envelope and recorded as sent by post.

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, plural, ref } from '../../js/dom.js';
import { frenchSpacing } from '../../js/format.js';
import { announce } from '../../js/status.js';
import { askWhereToSave, bindAction } from '../../js/documents.js';

const PDF_FILTERS = [{ name: 'Document PDF', extensions: ['pdf'] }];

/** « Hélène Dupont <helene@mairie.fr> », the addresses of `rows` that have one, joined by « ; ». */
export function addressList(rows) {
  return rows.filter((row) => row.email.trim() !== '')
    .map((row) => `${row.name.replace(/[<>";]/g, ' ').trim()} <${row.email.trim()}>`)
    .join('; ');
}

/** Shows the addresses and the people to reach by post of `convocations` in `scope`. */
export function renderReach(scope, convocations) {
  const addresses = addressList(convocations.rows);
  ref(scope, 'addresses-box').hidden = addresses === '';
  scope.querySelector('#convoked-addresses').value = addresses;
  const byPost = convocations.rows.filter((row) => row.email.trim() === '');
  ref(scope, 'post-box').hidden = byPost.length === 0;
  ref(scope, 'post-list').replaceChildren(...byPost.map((row) => {
    const item = cloneTemplate('tpl-post-item').querySelector('li');
    ref(item, 'name').textContent = row.name;
    const link = ref(item, 'complete');
    if (!row.postal_address) {
      ref(item, 'state').textContent = 'adresse postale manquante :';
      link.hidden = false;
      link.href = `#/annuaire/${row.person_id}`;
      link.setAttribute('aria-label', `Compléter la fiche de ${row.name}`);
    } else if (row.channel === 'courrier' && row.state === 'a_jour') {
      ref(item, 'state').textContent = 'lettre envoyée par courrier';
    } else {
      ref(item, 'state').textContent = 'lettre à imprimer';
    }
    return item;
  }));
}

/** Binds « Copier les adresses » and « Imprimer les lettres… »; `reload()` shows the part again. */
export function setupReach(view, part, reload) {
  const area = view.querySelector('#convoked-addresses');
  view.querySelector('#copy-addresses').addEventListener('click', () => {
    const count = area.value === '' ? 0 : area.value.split('; ').length;
    // The selection is copied as a keyboard's Ctrl+C would (WebKitGTK leaves the
    // asynchronous clipboard waiting for a permission nobody is asked for).
    area.focus();
    area.select();
    if (!document.execCommand('copy')) {
      announce('Les adresses n’ont pas pu être copiées : elles sont sélectionnées, copiez-les avec Ctrl+C.');
      return;
    }
    announce(frenchSpacing(`${plural(count, 'adresse copiée', 'adresses copiées')} : collez-les dans le champ Cci de votre messagerie.`));
  });
  bindAction(view.querySelector('#export-post-letters'), async () => {
    const path = await askWhereToSave({
      name: async () => `Convocations par courrier - ${part.meeting.atelier}.pdf`,
      title: 'Enregistrer les lettres à envoyer par courrier',
      filters: PDF_FILTERS,
      nothing: 'Aucune lettre n’a été écrite',
      failed: 'Aucune lettre n’a été écrite',
    });
    if (!path) return;
    try {
      const done = await call('export_post_letters', { meetingId: part.meeting.id, path });
      await reload();
      announce(done.message);
    } catch (error) {
      announce(frenchSpacing(`Aucune lettre n’a été écrite : ${errorMessage(error)}`));
    }
  });
}

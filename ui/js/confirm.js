// The one confirmation dialog of the application: a question, what will happen, and two
// buttons. The focus starts on the safe choice and comes back to the button that opened
// the dialog when nothing is done.

import { cloneTemplate, ref } from './dom.js';
import { frenchSpacing } from './format.js';
import { loadBeside } from './assets.js';

await loadBeside(import.meta.url, ['html', 'css']);

let dialog = null;

function theDialog() {
  if (!dialog) {
    dialog = cloneTemplate('tpl-confirm-dialog').querySelector('dialog');
    ref(dialog, 'no').addEventListener('click', () => dialog.close('no'));
    ref(dialog, 'yes').addEventListener('click', () => dialog.close('yes'));
    document.body.append(dialog);
  }
  return dialog;
}

/**
 * Asks `title` (« Supprimer cet atelier ? »), explains with `paragraphs` (strings, written
 * with `textContent`), and resolves `true` when the user chooses `yes`, `false` when she
 * chooses `no` or presses Escape — the focus then goes back to `opener`.
 */
export function confirmAction({ opener, title, paragraphs, yes, no = 'Annuler' }) {
  const box = theDialog();
  ref(box, 'title').textContent = frenchSpacing(title);
  ref(box, 'text').replaceChildren(...paragraphs.map((text) => {
    const paragraph = document.createElement('p');
    paragraph.textContent = frenchSpacing(text);
    return paragraph;
  }));
  ref(box, 'no').textContent = no;
  ref(box, 'yes').textContent = yes;
  box.returnValue = '';
  return new Promise((resolve) => {
    box.addEventListener('close', () => {
      const confirmed = box.returnValue === 'yes';
      if (!confirmed && opener?.isConnected) opener.focus();
      resolve(confirmed);
    }, { once: true });
    box.showModal();
    ref(box, 'no').focus();
  });
}

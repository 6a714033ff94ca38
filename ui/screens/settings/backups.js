// Paramètres › Sauvegardes: the automatic backups (date, size, what each holds), « Sauvegarder
// maintenant… » to a file chosen in the save dialog, and « Restaurer… » from an automatic
// backup or a chosen file, after a dialog that shows what will replace what. The restored
// base is shown at once: the shell is told the settings changed and goes to the dashboard.

import { call, chooseFileToOpen, chooseFileToSave, errorMessage } from '../../js/api.js';
import { ref } from '../../js/dom.js';
import { SETTINGS_SAVED, notify } from '../../js/events.js';
import { announce } from '../../js/status.js';
import { confirmAction } from '../../js/confirm.js';

const BASE_FILTERS = [{ name: 'Sauvegarde Ateliers', extensions: ['sqlite3', 'sqlite', 'db'] }];

/** Fills the « Sauvegardes » section of `view` and wires its buttons. */
export async function setupBackups(view, context) {
  const section = view.querySelector('#backups');

  async function refresh() {
    const listing = await call('list_backups');
    ref(section, 'backups-folder').textContent = listing.folder;
    ref(section, 'current-contents').textContent = listing.current.description;
    const rows = ref(section, 'backup-rows');
    rows.replaceChildren(...listing.backups.map((backup) => row(backup, listing.current)));
    ref(section, 'no-backups').hidden = listing.backups.length > 0;
    ref(section, 'backups-table').hidden = listing.backups.length === 0;
    return listing;
  }

  function row(backup, current) {
    const tr = document.createElement('tr');
    const cell = (text) => {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
      return td;
    };
    cell(backup.taken_at);
    cell(backup.size);
    cell(backup.contents ? backup.contents.description : 'illisible');
    const actions = cell('');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button secondary small';
    button.textContent = 'Restaurer…';
    button.setAttribute('aria-label', `Restaurer la sauvegarde du ${backup.taken_at}`);
    button.disabled = !backup.contents;
    button.addEventListener('click', () => ask({
      what: `la sauvegarde automatique du ${backup.taken_at}`,
      contents: backup.contents.description,
      current: current.description,
      restore: () => call('restore_backup', { name: backup.name }),
      opener: button,
    }));
    actions.append(button);
    return tr;
  }

  async function ask(request) {
    const confirmed = await confirmAction({
      opener: request.opener,
      title: 'Restaurer cette sauvegarde ?',
      paragraphs: [
        `La base actuelle (${request.current}) sera remplacée par ${request.what} (${request.contents}).`,
        'Tout ce qui a été saisi depuis cette sauvegarde disparaîtra de la base. Une copie de la base actuelle est faite juste avant : vous pourrez la restaurer à son tour.',
      ],
      yes: 'Restaurer',
    });
    if (!confirmed || !context.isCurrent()) return;
    try {
      const done = await request.restore();
      notify(section, SETTINGS_SAVED, await call('get_settings'));
      announce(done.message);
      context.navigate('#/tableau-de-bord');
    } catch (error) {
      announce(`La base n’a pas été restaurée : ${errorMessage(error)}`);
      if (context.isCurrent()) request.opener.focus();
    }
  }

  const saveButton = section.querySelector('#backup-now');
  saveButton.addEventListener('click', async () => {
    if (saveButton.dataset.pending) return;
    saveButton.dataset.pending = 'true';
    try {
      const path = await chooseFileToSave({
        title: 'Enregistrer une sauvegarde de la base',
        defaultPath: `sauvegarde-ateliers-${new Date().toISOString().slice(0, 10)}.sqlite3`,
        filters: BASE_FILTERS,
      });
      if (!path) {
        announce('Aucune sauvegarde n’a été enregistrée : aucun fichier choisi.');
        return;
      }
      const done = await call('backup_now', { path });
      announce(done.message);
    } catch (error) {
      announce(`La sauvegarde n’a pas été enregistrée : ${errorMessage(error)}`);
    } finally {
      delete saveButton.dataset.pending;
    }
  });

  const fileButton = section.querySelector('#restore-file');
  fileButton.addEventListener('click', async () => {
    try {
      const path = await chooseFileToOpen({ title: 'Choisir la sauvegarde à restaurer', filters: BASE_FILTERS });
      if (!path) {
        announce('Rien n’a été restauré : aucun fichier choisi.');
        return;
      }
      const [contents, listing] = await Promise.all([
        call('inspect_backup_file', { path }),
        call('list_backups'),
      ]);
      ask({
        what: `le fichier « ${path} »`,
        contents: contents.description,
        current: listing.current.description,
        restore: () => call('restore_file', { path }),
        opener: fileButton,
      });
    } catch (error) {
      announce(`Ce fichier ne peut pas être restauré : ${errorMessage(error)}`);
    }
  });

  await refresh();
}

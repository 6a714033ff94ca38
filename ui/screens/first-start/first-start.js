// First start: the database is empty; load the demonstration data or start empty.

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, ref } from '../../js/dom.js';
import { FIRST_START_DONE, notify } from '../../js/events.js';
import { announce } from '../../js/status.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html'], ['tags']);

const EMPTY_START_MESSAGE = 'Vous commencez avec une base vide. Créez votre premier atelier avec le bouton «\u00a0Nouvel atelier\u00a0».';

export async function mount(root, context) {
  const view = cloneTemplate('tpl-first-start');
  const error = ref(view, 'error');
  let pending = false;

  async function choose(command, waitingMessage, successMessage) {
    if (pending) return;
    pending = true;
    error.textContent = '';
    announce(waitingMessage);
    try {
      const result = await call(command);
      announce(successMessage(result));
      notify(root, FIRST_START_DONE);
    } catch (failure) {
      error.textContent = errorMessage(failure);
      announce(`L’opération n’a pas abouti : ${errorMessage(failure)}`);
    } finally {
      pending = false;
    }
  }

  view.querySelector('#load-demo').addEventListener('click', () => choose(
    'load_demo',
    'Chargement des données de démonstration…',
    (result) => result?.message || 'Les données de démonstration ont été chargées.',
  ));
  view.querySelector('#start-empty').addEventListener('click', () => choose(
    'start_empty',
    'Préparation de la base vide…',
    () => EMPTY_START_MESSAGE,
  ));

  root.replaceChildren(view);
  context.setTitle('Bienvenue');
}

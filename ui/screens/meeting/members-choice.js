// Whom a meeting that is not a séance convokes: its atelier's members at its date, ticked
// one by one or by a click (the comité restreint, all, none), saved as the meeting's list.
// Everything that follows from « convoked » — the documents, the drafts, the attendance,
// the assiduité, the overlaps between people — follows the list.

import { call } from '../../js/api.js';
import { cloneTemplate, plural, ref } from '../../js/dom.js';
import { frenchSpacing } from '../../js/format.js';
import { submitForm } from '../../js/form-errors.js';
import { announce } from '../../js/status.js';

const RESTRICTED = 'comite_restreint';

/** Shows the members to tick of `convocations` (none for a séance: the box is hidden). */
export function renderChoice(scope, convocations) {
  const box = ref(scope, 'choose-box');
  box.hidden = convocations.members.length === 0;
  ref(box, 'choices').replaceChildren(...convocations.members.map((member) => {
    const item = cloneTemplate('tpl-member-choice').querySelector('.check');
    const box = item.querySelector('input');
    box.id = `member-choice-${member.person_id}`;
    box.value = String(member.person_id);
    box.checked = member.convoked;
    box.dataset.role = member.role;
    const label = item.querySelector('label');
    label.htmlFor = box.id;
    label.textContent = member.role === RESTRICTED ? `${member.name} (comité restreint)` : member.name;
    return item;
  }));
}

/** Binds the buttons of the list; `show(convocations)` renders the part again. */
export function setupChoice(view, part, show) {
  const form = view.querySelector('#members-choice-form');
  const boxes = () => [...form.querySelectorAll('input[type="checkbox"]')];
  const tick = (which, sentence) => {
    for (const box of boxes()) box.checked = which(box);
    const count = boxes().filter((box) => box.checked).length;
    announce(frenchSpacing(`${sentence} : ${plural(count, 'membre coché', 'membres cochés')}. Enregistrez la liste pour la garder.`));
  };
  form.querySelector('#choose-restricted').addEventListener('click', () =>
    tick((box) => box.dataset.role === RESTRICTED, 'Le comité restreint est coché'));
  form.querySelector('#choose-all').addEventListener('click', () => tick(() => true, 'Tous les membres sont cochés'));
  form.querySelector('#choose-none').addEventListener('click', () => tick(() => false, 'Aucun membre n’est coché'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitForm(form, {
      failed: 'La liste n’a pas été enregistrée',
      controlIdFor: () => 'choose-all',
      save: async () => {
        const chosen = boxes().filter((box) => box.checked).map((box) => box.value);
        const convocations = await call('set_convoked_members', {
          meetingId: part.meeting.id,
          choice: chosen.length === 0 ? 'none' : chosen.join(','),
        });
        if (!part.context.isCurrent()) return;
        show(convocations);
        announce(frenchSpacing(`La liste est enregistrée : ${plural(chosen.length, 'membre convoqué', 'membres convoqués')}.`));
      },
    });
  });
}

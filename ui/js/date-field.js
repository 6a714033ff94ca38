// One date field for the whole application. A template writes only what is its own:
//   <label for="started_on">Commencé le</label>
//   <input id="started_on" data-date-field>
// and every clone of it (cloneTemplate, dom.js) gets the shared attributes — a text field
// (dates are typed the French way), the numeric keyboard, no autocompletion — and the
// « (jj/mm/aaaa) » hint at the end of its label.

const HINT = '(jj/mm/aaaa)';

/** Its label: the one `for` its id, or the label written just before it (rows numbered later). */
function labelOf(root, input) {
  const labels = [...root.querySelectorAll('label[for]')];
  const named = input.id && labels.find((label) => label.getAttribute('for') === input.id);
  if (named) return named;
  const before = input.previousElementSibling;
  return before?.tagName === 'LABEL' ? before : null;
}

/** Fills every `<input data-date-field>` under `root` (an element or a cloned fragment). */
export function setupDateFields(root) {
  for (const input of root.querySelectorAll('input[data-date-field]')) {
    input.setAttribute('type', 'text');
    input.classList.add('date-input');
    input.setAttribute('inputmode', 'numeric');
    input.setAttribute('autocomplete', 'off');
    // An empty label is written later by its module (numbered rows), which says the format.
    const label = labelOf(root, input);
    if (label && label.textContent.trim() !== '' && !label.textContent.includes(HINT)) {
      const hint = document.createElement('span');
      hint.className = 'format';
      hint.textContent = HINT;
      label.append(' ', hint);
    }
  }
}

// « Aide »: a short static guide (the weekly job, each screen, the keyboard shortcuts).
// The table of contents moves the focus to a section: the hash belongs to the router, so
// its entries are buttons, not links to `#id`.

import { cloneTemplate } from '../../js/dom.js';
import { frenchSpacing } from '../../js/format.js';
import { announce } from '../../js/status.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tags']);

export async function mount(root, context) {
  const view = cloneTemplate('tpl-help');
  for (const button of view.querySelectorAll('.help-toc button[data-target]')) {
    button.addEventListener('click', () => goToSection(root, button));
  }
  if (!context.isCurrent()) return;
  root.replaceChildren(view);
  context.setTitle('Aide');
}

function goToSection(root, button) {
  const heading = root.querySelector(`[id="${button.dataset.target}"]`);
  if (!heading) return;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
  announce(frenchSpacing(`Section « ${heading.textContent} ».`));
}

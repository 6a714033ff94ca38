// The parts of an atelier's page (Fiche, Membres, Réunions, Assiduité, Import, Charte) as a row of links, the
// current one marked with aria-current.

import { cloneTemplate, ref } from './dom.js';
import { frenchSpacing } from './format.js';
import { loadBeside } from './assets.js';

await loadBeside(import.meta.url, ['html', 'css']);

const TAB_PATHS = {
  fiche: '', membres: '/membres', reunions: '/reunions', assiduite: '/assiduite', import: '/import', charte: '/charte',
};

/** The route of one part of atelier `id`. */
export function atelierPath(id, tab = 'fiche') {
  return `#/ateliers/${id}${TAB_PATHS[tab] ?? ''}`;
}

/** The links to the parts of `atelier`, `current` marked. */
export function createTabs(atelier, current) {
  const nav = cloneTemplate('tpl-atelier-tabs').querySelector('nav');
  nav.setAttribute('aria-label', `Parties de l’atelier ${atelier.code}`);
  for (const link of nav.querySelectorAll('a[data-tab]')) {
    link.href = atelierPath(atelier.id, link.dataset.tab);
    if (link.dataset.tab === current) link.setAttribute('aria-current', 'page');
  }
  return nav;
}

/** Fills the heading, the subtitle (the atelier's title) and the tabs of a part's view. */
export function fillHeader(view, atelier, tab, heading) {
  ref(view, 'heading').textContent = frenchSpacing(heading);
  const subtitle = ref(view, 'subtitle');
  if (subtitle) subtitle.textContent = atelier.title;
  ref(view, 'tabs').replaceWith(createTabs(atelier, tab));
}

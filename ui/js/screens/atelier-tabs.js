// The parts of an atelier's page (Fiche, Membres, Import, Charte) as a row of links, the
// current one marked with aria-current; and the small helpers those parts share.

import { cloneTemplate, ref, typedDate } from '../dom.js';

export const NBSP = '\u00a0';

const TAB_PATHS = { fiche: '', membres: '/membres', import: '/import', charte: '/charte' };

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

/** Today in the computer's time zone, as stored: "2027-01-05". */
export function todayIso() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Today in the computer's time zone, as typed in the forms: « 05/01/2027 ». */
export function todayTyped() {
  return typedDate(todayIso());
}

/** « KLEIN Anne »: the last name first, as the lists are sorted. */
export function sortName(person) {
  const last = (person.last_name ?? '').toLocaleUpperCase('fr');
  return `${last} ${person.first_name ?? ''}`.trim();
}

/** « Mme Anne Klein », as one addresses the person. */
export function fullName(person) {
  return [person.civility, person.first_name, person.last_name].filter(Boolean).join(' ');
}

/** « depuis le 05/01/2027 », « du 05/01/2027 au 30/06/2027 ». */
export function periodText(joinedOn, leftOn) {
  return leftOn
    ? `du ${typedDate(joinedOn)} au ${typedDate(leftOn)}`
    : `depuis le ${typedDate(joinedOn)}`;
}

/** Puts French no-break spaces in a sentence built here: after « and before », ; : ! ? %. */
export function frenchSpacing(text) {
  return text
    .replace(/« /g, `«${NBSP}`)
    .replace(/ »/g, `${NBSP}»`)
    .replace(/ ([:;!?%])/g, `${NBSP}$1`)
    .replace(/n° /g, `n°${NBSP}`);
}

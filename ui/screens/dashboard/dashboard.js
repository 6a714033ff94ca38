// Tableau de bord, the home screen: the next meetings and what needs the secretary's
// attention today (the core's findings), grouped by what is to be done. Each line is a link
// to the screen where it is fixed; at most ten lines a section, then how many more. A base
// without any atelier is invited to create the first one.

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, labelOf, plural, ref } from '../../js/dom.js';
import { frenchSpacing, weekdayDate } from '../../js/format.js';
import { meetingWhen } from '../../js/meeting-text.js';
import { colourOf } from '../../js/meeting-text.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tags', 'notices']);

const SHOWN_MAX = 10;

const meetingPart = (part) => (finding) => finding.meeting && `#/reunions/${finding.meeting}${part}`;
const atelierPart = (part) => (finding, ids) => ids.has(finding.atelier) && `#/ateliers/${ids.get(finding.atelier)}${part}`;

/** Where each rule's finding is fixed. */
const TARGETS = {
  'meeting.overlap': meetingPart('/modifier'),
  'meeting.member_overlap': meetingPart('/modifier'),
  'meeting.outside_calendar': meetingPart('/modifier'),
  'meeting.external_overlap': meetingPart('/modifier'),
  'meeting.required_absent': meetingPart('/presences'),
  'convocation.due': meetingPart('/convocations'),
  'convocation.outdated': meetingPart('/convocations'),
  'releve.pending_validation': meetingPart('/releve'),
  'action.overdue': () => '#/actions',
  'charter.unsigned': atelierPart('/charte'),
  'attendance.low_rate': atelierPart('/assiduite'),
  'attendance.consecutive_absences': atelierPart('/assiduite'),
  'milestone.late': atelierPart(''),
  'atelier.overdue': atelierPart(''),
};

/**
 * The sections of findings, in the order of the page; `all` links to the full list when
 * there is one; `apart` names the command that gives the section's findings after the page
 * is shown (the rest is in `dashboard`).
 */
const SECTIONS = [
  {
    key: 'conflits',
    title: 'Conflits de calendrier',
    rules: ['meeting.overlap', 'meeting.member_overlap', 'meeting.outside_calendar', 'meeting.external_overlap'],
    empty: 'Aucun conflit.',
  },
  { key: 'convocations', title: 'Convocations', rules: ['convocation.due', 'convocation.outdated'], empty: 'Aucune convocation à envoyer ni à refaire.' },
  { key: 'a-reporter', title: 'Réunions à reporter', rules: ['meeting.required_absent'], empty: 'Aucune réunion à reporter.' },
  { key: 'releves', title: 'Relevés en attente', rules: ['releve.pending_validation'], empty: 'Aucun relevé en attente.' },
  {
    key: 'calendrier',
    title: 'Calendrier prévisionnel',
    rules: ['milestone.late', 'atelier.overdue'],
    empty: 'Aucune étape en retard, aucun atelier à clore.',
  },
  {
    key: 'actions',
    title: 'Actions en retard',
    rules: ['action.overdue'],
    empty: 'Aucune action en retard.',
    all: { href: '#/actions', text: 'voir toutes les actions' },
  },
  { key: 'chartes', title: 'Chartes non signées', rules: ['charter.unsigned'], empty: 'Tous les membres ont signé la charte en vigueur.' },
  {
    key: 'assiduite',
    title: 'Assiduité',
    empty: 'Aucune alerte d’assiduité.',
    apart: 'attendance_alerts',
  },
];

export async function mount(root, context) {
  const [vocabulary, board] = await Promise.all([context.vocabulary(), context.preloaded ?? call('dashboard')]);
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-dashboard');
  ref(view, 'no-atelier').hidden = board.ateliers.length > 0;
  const page = { view, today: board.today, ids: new Map(board.ateliers.map(([id, code]) => [code, id])), attention: 0 };
  const sections = document.createDocumentFragment();
  sections.append(upcomingSection(board.upcoming, vocabulary));
  const grouped = groupByRule(board.findings);
  for (const spec of SECTIONS) {
    const section = createSection(spec);
    if (spec.apart) {
      section.setAttribute('aria-busy', 'true');
      showCount(section, null, 'Recherche des alertes d’assiduité…');
    } else {
      fillFindings(page, section, spec, spec.rules.flatMap((rule) => grouped.get(rule) ?? []), total(board.counts, spec.rules));
    }
    sections.append(section);
  }
  writeSummary(page);
  ref(view, 'sections').append(sections);

  root.replaceChildren(view);
  page.view = root;
  context.setTitle('Tableau de bord');
  // Asked once the page is painted: the window cannot paint while a command runs.
  requestAnimationFrame(() => setTimeout(() => fillApart(page, context)));
}

/** The sections whose findings take longer (the attendance alerts), filled once the rest is shown. */
async function fillApart(page, context) {
  for (const spec of SECTIONS.filter((candidate) => candidate.apart)) {
    const section = page.view.querySelector(`#tableau-${spec.key}`);
    try {
      const { findings, counts } = await call(spec.apart);
      if (!context.isCurrent()) return;
      fillFindings(page, section, spec, findings, total(counts, Object.keys(counts)));
      writeSummary(page);
    } catch (error) {
      if (!context.isCurrent()) return;
      showCount(section, null, frenchSpacing(`Les alertes n’ont pas pu être lues : ${errorMessage(error)}`));
    }
    section.removeAttribute('aria-busy');
  }
}

function writeSummary(page) {
  const { attention } = page;
  ref(page.view, 'summary').textContent = frenchSpacing(`Au ${weekdayDate(page.today)} : ${attention === 0
    ? 'rien ne demande votre attention.'
    : `${plural(attention, 'point demande', 'points demandent')} votre attention.`}`);
}

function groupByRule(findings) {
  const grouped = new Map();
  for (const finding of findings) {
    if (!grouped.has(finding.rule)) grouped.set(finding.rule, []);
    grouped.get(finding.rule).push(finding);
  }
  return grouped;
}

/** An empty section of the page: its heading, where its count and its lines go. */
function createSection({ key, title }) {
  const section = cloneTemplate('tpl-dashboard-section').querySelector('section');
  section.id = `tableau-${key}`;
  const heading = ref(section, 'heading');
  heading.id = `tableau-${key}-titre`;
  section.setAttribute('aria-labelledby', heading.id);
  ref(section, 'title').textContent = title;
  return section;
}

/** The count beside the heading (none while it is not known) and, when nothing is listed, why. */
function showCount(section, count, emptyText) {
  const badge = ref(section, 'count');
  badge.textContent = count === null ? '' : String(count);
  badge.hidden = count === null;
  const empty = ref(section, 'empty');
  empty.textContent = emptyText;
  empty.hidden = count > 0;
  ref(section, 'items').hidden = !(count > 0);
}

function upcomingSection(meetings, vocabulary) {
  const section = createSection({ key: 'reunions', title: 'Prochaines réunions' });
  showCount(section, meetings.length, 'Aucune réunion prévue.');
  section.classList.add('is-wide');
  const table = cloneTemplate('tpl-dashboard-meetings').querySelector('table');
  const rows = document.createDocumentFragment();
  for (const meeting of meetings) {
    const row = cloneTemplate('tpl-dashboard-meeting-row').querySelector('tr');
    const link = ref(row, 'link');
    link.href = `#/reunions/${meeting.id}`;
    link.textContent = meetingWhen(meeting);
    const chip = ref(row, 'atelier');
    chip.textContent = meeting.atelier;
    chip.classList.add(colourOf(meeting.atelier_id));
    row.querySelector('[data-col="kind"]').textContent = labelOf(vocabulary.meeting_kinds, meeting.kind);
    row.querySelector('[data-col="place"]').textContent = meeting.place || '—';
    row.querySelector('[data-col="status"]').textContent = labelOf(vocabulary.meeting_statuses, meeting.status);
    rows.append(row);
  }
  ref(table, 'rows').append(rows);
  table.hidden = meetings.length === 0;
  ref(section, 'items').replaceWith(table);
  return section;
}

/** How many findings `rules` have together, from the counts per rule the backend gives. */
function total(counts, rules) {
  return rules.reduce((sum, rule) => sum + (counts[rule] ?? 0), 0);
}

/** The first lines of a section's findings (the backend sends the first of each rule), then how many more of `count`. */
function fillFindings(page, section, spec, findings, count) {
  page.attention += count;
  showCount(section, count, spec.empty);
  const shown = findings.slice(0, SHOWN_MAX);
  const items = document.createDocumentFragment();
  for (const finding of shown) items.append(findingItem(finding, page.ids));
  ref(section, 'items').replaceChildren(items);
  const others = count - shown.length;
  const more = ref(section, 'more');
  more.hidden = others <= 0;
  if (others <= 0) return;
  const text = `et ${plural(others, 'autre', 'autres')}`;
  if (spec.all) {
    const link = document.createElement('a');
    link.href = spec.all.href;
    link.textContent = frenchSpacing(`${text} : ${spec.all.text}`);
    more.replaceChildren(link);
  } else {
    more.textContent = `${text}.`;
  }
}

function findingItem(finding, ids) {
  const item = document.createElement('li');
  item.dataset.rule = finding.rule;
  const href = TARGETS[finding.rule]?.(finding, ids);
  if (href) {
    const link = document.createElement('a');
    link.href = href;
    link.textContent = finding.message;
    item.append(link);
  } else {
    item.textContent = finding.message;
  }
  return item;
}

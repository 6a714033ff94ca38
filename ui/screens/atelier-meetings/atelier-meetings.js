// The Réunions part of an atelier: its meetings to come and its past ones, each row a link
// to the meeting's page, and the way to plan a new one.

import { call } from '../../js/api.js';
import { cloneTemplate, labelOf, ref } from '../../js/dom.js';
import { frenchSpacing } from '../../js/format.js';
import { fillStatusTag, isPast, meetingPlace, meetingWhen } from '../../js/meeting-text.js';
import { atelierPath, fillHeader } from '../../js/atelier-tabs.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tables', 'tags']);

export async function mount(root, context) {
  const { id } = context.params;
  const [vocabulary, atelier, meetings] = await Promise.all([
    context.vocabulary(),
    call('get_atelier', { id }),
    call('atelier_meetings', { atelierId: id }),
  ]);
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-atelier-meetings');
  fillHeader(view, atelier, 'reunions', `Réunions de l’atelier ${atelier.code}`);
  ref(view, 'plan').href = `${atelierPath(id, 'reunions')}/nouvelle`;
  const past = meetings.filter((meeting) => isPast(meeting)).reverse();
  const upcoming = meetings.filter((meeting) => !isPast(meeting));
  fillSection(view, 'upcoming', upcoming, vocabulary,
    upcoming.length === 1 ? '1 réunion à venir' : `${upcoming.length} réunions à venir, de la plus proche à la plus lointaine`);
  fillSection(view, 'past', past, vocabulary,
    past.length === 1 ? '1 réunion passée' : `${past.length} réunions passées, de la plus récente à la plus ancienne`);

  root.replaceChildren(view);
  context.setTitle(`Réunions de l’atelier ${atelier.code}`);
}

function fillSection(view, name, meetings, vocabulary, caption) {
  ref(view, `no-${name}`).hidden = meetings.length > 0;
  if (meetings.length === 0) return;
  const table = cloneTemplate('tpl-meetings-table').querySelector('table');
  table.id = `meetings-${name}`;
  table.classList.add(name === 'past' ? 'is-past' : 'is-upcoming');
  ref(table, 'caption').textContent = caption;
  ref(table, 'rows').append(...meetings.map((meeting) => createRow(meeting, vocabulary)));
  ref(view, name).replaceChildren(table);
}

function createRow(meeting, vocabulary) {
  const row = cloneTemplate('tpl-meeting-row').querySelector('tr');
  row.dataset.meetingId = String(meeting.id);
  if (meeting.status === 'annulee' || meeting.status === 'reportee') row.classList.add('is-inactive');
  const cell = (column) => row.querySelector(`[data-col="${column}"]`);
  cell('number').textContent = meeting.session_number ? frenchSpacing(`n° ${meeting.session_number}`) : '—';
  const link = ref(row, 'link');
  link.href = `#/reunions/${meeting.id}`;
  link.textContent = meetingWhen(meeting);
  cell('kind').textContent = labelOf(vocabulary.meeting_kinds, meeting.kind);
  if (meeting.title) {
    const title = document.createElement('span');
    title.className = 'meeting-title';
    title.textContent = meeting.title;
    cell('kind').append(document.createElement('br'), title);
  }
  cell('place').textContent = meetingPlace(meeting);
  fillStatusTag(ref(row, 'status'), meeting, vocabulary);
  return row;
}

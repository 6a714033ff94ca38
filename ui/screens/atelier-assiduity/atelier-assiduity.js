// The Assiduité part of an atelier (rule 5): for each member, the held meetings where they
// were convoked, how many are recorded, the presences, the rate, the absences in a row and
// the alert under the thresholds of the settings; a row of marks, one per held meeting, with
// a letter for each status and its text for screen readers.

import { call } from '../../js/api.js';
import { cloneTemplate, labelOf, plural, ref, typedDate } from '../../js/dom.js';
import { NBSP, frenchSpacing } from '../../js/format.js';
import { fillHeader } from '../../js/atelier-tabs.js';
import { addAssiduityExport } from '../../js/documents.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tables', 'tags', 'notices']);

/** The letter of each attendance status in the chart (the legend above the table explains them). */
const MARKS = {
  present: ['P', 'is-present'],
  distance: ['D', 'is-present'],
  represente: ['R', 'is-present'],
  supplee: ['S', 'is-present'],
  excuse: ['E', 'is-absent'],
  absent: ['A', 'is-absent'],
};
const UNKNOWN_MARK = ['N', 'is-unknown'];

export async function mount(root, context) {
  const { id } = context.params;
  const [vocabulary, atelier, members, settings] = await Promise.all([
    context.vocabulary(),
    call('get_atelier', { id }),
    call('get_assiduity', { atelierId: id }),
    call('get_settings'),
  ]);
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-atelier-assiduity');
  fillHeader(view, atelier, 'assiduite', `Assiduité de l’atelier ${atelier.code}`);
  addAssiduityExport(view, atelier);
  ref(view, 'thresholds').textContent = frenchSpacing(
    `Seuil d’alerte : ${settings.attendance_threshold_pct} % ; ${plural(settings.consecutive_absences_max, 'absence', 'absences')} de suite. Ces seuils se changent dans les paramètres.`,
  );
  ref(view, 'empty').hidden = members.length > 0;
  ref(view, 'content').hidden = members.length === 0;
  const table = view.querySelector('#assiduity-table');
  const alerts = members.filter((member) => member.alert).length;
  ref(table, 'caption').textContent = frenchSpacing(
    `${plural(members.length, 'membre convoqué', 'membres convoqués')} aux séances tenues ; ${alerts === 0 ? 'aucune alerte' : plural(alerts, 'alerte', 'alertes')}`,
  );
  const rows = document.createDocumentFragment();
  for (const member of members) rows.append(createRow(member, vocabulary));
  ref(table, 'rows').append(rows);

  root.replaceChildren(view);
  context.setTitle(`Assiduité : atelier ${atelier.code}`);
}

function createRow(member, vocabulary) {
  const row = cloneTemplate('tpl-assiduity-row').querySelector('tr');
  row.dataset.personId = String(member.person_id);
  const name = ref(row, 'name');
  name.href = `#/annuaire/${member.person_id}`;
  name.textContent = member.name;
  setCell(row, 'college', labelOf(vocabulary.colleges, member.college));
  setCell(row, 'convoked', String(member.convoked));
  setCell(row, 'recorded', String(member.recorded));
  setCell(row, 'present', String(member.present));
  setCell(row, 'rate', member.rate_pct == null ? '—' : `${member.rate_pct}${NBSP}%`);
  setCell(row, 'consecutive', String(member.consecutive_absences));
  setCell(row, 'alert', member.alert ? frenchSpacing(member.alert) : 'Aucune');
  if (member.alert) row.classList.add('has-alert');
  fillChart(row, member.history, vocabulary);
  return row;
}

function setCell(row, column, text) {
  row.querySelector(`[data-col="${column}"]`).textContent = text;
}

/** One mark per held meeting, the oldest first, and the same as text: « 5 séances : P P A E P ». */
function fillChart(row, history, vocabulary) {
  const chart = ref(row, 'chart');
  const letters = [];
  for (const [day, status] of history) {
    const [letter, kind] = MARKS[status] ?? UNKNOWN_MARK;
    const mark = document.createElement('span');
    mark.className = `seance-mark ${kind}`;
    mark.textContent = letter;
    mark.title = `${typedDate(day)}${NBSP}: ${status ? labelOf(vocabulary.attendance_statuses, status) : 'non renseigné'}`;
    chart.append(mark);
    letters.push(letter);
  }
  ref(row, 'chart-text').textContent = history.length === 0
    ? 'Aucune séance tenue'
    : `${plural(history.length, 'séance', 'séances')}${NBSP}: ${letters.join(' ')}`;
}

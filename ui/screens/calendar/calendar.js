// Calendrier: the meetings of every atelier by month (a grid of days), by week (seven
// columns) or as a list. One colour per atelier from a fixed palette, the atelier's code
// always written beside it; cancelled or postponed meetings struck through and said in
// words. A grid is one stop of the Tab key (the active day, then its meetings); the arrow
// keys move from day to day.
// The events of imported calendars (other bodies' calendars) are shown beside the meetings,
// read-only: one colour of their own (class `external-event`), their calendar's name always
// written beside them, no link. The imported calendars themselves are listed below
// (calendar-imports.js).
// Also exports what the dashboard shares: a meeting's day and start, an atelier's colour.

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, labelOf, plural, ref } from '../../js/dom.js';
import { NBSP, clockTime, longDate, todayIso, weekdayDate } from '../../js/format.js';
import { announce } from '../../js/status.js';
import { addCalendarExport } from '../../js/documents.js';
import { colourOf } from '../../js/meeting-text.js';
import { mountImports } from './imports.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tables', 'tags']);

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];
const STRUCK = new Set(['annulee', 'reportee']);
/** Beyond this many ateliers in the period, the legend starts folded. */
const LEGEND_OPEN_MAX = 8;
const MOVES = {
  mois: ['Mois précédent', 'Mois suivant'],
  semaine: ['Semaine précédente', 'Semaine suivante'],
  liste: ['Mois précédent', 'Mois suivant'],
};
const ARROW_DAYS = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

// ---------- Calendar days ("AAAA-MM-JJ"), computed in UTC so no clock change shifts them ----------

function parseDay(iso) {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

function isoOf(date) {
  return date.toISOString().slice(0, 10);
}

function addDays(iso, days) {
  const date = parseDay(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return isoOf(date);
}

/** 0 for Monday … 6 for Sunday. */
function weekdayIndex(iso) {
  return (parseDay(iso).getUTCDay() + 6) % 7;
}

function mondayOf(iso) {
  return addDays(iso, -weekdayIndex(iso));
}

function monthStart(iso) {
  return `${iso.slice(0, 7)}-01`;
}

function monthEnd(iso) {
  const date = parseDay(monthStart(iso));
  date.setUTCMonth(date.getUTCMonth() + 1, 0);
  return isoOf(date);
}

/** The first day of the month `months` after the month of `iso`. */
function addMonths(iso, months) {
  const date = parseDay(monthStart(iso));
  date.setUTCMonth(date.getUTCMonth() + months);
  return isoOf(date);
}

function monthTitle(iso) {
  const name = MONTHS[Number(iso.slice(5, 7)) - 1];
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${iso.slice(0, 4)}`;
}

/** « de novembre 2026 », « d’avril 2027 ». */
function ofMonth(iso) {
  const name = monthTitle(iso).toLocaleLowerCase('fr');
  return /^[aeiou]/.test(name) ? `d’${name}` : `de ${name}`;
}

// ---------- How the follow-up screens write meetings ----------


// ---------- The screen ----------

export async function mount(root, context) {
  const vocabulary = await context.vocabulary();
  if (!context.isCurrent()) return;
  const view = cloneTemplate('tpl-calendar');
  const page = { root: view, context, vocabulary, view: 'mois', anchor: todayIso(), request: 0, legendFolded: null, milestones: [] };
  await show(page);
  if (!context.isCurrent()) return;
  setupToolbar(view, page);
  // The period of the title: the month (not its whole grid) or the week.
  addCalendarExport(view, () => (page.view === 'semaine' ? range(page) : { from: monthStart(page.anchor), to: monthEnd(page.anchor) }));
  await mountImports(view, context, () => show(page));
  if (!context.isCurrent()) return;
  root.replaceChildren(view);
  page.root = root;
  context.setTitle('Calendrier');
}

/**
 * The legend: each atelier of the period, its colour, code and title, then each imported
 * calendar of the period; folded at first when long.
 */
function fillLegend(page, meetings, events) {
  const scope = page.root;
  const ateliers = new Map(meetings.map((meeting) => [meeting.atelier_id, meeting]));
  const calendars = [...new Set(events.map((event) => event.calendar))].sort((a, b) => a.localeCompare(b, 'fr'));
  const fragment = document.createDocumentFragment();
  for (const id of [...ateliers.keys()].sort((a, b) => a - b)) {
    const item = document.createElement('li');
    const chip = document.createElement('span');
    chip.className = `atelier-chip ${colourOf(id)}`;
    chip.textContent = ateliers.get(id).atelier;
    item.append(chip, ` ${ateliers.get(id).atelier_title}`);
    fragment.append(item);
  }
  for (const name of calendars) {
    const item = document.createElement('li');
    const chip = document.createElement('span');
    chip.className = 'external-chip';
    chip.textContent = name;
    item.append(chip, ' calendrier importé, en lecture seule');
    fragment.append(item);
  }
  ref(scope, 'legend').replaceChildren(fragment);
  const legend = ref(scope, 'legend-box');
  legend.hidden = ateliers.size + calendars.length === 0;
  page.legendFolded ??= ateliers.size + calendars.length > LEGEND_OPEN_MAX;
  legend.open = !page.legendFolded;
  ref(scope, 'legend-title').textContent = calendars.length === 0
    ? `Couleurs des ateliers de la période (${ateliers.size})`
    : `Couleurs des ateliers (${ateliers.size}) et des calendriers importés (${calendars.length}) de la période`;
}

function setupToolbar(view, page) {
  const legend = ref(view, 'legend-box');
  legend.addEventListener('toggle', () => {
    page.legendFolded = !legend.open;
  });
  for (const radio of view.querySelectorAll('input[name="calendar-view"]')) {
    radio.addEventListener('change', () => {
      if (radio.checked) move(page, { view: radio.value });
    });
  }
  const step = (direction) => (page.view === 'semaine' ? addDays(page.anchor, 7 * direction) : addMonths(page.anchor, direction));
  view.querySelector('#calendar-previous').addEventListener('click', () => move(page, { anchor: step(-1) }));
  view.querySelector('#calendar-next').addEventListener('click', () => move(page, { anchor: step(1) }));
  view.querySelector('#calendar-today').addEventListener('click', () => move(page, { anchor: todayIso() }));
}

/** Changes the view or the period, shows it and says what is shown. */
async function move(page, change) {
  Object.assign(page, change);
  try {
    const count = await show(page);
    if (count !== null) announce(periodSentence(page, count));
  } catch (error) {
    announce(`Le calendrier n’a pas pu être affiché${NBSP}: ${errorMessage(error)}`);
  }
}

/** « Janvier 2027 : 5 réunions, 2 événements importés. » */
function periodSentence(page, { meetings, events }) {
  const imported = events > 0 ? `, ${plural(events, 'événement importé', 'événements importés')}` : '';
  return `${periodTitle(page)}${NBSP}: ${plural(meetings, 'réunion', 'réunions')}${imported}.`;
}

/** The first and last days shown. */
function range(page) {
  if (page.view === 'semaine') {
    const from = mondayOf(page.anchor);
    return { from, to: addDays(from, 6) };
  }
  if (page.view === 'liste') return { from: monthStart(page.anchor), to: monthEnd(page.anchor) };
  return { from: mondayOf(monthStart(page.anchor)), to: addDays(mondayOf(monthEnd(page.anchor)), 6) };
}

function periodTitle(page) {
  if (page.view !== 'semaine') return monthTitle(page.anchor);
  const { from, to } = range(page);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const start = from.slice(0, 7) === to.slice(0, 7)
    ? String(Number(from.slice(8, 10)))
    : longDate(from).replace(sameYear ? ` ${from.slice(0, 4)}` : '', '');
  return `Semaine du ${start.replace(/^1$/, '1er')} au ${longDate(to)}`;
}

/**
 * Reads the meetings and the imported events of the period and draws them; resolves to how
 * many of each belong to the period of the title ({ meetings, events }), or null when a
 * newer request won.
 */
async function show(page) {
  const request = ++page.request;
  const { from, to } = range(page);
  const [meetings, events, milestones] = await Promise.all([
    call('calendar_meetings', { from, to }),
    // The meetings are shown even if the imported events or the étapes cannot be read.
    call('external_events', { from, to }).catch(() => []),
    call('calendar_milestones', { from, to }).catch(() => []),
  ]);
  if (!page.context.isCurrent() || request !== page.request) return null;
  page.milestones = milestones;
  const [previous, next] = MOVES[page.view];
  page.root.querySelector('#calendar-previous').textContent = previous;
  page.root.querySelector('#calendar-next').textContent = next;
  ref(page.root, 'period').textContent = periodTitle(page);
  ref(page.root, 'keyboard-hint').hidden = page.view === 'liste';
  const draw = { mois: drawMonth, semaine: drawWeek, liste: drawList }[page.view];
  ref(page.root, 'body').replaceChildren(draw(page, meetings, from, to, events));
  fillLegend(page, meetings, events);
  return {
    meetings: meetings.filter((meeting) => inPeriod(page, meeting)).length,
    events: events.filter((event) => eventDays(event).some((day) => inPeriod(page, { start: day }))).length,
  };
}

/** Whether a meeting (or a day) belongs to the period named in the title (the month, not its whole grid). */
function inPeriod(page, meeting) {
  return page.view === 'semaine' || meeting.start.slice(0, 7) === page.anchor.slice(0, 7);
}

function byDay(meetings) {
  const days = new Map();
  for (const meeting of meetings) {
    const day = meeting.start.slice(0, 10);
    if (!days.has(day)) days.set(day, []);
    days.get(day).push(meeting);
  }
  return days;
}

/** At most this many days of one imported event are drawn (a long one is rare). */
const EVENT_DAYS_MAX = 62;

/**
 * The days an imported event covers (local "AAAA-MM-JJ"): an end at midnight, as all-day
 * events have, belongs to the day before.
 */
function eventDays(event) {
  const first = event.start.slice(0, 10);
  let last = (event.end || event.start).slice(0, 10);
  if (last > first && /T00:00/.test(event.end)) last = addDays(last, -1);
  const days = [first];
  while (days.length < EVENT_DAYS_MAX && days[days.length - 1] < last) days.push(addDays(days[days.length - 1], 1));
  return days;
}

/** The imported events of each day, each as `{ event, day }` (the day it is drawn on). */
function eventsByDay(events) {
  const days = new Map();
  for (const event of events) {
    for (const day of eventDays(event)) {
      if (!days.has(day)) days.set(day, []);
      days.get(day).push({ event, day });
    }
  }
  return days;
}

/** « Journée », « 18 h 00 – 20 h 00 » (or the start only), « suite » on the days after the first. */
function eventTime({ event, day }, compact) {
  if (event.all_day) return 'Journée';
  if (day !== event.start.slice(0, 10)) return 'Suite';
  const sameDay = event.end?.slice(0, 10) === day;
  if (compact || !sameDay) return clockTime(event.start);
  return `${clockTime(event.start)} – ${clockTime(event.end)}`;
}

function weekdayHeaders(row, from, withDates) {
  for (let index = 0; index < 7; index += 1) {
    const th = document.createElement('th');
    th.scope = 'col';
    const day = addDays(from, index);
    th.textContent = withDates ? `${WEEKDAYS[index]} ${Number(day.slice(8, 10))}` : WEEKDAYS[index];
    row.append(th);
  }
}

/** The day that takes the focus in a grid: the anchor when shown, else the first day of the period. */
function focusDay(page, from, to) {
  if (page.anchor >= from && page.anchor <= to) return page.anchor;
  return page.view === 'semaine' ? from : monthStart(page.anchor);
}

function drawMonth(page, meetings, from, to, events) {
  const table = cloneTemplate('tpl-calendar-month').querySelector('table');
  ref(table, 'caption').textContent = `Réunions ${ofMonth(page.anchor)}, semaine par semaine`;
  weekdayHeaders(ref(table, 'weekdays'), from, false);
  const days = byDay(meetings);
  const imported = eventsByDay(events);
  const month = page.anchor.slice(0, 7);
  const today = todayIso();
  const focused = focusDay(page, from, to);
  const weeks = document.createDocumentFragment();
  for (let week = from; week <= to; week = addDays(week, 7)) {
    const row = document.createElement('tr');
    for (let index = 0; index < 7; index += 1) {
      const day = addDays(week, index);
      const cell = dayCell(page, day, days.get(day) ?? [], imported.get(day) ?? [], { today, focused, compact: true });
      if (day.slice(0, 7) !== month) cell.classList.add('other-month');
      row.append(cell);
    }
    weeks.append(row);
  }
  ref(table, 'weeks').append(weeks);
  listenToKeys(page, table);
  return table;
}

function drawWeek(page, meetings, from, to, events) {
  const table = cloneTemplate('tpl-calendar-week').querySelector('table');
  ref(table, 'caption').textContent = periodTitle(page);
  weekdayHeaders(ref(table, 'weekdays'), from, true);
  const days = byDay(meetings);
  const imported = eventsByDay(events);
  const today = todayIso();
  const focused = focusDay(page, from, to);
  const row = ref(table, 'days');
  for (let index = 0; index < 7; index += 1) {
    const day = addDays(from, index);
    row.append(dayCell(page, day, days.get(day) ?? [], imported.get(day) ?? [], { today, focused, compact: false }));
  }
  listenToKeys(page, table);
  return table;
}

/**
 * One day of a grid: its date (in full for screen readers), its meetings as links and the
 * imported events of the day as text, in the order of their start.
 */
function dayCell(page, day, meetings, events, { today, focused, compact }) {
  const steps = page.milestones.filter((step) => step.planned_on === day);
  const cell = document.createElement('td');
  cell.dataset.day = day;
  if (compact) {
    const number = document.createElement('span');
    number.className = 'day-number';
    number.setAttribute('aria-hidden', 'true');
    number.textContent = String(Number(day.slice(8, 10)));
    cell.append(number);
  }
  const full = document.createElement('span');
  full.className = 'visually-hidden';
  const count = meetings.length === 0 ? 'aucune réunion' : plural(meetings.length, 'réunion', 'réunions');
  const imported = events.length === 0 ? '' : `, ${plural(events.length, 'événement importé', 'événements importés')}`;
  const planned = steps.length === 0 ? '' : `, ${plural(steps.length, 'étape', 'étapes')}`;
  full.textContent = `${weekdayDate(day)}${day === today ? ' (aujourd’hui)' : ''}, ${count}${imported}${planned}`;
  cell.append(full);
  if (day === today) cell.classList.add('is-today');
  if (meetings.length + events.length + steps.length > 0) {
    const list = document.createElement('ul');
    list.className = 'day-meetings';
    const items = [
      ...steps.map((step) => ({ start: `${day}T00:00`, node: milestoneItem(step, compact) })),
      ...meetings.map((meeting) => ({ start: meeting.start, node: meetingItem(page, meeting, compact) })),
      ...events.map((entry) => ({
        start: entry.event.all_day || entry.day !== entry.event.start.slice(0, 10) ? `${day}T00:00` : entry.event.start,
        node: eventItem(entry, compact),
      })),
    ];
    // A stable sort: at the same time, our meetings come first.
    items.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    for (const { node } of items) list.append(node);
    cell.append(list);
  }
  setActive(cell, day === focused);
  return cell;
}

function meetingItem(page, meeting, compact) {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = `#/reunions/${meeting.id}`;
  link.className = `meeting-chip ${colourOf(meeting.atelier_id)}`;
  const main = document.createElement('span');
  main.className = 'meeting-main';
  const time = compact ? clockTime(meeting.start) : `${clockTime(meeting.start)} – ${clockTime(meeting.end)}`;
  const code = document.createElement('span');
  code.className = 'meeting-code';
  code.textContent = meeting.atelier;
  main.append(`${time} `, code);
  link.append(main);
  if (STRUCK.has(meeting.status)) {
    link.classList.add('is-struck');
    const state = document.createElement('span');
    state.className = 'meeting-state';
    state.textContent = ` ${labelOf(page.vocabulary.meeting_statuses, meeting.status).toLocaleLowerCase('fr')}`;
    link.append(state);
  }
  // The kind and place: read by screen readers in the month, shown on their own line in the week.
  const comma = document.createElement('span');
  comma.className = 'visually-hidden';
  comma.textContent = ', ';
  const details = document.createElement('span');
  details.className = compact ? 'visually-hidden' : 'meeting-details';
  details.textContent = [labelOf(page.vocabulary.meeting_kinds, meeting.kind), meeting.place].filter(Boolean).join(', ');
  link.append(comma, details);
  item.append(link);
  return item;
}

/**
 * An étape of an atelier's calendrier prévisionnel in a grid: a link to the atelier's page,
 * « Étape AP-VELO », then what it is and its state (read by screen readers in the month,
 * shown in the week); a late one is marked.
 */
function milestoneItem(step, compact) {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = `#/ateliers/${step.atelier_id}`;
  link.className = 'milestone-chip';
  link.dataset.state = step.state.state;
  const main = document.createElement('span');
  main.className = 'meeting-main';
  main.textContent = `Étape ${step.atelier}`;
  const comma = document.createElement('span');
  comma.className = 'visually-hidden';
  comma.textContent = ', ';
  const details = document.createElement('span');
  details.className = compact ? 'visually-hidden' : 'meeting-details';
  details.textContent = `${step.label} — ${step.state.text}`;
  link.append(main, comma, details);
  if (step.state.state === 'en_retard' && compact) {
    const late = document.createElement('span');
    late.className = 'meeting-state';
    late.textContent = ' en retard';
    link.append(late);
  }
  item.append(link);
  return item;
}

/**
 * An imported event in a grid: its time and its calendar's name, then (read by screen
 * readers in the month, shown in the week) what it is and where. Not a link: it is not
 * one of our meetings.
 */
function eventItem(entry, compact) {
  const { event } = entry;
  const item = document.createElement('li');
  item.className = 'external-event';
  item.dataset.eventId = String(event.id);
  const main = document.createElement('span');
  main.className = 'external-main';
  const name = document.createElement('span');
  name.className = 'external-calendar';
  name.textContent = event.calendar;
  const kind = document.createElement('span');
  kind.className = 'visually-hidden';
  kind.textContent = ' (calendrier importé)';
  main.append(`${eventTime(entry, compact)} `, name, kind);
  const comma = document.createElement('span');
  comma.className = 'visually-hidden';
  comma.textContent = ', ';
  const details = document.createElement('span');
  details.className = compact ? 'visually-hidden' : 'meeting-details';
  details.textContent = [event.summary || 'Sans titre', event.location].filter(Boolean).join(', ');
  item.append(main, comma, details);
  return item;
}

/** Only the active day of a grid and its meetings are in the Tab order. */
function setActive(cell, active) {
  cell.tabIndex = active ? 0 : -1;
  for (const link of cell.querySelectorAll('a')) link.tabIndex = active ? 0 : -1;
}

/**
 * Arrow keys on a day move to the day before, after, above or below; a day or a meeting
 * that takes the focus (by the keyboard or a click) becomes the active day.
 */
function listenToKeys(page, table) {
  table.addEventListener('keydown', (event) => {
    const cell = event.target;
    const offset = ARROW_DAYS[event.key];
    if (!offset || !(cell instanceof HTMLTableCellElement) || !cell.dataset.day) return;
    const target = table.querySelector(`td[data-day="${addDays(cell.dataset.day, offset)}"]`);
    if (!target) return;
    event.preventDefault();
    target.focus();
  });
  table.addEventListener('focusin', (event) => {
    const cell = event.target.closest('td[data-day]');
    const previous = table.querySelector('td[data-day][tabindex="0"]');
    if (!cell || cell === previous) return;
    if (previous) setActive(previous, false);
    setActive(cell, true);
    // The active day is where the next view opens, unless it belongs to another month.
    if (page.view === 'semaine' || cell.dataset.day.startsWith(page.anchor.slice(0, 7))) page.anchor = cell.dataset.day;
  });
}

function drawList(page, meetings, from, to, events) {
  const fragment = document.createDocumentFragment();
  const month = monthTitle(page.anchor).toLocaleLowerCase('fr');
  if (meetings.length === 0) {
    const empty = document.createElement('p');
    empty.className = 'dashboard-empty';
    empty.textContent = `Aucune réunion en ${month}.`;
    fragment.append(empty);
  } else {
    const table = cloneTemplate('tpl-calendar-list').querySelector('table');
    ref(table, 'caption').textContent = `Réunions ${ofMonth(page.anchor)}${NBSP}: ${meetings.length}, par date`;
    const rows = document.createDocumentFragment();
    for (const meeting of meetings) rows.append(listRow(page, meeting));
    ref(table, 'rows').append(rows);
    fragment.append(table);
  }
  if (events.length > 0) fragment.append(eventsTable(page, events));
  const steps = page.milestones.filter((step) => step.planned_on.slice(0, 7) === page.anchor.slice(0, 7));
  if (steps.length > 0) fragment.append(milestonesList(page, steps));
  return fragment;
}

/** The étapes of the month, below the meetings: each a link to its atelier, with its state. */
function milestonesList(page, steps) {
  const part = document.createElement('section');
  part.className = 'calendar-milestones';
  part.setAttribute('aria-labelledby', 'calendar-milestones-title');
  const title = document.createElement('h2');
  title.id = 'calendar-milestones-title';
  title.textContent = `Étapes des calendriers prévisionnels ${ofMonth(page.anchor)}${NBSP}: ${steps.length}`;
  const list = document.createElement('ul');
  list.className = 'plain-list';
  list.append(...steps.map((step) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `#/ateliers/${step.atelier_id}`;
    link.textContent = `${weekdayDate(step.planned_on)} — ${step.atelier} : ${step.label}`;
    const state = document.createElement('span');
    state.className = 'milestone-state';
    state.dataset.state = step.state.state;
    state.textContent = ` — ${step.state.text}`;
    item.append(link, state);
    return item;
  }));
  part.append(title, list);
  return part;
}

/** The imported events of the month, below the meetings: read-only rows, no link. */
function eventsTable(page, events) {
  const table = cloneTemplate('tpl-calendar-external-list').querySelector('table');
  ref(table, 'caption').textContent = `Événements des calendriers importés ${ofMonth(page.anchor)}${NBSP}: ${events.length}, par date`;
  const sorted = [...events].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  ref(table, 'rows').append(...sorted.map((event) => {
    const row = cloneTemplate('tpl-calendar-external-row').querySelector('tr');
    row.dataset.eventId = String(event.id);
    const days = eventDays(event);
    ref(row, 'date').textContent = days.length > 1
      ? `du ${weekdayDate(days[0])} au ${weekdayDate(days[days.length - 1])}`
      : weekdayDate(event.start);
    ref(row, 'time').textContent = eventTime({ event, day: days[0] }, false);
    ref(row, 'calendar').textContent = event.calendar;
    ref(row, 'summary').textContent = event.summary || 'Sans titre';
    ref(row, 'place').textContent = event.location || '—';
    return row;
  }));
  return table;
}

function listRow(page, meeting) {
  const row = cloneTemplate('tpl-calendar-list-row').querySelector('tr');
  const link = ref(row, 'link');
  link.href = `#/reunions/${meeting.id}`;
  link.textContent = weekdayDate(meeting.start);
  row.querySelector('[data-col="time"]').textContent = `${clockTime(meeting.start)} – ${clockTime(meeting.end)}`;
  const chip = ref(row, 'atelier');
  chip.textContent = meeting.atelier;
  chip.classList.add(colourOf(meeting.atelier_id));
  row.querySelector('[data-col="kind"]').textContent = labelOf(page.vocabulary.meeting_kinds, meeting.kind);
  row.querySelector('[data-col="place"]').textContent = meeting.place || '—';
  row.querySelector('[data-col="status"]').textContent = labelOf(page.vocabulary.meeting_statuses, meeting.status);
  if (STRUCK.has(meeting.status)) row.classList.add('is-struck');
  return row;
}

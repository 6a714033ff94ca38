// The imported calendars, below the Calendrier screen's grid: « Importer un calendrier » (a
// file chosen in the system's open dialog; importing the same calendar again updates it),
// the list of the calendars imported (name, events, date, file) and « Retirer » for each,
// confirmed in a dialog. Their events are drawn in the grid by calendar.js.

import { call, chooseFileToOpen, errorMessage } from '../../js/api.js';
import { cloneTemplate, plural, ref } from '../../js/dom.js';
import { frenchSpacing, longDateOfStamp } from '../../js/format.js';
import { announce } from '../../js/status.js';
import { confirmAction } from '../../js/confirm.js';
import { asSentence, bindAction } from '../../js/documents.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html']);

const ICS_FILTERS = [{ name: 'Calendrier (iCalendar)', extensions: ['ics'] }];

/**
 * Adds the section at the end of `view` (the calendar screen); `redraw()` draws the
 * calendar again once its imported events changed.
 */
export async function mountImports(view, context, redraw) {
  const section = cloneTemplate('tpl-calendar-imports').querySelector('section');
  const calendars = await call('external_calendars');
  if (!context.isCurrent()) return;
  const part = { section, context, redraw, calendars };
  fillList(part);
  setupImport(part);
  view.append(section);
}

function fillList(part) {
  const { section, calendars } = part;
  ref(section, 'empty').hidden = calendars.length > 0;
  ref(section, 'table').hidden = calendars.length === 0;
  ref(section, 'caption').textContent = `Calendriers importés : ${calendars.length}`;
  ref(section, 'rows').replaceChildren(...calendars.map((calendar) => {
    const row = cloneTemplate('tpl-external-calendar-row').querySelector('tr');
    row.dataset.calendarId = String(calendar.id);
    ref(row, 'name').textContent = calendar.name;
    ref(row, 'events').textContent = plural(calendar.events, 'événement', 'événements');
    ref(row, 'imported').textContent = longDateOfStamp(calendar.imported_at);
    ref(row, 'file').textContent = calendar.source_file;
    ref(row, 'remove-which').textContent = ` le calendrier ${calendar.name}`;
    ref(row, 'remove').addEventListener('click', (event) => removeCalendar(part, calendar, event.currentTarget));
    return row;
  }));
}

async function reload(part) {
  part.calendars = await call('external_calendars');
  if (!part.context.isCurrent()) return false;
  fillList(part);
  await part.redraw();
  return part.context.isCurrent();
}

// ---------- Import ----------

function setupImport(part) {
  const button = part.section.querySelector('#import-calendar');
  const error = ref(part.section, 'error');
  bindAction(button, async () => {
    error.textContent = '';
    let path;
    try {
      path = await chooseFileToOpen({ title: 'Importer un calendrier', filters: ICS_FILTERS });
    } catch (failure) {
      announce(frenchSpacing(`Aucun calendrier n’a été importé : ${errorMessage(failure)}`));
      return;
    }
    if (!path) {
      announce(frenchSpacing('Aucun calendrier n’a été importé : la fenêtre de choix du fichier a été fermée.'));
      return;
    }
    let imported;
    try {
      imported = await call('import_calendar', { path });
    } catch (failure) {
      if (!part.context.isCurrent()) return;
      error.textContent = asSentence(errorMessage(failure));
      announce(frenchSpacing(`Aucun calendrier n’a été importé : ${errorMessage(failure)}`));
      return;
    }
    try {
      await reload(part);
    } catch {
      // The import is done; the screen shows it when drawn again.
    }
    announce(imported.message);
  });
}

// ---------- Remove ----------

/** Asks before removing an imported calendar; the file itself is never touched. */
async function removeCalendar(part, calendar, opener) {
  const events = calendar.events > 1
    ? `Ses ${calendar.events} événements ne s’afficheront plus dans le calendrier.`
    : `${calendar.events === 1 ? 'Son événement' : 'Il'} ne s’affichera plus dans le calendrier.`;
  const confirmed = await confirmAction({
    opener,
    title: `Retirer le calendrier « ${calendar.name} » ?`,
    paragraphs: [`${events} Le fichier d’origine n’est pas touché : vous pourrez l’importer de nouveau.`],
    yes: 'Retirer le calendrier',
    no: 'Ne pas retirer',
  });
  if (!confirmed) {
    announce(frenchSpacing(`Le calendrier « ${calendar.name} » n’a pas été retiré.`));
    return;
  }
  ref(part.section, 'error').textContent = '';
  try {
    await call('delete_external_calendar', { id: calendar.id });
  } catch (error) {
    opener.focus();
    announce(frenchSpacing(`Le calendrier n’a pas été retiré : ${errorMessage(error)}`));
    return;
  }
  try {
    if (await reload(part)) part.section.querySelector('#import-calendar').focus();
  } catch {
    // Removed; the screen shows it when drawn again.
  }
  announce(frenchSpacing(`Le calendrier « ${calendar.name} » est retiré : ses événements ne s’affichent plus.`));
}

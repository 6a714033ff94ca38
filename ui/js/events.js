// Names of the DOM events that screens dispatch (bubbling) to tell the shell what happened.

/** The first-start choice is done; detail: none. */
export const FIRST_START_DONE = 'ateliers:first-start-done';
/** The settings were saved; detail: the saved settings. */
export const SETTINGS_SAVED = 'ateliers:settings-saved';

export function notify(target, name, detail = null) {
  target.dispatchEvent(new CustomEvent(name, { bubbles: true, detail }));
}

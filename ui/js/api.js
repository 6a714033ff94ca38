// The only module that talks to the Rust backend.

/** When the page runs without the backend (never in the application itself). */
const UNAVAILABLE = {
  code: 'unavailable',
  message: 'L’application ne parvient pas à accéder à ses données. Fermez-la puis rouvrez-la.',
};

const UNEXPECTED_MESSAGE = 'Une erreur inattendue est survenue. Fermez l’application puis rouvrez-la ; si le problème persiste, signalez-le.';

/** An error returned by the backend: `{ code, message, fields: [{ field, message }] }`. */
export class ApiError extends Error {
  constructor({ code = 'unknown', message = UNEXPECTED_MESSAGE, fields = [] } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.fields = Array.isArray(fields) ? fields : [];
  }
}

export async function call(command, args = {}) {
  const invoke = window.__TAURI__?.core?.invoke;
  if (typeof invoke !== 'function') {
    throw new ApiError(UNAVAILABLE);
  }
  try {
    return await invoke(command, args);
  } catch (rejected) {
    throw toApiError(rejected);
  }
}

/**
 * A channel on which a command reports its steps (a batch's progress): `onMessage` receives
 * each message. Passed to `call` as an argument of the command.
 */
export function progressChannel(onMessage) {
  const Channel = window.__TAURI__?.core?.Channel;
  if (typeof Channel !== 'function') {
    throw new ApiError(UNAVAILABLE);
  }
  const channel = new Channel();
  channel.onmessage = onMessage;
  return channel;
}

/** A French sentence for any error, so screens never show a raw JavaScript message. */
export function errorMessage(error) {
  return error instanceof ApiError ? error.message : UNEXPECTED_MESSAGE;
}

function toApiError(rejected) {
  if (rejected && typeof rejected === 'object' && typeof rejected.message === 'string') {
    return new ApiError(rejected);
  }
  // Tauri itself rejects with a plain string (unknown command, bad arguments).
  if (typeof rejected === 'string' && rejected !== '') {
    console.error('Erreur du moteur :', rejected);
  }
  return new ApiError();
}

/**
 * Asks the user to choose a file in the system's open dialog, which the backend opens: only
 * a path chosen there is accepted by the commands that read a file. Resolves to its path,
 * or null when the dialog was closed without a choice. `filters`: [{ name, extensions }].
 */
export async function chooseFileToOpen({ title, filters = [] }) {
  return call('choose_file_to_open', { title, filters });
}

/**
 * Asks the user where to save a file, in the system's save dialog, which the backend opens:
 * only a path chosen there is accepted, once, by the commands that write. `defaultPath`:
 * the name proposed. Resolves to the chosen path, or null when the dialog was closed
 * without a choice.
 */
export async function chooseFileToSave({ title, defaultPath, filters = [] }) {
  return call('choose_file_to_save', { title, defaultName: defaultPath ?? null, filters });
}

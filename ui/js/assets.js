// The markup and the styles of a screen sit beside its module (`ui/screens/<name>/`) and
// are loaded with it, the first time its route is shown: the shell parses nothing that the
// first screen does not use. Markup files hold only our own <template>s (never data).

import { memoize } from './memoize.js';

/** One loader per URL: a file is loaded once, and a failure is retried by the next screen. */
const loaders = new Map();

function once(url, load) {
  if (!loaders.has(url)) loaders.set(url, memoize(() => load(url)));
  return loaders.get(url)();
}

async function loadMarkup(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Fichier de l’interface introuvable : ${url}`);
  const parsed = new DOMParser().parseFromString(await response.text(), 'text/html');
  for (const template of parsed.querySelectorAll('template')) {
    document.head.append(document.importNode(template, true));
  }
}

function loadStyles(url) {
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => {
      link.remove();
      reject(new Error(`Feuille de style introuvable : ${url}`));
    }, { once: true });
    document.head.append(link);
  });
}

const LOADERS = { html: loadMarkup, css: loadStyles };

/**
 * Loads the files named like the module at `moduleUrl` with the given extensions
 * (`['html', 'css']`): its <template>s join the document, its stylesheet is applied; and
 * the shared stylesheets of `ui/css/` it names (`['tables']` for `ui/css/tables.css`).
 * Called at the top of a module, `await loadBeside(import.meta.url, [...])`.
 */
export function loadBeside(moduleUrl, kinds, shared = []) {
  const urls = [
    ...kinds.map((kind) => moduleUrl.replace(/\.js$/, `.${kind}`)),
    ...shared.map((name) => new URL(`../css/${name}.css`, import.meta.url).href),
  ];
  return Promise.all(urls.map((url) => once(url, LOADERS[url.slice(url.lastIndexOf('.') + 1)])));
}

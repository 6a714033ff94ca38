// The light syntax of a relevé's sections (core/src/model/rich_text.rs): a blank line between
// paragraphs, « - » at the start of a line for a bulleted item, **gras** and *italique*.
// A text area gets a small toolbar (buttons, and Ctrl+B, Ctrl+I) that writes the syntax,
// and a preview drawn from the core's reading of it; a relevé shown read-only is drawn the
// same way. Nothing is built from HTML: elements and text nodes only.

import { call } from './api.js';
import { announce } from './status.js';
import { loadBeside } from './assets.js';

await loadBeside(import.meta.url, ['css']);

const PREVIEW_DELAY_MS = 250;

/** Draws `blocks` (the core's RichBlock list) into `container`. */
export function renderRich(container, blocks) {
  const runs = (inlines) => inlines.map(({ text, strong, emphasis }) => {
    const lines = text.split('\n');
    const pieces = lines.flatMap((line, index) => (index === 0 ? [line] : [document.createElement('br'), line]));
    if (!strong && !emphasis) return pieces;
    let node = document.createElement(strong ? 'strong' : 'em');
    node.append(...pieces);
    if (strong && emphasis) {
      const inner = document.createElement('em');
      inner.append(...node.childNodes);
      node.append(inner);
    }
    return [node];
  }).flat();
  container.replaceChildren(...blocks.map((block) => {
    if (block.kind === 'list') {
      const list = document.createElement('ul');
      list.append(...block.items.map((item) => {
        const entry = document.createElement('li');
        entry.append(...runs(item));
        return entry;
      }));
      return list;
    }
    const paragraph = document.createElement('p');
    paragraph.append(...runs(block.inlines));
    return paragraph;
  }));
}

/** Shows `text` read in the light syntax in `container` (as typed if the core cannot be asked). */
export async function showRich(container, text) {
  container.textContent = text;
  try {
    renderRich(container, await call('rich_text', { text }));
  } catch {
    container.textContent = text;
  }
}

/**
 * Gives `textarea` (labelled `name`) its toolbar, before it, and its preview, after it
 * (shown while the text is not empty).
 */
export function addRichEditing(textarea, name) {
  const toolbar = document.createElement('div');
  toolbar.className = 'rich-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', `Mise en forme : ${name}`);
  toolbar.setAttribute('aria-controls', textarea.id);
  const button = (text, label, action) => {
    const node = document.createElement('button');
    node.type = 'button';
    node.className = 'button secondary';
    node.textContent = text;
    node.setAttribute('aria-label', `${label} (${name})`);
    node.addEventListener('click', () => {
      action();
      textarea.focus();
    });
    return node;
  };
  const wrap = (mark, what) => () => {
    const { selectionStart: start, selectionEnd: end, value } = textarea;
    const chosen = value.slice(start, end) || what;
    textarea.setRangeText(`${mark}${chosen}${mark}`, start, end, 'select');
    textarea.setSelectionRange(start + mark.length, start + mark.length + chosen.length);
    textarea.dispatchEvent(new Event('input'));
    announce(`${what.charAt(0).toLocaleUpperCase('fr')}${what.slice(1)} : le texte choisi est marqué.`);
  };
  const bold = wrap('**', 'gras');
  const italic = wrap('*', 'italique');
  const bullets = () => {
    const { value } = textarea;
    const start = value.lastIndexOf('\n', textarea.selectionStart - 1) + 1;
    const endBreak = value.indexOf('\n', textarea.selectionEnd);
    const end = endBreak === -1 ? value.length : endBreak;
    const lines = value.slice(start, end).split('\n').map((line) => (line.startsWith('- ') || line.trim() === '' ? line : `- ${line}`));
    textarea.setRangeText(lines.join('\n'), start, end, 'end');
    textarea.dispatchEvent(new Event('input'));
    announce('Liste à puces : chaque ligne choisie commence par un tiret.');
  };
  toolbar.append(button('Gras', 'Mettre en gras', bold), button('Italique', 'Mettre en italique', italic),
    button('Liste à puces', 'Faire une liste à puces', bullets));
  textarea.before(toolbar);
  textarea.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'b' || key === 'i') {
      event.preventDefault();
      (key === 'b' ? bold : italic)();
    }
  });

  const preview = document.createElement('div');
  preview.className = 'rich-preview';
  preview.id = `${textarea.id}-apercu`;
  const title = document.createElement('p');
  title.className = 'rich-preview-title';
  title.textContent = `Aperçu : ${name}`;
  const body = document.createElement('div');
  body.className = 'rich-preview-body';
  preview.append(title, body);
  textarea.after(preview);
  let timer = 0;
  const refresh = () => {
    preview.hidden = textarea.value.trim() === '';
    if (!preview.hidden) showRich(body, textarea.value);
  };
  textarea.addEventListener('input', () => {
    // Shown or hidden with the keystroke itself: a preview appearing a moment later would
    // push what lies below it under a click already on its way.
    if (preview.hidden !== (textarea.value.trim() === '')) refresh();
    clearTimeout(timer);
    timer = setTimeout(refresh, PREVIEW_DELAY_MS);
  });
  refresh();
}

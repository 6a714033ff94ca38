// The charte d'engagement: its versions (the current one marked, its text shown), a form to
// add a new version, and « Rendre cette version en vigueur » on the others.

import { call, errorMessage } from '../../js/api.js';
import { cloneTemplate, plural, ref, typedDate } from '../../js/dom.js';
import { frenchSpacing, todayTyped } from '../../js/format.js';
import { submitForm } from '../../js/form-errors.js';
import { announce } from '../../js/status.js';
import { loadBeside } from '../../js/assets.js';

await loadBeside(import.meta.url, ['html', 'css'], ['tags']);

const FORM_IDS = { title: 'charter-title', body: 'charter-body', effective_on: 'charter-effective_on' };

export async function mount(root, context) {
  const versions = await call('charter_versions');
  if (!context.isCurrent()) return;

  const view = cloneTemplate('tpl-charter');
  const page = { root, context, versions };
  renderVersions(view, page);
  const form = view.querySelector('#charter-form');
  const current = versions.find((version) => version.is_current);
  form.querySelector('#charter-title').value = current?.title ?? '';
  form.querySelector('#charter-body').value = current?.body ?? '';
  form.querySelector('#charter-effective_on').value = todayTyped();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit(form, page);
  });

  root.replaceChildren(view);
  context.setTitle('Charte d’engagement');
}

function renderVersions(scope, page) {
  const container = ref(scope, 'versions');
  container.replaceChildren(...page.versions.map((version) => createVersion(version, page)));
}

function createVersion(version, page) {
  const article = cloneTemplate('tpl-charter-version').querySelector('article');
  article.dataset.version = String(version.version);
  const titleId = `charter-version-${version.id}`;
  article.setAttribute('aria-labelledby', titleId);
  const title = ref(article, 'title');
  title.id = titleId;
  title.textContent = frenchSpacing(`Version ${version.version} : ${version.title}`);
  if (version.is_current) {
    article.classList.add('is-current');
    const mark = document.createElement('span');
    mark.className = 'tag is-ok';
    mark.textContent = 'en vigueur';
    title.append(' ', mark);
  }
  const signatures = plural(version.signature_count, 'signature', 'signatures');
  ref(article, 'meta').textContent = frenchSpacing(version.is_current
    ? `Version en vigueur, depuis le ${typedDate(version.effective_on)} ; ${signatures}.`
    : `Date d’entrée en vigueur : ${typedDate(version.effective_on)} ; ${signatures}.`);
  const details = ref(article, 'details');
  details.open = version.is_current;
  ref(article, 'summary').textContent = `Texte de la version ${version.version}`;
  ref(article, 'body').textContent = version.body;

  const actions = ref(article, 'actions');
  if (version.is_current) {
    actions.remove();
  } else {
    const button = ref(article, 'make-current');
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = ` (version ${version.version})`;
    button.append(hidden);
    button.addEventListener('click', () => makeCurrent(version, page));
  }
  return article;
}

async function reload(page) {
  page.versions = await call('charter_versions');
  if (!page.context.isCurrent()) return false;
  renderVersions(page.root, page);
  return true;
}

function focusVersion(page, number) {
  const heading = page.root.querySelector(`article[data-version="${number}"] h2`);
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.focus();
}

async function makeCurrent(version, page) {
  try {
    await call('set_current_charter', { id: version.id });
    if (!(await reload(page))) return;
    focusVersion(page, version.version);
    announce(frenchSpacing(`La version ${version.version} de la charte est désormais en vigueur : les membres qui ne l’ont pas signée apparaissent dans l’onglet « Charte » de chaque atelier.`));
  } catch (error) {
    announce(frenchSpacing(`La version n’a pas été mise en vigueur : ${errorMessage(error)}`));
  }
}

async function submit(form, page) {
  await submitForm(form, {
    failed: 'La nouvelle version n’a pas été enregistrée',
    controlIdFor: (field) => FORM_IDS[field] ?? field,
    save: async () => {
      const created = await call('create_charter_version', {
        input: {
          title: form.querySelector('#charter-title').value,
          body: form.querySelector('#charter-body').value,
          effective_on: form.querySelector('#charter-effective_on').value,
          make_current: form.querySelector('#charter-make_current').checked,
        },
      });
      if (!(await reload(page))) return;
      form.querySelector('#charter-make_current').checked = false;
      focusVersion(page, created.version);
      const state = created.is_current ? 'et mise en vigueur' : '(pas encore en vigueur)';
      announce(`La version ${created.version} de la charte a été enregistrée ${state}.`);
    },
  });
}

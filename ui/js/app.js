// Shell of the application: header, navigation and hash router.

import { call, errorMessage } from './api.js';
import { cloneTemplate, ref } from './dom.js';
import { FIRST_START_DONE, SETTINGS_SAVED } from './events.js';
import { setTimeZone } from './format.js';
import { memoize } from './memoize.js';

// Each screen's module is loaded when its route is first shown (one promise per screen,
// memoize.js): the first screen does not wait for the modules of all the others.
const SCREENS = {
  firstStart: memoize(() => import('../screens/first-start/first-start.js')),
  ateliersList: memoize(() => import('../screens/ateliers-list/ateliers-list.js')),
  atelierForm: memoize(() => import('../screens/atelier-form/atelier-form.js')),
  atelierMembers: memoize(() => import('../screens/atelier-members/atelier-members.js')),
  importSheet: memoize(() => import('../screens/import/import.js')),
  atelierCharter: memoize(() => import('../screens/atelier-charter/atelier-charter.js')),
  charter: memoize(() => import('../screens/charter/charter.js')),
  directory: memoize(() => import('../screens/directory/directory.js')),
  person: memoize(() => import('../screens/person/person.js')),
  places: memoize(() => import('../screens/places/places.js')),
  settings: memoize(() => import('../screens/settings/settings.js')),
  dashboard: memoize(() => import('../screens/dashboard/dashboard.js')),
  search: memoize(() => import('../screens/search/search.js')),
  calendar: memoize(() => import('../screens/calendar/calendar.js')),
  actions: memoize(() => import('../screens/actions/actions.js')),
  atelierMeetings: memoize(() => import('../screens/atelier-meetings/atelier-meetings.js')),
  atelierAssiduity: memoize(() => import('../screens/atelier-assiduity/atelier-assiduity.js')),
  meetingForm: memoize(() => import('../screens/meeting-form/meeting-form.js')),
  meeting: memoize(() => import('../screens/meeting/meeting.js')),
  help: memoize(() => import('../screens/help/help.js')),
  about: memoize(() => import('../screens/about/about.js')),
};

const APP_NAME = 'Ateliers';
const DEFAULT_ROUTE = '#/tableau-de-bord';
const HELP_ROUTE = '#/aide';

const ROUTES = [
  { pattern: /^#\/tableau-de-bord$/, nav: 'tableau-de-bord', exact: true, screen: SCREENS.dashboard, params: () => ({}) },
  { pattern: /^#\/calendrier$/, nav: 'calendrier', exact: true, screen: SCREENS.calendar, params: () => ({}) },
  { pattern: /^#\/actions$/, nav: 'actions', exact: true, screen: SCREENS.actions, params: () => ({}) },
  { pattern: /^#\/recherche$/, nav: 'recherche', exact: true, screen: SCREENS.search, params: () => ({}) },
  { pattern: /^#\/ateliers\/(\d+)\/reunions$/, nav: 'ateliers', screen: SCREENS.atelierMeetings, params: (match) => ({ id: Number(match[1]) }) },
  { pattern: /^#\/ateliers\/(\d+)\/reunions\/nouvelle$/, nav: 'ateliers', screen: SCREENS.meetingForm, params: (match) => ({ atelierId: Number(match[1]), id: null }) },
  { pattern: /^#\/ateliers\/(\d+)\/assiduite$/, nav: 'ateliers', screen: SCREENS.atelierAssiduity, params: (match) => ({ id: Number(match[1]) }) },
  { pattern: /^#\/reunions\/(\d+)\/modifier$/, nav: 'ateliers', screen: SCREENS.meetingForm, params: (match) => ({ atelierId: null, id: Number(match[1]) }) },
  { pattern: /^#\/reunions\/(\d+)(?:\/(ordre-du-jour|convocations|presences|releve|documents))?$/, nav: 'ateliers', screen: SCREENS.meeting, params: (match) => ({ id: Number(match[1]), part: match[2] ?? 'ordre-du-jour' }) },
  { pattern: /^#\/ateliers$/, nav: 'ateliers', exact: true, screen: SCREENS.ateliersList, params: () => ({}) },
  { pattern: /^#\/ateliers\/nouveau$/, nav: 'ateliers', screen: SCREENS.atelierForm, params: () => ({ id: null }) },
  { pattern: /^#\/ateliers\/(\d+)$/, nav: 'ateliers', screen: SCREENS.atelierForm, params: (match) => ({ id: Number(match[1]) }) },
  { pattern: /^#\/ateliers\/(\d+)\/membres$/, nav: 'ateliers', screen: SCREENS.atelierMembers, params: (match) => ({ id: Number(match[1]) }) },
  { pattern: /^#\/ateliers\/(\d+)\/import$/, nav: 'ateliers', screen: SCREENS.importSheet, params: (match) => ({ id: Number(match[1]) }) },
  { pattern: /^#\/ateliers\/(\d+)\/charte$/, nav: 'ateliers', screen: SCREENS.atelierCharter, params: (match) => ({ id: Number(match[1]) }) },
  { pattern: /^#\/annuaire$/, nav: 'annuaire', exact: true, screen: SCREENS.directory, params: () => ({}) },
  { pattern: /^#\/annuaire\/import$/, nav: 'annuaire', screen: SCREENS.importSheet, params: () => ({ id: null }) },
  { pattern: /^#\/annuaire\/nouveau$/, nav: 'annuaire', screen: SCREENS.person, params: () => ({ id: null }) },
  { pattern: /^#\/annuaire\/(\d+)$/, nav: 'annuaire', screen: SCREENS.person, params: (match) => ({ id: Number(match[1]) }) },
  { pattern: /^#\/communes$/, nav: 'communes', exact: true, screen: SCREENS.places, params: () => ({}) },
  { pattern: /^#\/charte$/, nav: 'charte', exact: true, screen: SCREENS.charter, params: () => ({}) },
  { pattern: /^#\/parametres$/, nav: 'parametres', exact: true, screen: SCREENS.settings, params: () => ({}) },
  { pattern: /^#\/aide$/, nav: 'aide', exact: true, screen: SCREENS.help, params: () => ({}) },
  { pattern: /^#\/a-propos$/, nav: 'a-propos', exact: true, screen: SCREENS.about, params: () => ({}) },
];

function matchRoute(hash) {
  for (const route of ROUTES) {
    const match = route.pattern.exec(hash);
    if (match) return { route, params: route.params(match) };
  }
  return null;
}

function setTitle(text) {
  document.title = text ? `${text} — ${APP_NAME}` : APP_NAME;
}

function setOrgName(name) {
  const element = document.getElementById('org-name');
  element.textContent = name ?? '';
  element.hidden = !name;
}

async function refreshOrgName() {
  try {
    const current = await call('get_settings');
    setOrgName(current.org_name);
  } catch {
    // The header can live without the organisation name; the screens report real errors.
  }
}

function updateNav(route) {
  const nav = document.getElementById('main-nav');
  nav.hidden = route === null;
  for (const link of nav.querySelectorAll('a[data-nav]')) {
    if (route && link.dataset.nav === route.nav) {
      link.setAttribute('aria-current', route.exact ? 'page' : 'true');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

function showError(main, error, onBack = null) {
  const view = cloneTemplate('tpl-error');
  ref(view, 'message').textContent = errorMessage(error);
  const back = ref(view, 'back');
  back.hidden = !onBack;
  // Going back may target the very hash that failed, which fires no hashchange.
  back.querySelector('a').addEventListener('click', (event) => {
    event.preventDefault();
    onBack?.();
  });
  main.replaceChildren(view);
  setTitle('Erreur');
}

function focusHeading(main) {
  const heading = main.querySelector('h1');
  (heading ?? main).focus();
}

function createRouter(main, started) {
  const appInfo = started.app;
  let firstStartPending = Boolean(appInfo.first_start_pending);
  let renderCount = 0;
  const vocabulary = memoize(() => call('vocabulary'), started.vocabulary);
  // The data `start` sent for the first screen, given to that screen once.
  let preloaded = started.dashboard ? { screen: SCREENS.dashboard, data: started.dashboard } : null;

  function navigate(hash) {
    if (location.hash === hash) render({ focus: true });
    else location.hash = hash;
  }

  function resolve() {
    if (firstStartPending) return { route: null, screen: SCREENS.firstStart, params: {} };
    let match = matchRoute(location.hash);
    if (!match) {
      history.replaceState(null, '', DEFAULT_ROUTE);
      match = matchRoute(DEFAULT_ROUTE);
    }
    return { route: match.route, screen: match.route.screen, params: match.params };
  }

  async function render({ focus }) {
    const token = ++renderCount;
    const { route, screen, params } = resolve();
    const context = {
      params,
      appInfo,
      navigate,
      setTitle,
      vocabulary,
      preloaded: preloaded?.screen === screen ? preloaded.data : null,
      isCurrent: () => token === renderCount,
    };
    preloaded = null;
    updateNav(route);
    main.replaceChildren(cloneTemplate('tpl-loading'));
    main.setAttribute('aria-busy', 'true');
    try {
      const module = await screen();
      if (context.isCurrent()) await module.mount(main, context);
    } catch (error) {
      if (context.isCurrent()) showError(main, error, () => navigate(DEFAULT_ROUTE));
    }
    if (!context.isCurrent()) return;
    main.removeAttribute('aria-busy');
    if (focus) focusHeading(main);
  }

  function finishFirstStart() {
    firstStartPending = false;
    refreshOrgName();
    navigate(DEFAULT_ROUTE);
  }

  return { render, finishFirstStart, navigate };
}

function bindSkipLink(main) {
  // The hash belongs to the router: move focus instead of changing it.
  document.getElementById('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
}

async function start() {
  const main = document.getElementById('contenu');
  bindSkipLink(main);
  // The first screen's module, markup and styles are fetched while the backend answers
  // `start` (errors surface when the route renders it): one round trip brings the
  // application's facts, the vocabulary and, for the dashboard, its data.
  const first = matchRoute(location.hash || DEFAULT_ROUTE)?.route.screen;
  first?.().catch(() => {});
  let started;
  try {
    started = await call('start', { screen: first === SCREENS.dashboard ? 'dashboard' : null });
    setTimeZone(started.app.time_zone);
  } catch (error) {
    updateNav(null);
    showError(main, error);
    return;
  }
  const router = createRouter(main, started);
  document.addEventListener(FIRST_START_DONE, router.finishFirstStart);
  document.addEventListener(SETTINGS_SAVED, (event) => {
    setOrgName(event.detail?.org_name);
    if (event.detail?.time_zone) setTimeZone(event.detail.time_zone);
  });
  window.addEventListener('hashchange', () => router.render({ focus: true }));
  // F1 opens « Aide » from every screen (and keeps WebKit from doing anything else).
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'F1' || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    router.navigate(HELP_ROUTE);
  });
  if (!started.app.first_start_pending) setOrgName(started.org_name);
  router.render({ focus: false });
}

start();

// The composition of an atelier (rule 1): the panel of the Membres part and the short
// summary of the ateliers list. The share of élus is drawn as a bar, always with its text.

import { cloneTemplate, plural, ref, typedDate } from './dom.js';
import { frenchSpacing } from './format.js';
import { loadBeside } from './assets.js';

await loadBeside(import.meta.url, ['html', 'css']);

// The fact of the panel each rule of the core speaks about: a fact is « à revoir » when the
// core found its rule broken (the window never decides a rule itself).
const FACT_RULES = {
  colleges: 'composition.colleges',
  parity: 'composition.parity',
  conseil: 'composition.conseil_dev_max',
  partners: 'composition.partner_single',
  communes: 'composition.commune_concerned',
  binome: 'composition.binome',
};

/** Whether the core found `rule` broken in `composition`. */
function broken(composition, rule) {
  return composition.findings.some((finding) => finding.rule === rule);
}

/** « Conforme », « 3 points à revoir », « Exempté ». */
export function compositionVerdict(composition) {
  if (!composition) return 'Non calculée';
  if (composition.exempt) return 'Exempté';
  const count = composition.findings.length;
  return count === 0 ? 'Conforme' : plural(count, 'point à revoir', 'points à revoir');
}

/** « 45 % d’élus », or « Aucun membre ». */
export function ratioText(composition) {
  if (composition?.elus_pct == null) return 'Aucun membre';
  return frenchSpacing(`${Math.round(composition.elus_pct)} % d’élus`);
}

/** Sets the bar `fill` (a .ratio-fill inside a .ratio-bar) to the share of élus. */
export function drawRatio(bar, composition) {
  const pct = composition?.elus_pct;
  bar.hidden = pct == null;
  if (pct == null) return;
  bar.querySelector('.ratio-fill').style.width = `${Math.max(0, Math.min(100, pct))}%`;
  bar.querySelector('.ratio-target').style.left = `${composition.parity_target_pct}%`;
  bar.classList.toggle('is-off-target', broken(composition, FACT_RULES.parity));
}

/** The composition panel of the Membres part. */
export function createCompositionPanel(composition) {
  const panel = cloneTemplate('tpl-composition').querySelector('section');
  const c = composition;
  const text = (name, value) => { ref(panel, name).textContent = frenchSpacing(value); };
  const date = typedDate(c.at);

  ref(panel, 'title').textContent = `Composition au ${date}`;
  const verdict = ref(panel, 'verdict');
  if (c.exempt) {
    text('verdict', 'Atelier exempté des règles de composition : les chiffres sont donnés pour information.');
  } else if (c.findings.length === 0) {
    text('verdict', 'Conforme : la composition respecte les règles des ateliers-projets.');
  } else {
    text('verdict', `${plural(c.findings.length, 'point', 'points')} à revoir, détaillés ci-dessous.`);
  }
  verdict.classList.add(c.exempt ? 'is-exempt' : c.findings.length === 0 ? 'is-ok' : 'is-warning');

  // The three collèges.
  ref(panel, 'colleges').replaceChildren(...c.colleges.map((college) => {
    const item = document.createElement('li');
    const absent = college.count === 0 ? ' (aucun membre)' : '';
    item.textContent = frenchSpacing(`${college.label} : ${college.count}${absent}`);
    if (college.count === 0 && !c.exempt) item.classList.add('is-missing');
    return item;
  }));
  setTag(panel, 'colleges', c);

  // Élus and the others.
  drawRatio(panel.querySelector('.ratio-bar'), c);
  if (c.elus_pct == null) {
    text('ratio-text', 'Aucun membre à cette date.');
  } else {
    const pct = Math.round(c.elus_pct);
    const low = c.parity_target_pct - c.parity_tolerance_pct;
    const high = c.parity_target_pct + c.parity_tolerance_pct;
    text('ratio-text', `${plural(c.elus, 'élu', 'élus')} et ${plural(c.others, 'autre membre', 'autres membres')}, soit ${pct} % d’élus (cible : environ ${c.parity_target_pct} %, de ${low} à ${high} %).`);
  }
  setTag(panel, 'parity', c);

  text('conseil', `${plural(c.conseil_dev, 'membre', 'membres')} sur ${c.conseil_dev_max} au plus`);
  setTag(panel, 'conseil', c);

  const partners = ref(panel, 'partners');
  if (c.partners_multiple.length === 0) {
    partners.textContent = frenchSpacing('Aucun : un représentant par partenaire.');
  } else {
    partners.replaceChildren(list(c.partners_multiple.map((p) => `${p.organisation} : ${p.count} représentants`)));
  }
  setTag(panel, 'partners', c);

  const communes = ref(panel, 'communes');
  if (c.communes_missing.length === 0) {
    communes.textContent = frenchSpacing('Aucune : chaque commune concernée est représentée.');
  } else {
    communes.replaceChildren(list(c.communes_missing));
  }
  setTag(panel, 'communes', c);

  let porteur = 'Porteur politique : non désigné';
  if (c.porteur) {
    porteur = c.porteur_is_elu
      ? `Porteur politique : ${c.porteur} (élu)`
      : `Porteur politique : ${c.porteur}, qui n’est pas membre du collège des élus à cette date`;
  }
  const referent = c.referent ? `Collaborateur référent : ${c.referent}` : 'Collaborateur référent : non désigné';
  ref(panel, 'binome').replaceChildren(list([porteur, referent]));
  setTag(panel, 'binome', c);

  const findingsTitle = ref(panel, 'findings-title');
  const findings = ref(panel, 'findings');
  if (c.exempt) {
    findingsTitle.hidden = true;
    findings.hidden = true;
  } else if (c.findings.length === 0) {
    findingsTitle.textContent = 'Points à revoir';
    findings.replaceChildren(listItem('Aucun point à revoir.'));
  } else {
    findingsTitle.textContent = `Points à revoir (${c.findings.length})`;
    findings.replaceChildren(...c.findings.map((finding) => listItem(finding.message)));
  }
  return panel;
}

function setTag(panel, fact, composition) {
  const tag = panel.querySelector(`[data-fact="${fact}"] [data-ref="tag"]`);
  if (composition.exempt) {
    tag.hidden = true;
    return;
  }
  const ok = !broken(composition, FACT_RULES[fact]);
  tag.textContent = ok ? 'conforme' : 'à revoir';
  tag.classList.add(ok ? 'is-ok' : 'is-warning');
  panel.querySelector(`[data-fact="${fact}"]`).classList.toggle('is-warning', !ok);
}

function list(texts) {
  const element = document.createElement('ul');
  element.className = 'plain-list';
  element.append(...texts.map(listItem));
  return element;
}

function listItem(text) {
  const item = document.createElement('li');
  item.textContent = frenchSpacing(text);
  return item;
}

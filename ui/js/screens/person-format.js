// How the directory and the person's page write names and dates.

const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

/** « MULLER Hélène »: the last name first, as the directory is sorted. */
export function personName(person) {
  const last = (person.last_name ?? '').toLocaleUpperCase('fr');
  return `${last} ${person.first_name ?? ''}`.trim();
}

/** « Mme Hélène Muller »: civility, first name, last name, as one addresses the person. */
export function displayName(person) {
  return [person.civility, person.first_name, person.last_name].filter(Boolean).join(' ');
}

/** "2027-01-05" (as stored) → « 5 janvier 2027 » (« 1er » for the first day); "" for none. */
export function longDate(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate ?? '');
  if (!match) return isoDate ?? '';
  const day = Number(match[3]);
  const month = MONTHS[Number(match[2]) - 1] ?? match[2];
  return `${day === 1 ? '1er' : day} ${month} ${match[1]}`;
}

/** Today's date as stored ("2027-01-05"), in the computer's time zone. */
export function todayIso() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A file name from a person's name: « Hélène Muller-Dœrr » → "muller-doerr-helene". */
export function fileSlug(person) {
  const slug = `${person.last_name ?? ''} ${person.first_name ?? ''}`
    .replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').replace(/Æ/g, 'AE')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'personne';
}

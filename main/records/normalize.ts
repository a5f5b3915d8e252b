// Name and code normalization shared by reconciliation and trends. Sources spell the same
// thing many ways ("Metformin 500 MG Oral Tablet", "metformin hydrochloride 500mg tab",
// "2.16.840.1.113883.6.1" vs "LOINC" vs "http://loinc.org"); everything that compares two
// entries goes through these helpers so the comparison and the blocking keys agree.

import { CODE_SYSTEMS, type Code } from './model.ts';

const SYSTEM_ALIASES = new Map<string, string>();
for (const [name, oid] of Object.entries(CODE_SYSTEMS)) {
  SYSTEM_ALIASES.set(name.toLowerCase(), name);
  SYSTEM_ALIASES.set(oid, name);
  SYSTEM_ALIASES.set(`urn:oid:${oid}`, name);
}
for (const [uri, name] of [
  ['http://snomed.info/sct', 'SNOMED'],
  ['http://loinc.org', 'LOINC'],
  ['http://www.nlm.nih.gov/research/umls/rxnorm', 'RXNORM'],
  ['http://hl7.org/fhir/sid/cvx', 'CVX'],
  ['http://hl7.org/fhir/sid/ndc', 'NDC'],
  ['http://hl7.org/fhir/sid/icd-10-cm', 'ICD10CM'],
  ['http://hl7.org/fhir/sid/icd-9-cm', 'ICD9CM'],
  ['http://www.ama-assn.org/go/cpt', 'CPT'],
  ['http://unitsofmeasure.org', 'UCUM'],
  ['snomed-ct', 'SNOMED'],
  ['snomedct', 'SNOMED'],
  ['rxnorm', 'RXNORM'],
  ['icd-10-cm', 'ICD10CM'],
  ['icd10', 'ICD10CM'],
  ['icd-9-cm', 'ICD9CM'],
  ['icd9', 'ICD9CM'],
] as const) {
  SYSTEM_ALIASES.set(uri, name);
}

/** The short system name for a system written as a name, an OID or a FHIR URI. */
export function normalizeSystem(system: string): string {
  const trimmed = system.trim();
  return SYSTEM_ALIASES.get(trimmed.toLowerCase()) ?? SYSTEM_ALIASES.get(trimmed) ?? trimmed;
}

/** ICD codes are written with and without the dot ("E11.9", "E119"); keep one form. */
function normalizeIcd(code: string, system: string): string {
  const bare = code.toUpperCase().replace(/\./g, '');
  // ICD-9-CM external-cause codes (E800–E999) carry four characters before the dot.
  const head = system === 'ICD9CM' && bare.startsWith('E') ? 4 : 3;
  return bare.length > head ? `${bare.slice(0, head)}.${bare.slice(head)}` : bare;
}

/** `SYSTEM:code` in one canonical form, or undefined for an empty code. */
export function codeKey(code: Code): string | undefined {
  const raw = code.code?.trim();
  if (!raw) return undefined;
  const system = normalizeSystem(code.system ?? '');
  const value =
    system === 'ICD10CM' || system === 'ICD9CM' ? normalizeIcd(raw, system) : raw.toUpperCase();
  return `${system}:${value}`;
}

/** The canonical keys of a draft's codes (deduplicated, in order), UCUM excluded. */
export function codeKeys(codes: readonly Code[]): string[] {
  const keys: string[] = [];
  for (const code of codes) {
    const key = codeKey(code);
    if (key && !key.startsWith('UCUM:') && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/**
 * Remembers the results of a pure string function: documents repeat the same titles,
 * units and dates thousands of times, and reconciliation runs for every imported entry.
 * The cache is simply dropped when it grows past `limit`.
 */
export function memoizeString<T>(compute: (text: string) => T, limit = 20_000): (text: string) => T {
  let cache = new Map<string, T>();
  return (text: string) => {
    let result = cache.get(text);
    if (result === undefined && !cache.has(text)) {
      if (cache.size >= limit) cache = new Map();
      result = compute(text);
      cache.set(text, result);
    }
    return result as T;
  };
}

const normalizeTextCached = memoizeString((text: string): string => {
  let result = text;
  // Only text with non-ASCII characters needs the (slow) Unicode decomposition.
  if (/[^\x00-\x7f]/.test(result)) result = result.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  result = result.toLowerCase().replace(/[^a-z0-9.%]+/g, ' ');
  // Keep dots only inside numbers and codes ("12.5", "E11.9").
  if (result.includes('.')) result = result.replace(/(^|\s)\.+|\.+(?=\s|$)/g, ' ').replace(/\s+/g, ' ');
  return result.trim();
});

/** Lower case, accents removed, punctuation turned into single spaces. */
export function normalizeText(text: string | undefined): string {
  return text ? normalizeTextCached(text) : '';
}

// SNOMED semantic tags and boilerplate that sources add to a problem's name.
const PROBLEM_NOISE = /\((disorder|finding|diagnosis|situation|morphologic abnormality|event)\)/gi;

/** A problem or condition name comparable across sources. */
export function normalizeProblemName(title: string | undefined): string {
  return title ? problemNameCached(title) : '';
}
const problemNameCached = memoizeString((title: string) => normalizeText(title.replace(PROBLEM_NOISE, ' ')));

/** An allergy's substance name: "Allergy to penicillin" and "Penicillin" compare equal. */
export function normalizeSubstanceName(name: string | undefined): string {
  return name ? substanceNameCached(name) : '';
}
const substanceNameCached = memoizeString((name: string) =>
  normalizeText(name)
    .replace(/^(history of |h o )?(allergy|allergic|intolerance|sensitivity) (to )?/, '')
    .replace(/ (allergy|intolerance|sensitivity)$/, '')
    .trim(),
);

// Words that describe form, route, release or packaging rather than the ingredient.
const MED_FORM_WORDS = new Set(
  (
    'tablet tablets tab tabs capsule capsules cap caps oral po solution soln suspension susp ' +
    'syrup elixir injection injectable inj intravenous iv intramuscular im subcutaneous sc subq ' +
    'topical cream ointment gel lotion patch transdermal inhaler inhalation aerosol powder ' +
    'spray nasal ophthalmic otic drops drop suppository rectal vaginal chewable film coated ' +
    'extended delayed release er xr xl sr dr cr ec hr od mr ir disintegrating orally ' +
    'metered dose dosage pen prefilled syringe vial kit pack product daily prn ' +
    'mg mcg ug g gm gram grams ml l meq unit units unt iu hour hours actuat actuation ' +
    'injector autoinjector auto cartridge applicator device mdi hfa ampule bottle sublingual ' +
    'buccal system mucous membrane enteric lozenge granules packet effervescent dispersible ' +
    'liquid concentrate emulsion foam shampoo pad implant intrauterine'
  ).split(' '),
);
// Salt and hydrate words that follow the active moiety ("metformin hydrochloride").
// Only dropped after the first word, so "potassium chloride" stays itself.
const MED_SALT_WORDS = new Set(
  (
    'hydrochloride hcl hydrobromide hbr sulfate sulphate sodium potassium calcium magnesium ' +
    'maleate mesylate besylate besilate succinate tartrate bitartrate citrate fumarate ' +
    'acetate phosphate dihydrate monohydrate trihydrate anhydrous disodium dipropionate ' +
    'propionate bromide'
  ).split(' '),
);
const STRENGTH_TOKEN = /^\d|^[.]\d/;

/**
 * The ingredient part of a medication name, as a sorted set of words: strength, form,
 * route and salt words removed, brand names in brackets dropped. Combination products keep
 * every ingredient, so "lisinopril / hydrochlorothiazide" never equals "lisinopril".
 */
export function medicationIngredientKey(title: string | undefined): string {
  return title ? ingredientKeyCached(title) : '';
}
const ingredientKeyCached = memoizeString((title: string): string => {
  const withoutBrand = title.replace(/\[[^\]]*\]|\{[^}]*\}/g, ' ');
  const words = normalizeText(withoutBrand)
    .replace(/(\d)([a-z%])/g, '$1 $2')
    .split(' ')
    .filter((word) => word && !STRENGTH_TOKEN.test(word) && !MED_FORM_WORDS.has(word))
    .filter((word) => word !== '%' && word !== 'and' && word !== 'with');
  const kept = words.filter((word, index) => index === 0 || !MED_SALT_WORDS.has(word));
  if (kept.length === 0) return normalizeText(title);
  return [...new Set(kept)].sort().join(' ');
});

const MASS_UNITS: Record<string, string> = {
  mg: 'mg',
  milligram: 'mg',
  milligrams: 'mg',
  mcg: 'mcg',
  ug: 'mcg',
  µg: 'mcg',
  microgram: 'mcg',
  micrograms: 'mcg',
  g: 'g',
  gm: 'g',
  gram: 'g',
  grams: 'g',
  meq: 'mEq',
  unit: 'unit',
  units: 'unit',
  iu: 'unit',
  ml: 'mL',
  '%': '%',
};

/**
 * Strengths written in a medication name or dose ("500 MG", "10 mg/5 mL", "0.1%"),
 * normalized to "500 mg", "10 mg/5 mL". Empty when none is written.
 */
export function medicationStrengths(text: string | undefined): readonly string[] {
  return text ? strengthsCached(text) : [];
}
const STRENGTH_PATTERN =
  /(\d+(?:[.,]\d+)?)\s*(mg|mcg|µg|ug|g|gm|meq|units?|iu|ml|%)(?![a-z])(?:\s*\/\s*(\d+(?:[.,]\d+)?)?\s*(ml|l|actuat\w*|hr|h|g)(?![a-z]))?/gi;
const strengthsCached = memoizeString((text: string): readonly string[] => {
  const found: string[] = [];
  STRENGTH_PATTERN.lastIndex = 0;
  for (let match = STRENGTH_PATTERN.exec(text); match; match = STRENGTH_PATTERN.exec(text)) {
    const amount = Number((match[1] ?? '').replace(',', '.'));
    const unit = MASS_UNITS[(match[2] ?? '').toLowerCase()] ?? (match[2] ?? '').toLowerCase();
    let strength = `${amount} ${unit}`;
    if (match[4]) {
      const per = match[3] ? `${Number(match[3].replace(',', '.'))} ` : '';
      const perUnit = match[4].toLowerCase();
      strength += `/${per}${perUnit === 'ml' ? 'mL' : perUnit.startsWith('actuat') ? 'actuation' : perUnit}`;
    }
    if (!found.includes(strength)) found.push(strength);
  }
  return found;
});

/** The calendar day of a partial date ("2024-03-01T08:30-05:00" → "2024-03-01"), as written. */
export function dayKey(date: string | undefined): string | undefined {
  return date ? dayKeyCached(date) : undefined;
}
const dayKeyCached = memoizeString((date: string): string | undefined => {
  const match = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/.exec(date.trim());
  return match ? match[0] : undefined;
});

/**
 * The minute a timestamp denotes, in UTC when the source gave a zone, else as written.
 * Undefined when the date has no time of day.
 */
export function minuteKey(date: string | undefined): string | undefined {
  return date ? minuteKeyCached(date) : undefined;
}
const minuteKeyCached = memoizeString((date: string): string | undefined => {
  if (!/T\d{2}:\d{2}/.test(date)) return undefined;
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(date)) {
    const ms = Date.parse(date);
    if (!Number.isNaN(ms)) return `${new Date(ms).toISOString().slice(0, 16)}Z`;
  }
  return date.slice(0, 16);
});

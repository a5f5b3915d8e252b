// How often to take a medicine, in the reader's language, when Chartkeeper composed the text
// itself: the FHIR importer's "2 time(s) every 1 d (MORN, 08:00)" (main/importers/fhir/clinical.ts,
// doseLine) and the C-CDA importer's "every 12 h" and bare event code "HS" (ccda/entries.ts,
// frequencyOf). The vault keeps those strings as stored; they are worded here, at read time, so a
// better wording never needs a stored row rewritten. A source's own timing text ("twice daily",
// "BID (MORN)") matches none of the patterns and is shown as written.

import { formatDecimal } from './numbers.ts';

type Lang = 'en' | 'es';

/** FHIR's periodUnit (UCUM's units of time), which both importers copy as the source wrote them. */
export const PERIOD_UNITS = ['s', 'min', 'h', 'd', 'wk', 'mo', 'a'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

const NUMBER = '(0|[1-9]\\d*)(?:\\.(\\d+))?';
const UNIT = `(${PERIOD_UNITS.join('|')})`;
/** The FHIR importer's `${frequency} time(s) every ${period} ${periodUnit}`. */
const TIMES_EVERY = new RegExp(`^(${NUMBER}) time\\(s\\) every (${NUMBER}) ${UNIT}$`);
/** The C-CDA importer's `every ${value} ${unit}` from a PIVL_TS period. */
const EVERY = new RegExp(`^every (${NUMBER}) ${UNIT}$`);
/** A FHIR `time` as the importer keeps it (a trailing ":00" dropped): "08:00", "21:30:15". */
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?$/;

/**
 * FHIR R4's EventTiming value set (http://hl7.org/fhir/ValueSet/event-timing): the codes of
 * http://hl7.org/fhir/event-timing and those of HL7 v3 TimingEvent it includes, each by the
 * meaning the specification gives it. v3's IC, ICM, ICD, ICV are not in R4's set and stay as written.
 */
const WHEN_WORDS: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  MORN: { en: 'in the morning', es: 'por la mañana' },
  'MORN.early': { en: 'early in the morning', es: 'a primera hora de la mañana' },
  'MORN.late': { en: 'late in the morning', es: 'a última hora de la mañana' },
  NOON: { en: 'at noon', es: 'al mediodía' },
  AFT: { en: 'in the afternoon', es: 'por la tarde' },
  'AFT.early': { en: 'early in the afternoon', es: 'a primera hora de la tarde' },
  'AFT.late': { en: 'late in the afternoon', es: 'a última hora de la tarde' },
  EVE: { en: 'in the evening', es: 'por la noche' },
  'EVE.early': { en: 'early in the evening', es: 'a primera hora de la noche' },
  'EVE.late': { en: 'late in the evening', es: 'a última hora de la noche' },
  NIGHT: { en: 'during the night', es: 'durante la noche' },
  PHS: { en: 'after falling asleep', es: 'después de dormirse' },
  HS: { en: 'at bedtime', es: 'antes de acostarse' },
  WAKE: { en: 'on waking', es: 'al despertarse' },
  C: { en: 'with meals', es: 'con las comidas' },
  CM: { en: 'with breakfast', es: 'con el desayuno' },
  CD: { en: 'with lunch', es: 'con el almuerzo' },
  CV: { en: 'with dinner', es: 'con la cena' },
  AC: { en: 'before meals', es: 'antes de las comidas' },
  ACM: { en: 'before breakfast', es: 'antes del desayuno' },
  ACD: { en: 'before lunch', es: 'antes del almuerzo' },
  ACV: { en: 'before dinner', es: 'antes de la cena' },
  PC: { en: 'after meals', es: 'después de las comidas' },
  PCM: { en: 'after breakfast', es: 'después del desayuno' },
  PCD: { en: 'after lunch', es: 'después del almuerzo' },
  PCV: { en: 'after dinner', es: 'después de la cena' },
};

/** "a day" after "once" / "twice" / "3 times" when the period is one unit. */
const PER_ONE: Readonly<Record<Lang, Readonly<Record<PeriodUnit, string>>>> = {
  en: { s: 'a second', min: 'a minute', h: 'an hour', d: 'a day', wk: 'a week', mo: 'a month', a: 'a year' },
  es: { s: 'por segundo', min: 'por minuto', h: 'por hora', d: 'al día', wk: 'a la semana', mo: 'al mes', a: 'al año' },
};

/** The unit after "every 8" when the period is not one unit. */
export const UNITS_PLURAL: Readonly<Record<Lang, Readonly<Record<PeriodUnit, string>>>> = {
  en: { s: 'seconds', min: 'minutes', h: 'hours', d: 'days', wk: 'weeks', mo: 'months', a: 'years' },
  es: { s: 'segundos', min: 'minutos', h: 'horas', d: 'días', wk: 'semanas', mo: 'meses', a: 'años' },
};

const LOCALES: Readonly<Record<Lang, string>> = { en: 'en-US', es: 'es-ES' };

interface HowOften {
  times: string;
  every: string;
  unit: PeriodUnit;
}

function howOftenOf(text: string): HowOften | undefined {
  const fhir = TIMES_EVERY.exec(text);
  if (fhir) return { times: fhir[1]!, every: fhir[4]!, unit: fhir[7] as PeriodUnit };
  const ccda = EVERY.exec(text);
  if (ccda) return { times: '1', every: ccda[1]!, unit: ccda[4] as PeriodUnit };
  return undefined;
}

function countWords(times: string, lang: Lang): string {
  if (Number(times) === 1) return lang === 'es' ? 'una vez' : 'once';
  if (Number(times) === 2) return lang === 'es' ? 'dos veces' : 'twice';
  return `${formatDecimal(times, LOCALES[lang])} ${lang === 'es' ? 'veces' : 'times'}`;
}

/** "once a day", "every 8 hours", "3 times every 2 days"; undefined when a number is zero. */
function howOftenWords({ times, every, unit }: HowOften, lang: Lang): string | undefined {
  if (Number(times) === 0 || Number(every) === 0) return undefined;
  if (Number(every) === 1) return `${countWords(times, lang)} ${PER_ONE[lang][unit]}`;
  const period = `${lang === 'es' ? 'cada' : 'every'} ${formatDecimal(every, LOCALES[lang])} ${UNITS_PLURAL[lang][unit]}`;
  return Number(times) === 1 ? period : `${countWords(times, lang)} ${period}`;
}

/** One `when` item in words: an EventTiming code, or a clock time as written; else undefined. */
function whenItemWords(item: string, lang: Lang): string | undefined {
  if (Object.hasOwn(WHEN_WORDS, item)) return WHEN_WORDS[item]![lang];
  const clock = CLOCK.exec(item);
  if (!clock) return undefined;
  if (lang === 'en') return `at ${item}`;
  // Spanish says "a la una" for one o'clock and "a las" for every other hour.
  return `${clock[1] === '01' ? 'a la' : 'a las'} ${item}`;
}

/** "a, b and c" / "a, b y c". */
function joinList(items: string[], lang: Lang): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'es' ? 'y' : 'and'} ${items.at(-1)}`;
}

/** The `when` list in words, an unknown code kept as written among them; undefined when none is known. */
function whenWords(list: string, lang: Lang): { words: string; allKnown: boolean } | undefined {
  const items = list.split(', ');
  const worded = items.map((item) => whenItemWords(item, lang));
  if (worded.every((w) => w === undefined)) return undefined;
  return { words: joinList(worded.map((w, i) => w ?? items[i]!), lang), allKnown: worded.every((w) => w !== undefined) };
}

/**
 * How often, in words a person reads at a glance, when Chartkeeper wrote the text: "2 time(s)
 * every 1 d (MORN, EVE)" → "twice a day, in the morning and in the evening" / "dos veces al
 * día, por la mañana y por la noche"; "every 8 h" → "every 8 hours"; "HS" → "at bedtime".
 * Anything else (a source's own words) is returned as written.
 */
export function frequencyWords(text: string, lang: string): string;
export function frequencyWords(text: string | undefined, lang: string): string | undefined;
export function frequencyWords(text: string | undefined, lang: string): string | undefined {
  if (text === undefined) return undefined;
  const language: Lang = lang === 'es' ? 'es' : 'en';
  const trimmed = text.trim();
  const whole = howOftenOf(trimmed);
  if (whole) return howOftenWords(whole, language) ?? text;
  // "1 time(s) every 1 d (MORN, 08:00)": the FHIR importer's how-often and when together.
  const paren = /^(.+) \(([^()]+)\)$/.exec(trimmed);
  const head = paren ? howOftenOf(paren[1]!) : undefined;
  const headWords = head ? howOftenWords(head, language) : undefined;
  if (paren && headWords) {
    const when = whenWords(paren[2]!, language);
    return when ? `${headWords}, ${when.words}` : `${headWords} (${paren[2]})`;
  }
  // A dosage with `when` and no repeat ("MORN", "HS, 22:00"), or a C-CDA event code ("HS").
  const alone = whenWords(trimmed, language);
  return alone?.allKnown ? alone.words : text;
}

// A prescription's and a reaction's further facts in the reader's language: what may be
// dispensed ("Dispense 30 TAB, 2 refills, 30 days' supply"), the most to take in a stretch of
// time, how long to take it, and a reaction's onset, exposure and management. The FHIR importer
// keeps them in Chartkeeper's own short shapes ("30 d", "4 TAB / 1 d", "5-10 d"); they are
// worded here, at read time, for the entry view and the visit summary. A quantity's unit is
// the source's ("TAB", "mL") and a date is formatted by the caller (its locale).

import type { DoseLine, EntryDetails, PartialDate, ReactionFacts } from '../model.ts';
import { PERIOD_UNITS, UNITS_PLURAL, type PeriodUnit } from './frequency.ts';
import { codeWords } from './labels.ts';
import { formatDecimal } from './numbers.ts';

type Lang = 'en' | 'es';
const language = (lang: string): Lang => (lang === 'es' ? 'es' : 'en');
const LOCALES: Readonly<Record<Lang, string>> = { en: 'en-US', es: 'es-ES' };

const UNITS_ONE: Readonly<Record<Lang, Readonly<Record<PeriodUnit, string>>>> = {
  en: { s: 'second', min: 'minute', h: 'hour', d: 'day', wk: 'week', mo: 'month', a: 'year' },
  es: { s: 'segundo', min: 'minuto', h: 'hora', d: 'día', wk: 'semana', mo: 'mes', a: 'año' },
};

/** Words a source writes for a unit of time instead of UCUM's code ("days" beside "d"). */
const UNIT_ALIASES: Readonly<Record<string, PeriodUnit>> = {
  sec: 's', second: 's', seconds: 's', minute: 'min', minutes: 'min', hour: 'h', hours: 'h', hr: 'h',
  day: 'd', days: 'd', week: 'wk', weeks: 'wk', month: 'mo', months: 'mo', year: 'a', years: 'a',
};

function timeUnit(unit: string): PeriodUnit | undefined {
  if ((PERIOD_UNITS as readonly string[]).includes(unit)) return unit as PeriodUnit;
  return UNIT_ALIASES[unit.toLowerCase()];
}

const NUMBER = /^\d+(?:\.\d+)?$/;
const number = (text: string, lang: Lang) => formatDecimal(text, LOCALES[lang]);

/** "10 d" → "10 days" / "10 días"; "1 d" → "1 day"; a unit that is not one of time, as written. */
function durationWords(text: string, lang: Lang): string {
  const [value, ...rest] = text.trim().split(' ');
  const unit = timeUnit(rest.join(' '));
  if (!value || !NUMBER.test(value) || !unit) return text;
  return `${number(value, lang)} ${(Number(value) === 1 ? UNITS_ONE : UNITS_PLURAL)[lang][unit]}`;
}

/** A quantity "value unit" with its number in the reader's notation, the unit as written. */
function quantityWords(text: string, lang: Lang): string {
  const [value, ...rest] = text.trim().split(' ');
  return value && NUMBER.test(value) ? [number(value, lang), ...rest].join(' ') : text;
}

/**
 * The most to take (the importer's "4 TAB / 1 d"): "No more than 4 TAB a day" / "No más de 4 TAB
 * al día"; "… in 24 hours" / "… en 24 horas". A period not in units of time is shown as written.
 */
export function maxDoseWords(text: string | undefined, lang: string): string | undefined {
  if (!text?.trim()) return undefined;
  const l = language(lang);
  const cut = text.lastIndexOf(' / ');
  const most = quantityWords(cut < 0 ? text : text.slice(0, cut), l);
  const lead = l === 'es' ? 'No más de' : 'No more than';
  if (cut < 0) return `${lead} ${most}`;
  const per = text.slice(cut + 3).trim();
  const [value, ...rest] = per.split(' ');
  const unit = timeUnit(rest.join(' '));
  if (value && NUMBER.test(value) && unit && Number(value) === 1) {
    return `${lead} ${most} ${l === 'es' ? (unit === 'd' || unit === 'mo' || unit === 'a' ? 'al' : 'por') : unit === 'h' ? 'an' : 'a'} ${UNITS_ONE[l][unit]}`;
  }
  return `${lead} ${most} ${l === 'es' ? 'en' : 'in'} ${durationWords(per, l)}`;
}

/** How long to take it (the importer's "10 d", "5-10 d", "≥5 d"): "For 10 days" / "Durante 10 días". */
export function takeForWords(text: string | undefined, lang: string): string | undefined {
  if (!text?.trim()) return undefined;
  const l = language(lang);
  const lead = l === 'es' ? 'Durante' : 'For';
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?) (.+)$/.exec(text.trim());
  if (range) {
    const words = durationWords(`${range[2]} ${range[3]}`, l);
    const shown = words === `${range[2]} ${range[3]}` ? words : words.replace(/^\S+/, number(range[2]!, l));
    return `${lead} ${number(range[1]!, l)} ${l === 'es' ? 'a' : 'to'} ${shown}`;
  }
  const bound = /^([≥≤])(.+)$/.exec(text.trim());
  if (bound) return `${lead} ${bound[1] === '≥' ? (l === 'es' ? 'al menos' : 'at least') : l === 'es' ? 'como mucho' : 'at most'} ${durationWords(bound[2]!, l)}`;
  return `${lead} ${durationWords(text, l)}`;
}

/**
 * A dosage's extra instruction ("Take with food"), for the entry view and the visit summary
 * alike: the source's words (the importer keeps a coding's display when there is no text), else
 * its codes as the entry view lists codes ("SNOMED 311504000"), so an instruction given only as
 * a code is shown rather than lost.
 */
export function extraInstructionWords(line: Pick<DoseLine, 'additionalInstruction' | 'additionalInstructionCodes'>): string | undefined {
  if (line.additionalInstruction?.trim()) return line.additionalInstruction;
  return line.additionalInstructionCodes?.map(codeWords).join('; ') || undefined;
}

/**
 * What a prescription lets the pharmacy hand out: "Dispense 30 TAB, 2 refills, 30 days'
 * supply" / "Dispensar 30 TAB, 2 resurtidos, para 30 días". Zero refills, when the source says
 * so, reads "no refills". Undefined when the source says none of it.
 */
export function supplyWords(details: Pick<EntryDetails, 'dispenseQuantity' | 'refills' | 'supplyDuration'>, lang: string): string | undefined {
  const l = language(lang);
  const parts: string[] = [];
  if (details.dispenseQuantity) parts.push(`${l === 'es' ? 'Dispensar' : 'Dispense'} ${quantityWords(details.dispenseQuantity, l)}`);
  if (details.refills !== undefined) parts.push(refillWords(details.refills, l));
  if (details.supplyDuration) {
    const days = durationWords(details.supplyDuration, l);
    parts.push(l === 'es' ? `para ${days}` : `${days}${days.endsWith('s') ? "'" : "'s"} supply`);
  }
  if (!parts.length) return undefined;
  const said = parts.join(', ');
  return said.charAt(0).toUpperCase() + said.slice(1);
}

function refillWords(refills: number, lang: Lang): string {
  if (refills === 0) return lang === 'es' ? 'sin resurtidos' : 'no refills';
  const n = number(String(refills), lang);
  if (lang === 'es') return `${n} ${refills === 1 ? 'resurtido' : 'resurtidos'}`;
  return `${n} ${refills === 1 ? 'refill' : 'refills'}`;
}

/** FHIR's reaction-event-certainty codes in words; the source's own words are shown as written. */
const CERTAINTY: Readonly<Record<string, readonly [en: string, es: string]>> = {
  unlikely: ['unlikely', 'improbable'],
  likely: ['likely', 'probable'],
  confirmed: ['confirmed', 'confirmada'],
  unknown: ['unknown', 'desconocida'],
};

const codesText = (codes: ReactionFacts['locationCodes']) => codes?.map((c) => `${c.system} ${c.code}`).join('; ') || undefined;

/**
 * One reaction's facts on one line: "Anaphylactic reaction: began 12 Jun 2012; lasted 24 hours;
 * where: Popliteal fossa; exposure: Subcutaneous route; exposed: 5 Jan 2019; exposure lasted: 10
 * minutes; how it happened: taking 1000 mg of Amoxicillin; managed with: antihistamine;
 * certainty: likely". Routes, places, descriptions and management are the source's own words;
 * a route or place given only as a code is shown as the code.
 */
export function reactionFactWords(facts: ReactionFacts, lang: string, date: (d: PartialDate) => string): string | undefined {
  const l = language(lang);
  const es = l === 'es';
  const route = facts.exposureRoute ?? codesText(facts.exposureRouteCodes);
  const where = facts.location ?? codesText(facts.locationCodes);
  const certainty = facts.certainty ? (CERTAINTY[facts.certainty.trim().toLowerCase()]?.[es ? 1 : 0] ?? facts.certainty) : undefined;
  const parts = [
    facts.onset ? `${es ? 'comenzó' : 'began'} ${date(facts.onset)}` : undefined,
    facts.duration ? `${es ? 'duró' : 'lasted'} ${durationWords(facts.duration, l)}` : undefined,
    where ? `${es ? 'dónde' : 'where'}: ${where}` : undefined,
    route ? `${es ? 'exposición' : 'exposure'}: ${route}` : undefined,
    facts.exposureDate ? `${es ? 'fecha de exposición' : 'exposed'}: ${date(facts.exposureDate)}` : undefined,
    facts.exposureDuration ? `${es ? 'la exposición duró' : 'exposure lasted'} ${durationWords(facts.exposureDuration, l)}` : undefined,
    facts.exposureDescription ? `${es ? 'cómo ocurrió' : 'how it happened'}: ${facts.exposureDescription}` : undefined,
    facts.management ? `${es ? 'tratamiento' : 'managed with'}: ${facts.management}` : undefined,
    certainty ? `${es ? 'certeza' : 'certainty'}: ${certainty}` : undefined,
  ].filter((p): p is string => !!p);
  if (!parts.length) return undefined;
  const said = parts.join('; ');
  const which = facts.manifestations?.join(', ');
  return which ? `${which}: ${said}` : said.charAt(0).toUpperCase() + said.slice(1);
}

// A tiny translation layer (the React provider is in index.tsx): t(key, vars) plus Intl formatting of dates and numbers in the
// chosen language. The language comes from settings and is switched without a reload.
import type { Quantity, ReferenceRange } from '../../main/records/model.ts';
import {
  sayTitle,
  formatPartialDate,
  formatRange,
  frequencyWords,
  KEPT_DOCUMENT_PROVIDER,
  MANUAL_PROVIDER,
  UNKNOWN_PROVIDER,
  readableQuantity,
  type ReadableQuantity,
  type GlucoseUnit,
  type UnitSystem,
  type ValueOf,
} from '../../main/records/readable/index.ts';
import { en, type MessageKey } from './en.ts';
import { es } from './es.ts';

export type Language = 'en' | 'es';
const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, es };
const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-ES' };

export interface I18n {
  lang: Language;
  /** The BCP 47 locale the language formats with (en-US, es-ES). */
  locale: string;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** Has a message for a computed key (status_x, kind_x, fmt_x)? */
  has(key: string): key is MessageKey;
  /** A PartialDate at the precision it was written with (a time only when the source gave one). */
  date(value: string | undefined): string;
  dateTime(value: string | undefined): string;
  number(value: number): string;
  /** The unit system for weights, temperatures and lengths (a setting). */
  units: UnitSystem;
  /** The unit glucose is read in (a setting; "auto": as most of the readings). */
  glucose: GlucoseUnit;
  /** A value as a person reads it (main/records/readable), with how the source wrote it when converted; `of.glucose` for a glucose value. */
  quantity(value: Quantity | undefined, of?: ValueOf): ReadableQuantity | undefined;
  /** A reference range as a person reads it; `valueUnit` when the range names no unit. */
  range(range: ReferenceRange | undefined, valueUnit?: string, of?: ValueOf): string;
  /** A title in the reader's language when Chartkeeper wrote it ("Heart rate"); a source's own title as written. */
  title(title: string): string;
  /** How often, when Chartkeeper wrote it ("2 time(s) every 1 d (MORN)", "every 24 h"), in the reader's words; a source's own text as written. */
  frequency(text: string | undefined): string | undefined;
  /** A provider name, with the one for hand-entered statements in the reader's language. */
  provider(name: string): string;
}

export function makeI18n(lang: Language, units: UnitSystem = 'us', glucose: GlucoseUnit = 'auto'): I18n {
  const catalog = CATALOGS[lang];
  const locale = LOCALES[lang];
  const reading = { locale, units, glucose };
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const fmtDateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const plural = new Intl.PluralRules(locale);
  const has = (key: string): key is MessageKey => Object.hasOwn(catalog, key);
  const t = (key: MessageKey, vars?: Record<string, string | number>): string => {
    // "{count} sources" has a "_one" form ("1 source") chosen by the language's plural rules.
    const count = vars?.['count'];
    const form = typeof count === 'number' ? `${key}_${plural.select(count)}` : '';
    const text = (form && has(form) ? catalog[form] : undefined) ?? catalog[key] ?? en[key] ?? key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => {
      const v = vars[name];
      return v === undefined ? m : typeof v === 'number' ? num.format(v) : v;
    });
  };
  const date = (value: string | undefined): string => (value ? formatPartialDate(value, locale, { time: true }) : t('noDate'));
  return {
    lang,
    locale,
    t,
    has,
    date,
    dateTime: (value) => {
      if (!value) return t('noDate');
      const parsed = new Date(value);
      return Number.isNaN(parsed.getTime()) ? value : fmtDateTime.format(parsed);
    },
    number: (value) => num.format(value),
    units,
    glucose,
    quantity: (value, of) => readableQuantity(value, reading, of),
    range: (range, valueUnit, of) => formatRange(range, reading, valueUnit, of),
    title: (title) => sayTitle(title, lang),
    frequency: (text) => frequencyWords(text, lang),
    provider: (name) => (name === MANUAL_PROVIDER ? t('manualBadge') : name === UNKNOWN_PROVIDER ? t('unknownProvider') : name === KEPT_DOCUMENT_PROVIDER ? t('keptProvider') : name),
  };
}


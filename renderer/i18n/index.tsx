// A tiny translation layer: t(key, vars) plus Intl formatting of dates and numbers in the
// chosen language. The language comes from settings and is switched without a reload.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { en, type MessageKey } from './en.ts';
import { es } from './es.ts';

export type Language = 'en' | 'es';
const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, es };
const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-ES' };

export interface I18n {
  lang: Language;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** Has a message for a computed key (status_x, kind_x, fmt_x)? */
  has(key: string): key is MessageKey;
  /** A PartialDate at the precision it was written with. */
  date(value: string | undefined): string;
  dateTime(value: string | undefined): string;
  number(value: number): string;
}

export function makeI18n(lang: Language): I18n {
  const catalog = CATALOGS[lang];
  const locale = LOCALES[lang];
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const fmtDay = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const fmtMonth = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const fmtYear = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' });
  const fmtDateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const t = (key: MessageKey, vars?: Record<string, string | number>): string => {
    const text = catalog[key] ?? en[key] ?? key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => {
      const v = vars[name];
      return v === undefined ? m : typeof v === 'number' ? num.format(v) : v;
    });
  };
  const date = (value: string | undefined): string => {
    if (!value) return t('noDate');
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(T.*)?)?)?$/.exec(value);
    if (!m) return value;
    const [, y, mo, d, time] = m;
    if (time) {
      const parsed = new Date(value);
      return Number.isNaN(parsed.getTime()) ? value : fmtDateTime.format(parsed);
    }
    const utc = Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1);
    if (d) return fmtDay.format(utc);
    if (mo) return fmtMonth.format(utc);
    return fmtYear.format(utc);
  };
  return {
    lang,
    t,
    has: (key: string): key is MessageKey => Object.hasOwn(catalog, key),
    date,
    dateTime: (value) => {
      if (!value) return t('noDate');
      const parsed = new Date(value);
      return Number.isNaN(parsed.getTime()) ? value : fmtDateTime.format(parsed);
    },
    number: (value) => num.format(value),
  };
}

const I18nContext = createContext<I18n>(makeI18n('en'));

export function I18nProvider({ lang, children }: { lang: Language; children: ReactNode }) {
  const value = useMemo(() => makeI18n(lang), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

// What a person types or a file shows for home measurements, read without guessing: a number
// typed in the screen's language, and the date order a column of dates settles by itself.
import type { CsvMapping } from '../preload/contract.ts';

type Order = CsvMapping['date']['order'];

/** A number as typed: a point for decimals, or in Spanish a comma; a thousands separator is refused, not guessed. */
export function typedNumber(text: string, lang: 'en' | 'es'): { number: number; text: string } | 'empty' | 'thousands' | 'not-a-number' {
  const v = text.trim().replace(/\s+/g, '');
  if (!v) return 'empty';
  if (lang === 'es' && /^-?\d{1,3}\.\d{3}$/.test(v)) return 'thousands';
  const pattern = lang === 'es' ? /^-?\d+([.,]\d+)?$/ : /^-?\d+(\.\d+)?$/;
  if (!pattern.test(v)) return 'not-a-number';
  const normal = v.replace(',', '.');
  return { number: Number(normal), text: normal };
}

/** The order a date column's values show, when they show one; undefined when the person must say. */
export function suggestedOrder(values: readonly string[]): Order | undefined {
  const v = values.map((s) => s.trim()).filter(Boolean);
  if (v.length === 0) return undefined;
  if (v.every((s) => /^\d{12,13}$/.test(s))) return 'epoch-ms';
  if (v.every((s) => /^\d{9,10}$/.test(s))) return 'epoch-s';
  if (v.every((s) => /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/.test(s))) return 'ymd';
  const parts = v.map((s) => /^(\d{1,2})[-/.](\d{1,2})[-/.]\d{4}/.exec(s)).filter((m): m is RegExpExecArray => m !== null);
  if (parts.length !== v.length) return undefined;
  const dayFirst = parts.some((m) => Number(m[1]) > 12);
  const monthFirst = parts.some((m) => Number(m[2]) > 12);
  return dayFirst && !monthFirst ? 'dmy' : monthFirst && !dayFirst ? 'mdy' : undefined;
}


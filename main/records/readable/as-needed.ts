// "Taken only as needed" in the reader's language, with what for in the source's own words.

import type { EntryDetails } from '../model.ts';

const WORDS = {
  en: { alone: 'As needed', forWhat: (what: string) => `As needed for: ${what}` },
  es: { alone: 'Según sea necesario', forWhat: (what: string) => `Según sea necesario, para: ${what}` },
} as const;

/**
 * "As needed for: Wheezing". The condition is the source's text, never translated. Source
 * words that already say "as needed" ("As Needed If Pain does not subside") read alone in
 * English, and after the reader's words for it in Spanish, where they are not understood.
 */
export function asNeededWords(details: Pick<EntryDetails, 'asNeeded' | 'asNeededFor'>, language: 'en' | 'es' = 'en'): string | undefined {
  if (!details.asNeeded) return undefined;
  const words = WORDS[language === 'es' ? 'es' : 'en'];
  const what = details.asNeededFor?.trim();
  if (!what) return words.alone;
  if (!/^(as needed|prn)\b/i.test(what)) return words.forWhat(what);
  return language === 'es' ? `${words.alone}: ${what}` : what;
}

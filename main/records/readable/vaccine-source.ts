// A vaccination's lot and where its record came from, in the reader's language: the lot with
// its expiry ("AB123 (expires Nov 8, 2024)") and a dose the source says it did not give itself
// but was reported to it (FHIR primarySource: false), with who reported it in the source's own
// words ("Patient", "Immunization Registry"). Nothing is said when the source said nothing: an
// entry without the flag is not called "given here". A date is formatted by the caller (its locale).

import type { EntryDetails, PartialDate } from '../model.ts';

type Lang = 'en' | 'es';
const language = (lang: string): Lang => (lang === 'es' ? 'es' : 'en');

/** The lot number with its expiry beside it; either alone when only one was given. */
export function lotWords(d: Pick<EntryDetails, 'lotNumber' | 'lotExpires'>, lang: string, date: (d: PartialDate) => string): string | undefined {
  const es = language(lang) === 'es';
  const lot = d.lotNumber?.trim();
  if (!d.lotExpires) return lot || undefined;
  const expires = date(d.lotExpires);
  if (!lot) return es ? `Caduca el ${expires}` : `Expires ${expires}`;
  return es ? `${lot} (caduca el ${expires})` : `${lot} (expires ${expires})`;
}

/**
 * Whose word the dose rests on: "Dose reported by Patient, not given by this provider" when
 * the source flagged it as reported; only the report's origin when that is all it gave.
 */
export function reportedWords(d: Pick<EntryDetails, 'reported' | 'reportOrigin' | 'reportOriginCodes'>, lang: string): string | undefined {
  const es = language(lang) === 'es';
  const origin = d.reportOrigin?.trim() || d.reportOriginCodes?.map((c) => c.display ?? c.code).join(', ') || undefined;
  if (d.reported) {
    if (es) return origin ? `Dosis informada por ${origin}, no administrada por este proveedor` : 'Dosis informada, no administrada por este proveedor';
    return origin ? `Dose reported by ${origin}, not given by this provider` : 'Dose reported, not given by this provider';
  }
  if (!origin) return undefined;
  return es ? `Origen del informe: ${origin}` : `Report’s origin: ${origin}`;
}

// A dose of 0. Writers fill `doseQuantity value="0"` where they keep no dose (MedConnect and
// Advanced Technologies Group on medicines, VistA on IV fluids, Allscripts Professional and
// Practice Fusion on vaccines): a blank, not an amount. The vault keeps the "0" as the source
// wrote it; it is read as no dose: never held against another source's dose (reconcile.ts) and
// never shown as the amount.

/** A number first ("0", "0.0", ".0 ml"), then the rest. */
const LEADING_NUMBER = /^\s*(\d*\.?\d+)\s*(.*)$/s;

/**
 * Whether a dose as the source wrote it is the placeholder 0 ("0", "0 ml", "0 EACH"). A range
 * or a ratio that starts at 0 ("0-1 tablets", "0/5") says something and is a dose.
 */
export function isPlaceholderDose(dose: string | undefined): boolean {
  const match = LEADING_NUMBER.exec(dose ?? '');
  return Boolean(match) && Number(match![1]) === 0 && !/^[-–/]/.test(match![2]!);
}

/** The dose a list or a table shows: the source's words, or nothing for no dose or the placeholder 0. */
export function shownDose(dose: string | undefined): string | undefined {
  return dose && !isPlaceholderDose(dose) ? dose : undefined;
}

const WORDS = {
  en: (written: string) => `Not stated (the source fills the field with “${written}”)`,
  es: (written: string) => `No consta (la fuente rellena el campo con «${written}»)`,
} as const;

/**
 * The dose on an entry's own view, where the source's text stays beside the reading: the
 * source's words, or for the placeholder "Not stated (the source fills the field with “0”)".
 */
export function doseWithSource(dose: string | undefined, language: 'en' | 'es' = 'en'): string | undefined {
  if (!dose?.trim()) return undefined;
  return isPlaceholderDose(dose) ? WORDS[language === 'es' ? 'es' : 'en'](dose.trim()) : dose;
}

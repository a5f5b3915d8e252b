// Route of administration codes in words, decided when an entry is shown.

/**
 * FDA route of administration codes (NCI Thesaurus, 2.16.840.1.113883.3.26.1.1) that C-CDA
 * writers often give without a display name. The vault keeps the code as the source wrote
 * it; these words are how it reads (English, Spanish), decided when it is shown.
 */
export const ROUTE_NAMES: Readonly<Record<string, readonly [en: string, es: string]>> = {
  C38288: ['Oral', 'Oral'],
  C38289: ['Oropharyngeal', 'Orofaríngea'],
  C38276: ['Intravenous', 'Intravenosa'],
  C28161: ['Intramuscular', 'Intramuscular'],
  C38299: ['Subcutaneous', 'Subcutánea'],
  C38304: ['Topical', 'Tópica'],
  C38305: ['Transdermal', 'Transdérmica'],
  C38216: ['Inhalation', 'Inhalada'],
  C38284: ['Nasal', 'Nasal'],
  C38287: ['Ophthalmic', 'Oftálmica'],
  C38192: ['Auricular (otic)', 'Ótica'],
  C38295: ['Rectal', 'Rectal'],
  C38313: ['Vaginal', 'Vaginal'],
  C38300: ['Sublingual', 'Sublingual'],
  C38193: ['Buccal', 'Bucal'],
  C38238: ['Intradermal', 'Intradérmica'],
};

/** A stored route in words: a bare FDA route code becomes its name; anything else is kept. */
export function routeWords(route: string | undefined, language: 'en' | 'es' = 'en'): string | undefined {
  if (!route) return undefined;
  const names = ROUTE_NAMES[route.trim().toUpperCase()];
  return names ? names[language === 'es' ? 1 : 0] : route;
}

// An allergy's severity and criticality as FHIR codes them (reaction.severity mild | moderate |
// severe; AllergyIntolerance.criticality low | high | unable-to-assess): the vault keeps the
// code as the source wrote it; these are its words in the reader's language, decided when the
// entry is shown. A source's own wording ("Mild to moderate") is shown as written.

type Words = Readonly<Record<string, readonly [en: string, es: string]>>;

const SEVERITY: Words = {
  mild: ['mild', 'leve'],
  moderate: ['moderate', 'moderada'],
  severe: ['severe', 'grave'],
};

// Spanish words agree with "riesgo" (the card's and the screen's word for criticality).
const CRITICALITY: Words = {
  low: ['low', 'bajo'],
  high: ['high', 'alto'],
  'unable-to-assess': ['unable to assess', 'no evaluable'],
};

function coded(words: Words, text: string, language: string): string | undefined {
  const pair = words[text.trim().toLowerCase()];
  if (!pair) return undefined;
  if (language === 'es') return pair[1];
  // English keeps the source's own casing ("Moderate"); only a hyphenated code becomes words.
  return pair[0].toLowerCase() === text.trim().toLowerCase() ? text : pair[0];
}

/** A stored criticality in words: a FHIR code becomes the reader's word; anything else is kept. */
export function criticalityWords(criticality: string | undefined, language = 'en'): string | undefined {
  if (!criticality) return undefined;
  return coded(CRITICALITY, criticality, language) ?? criticality;
}

/**
 * A stored severity in words. FHIR reactions' severities are kept joined ("mild, severe"): each
 * code becomes the reader's word. Older imports kept criticality here ("criticality high"):
 * said with the reader's word for it.
 */
export function severityWords(severity: string | undefined, language = 'en'): string | undefined {
  if (!severity) return undefined;
  const parts = severity.split(', ');
  const said = parts.map((part) => {
    const legacy = /^criticality (\S+)$/i.exec(part.trim());
    if (legacy && language === 'es') {
      const word = coded(CRITICALITY, legacy[1]!, language);
      return word ? `riesgo ${word}` : part;
    }
    return coded(SEVERITY, part, language) ?? part;
  });
  return said.join(', ');
}

// A condition's severity codes: SNOMED CT's (FHIR's Condition.severity value set) and the LOINC
// answers some writers use (the IPS example in XML), by system and code.
const SEVERITY_CODES: Readonly<Record<string, string>> = {
  'SNOMED|255604002': 'mild',
  'SNOMED|6736007': 'moderate',
  'SNOMED|24484000': 'severe',
  'LOINC|LA6752-5': 'mild',
  'LOINC|LA6751-7': 'moderate',
  'LOINC|LA6750-9': 'severe',
};

/**
 * An entry's severity in words. A condition's known severity code says it in the reader's words
 * (SNOMED's display "Moderate severity" is read "moderada" on the Spanish screen); else the
 * stored words (severityWords): an allergy's FHIR code, or the source's own phrase as written.
 */
export function severityOf(details: { severity?: string; severityCodes?: readonly { system: string; code: string }[] }, language = 'en'): string | undefined {
  const coded = details.severityCodes?.map((c) => SEVERITY_CODES[`${c.system}|${c.code}`]).find(Boolean);
  if (coded && language === 'es') return severityWords(coded, language);
  return severityWords(details.severity, language) ?? (coded ? severityWords(coded, language) : undefined);
}

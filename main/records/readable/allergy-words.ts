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

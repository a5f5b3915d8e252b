// Small code tables the C-CDA reader needs to read what a source meant: which codes say
// "something, unspecified" (so a negated statement about them means "none known"), the words
// for codes writers often send without a displayName, and which refusal reasons are the
// patient's own. Only codes whose meaning is fixed by their code system are listed.
import type { Code } from '../../records/model.ts';

/**
 * Codes that name a whole class rather than a thing: "drug or medication", "Procedure",
 * "vaccine". `negationInd="true"` on them means "none known", not "this was not done".
 */
const GENERIC_CODES = new Set([
  'SNOMED:410942007', // drug or medication
  'SNOMED:71388002', // procedure
  'SNOMED:71181003', // vaccine
  'SNOMED:787859002', // vaccine product
  'SNOMED:105590001', // substance
  'SNOMED:373873005', // pharmaceutical / biologic product
  'SNOMED:763158003', // medicinal product
  'SNOMED:404684003', // clinical finding
  'SNOMED:55607006', // problem
  'SNOMED:64572001', // disease
  'SNOMED:409586006', // complaint
  'SNOMED:418038007', // propensity to adverse reactions to substance
  'SNOMED:419199007', // allergy to substance
  'SNOMED:416098002', // drug allergy
  'SNOMED:414285001', // food allergy
  'SNOMED:716186003', // no known allergy
  'SNOMED:160244002', // no known allergies
  'SNOMED:409137002', // no known drug allergy
  'SNOMED:428607008', // no known environmental allergy
  'SNOMED:429625007', // no known food allergy
  'SNOMED:160245001', // no current problems or disability
  'SNOMED:182849000', // no drug therapy prescribed
  'CVX:998', // no vaccine administered
  'CVX:999', // unknown vaccine
  'LOINC:75326-9', // problem
  'LOINC:29308-4', // diagnosis
  'LOINC:30954-2', // results (the section's own code, used by some writers as a test's)
  'LOINC:42348-3', // advance directives (the section's own code)
  'LOINC:75320-2', // advance directive
  'LOINC:75278-2', // advance directive type
]);

export function isGenericCode(code: Code): boolean {
  return GENERIC_CODES.has(`${code.system}:${code.code}`);
}

/** True when no code names a specific thing (no code at all, or only class codes). */
export function onlyGenericCodes(codes: readonly Code[]): boolean {
  return codes.every((code) => isGenericCode(code) || (code.display !== undefined && STRONG_NONE_KNOWN.test(code.display)));
}

/** Names of a whole class ("drug or medication", "Vaccination"), naming nothing in particular. */
const CLASS_WORDS =
  /^(?:drugs?(?:\s+or\s+medications?)?|medications?|medicines?|procedures?|vaccines?|vaccinations?|immunizations?|problems?|conditions?|diagnos[ie]s|allergies|allergy|substances?|encounters?|results?)$/i;

/**
 * True when a statement names nothing specific: no code but class codes, and no name but a
 * class name, a "none known" phrase, or a class code's own display. "Ear Infection" given
 * only as text is specific.
 */
export function namesNothingSpecific(codes: readonly Code[], title: string | undefined): boolean {
  if (!onlyGenericCodes(codes)) return false;
  const name = title?.trim();
  return !name || CLASS_WORDS.test(name) || NONE_KNOWN_TEXT.test(name) || codes.some((c) => c.display === name);
}

/** Words that say "none known" whatever codes come with them. */
export const STRONG_NONE_KNOWN = /^(?:no\s+known|none\s+known|nkda|nka)\b/i;

/** Words that state there is none: "No known allergies", "No Known Immunization history", "NKDA". */
export const NONE_KNOWN_TEXT =
  /^(?:no\s+known\b|none\s+known\b|nkda\b|nka\b|no\s+(?:current|active)\s+(?:medications?|problems?|allergies)\b|no\s+(?:medications?|allergies|problems?|immunizations?|procedures?)\s*$|none\.?$|not\s+on\s+any\s+medications?\b|denies\s+(?:any\s+)?(?:medications?|allergies)\b)/i;

/**
 * Rows that stand in for absent data: "No Encounters Indicated", "Medication Administration
 * not documented", "No information". Not entries, and never evidence that confirms one.
 */
export const PLACEHOLDER_TEXT =
  /^(?:no\s+(?:information|data|results?|encounters?|procedures?|entries|records?|items?)\b.*|no\s+(?:[\w-]+\s+){1,3}(?:data|information)\b.*|no\s+(?:immunizations?|vaccin\w*|medications?|medicines?)\s+(?:administered|given|prescribed|ordered)\b.*|.*\bnot\s+(?:documented|recorded|indicated|available|reported|on\s+file)\.?|.*\bno(?:ne)?\s+(?:indicated|documented|recorded|available|on\s+file)\.?|(?:n\/a|not\s+applicable|unknown|none\s+recorded|nothing\s+to\s+report)\.?)$/i;

/**
 * An entry's own words saying its kind of data is absent ("No functional assessment data is
 * applicable", "No Information About Results"): a placeholder even when the writer gave the
 * entry the code of the question it stands in for.
 */
export const ABSENT_DATA_TEXT = /^no\s+(?:[\w-]+\s+){0,4}(?:data|information)\b/i;

/**
 * LOINC names for the vital signs and common tests that writers send as a bare code; the
 * names are LOINC's own short descriptions.
 */
const LOINC_NAMES: Record<string, string> = {
  '8867-4': 'Heart rate',
  '9279-1': 'Respiratory rate',
  '59408-5': 'Oxygen saturation by pulse oximetry',
  '2708-6': 'Oxygen saturation in arterial blood',
  '8480-6': 'Systolic blood pressure',
  '8462-4': 'Diastolic blood pressure',
  '85354-9': 'Blood pressure panel',
  '8310-5': 'Body temperature',
  '8302-2': 'Body height',
  '8306-3': 'Body height (lying)',
  '29463-7': 'Body weight',
  '3141-9': 'Body weight (measured)',
  '39156-5': 'Body mass index (BMI)',
  '8287-5': 'Head circumference',
  '3140-1': 'Body surface area',
  '8716-3': 'Vital signs',
  '4548-4': 'Hemoglobin A1c',
  '2345-7': 'Glucose',
  '2093-3': 'Cholesterol',
  '2085-9': 'HDL cholesterol',
  '13457-7': 'LDL cholesterol (calculated)',
  '2571-8': 'Triglyceride',
};

/** The code system's own name for the first code we ship a name for. */
export function shippedName(codes: readonly Code[]): string | undefined {
  for (const code of codes) {
    if (code.system === 'LOINC' && LOINC_NAMES[code.code]) return LOINC_NAMES[code.code];
  }
  return undefined;
}

/**
 * SNOMED kinds of advance directive (C-CDA's Advance Directive Type value set) that writers send
 * without words: SNOMED's own preferred terms.
 */
export const DIRECTIVE_TYPE_NAMES: Record<string, string> = {
  '304251008': 'Resuscitation',
  '89666000': 'Cardiopulmonary resuscitation',
  '52765003': 'Intubation',
  '78823007': 'Life support',
  '61420007': 'Tube feeding of patient',
  '281789004': 'Antibiotic therapy',
};

/** SNOMED allergy and intolerance types (the allergy observation's value). */
export const ALLERGY_TYPE_NAMES: Record<string, string> = {
  '419199007': 'Allergy to substance',
  '416098002': 'Drug allergy',
  '414285001': 'Food allergy',
  '426232007': 'Environmental allergy',
  '59037007': 'Drug intolerance',
  '235719002': 'Food intolerance',
  '418038007': 'Propensity to adverse reactions to substance',
  '419511003': 'Propensity to adverse reactions to drug',
  '418471000': 'Propensity to adverse reactions to food',
  '420134006': 'Propensity to adverse reactions',
  '418634005': 'Allergic reaction to substance',
};

/** SNOMED severities of a reaction or allergy. */
export const SEVERITY_NAMES: Record<string, string> = {
  '255604002': 'Mild',
  '371923003': 'Mild to moderate',
  '6736007': 'Moderate',
  '371924009': 'Moderate to severe',
  '24484000': 'Severe',
  '399166001': 'Fatal',
};

/** HL7 ObservationValue criticality codes (C-CDA Criticality Observation). */
export const CRITICALITY_NAMES: Record<string, string> = {
  CRITL: 'Low',
  CRITH: 'High',
  CRITU: 'Unable to assess',
};

/** HL7 ActReason codes for a vaccine not given: the words, and whether the patient declined. */
export const NOT_GIVEN_REASONS: Record<string, { text: string; refusal: boolean }> = {
  PATOBJ: { text: 'Patient objection', refusal: true },
  PHILISOP: { text: 'Philosophical objection', refusal: true },
  RELIG: { text: 'Religious objection', refusal: true },
  VACEFF: { text: 'Vaccine efficacy concerns', refusal: true },
  VACSAF: { text: 'Vaccine safety concerns', refusal: true },
  IMMUNE: { text: 'Immunity', refusal: false },
  MEDPREC: { text: 'Medical precaution', refusal: false },
  OSTOCK: { text: 'Product out of stock', refusal: false },
};

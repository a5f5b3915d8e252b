// Words Chartkeeper itself writes into records — titles its importers and trends give when a
// source names a measurement in its own way, claim titles, the frequency "every 24 h", the
// provider of a hand-entered statement — so each screen can say them in the reader's language.
// A source's own title is said as written, unless it is word for word one of these standard
// names ("Body weight"), which read the same whoever wrote them.

/** The English titles Chartkeeper writes, by an id each language's strings key on. */
const APP_TITLES: Readonly<Record<string, string>> = {
  'Systolic blood pressure': 'systolic',
  'Diastolic blood pressure': 'diastolic',
  Weight: 'weight',
  'Body weight': 'weight',
  Height: 'height',
  'Body height': 'height',
  'Body mass index (BMI)': 'bmi',
  'Body mass index': 'bmi',
  'Body temperature': 'temperature',
  'Heart rate': 'heartRate',
  'Respiratory rate': 'respiratoryRate',
  'Oxygen saturation': 'oxygenSaturation',
  'Pain severity (0-10)': 'pain',
  'Hemoglobin A1c': 'a1c',
  Glucose: 'glucose',
  'Total cholesterol': 'cholesterol',
  'HDL cholesterol': 'hdl',
  'LDL cholesterol': 'ldl',
  Triglycerides: 'triglycerides',
  'eGFR (kidney function)': 'egfr',
  'Medicare Part A claim': 'claimPartA',
  'Medicare Part B claim': 'claimPartB',
  'Medicare Part D prescription claim': 'claimPartD',
  'Medicare outpatient claim': 'claimOutpatient',
  'Medicare inpatient claim': 'claimInpatient',
  'Medicare medical equipment claim': 'claimEquipment',
  'Medicare skilled nursing facility claim': 'claimSnf',
  'Medicare home health claim': 'claimHomeHealth',
  'Medicare hospice claim': 'claimHospice',
};

export const APP_TITLE_IDS = [...new Set(Object.values(APP_TITLES))];

/** The id of a title Chartkeeper writes (or a source wrote in the same words), else undefined. */
export function appTitleId(title: string): string | undefined {
  return Object.hasOwn(APP_TITLES, title) ? APP_TITLES[title] : undefined;
}

/** The provider name of a statement a person entered by hand (main/vault/sources.ts). */
export const MANUAL_PROVIDER = 'Entered by hand';
/** The provider Chartkeeper names a document by when the document names none. */
export const UNKNOWN_PROVIDER = 'Unknown provider';

/** "every 24 h" as the C-CDA importer writes a period: the number and UCUM time unit. */
export function frequencyParts(text: string): { every: string; unit: 'min' | 'h' | 'd' | 'wk' | 'mo' } | undefined {
  const m = /^every (\d+(?:\.\d+)?) (min|h|d|wk|mo)$/.exec(text.trim());
  return m ? { every: m[1]!, unit: m[2] as 'min' | 'h' | 'd' | 'wk' | 'mo' } : undefined;
}

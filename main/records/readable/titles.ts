// Words Chartkeeper itself writes into records — titles its importers and trends give when a
// source names a measurement in its own way, claim titles, the
// provider of a hand-entered statement — so each screen can say them in the reader's language.
// A source's own title is said as written, unless it is word for word one of these standard
// names ("Body weight"), which read the same whoever wrote them.

import { CDC_CVX_NAMES } from './cvx-names.ts';

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
  'Medicare claim': 'claimMedicare',
  Claim: 'claim',
  // Titles of the documents and readings the importers make (main/importers/*).
  'FHIR health record': 'docFhir',
  'Medicare claims (Blue Button 2.0)': 'docMedicareClaims',
  'VA Blue Button report': 'docVaReport',
  'Blood pressure readings': 'docBpReadings',
  'Glucose readings': 'docGlucoseReadings',
  'Glucose (sensor), daily mean': 'glucoseDailyMean',
  'Glucose (sensor), daily summary': 'glucoseDailySummary',
  'Apple Health export': 'docAppleHealth',
  'Resting heart rate': 'restingHeartRate',
  'Heart rate, daily mean': 'heartRateDailyMean',
  'Resting heart rate, daily mean': 'restingHeartRateDailyMean',
  'Oxygen saturation, daily mean': 'oxygenDailyMean',
  'Respiratory rate, daily mean': 'respiratoryDailyMean',
  Steps: 'steps',
  'Steps, daily total': 'stepsDailyTotal',
  'Hospital admission': 'admission',
  Encounter: 'encounter',
  // A planned visit that names nothing but its day, doctor and place (main/importers/ccda/entries.ts).
  'Planned visit': 'plannedVisit',
  'SMART Health Card (signature valid)': 'shcValid',
  'SMART Health Card (signature does not match: possibly altered)': 'shcInvalid',
  'SMART Health Card (signature not checked)': 'shcNotChecked',
  'SMART Health Card (revoked by its issuer)': 'shcRevoked',
  // Home measurements (readable/measures.ts): mapped CSV columns and readings typed in.
  'Home measurements': 'docHomeMeasurements',
  'Glucose (meter)': 'glucoseMeter',
  'Glucose (sensor)': 'glucoseSensor',
  'Waist circumference': 'waist',
  'Body fat': 'bodyFat',
  'INR (home meter)': 'inrHome',
  'Peak expiratory flow': 'peakFlow',
  // A FHIR CareTeam kept as a section of its document (main/importers/fhir/care-team.ts).
  'Care team': 'careTeam',
};

export const APP_TITLE_IDS = [...new Set(Object.values(APP_TITLES))];

/** The same titles in the other languages Chartkeeper speaks (English is the title itself). */
const APP_TITLE_WORDS: Readonly<Record<'es', Readonly<Record<string, string>>>> = {
  es: {
    systolic: 'Presión arterial sistólica',
    diastolic: 'Presión arterial diastólica',
    weight: 'Peso corporal',
    height: 'Estatura',
    bmi: 'Índice de masa corporal (IMC)',
    temperature: 'Temperatura corporal',
    heartRate: 'Frecuencia cardiaca',
    respiratoryRate: 'Frecuencia respiratoria',
    oxygenSaturation: 'Saturación de oxígeno',
    pain: 'Intensidad del dolor (0-10)',
    a1c: 'Hemoglobina A1c',
    glucose: 'Glucosa',
    cholesterol: 'Colesterol total',
    hdl: 'Colesterol HDL',
    ldl: 'Colesterol LDL',
    triglycerides: 'Triglicéridos',
    egfr: 'TFGe (función renal)',
    claimPartA: 'Reclamación de Medicare Parte A',
    claimPartB: 'Reclamación de Medicare Parte B',
    claimPartD: 'Reclamación de medicamentos de Medicare Parte D',
    claimOutpatient: 'Reclamación ambulatoria de Medicare',
    claimInpatient: 'Reclamación de hospitalización de Medicare',
    claimEquipment: 'Reclamación de equipo médico de Medicare',
    claimSnf: 'Reclamación de centro de enfermería especializada de Medicare',
    claimHomeHealth: 'Reclamación de atención médica a domicilio de Medicare',
    claimHospice: 'Reclamación de cuidados paliativos de Medicare',
    claimMedicare: 'Reclamación de Medicare',
    claim: 'Reclamación',
    docFhir: 'Historial de salud FHIR',
    docMedicareClaims: 'Reclamaciones de Medicare (Blue Button 2.0)',
    docVaReport: 'Informe Blue Button del VA',
    docBpReadings: 'Lecturas de tensión arterial',
    docGlucoseReadings: 'Lecturas de glucosa',
    glucoseDailyMean: 'Glucosa (sensor), media diaria',
    glucoseDailySummary: 'Glucosa (sensor), resumen diario',
    docAppleHealth: 'Exportación de Apple Salud',
    restingHeartRate: 'Frecuencia cardiaca en reposo',
    heartRateDailyMean: 'Frecuencia cardiaca, media diaria',
    restingHeartRateDailyMean: 'Frecuencia cardiaca en reposo, media diaria',
    oxygenDailyMean: 'Saturación de oxígeno, media diaria',
    respiratoryDailyMean: 'Frecuencia respiratoria, media diaria',
    steps: 'Pasos',
    stepsDailyTotal: 'Pasos, total diario',
    admission: 'Ingreso hospitalario',
    shcValid: 'SMART Health Card (firma válida)',
    shcInvalid: 'SMART Health Card (la firma no coincide: posiblemente alterada)',
    shcNotChecked: 'SMART Health Card (firma no comprobada)',
    shcRevoked: 'SMART Health Card (revocada por su emisor)',
    docHomeMeasurements: 'Mediciones en casa',
    glucoseMeter: 'Glucosa (glucómetro)',
    glucoseSensor: 'Glucosa (sensor)',
    waist: 'Perímetro de cintura',
    bodyFat: 'Grasa corporal',
    inrHome: 'INR (medidor en casa)',
    peakFlow: 'Flujo espiratorio máximo',
    careTeam: 'Equipo de atención',
    encounter: 'Consulta',
    plannedVisit: 'Consulta prevista',
  },
};

/**
 * A vaccine a source gave only by its CVX code, named by CDC's code list (English only: CDC
 * publishes no other), the code kept and the name's origin said so nobody takes it for the source's.
 */
const CDC_NAMED_WORDS: Readonly<Record<'en' | 'es', string>> = {
  en: "{name} (CVX {code}; name from CDC's vaccine code list)",
  es: '{name} (CVX {code}; nombre en inglés de la lista de códigos de vacunas de los CDC)',
};

/** The last-resort title "Unnamed result (LOINC 1234-5)" in the other languages, `{code}` for its code. */
const UNNAMED_WORDS: Readonly<Record<'es', string>> = { es: 'Entrada sin nombre ({code})' };

/** The id of a title Chartkeeper writes (or a source wrote in the same words), else undefined. */
export function appTitleId(title: string): string | undefined {
  return Object.hasOwn(APP_TITLES, title) ? APP_TITLES[title] : undefined;
}

/**
 * A title Chartkeeper wrote, alone or followed by the source's words ("Medicare Part D
 * prescription claim: Omeprazole"): the id of Chartkeeper's part, and the source's part as written.
 */
export function appTitleParts(title: string): { id: string; rest?: string } | undefined {
  const whole = appTitleId(title);
  if (whole) return { id: whole };
  const colon = title.indexOf(': ');
  const head = colon > 0 ? appTitleId(title.slice(0, colon)) : undefined;
  return head ? { id: head, rest: title.slice(colon + 2) } : undefined;
}

/** The code of a last-resort title the C-CDA importer writes ("Unnamed result (LOINC 1234-5)"), else undefined. */
export function unnamedTitleCode(title: string): string | undefined {
  return /^Unnamed [a-z ]+ \(([^()]+)\)$/.exec(title)?.[1];
}

/**
 * The CVX code of a title that is only a vaccine's code — the FHIR importer's "CVX 207" (a
 * CodeableConcept with neither text nor display) or the C-CDA importer's "Unnamed vaccine (CVX 207)" —
 * else undefined. Leading zeros are dropped, as CDC's list writes its codes.
 */
export function bareCvxCode(title: string): string | undefined {
  const m = /^(?:CVX ([0-9A-Za-z]+)|Unnamed [a-z ]+ \(CVX ([0-9A-Za-z]+)\))$/.exec(title.trim());
  const code = m?.[1] ?? m?.[2];
  if (code === undefined) return undefined;
  return /^\d+$/.test(code) ? String(Number(code)) : code.toUpperCase();
}

/** CDC's name of the vaccine a title gives only by its CVX code, with the code, else undefined. */
function cdcNamedTitle(title: string, lang: string): string | undefined {
  const code = bareCvxCode(title);
  const name = code !== undefined && Object.hasOwn(CDC_CVX_NAMES, code) ? CDC_CVX_NAMES[code] : undefined;
  if (code === undefined || name === undefined) return undefined;
  return CDC_NAMED_WORDS[lang === 'es' ? 'es' : 'en'].replace('{name}', name).replace('{code}', code);
}

/** The provider name of a statement a person entered by hand (main/vault/sources.ts). */
export const MANUAL_PROVIDER = 'Entered by hand';
/** The provider Chartkeeper names a document by when the document names none. */
export const UNKNOWN_PROVIDER = 'Unknown provider';
/** The provider of results the person added from their own kept documents (a lab report's PDF). */
export const KEPT_DOCUMENT_PROVIDER = 'Your own documents';

/**
 * A title in the reader's language when Chartkeeper wrote it (alone or before the source's words,
 * or its last-resort "Unnamed …"); a vaccine given only by its CVX code named from CDC's list;
 * a source's own title as written. Shared by the screens and the
 * printed summary.
 */
export function sayTitle(title: string, lang: string): string {
  const cdcNamed = cdcNamedTitle(title, lang);
  if (cdcNamed) return cdcNamed;
  if (lang !== 'es') return title;
  const code = unnamedTitleCode(title);
  if (code) return UNNAMED_WORDS.es.replace('{code}', code);
  const parts = appTitleParts(title);
  const words = parts ? APP_TITLE_WORDS.es[parts.id] : undefined;
  if (!parts || !words) return title;
  return parts.rest === undefined ? words : `${words}: ${parts.rest}`;
}

/** Every English title Chartkeeper writes itself (tests look for them on non-English screens). */
export const APP_TITLE_TEXTS: readonly string[] = Object.keys(APP_TITLES);

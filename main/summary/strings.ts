// Every label printed on the visit packet, in each language the packet is offered in.
// Keep both columns complete: a test checks that no Spanish label falls back to English.

import type { AbnormalFlag } from '../records/readable/flags.ts';
import { allergiesLeftOutSentence } from '../records/readable/left-out.ts';

export const SUMMARY_LANGUAGES = ['en', 'es'] as const;
export type SummaryLanguage = (typeof SUMMARY_LANGUAGES)[number];

export interface SummaryStrings {
  /** BCP 47 locale used for dates and sorting. */
  locale: string;
  documentTitle: string;
  heading: string;
  dateOfBirth: string;
  age: (years: number) => string;
  sex: string;
  sexFemale: string;
  sexMale: string;
  sexOther: string;
  printedOn: string;
  preparedBy: string;
  disclaimer: string;
  medications: string;
  medication: string;
  dose: string;
  route: string;
  frequency: string;
  allergies: string;
  substance: string;
  reactions: string;
  severity: string;
  problems: string;
  since: string;
  results: string;
  test: string;
  lastValue: string;
  date: string;
  trend: string;
  previous: string;
  referenceRange: string;
  chart: string;
  trendUp: string;
  trendDown: string;
  trendSame: string;
  chartLabel: (test: string, values: string) => string;
  /** The one vocabulary of abnormal results (main/records/readable/flags.ts). */
  flags: Record<AbnormalFlag, string>;
  immunizations: string;
  vaccine: string;
  lastGiven: string;
  earlierDoses: string;
  /** The forecast by CDC's schedule (issue #18), an optional section. */
  vaccinesDue: {
    heading: string;
    source: (version: string, day: string) => string;
    group: string;
    when: string;
    dose: string;
    dueFrom: string;
    overdueAfter: string;
    overdue: string;
    due: string;
    upcoming: string;
    nothingDue: string;
    noBirthDate: string;
    conditions: (list: string) => string;
    noConditions: string;
    byPerson: string;
  };
  encounters: string;
  encounter: string;
  place: string;
  clinicians: string;
  /** Under a visit's name: why the person came, and the diagnoses made. */
  visitReason: string;
  visitDiagnoses: string;
  procedures: string;
  procedure: string;
  /** The relatives' conditions: the section, its columns, and a relative the source did not name. */
  familyHistory: string;
  relative: string;
  condition: string;
  familyDetails: string;
  relativeNotNamed: string;
  /** Advance directives (a DNR order): printed whenever the record holds one. */
  directives: string;
  directive: string;
  directiveSays: string;
  status: string;
  /** The record's statuses a directive may have, in this language; another is printed as written. */
  directiveStatuses: Record<string, string>;
  questions: string;
  notes: string;
  education: string;
  educationFor: string;
  medlineplusAttribution: string;
  noneRecorded: string;
  noneRecordedAllergies: string;
  /** "last listed Jan 5, 2025 by Riverside" (the date already formatted). */
  lastListed: (date: string, provider: string) => string;
  lastListedUndated: (provider: string) => string;
  enteredByHand: string;
  /** The names Chartkeeper gives a source that names no provider, and the person's own kept documents. */
  unknownProvider: string;
  keptProvider: string;
  /** The patient's own "I still take / have this" decided it (the date already formatted). */
  saidByPatient: (date: string) => string;
  /** The patient corrected this item; `said` is what the sources say (values joined by "; "). */
  correctedByPatient: (said: string) => string;
  /** The names of the fields a patient can correct, as the correction note names them. */
  correctedField: Record<'title' | 'start' | 'end' | 'dose' | 'frequency' | 'instructions' | 'severity' | 'asNeeded' | 'asNeededFor', string>;
  /** A corrected "as needed" (yes/no) in words. */
  yesNo: Record<'yes' | 'no', string>;
  /** Allergies a source lists that the patient said are wrong, or hid (names joined by ", "). */
  allergiesLeftOut: (why: 'wrong' | 'hidden', names: string) => string;
  notConfirmedForAYear: string;
  noneConfirmedThisYear: string;
  showingMostRecent: (shown: number, total: number) => string;
  pageOf: { page: string; of: string };
  /** "2 left out by the person who printed this" (items unticked on the summary screen). */
  leftOut: (count: number) => string;
  myNotes: string;
  vitalSigns: string;
  bloodPressure: string;
  systolic: string;
  diastolic: string;
}

const en: SummaryStrings = {
  locale: 'en-US',
  documentTitle: 'Visit summary',
  heading: 'Visit summary',
  dateOfBirth: 'Date of birth',
  age: (years) => `age ${years}`,
  sex: 'Sex',
  sexFemale: 'Female',
  sexMale: 'Male',
  sexOther: 'Other',
  printedOn: 'Printed on',
  preparedBy: 'Prepared by',
  disclaimer:
    'Prepared from the health records kept in Chartkeeper. It may be incomplete: please check it with the care team.',
  medications: 'Current medications',
  medication: 'Medication',
  dose: 'Dose',
  route: 'How taken',
  frequency: 'How often',
  allergies: 'Allergies',
  substance: 'Substance',
  reactions: 'Reactions',
  severity: 'Severity',
  problems: 'Active problems',
  since: 'Since',
  results: 'Recent results',
  test: 'Test',
  lastValue: 'Last value',
  date: 'Date',
  trend: 'Trend',
  previous: 'Previous',
  referenceRange: 'Reference range',
  chart: 'Chart',
  trendUp: 'up',
  trendDown: 'down',
  trendSame: 'unchanged',
  chartLabel: (test, values) => `${test} over time: ${values}`,
  flags: {
    high: 'High',
    low: 'Low',
    critical_high: 'Critically high',
    critical_low: 'Critically low',
    critical: 'Critically abnormal',
    abnormal: 'Abnormal',
  },
  immunizations: 'Immunizations',
  vaccine: 'Vaccine',
  lastGiven: 'Last given',
  earlierDoses: 'Earlier doses',
  vaccinesDue: {
    heading: 'Vaccines due',
    source: (version, day) =>
      `Calculated on ${day} from this record with CDC's schedule (CDSi, supporting data ${version}). Records may be incomplete; please check.`,
    group: 'Vaccine group (CDC)',
    when: 'Status',
    dose: 'Dose',
    dueFrom: 'Due from',
    overdueAfter: 'Overdue after',
    overdue: 'Overdue',
    due: 'Due now',
    upcoming: 'Coming up',
    nothingDue: 'Nothing is due or coming up by this record.',
    noBirthDate: 'Not calculated: the profile has no full birth date.',
    conditions: (list) => `Conditions the schedule used, as stated by the person: ${list}.`,
    noConditions: 'No conditions that change the schedule were stated.',
    byPerson: 'stated by the person',
  },
  encounters: 'Recent visits',
  encounter: 'Visit',
  place: 'Place',
  clinicians: 'Clinicians',
  visitReason: 'Reason',
  visitDiagnoses: 'Diagnoses',
  procedures: 'Recent procedures',
  procedure: 'Procedure',
  familyHistory: 'Family history',
  relative: 'Relative',
  condition: 'Condition',
  familyDetails: 'What the record says',
  relativeNotNamed: 'Relative not named',
  directives: 'Advance directives',
  directive: 'Directive',
  directiveSays: 'What it says',
  status: 'Status',
  directiveStatuses: { active: 'Active', inactive: 'Inactive', planned: 'Proposed', cancelled: 'Cancelled', refused: 'Rejected', unknown: 'Unknown', 'not-done': 'Not in place' },
  questions: 'Questions for this visit',
  notes: 'Notes for the clinician',
  education: 'Health information',
  educationFor: 'About',
  medlineplusAttribution: 'Information from MedlinePlus.gov',
  noneRecorded: 'None recorded.',
  noneRecordedAllergies: 'No allergies recorded (this does not mean there are none).',
  lastListed: (date, provider) => `last listed ${date} by ${provider}`,
  lastListedUndated: (provider) => `listed by ${provider}`,
  enteredByHand: 'the patient or caregiver',
  unknownProvider: 'an unknown provider',
  keptProvider: 'the patient’s own documents',
  saidByPatient: (date) => `confirmed by the patient or caregiver on ${date}`,
  correctedByPatient: (said) => `corrected by the patient or caregiver (the record says ${said})`,
  correctedField: { title: 'name', start: 'start', end: 'end', dose: 'dose', frequency: 'how often', instructions: 'instructions', severity: 'severity', asNeeded: 'as needed', asNeededFor: 'needed for' },
  yesNo: { yes: 'yes', no: 'no' },
  allergiesLeftOut: (why, names) => allergiesLeftOutSentence(why, names, 'en'),
  noneConfirmedThisYear: 'None confirmed by a source in the last year.',
  notConfirmedForAYear: 'Listed as current before, but no source has confirmed it for over a year: please check',
  showingMostRecent: (shown, total) => `Showing the ${shown} most recent of ${total}.`,
  pageOf: { page: 'Page', of: 'of' },
  leftOut: (count) => (count === 1 ? '1 item left out by the person who printed this.' : `${count} items left out by the person who printed this.`),
  myNotes: 'My notes',
  vitalSigns: 'Latest vital signs',
  bloodPressure: 'Blood pressure',
  systolic: 'systolic',
  diastolic: 'diastolic',
};

const es: SummaryStrings = {
  locale: 'es',
  documentTitle: 'Resumen para la consulta',
  heading: 'Resumen para la consulta',
  dateOfBirth: 'Fecha de nacimiento',
  age: (years) => `${years} años`,
  sex: 'Sexo',
  sexFemale: 'Femenino',
  sexMale: 'Masculino',
  sexOther: 'Otro',
  printedOn: 'Impreso el',
  preparedBy: 'Preparado por',
  disclaimer:
    'Preparado a partir de los registros de salud guardados en Chartkeeper. Puede estar incompleto: revíselo con el equipo de atención.',
  medications: 'Medicamentos actuales',
  medication: 'Medicamento',
  dose: 'Dosis',
  route: 'Cómo se toma',
  frequency: 'Con qué frecuencia',
  allergies: 'Alergias',
  substance: 'Sustancia',
  reactions: 'Reacciones',
  severity: 'Gravedad',
  problems: 'Problemas activos',
  since: 'Desde',
  results: 'Resultados recientes',
  test: 'Prueba',
  lastValue: 'Último valor',
  date: 'Fecha',
  trend: 'Tendencia',
  previous: 'Anterior',
  referenceRange: 'Rango de referencia',
  chart: 'Gráfico',
  trendUp: 'sube',
  trendDown: 'baja',
  trendSame: 'sin cambio',
  chartLabel: (test, values) => `${test} a lo largo del tiempo: ${values}`,
  flags: {
    high: 'Alto',
    low: 'Bajo',
    critical_high: 'Críticamente alto',
    critical_low: 'Críticamente bajo',
    critical: 'Críticamente anormal',
    abnormal: 'Anormal',
  },
  immunizations: 'Vacunas',
  vaccine: 'Vacuna',
  lastGiven: 'Última dosis',
  earlierDoses: 'Dosis anteriores',
  vaccinesDue: {
    heading: 'Vacunas pendientes',
    source: (version, day) =>
      `Calculado el ${day} a partir de este historial con el calendario de los CDC (CDSi, datos de apoyo ${version}). Los historiales pueden estar incompletos; compruébelo.`,
    group: 'Grupo de vacunas (CDC)',
    when: 'Estado',
    dose: 'Dosis',
    dueFrom: 'Toca desde',
    overdueAfter: 'Atrasada después del',
    overdue: 'Atrasada',
    due: 'Toca ahora',
    upcoming: 'Próximamente',
    nothingDue: 'Según este historial no toca ninguna vacuna ni hay ninguna próxima.',
    noBirthDate: 'No calculado: el perfil no tiene fecha de nacimiento completa.',
    conditions: (list) => `Situaciones que usó el calendario, según la persona (nombres de los CDC, en inglés): ${list}.`,
    noConditions: 'No se indicó ninguna situación que cambie el calendario.',
    byPerson: 'según la persona',
  },
  encounters: 'Consultas recientes',
  encounter: 'Consulta',
  place: 'Lugar',
  clinicians: 'Profesionales',
  visitReason: 'Motivo',
  visitDiagnoses: 'Diagnósticos',
  procedures: 'Procedimientos recientes',
  procedure: 'Procedimiento',
  familyHistory: 'Antecedentes familiares',
  relative: 'Familiar',
  condition: 'Afección',
  familyDetails: 'Lo que dice el registro',
  relativeNotNamed: 'Familiar sin especificar',
  directives: 'Voluntades anticipadas',
  directive: 'Voluntad anticipada',
  directiveSays: 'Qué indica',
  status: 'Estado',
  directiveStatuses: { active: 'Vigente', inactive: 'Inactiva', planned: 'Propuesta', cancelled: 'Cancelada', refused: 'Rechazada', unknown: 'Desconocida', 'not-done': 'No existe' },
  questions: 'Preguntas para esta consulta',
  notes: 'Notas para el profesional de salud',
  education: 'Información de salud',
  educationFor: 'Sobre',
  medlineplusAttribution: 'Información de MedlinePlus.gov',
  noneRecorded: 'No hay registros.',
  noneRecordedAllergies: 'No hay alergias registradas (esto no significa que no existan).',
  lastListed: (date, provider) => `última vez en la lista el ${date}, de ${provider}`,
  lastListedUndated: (provider) => `en la lista de ${provider}`,
  enteredByHand: 'el paciente o su cuidador',
  unknownProvider: 'un proveedor desconocido',
  keptProvider: 'los documentos del propio paciente',
  saidByPatient: (date) => `confirmado por el paciente o su cuidador el ${date}`,
  correctedByPatient: (said) => `corregido por el paciente o su cuidador (el registro dice ${said})`,
  correctedField: { title: 'nombre', start: 'inicio', end: 'fin', dose: 'dosis', frequency: 'frecuencia', instructions: 'instrucciones', severity: 'gravedad', asNeeded: 'según sea necesario', asNeededFor: 'necesario para' },
  yesNo: { yes: 'sí', no: 'no' },
  allergiesLeftOut: (why, names) => allergiesLeftOutSentence(why, names, 'es'),
  noneConfirmedThisYear: 'Ninguno confirmado por una fuente en el último año.',
  notConfirmedForAYear: 'Figuraba como actual, pero ninguna fuente lo ha confirmado desde hace más de un año: compruébelo',
  showingMostRecent: (shown, total) => `Se muestran los ${shown} más recientes de ${total}.`,
  pageOf: { page: 'Página', of: 'de' },
  leftOut: (count) => (count === 1 ? 'Quien imprimió este resumen omitió 1 elemento.' : `Quien imprimió este resumen omitió ${count} elementos.`),
  myNotes: 'Mis notas',
  vitalSigns: 'Últimos signos vitales',
  bloodPressure: 'Presión arterial',
  systolic: 'sistólica',
  diastolic: 'diastólica',
};

export const SUMMARY_STRINGS: Record<SummaryLanguage, SummaryStrings> = { en, es };

export function stringsFor(language: SummaryLanguage): SummaryStrings {
  return SUMMARY_STRINGS[language];
}

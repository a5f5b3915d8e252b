// The emergency card's own labels; the rest (allergies, doses, "every 8 h", flags) are the
// visit summary's, so the two printouts never word one thing two ways.

import type { SummaryLanguage } from '../summary/strings.ts';

export interface CardStrings {
  title: string;
  walletTitle: string;
  bloodType: string;
  contacts: string;
  noContacts: string;
  noAllergies: string;
  noMedications: string;
  noProblems: string;
  criticality: string;
  continued: string;
  /** "Printed 6 Dec 2026 from records kept in Chartkeeper: …" */
  footer: (date: string) => string;
  walletHowTo: string;
  bloodTypeFrom: (date: string, provider: string) => string;
}

const en: CardStrings = {
  title: 'Emergency medical information',
  walletTitle: 'Emergency medical card',
  bloodType: 'Blood type',
  contacts: 'In an emergency, call',
  noContacts: 'No emergency contact entered.',
  noAllergies: 'No allergies recorded (this does not mean there are none).',
  noMedications: 'No current medications recorded.',
  noProblems: 'No active problems recorded.',
  criticality: 'risk',
  continued: 'continued',
  footer: (date) =>
    `Printed ${date} from the health records kept in Chartkeeper. It may be incomplete or out of date: check with the person or their care team.`,
  walletHowTo:
    'Print at actual size (100%). Cut out each row along the solid line and fold it in half along the dashed line: each row makes one card of 85.6 × 54 mm.',
  bloodTypeFrom: (date, provider) => [date, provider].filter(Boolean).join(', '),
};

const es: CardStrings = {
  title: 'Información médica de emergencia',
  walletTitle: 'Tarjeta médica de emergencia',
  bloodType: 'Grupo sanguíneo',
  contacts: 'En caso de emergencia, llamar a',
  noContacts: 'No se ha indicado ningún contacto de emergencia.',
  noAllergies: 'No hay alergias registradas (esto no significa que no existan).',
  noMedications: 'No hay medicamentos actuales registrados.',
  noProblems: 'No hay problemas activos registrados.',
  criticality: 'riesgo',
  continued: 'continuación',
  footer: (date) =>
    `Impreso el ${date} a partir de los registros de salud guardados en Chartkeeper. Puede estar incompleto o desactualizado: compruébelo con la persona o su equipo de atención.`,
  walletHowTo:
    'Imprima a tamaño real (100 %). Recorte cada fila por la línea continua y dóblela por la mitad por la línea discontinua: cada fila forma una tarjeta de 85,6 × 54 mm.',
  bloodTypeFrom: (date, provider) => [date, provider].filter(Boolean).join(', '),
};

export const CARD_STRINGS: Record<SummaryLanguage, CardStrings> = { en, es };

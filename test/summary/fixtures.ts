// A realistic, hand-written test record builder for the visit packet: StoredEntry objects as
// the vault returns them (reconciled entries with provenance). Two people, so tests can check
// that one person's packet never shows the other's data. Codes are real code systems with
// plausible codes; every person, clinic and value here is invented.

import type { Code, EntryDetails, EntryKind, RecordDraft, StoredEntry } from '../../main/records/model.ts';
import { DEFAULT_SECTIONS, type VisitSummaryInput } from '../../main/summary/build.ts';

export interface SourceInfo {
  sourceId: number;
  provider: string;
  fileName: string;
  documentDate: string;
}

type EntryFields = Partial<Omit<RecordDraft, 'kind' | 'title' | 'details'>> & { details?: EntryDetails };

/** Hands out StoredEntry objects with increasing ids, all from one source file. */
export class EntryBuilder {
  private nextId: number;
  private readonly source: SourceInfo;
  readonly entries: StoredEntry[] = [];

  constructor(firstId: number, source: SourceInfo) {
    this.nextId = firstId;
    this.source = source;
  }

  add(kind: EntryKind, title: string, fields: EntryFields = {}): StoredEntry {
    const draft: RecordDraft = { kind, title, codes: [], ...fields, details: { ...fields.details } };
    const entry: StoredEntry = {
      ...draft,
      id: this.nextId++,
      manual: false,
      possibleDuplicates: [],
      sources: [
        {
          sourceId: this.source.sourceId,
          provider: this.source.provider,
          format: 'ccda',
          fileName: this.source.fileName,
          documentDate: this.source.documentDate,
          importedAt: '2025-03-01T10:15:00Z',
          original: structuredClone(draft),
        },
      ],
    };
    this.entries.push(entry);
    return entry;
  }

  medication(title: string, rxnorm: string, details: EntryDetails, fields: EntryFields = {}): StoredEntry {
    return this.add('medication', title, { codes: [code('RXNORM', rxnorm, title)], status: 'active', ...fields, details });
  }

  allergy(substance: string, reactions: string[], severity: string, fields: EntryFields = {}): StoredEntry {
    return this.add('allergy', `Allergy to ${substance.toLowerCase()}`, {
      status: 'active',
      ...fields,
      details: { substance, reactions, severity, allergyType: 'drug or other substance' },
    });
  }

  problem(title: string, snomed: string, start: string, fields: EntryFields = {}): StoredEntry {
    return this.add('problem', title, { codes: [code('SNOMED', snomed, title)], status: 'active', start, ...fields });
  }

  /** A numeric result with its unit, reference range and (optional) flag. */
  result(
    title: string,
    loinc: string,
    date: string,
    value: number,
    unit: string,
    range: { low?: number; high?: number },
    interpretation?: string,
  ): StoredEntry {
    return this.add('result', title, {
      codes: [code('LOINC', loinc, title)],
      status: 'completed',
      start: date,
      value: { number: value, text: String(value), unit },
      referenceRange: { ...range, unit },
      interpretation,
      details: { panel: 'Chemistry', specimen: 'Blood' },
    });
  }

  immunization(title: string, cvx: string, date: string, fields: EntryFields = {}): StoredEntry {
    return this.add('immunization', title, { codes: [code('CVX', cvx, title)], status: 'completed', start: date, ...fields });
  }

  encounter(title: string, date: string, location: string, performers: string[]): StoredEntry {
    return this.add('encounter', title, {
      codes: [code('CPT', '99214', 'Office visit')],
      status: 'completed',
      start: date,
      details: { location, performers, encounterType: 'Office visit' },
    });
  }

  procedure(title: string, snomed: string, date: string, location: string): StoredEntry {
    return this.add('procedure', title, {
      codes: [code('SNOMED', snomed, title)],
      status: 'completed',
      start: date,
      details: { location },
    });
  }
}

export function code(system: string, value: string, display?: string): Code {
  return display === undefined ? { system, code: value } : { system, code: value, display };
}

export const PRINTED_ON = '2025-03-14';

/**
 * Margaret: a typical older adult's record — 13 medications (11 current), 6 allergies
 * (5 current), 12 problems (10 active), 20 results over 8 tests, immunizations, a dozen visits.
 */
export function margaretRecord(): { person: VisitSummaryInput['person']; entries: StoredEntry[] } {
  const b = new EntryBuilder(1000, {
    sourceId: 11,
    provider: 'Riverside Family Medicine',
    fileName: 'whitfield-ccd-2025-03.xml',
    documentDate: '2025-03-01',
  });

  b.medication('Metformin 500 mg tablet', '861007', {
    dose: '500 mg',
    route: 'by mouth',
    frequency: 'twice a day',
    instructions: 'Take with breakfast and supper.',
  });
  b.medication('Lisinopril 10 mg tablet', '314076', { dose: '10 mg', route: 'by mouth', frequency: 'once a day' });
  b.medication('Atorvastatin 40 mg tablet', '617311', { dose: '40 mg', route: 'by mouth', frequency: 'at bedtime' });
  b.medication('Levothyroxine 75 mcg tablet', '966222', {
    dose: '75 mcg',
    route: 'by mouth',
    frequency: 'once a day',
    instructions: 'Empty stomach, 30 minutes before breakfast.',
  });
  b.medication('Amlodipine 5 mg tablet', '197361', { dose: '5 mg', route: 'by mouth', frequency: 'once a day' });
  b.medication('Aspirin 81 mg delayed-release tablet', '243670', { dose: '81 mg', route: 'by mouth', frequency: 'once a day' });
  b.medication('Omeprazole 20 mg capsule', '402014', { dose: '20 mg', route: 'by mouth', frequency: 'before breakfast' });
  b.medication('Furosemide 20 mg tablet', '310429', { dose: '20 mg', route: 'by mouth', frequency: 'every morning' });
  b.medication('Donepezil 5 mg tablet', '997223', { dose: '5 mg', route: 'by mouth', frequency: 'at bedtime' });
  // No status and no end date: still taken.
  b.medication('Cholecalciferol 1000 unit tablet', '316965', { dose: '1000 units', route: 'by mouth', frequency: 'once a day' }, {
    status: undefined,
    start: '2019-05',
  });
  // No status, end date in the future: a short course still running on the printing date.
  b.medication('Prednisone 10 mg tablet', '312617', { dose: '10 mg', route: 'by mouth', frequency: 'once a day' }, {
    status: undefined,
    start: '2025-03-10',
    end: '2025-03-20',
  });
  // Stopped, and ended: must not appear.
  b.medication('Glipizide 5 mg tablet', '310488', { dose: '5 mg', route: 'by mouth', frequency: 'once a day' }, {
    status: 'stopped',
    start: '2018-01-10',
    end: '2023-06-01',
  });
  b.medication('Amoxicillin 500 mg capsule', '308191', { dose: '500 mg', route: 'by mouth', frequency: 'three times a day' }, {
    status: undefined,
    start: '2024-11-10',
    end: '2024-11-20',
  });

  b.allergy('Penicillin', ['Hives'], 'Moderate');
  b.allergy('Sulfamethoxazole', ['Rash'], 'Mild');
  b.allergy('Codeine', ['Nausea', 'Vomiting'], 'Moderate');
  b.allergy('Shellfish', ['Anaphylaxis'], 'Severe');
  b.allergy('Latex', ['Contact dermatitis'], 'Mild');
  b.allergy('Egg protein', ['Stomach ache'], 'Mild', { status: 'resolved' });

  b.problem('Type 2 diabetes mellitus', '44054006', '2012-03');
  b.problem('Essential hypertension', '59621000', '2008');
  b.problem('Hyperlipidemia', '55822004', '2010-06-15');
  b.problem('Hypothyroidism', '40930008', '2015-09');
  b.problem('Chronic kidney disease stage 3a', '700378005', '2021-11-02');
  b.problem('Osteoarthritis of knee', '239873007', '2017');
  b.problem('Gastroesophageal reflux disease', '235595009', '2016-04');
  b.problem('Mild cognitive impairment', '386805003', '2023-02-20');
  b.problem('Heart failure with preserved ejection fraction', '446221000', '2022-07');
  b.problem('Osteoporosis', '64859006', '2020-10-05');
  b.problem('Community acquired pneumonia', '385093006', '2023-01-04', { status: 'resolved', end: '2023-02-01' });
  b.problem('Urinary tract infection', '68566005', '2024-02-02', { status: undefined, end: '2024-02-16' });

  const a1c = { low: 4.0, high: 5.6 };
  b.result('Hemoglobin A1c', '4548-4', '2024-03-10', 7.8, '%', a1c, 'H');
  b.result('Hemoglobin A1c', '4548-4', '2024-06-12', 7.4, '%', a1c, 'H');
  b.result('Hemoglobin A1c', '4548-4', '2024-09-15', 7.1, '%', a1c, 'H');
  b.result('Hemoglobin A1c', '4548-4', '2025-01-20', 6.9, '%', a1c, 'H');
  const creatinine = { low: 0.6, high: 1.1 };
  b.result('Creatinine', '2160-0', '2024-03-10', 1.1, 'mg/dL', creatinine);
  b.result('Creatinine', '2160-0', '2024-09-15', 1.2, 'mg/dL', creatinine, 'H');
  b.result('Creatinine', '2160-0', '2025-01-20', 1.3, 'mg/dL', creatinine, 'H');
  b.result('eGFR', '62238-1', '2024-09-15', 55, 'mL/min/1.73m2', { low: 60 }, 'L');
  b.result('eGFR', '62238-1', '2025-01-20', 52, 'mL/min/1.73m2', { low: 60 }, 'L');
  b.result('Potassium', '2823-3', '2024-09-15', 4.5, 'mmol/L', { low: 3.5, high: 5.1 });
  b.result('Potassium', '2823-3', '2025-01-20', 4.5, 'mmol/L', { low: 3.5, high: 5.1 });
  b.result('LDL cholesterol', '13457-7', '2024-03-10', 110, 'mg/dL', { high: 100 }, 'H');
  b.result('LDL cholesterol', '13457-7', '2025-01-20', 92, 'mg/dL', { high: 100 });
  b.result('TSH', '3016-3', '2024-06-12', 2.1, 'mIU/L', { low: 0.4, high: 4.0 });
  b.result('TSH', '3016-3', '2025-01-20', 3.4, 'mIU/L', { low: 0.4, high: 4.0 });
  b.result('Hemoglobin', '718-7', '2024-09-15', 12.1, 'g/dL', { low: 12.0, high: 15.5 });
  b.result('Hemoglobin', '718-7', '2025-01-20', 11.8, 'g/dL', { low: 12.0, high: 15.5 }, 'L');
  b.result('Sodium', '2951-2', '2025-01-20', 139, 'mmol/L', { low: 135, high: 145 });
  b.result('Microalbumin/Creatinine ratio', '9318-7', '2024-09-15', 45, 'mg/g', { high: 30 }, 'H');
  b.add('result', 'Urine culture', {
    codes: [code('LOINC', '630-4', 'Bacteria identified in Urine by Culture')],
    status: 'completed',
    start: '2024-02-04',
    value: { text: 'No growth' },
  });

  b.immunization('Influenza vaccine, high dose', '197', '2024-10-02');
  b.immunization('Influenza vaccine, high dose', '197', '2023-10-05');
  b.immunization('Pneumococcal conjugate vaccine 20-valent', '216', '2023-04-11');
  b.immunization('Zoster vaccine, recombinant', '187', '2022-02-01');
  b.immunization('Zoster vaccine, recombinant', '187', '2022-05-03');
  b.immunization('COVID-19 vaccine, 2024-2025 formula', '309', '2024-09-20');
  b.immunization('Tdap vaccine', '115', '2019-07-18');
  b.immunization('Hepatitis B vaccine', '43', '2024-05-01', { status: 'refused', details: { refused: true } });

  b.encounter('Diabetes follow-up', '2025-01-22', 'Riverside Family Medicine', ['Dr. Alicia Moreno']);
  b.encounter('Cardiology follow-up', '2024-11-04', 'Lakeside Heart Center', ['Dr. Samuel Ortiz']);
  b.encounter('Annual wellness visit', '2024-10-02', 'Riverside Family Medicine', ['Dr. Alicia Moreno']);
  b.encounter('Ophthalmology consult', '2024-07-30', 'Clearview Eye Associates', ['Dr. Priya Nair']);
  b.encounter('Memory clinic visit', '2024-06-18', 'Northside Neurology', ['Dr. Helen Park']);
  b.encounter('Diabetes follow-up', '2024-06-12', 'Riverside Family Medicine', ['Dr. Alicia Moreno']);
  b.encounter('Nephrology consult', '2024-04-09', 'Riverside Kidney Care', ['Dr. Omar Haddad']);
  b.encounter('Diabetes follow-up', '2024-03-10', 'Riverside Family Medicine', ['Dr. Alicia Moreno']);
  b.encounter('Urgent care visit', '2024-02-02', 'QuickCare Main Street', ['Jordan Lee, NP']);
  b.encounter('Annual wellness visit', '2023-10-05', 'Riverside Family Medicine', ['Dr. Alicia Moreno']);
  b.encounter('Cardiology follow-up', '2023-05-16', 'Lakeside Heart Center', ['Dr. Samuel Ortiz']);
  b.encounter('Hospital admission for pneumonia', '2023-01-04', 'St. Clare Hospital', ['Dr. Ravi Shah']);

  b.procedure('Cataract extraction, right eye', '110473004', '2024-08-22', 'Clearview Eye Associates');
  b.procedure('Transthoracic echocardiogram', '433236007', '2024-11-04', 'Lakeside Heart Center');
  b.procedure('Corticosteroid injection of left knee', '231068003', '2025-01-10', 'Riverside Family Medicine');
  b.procedure('Screening colonoscopy', '73761001', '2021-05-12', 'St. Clare Hospital');

  return {
    person: { name: 'Margaret A. Whitfield', birthDate: '1950-01-31', sex: 'female' },
    entries: b.entries,
  };
}

/** Tomás: a younger adult with a short record, kept in the same vault as Margaret. */
export function tomasRecord(): { person: VisitSummaryInput['person']; entries: StoredEntry[] } {
  const b = new EntryBuilder(5000, {
    sourceId: 21,
    provider: 'Harbor Urgent Care',
    fileName: 'herrera-bluebutton.xml',
    documentDate: '2025-02-10',
  });
  b.medication('Sertraline 50 mg tablet', '312940', { dose: '50 mg', route: 'by mouth', frequency: 'once a day' });
  b.medication('Albuterol 90 mcg inhaler', '745679', {
    dose: '2 puffs',
    route: 'inhaled',
    frequency: 'every 4 hours as needed',
  });
  b.medication('Montelukast 10 mg tablet', '997488', { dose: '10 mg', route: 'by mouth', frequency: 'at bedtime' });
  b.allergy('Ibuprofen', ['Bronchospasm'], 'Severe');
  b.problem('Moderate persistent asthma', '427295004', '2001');
  b.problem('Major depressive disorder, recurrent', '66344007', '2019-08');
  b.result('Vitamin D 25-hydroxy', '1989-3', '2024-12-02', 18, 'ng/mL', { low: 30, high: 100 }, 'L');
  b.result('Vitamin D 25-hydroxy', '1989-3', '2025-02-10', 27, 'ng/mL', { low: 30, high: 100 }, 'L');
  b.result('Eosinophils', '711-2', '2025-02-10', 0.61, '10*3/uL', { high: 0.5 }, 'H');
  b.immunization('Influenza vaccine', '150', '2024-11-15');
  b.encounter('Pulmonology follow-up', '2025-02-10', 'Harbor Lung Clinic', ['Dr. Ingrid Solberg']);
  b.encounter('Urgent care visit for wheezing', '2024-12-02', 'Harbor Urgent Care', ['Kwame Mensah, PA']);
  b.procedure('Spirometry', '127783003', '2025-02-10', 'Harbor Lung Clinic');
  return {
    person: { name: 'Tomás Herrera Ruiz', birthDate: '1987-07-04', sex: 'male' },
    entries: b.entries,
  };
}

/** Strings only Tomás's record contains; none may appear in Margaret's packet. */
export const TOMAS_ONLY = [
  'Tomás',
  'Herrera',
  'Sertraline',
  'Albuterol',
  'Montelukast',
  'Ibuprofen',
  'Bronchospasm',
  'asthma',
  'Vitamin D 25-hydroxy',
  'Eosinophils',
  'Harbor',
  'Spirometry',
  'Solberg',
];

/** A complete input for Margaret's packet, ready to adjust per test. */
/** The person's own note, for tests of the "My notes" section. */
export const MY_NOTES = [{ id: 90_001, text: 'Bring the pill organizer.\nAsk about the shingles vaccine.', date: '2025-03-01' }];

export function margaretInput(overrides: Partial<VisitSummaryInput> = {}): VisitSummaryInput {
  const { person, entries } = margaretRecord();
  const metformin = entries.find((e) => e.title.startsWith('Metformin'));
  return {
    person,
    preparedBy: 'Ellen Whitfield (daughter)',
    printedOn: PRINTED_ON,
    language: 'en',
    paper: 'Letter',
    sections: DEFAULT_SECTIONS,
    entries,
    chosenTrendTests: ['4548-4', '2160-0'],
    questions: [
      'Should the metformin dose change now that the A1c is lower?',
      'Is the kidney function drop a reason to stop any medicine?',
      'She has been more tired in the afternoons; could it be the thyroid?',
    ],
    notesForClinician: 'Mom lives alone; I visit every other day.\nShe sometimes forgets the evening donepezil.',
    education: metformin
      ? [
          {
            entryId: metformin.id,
            title: 'Metformin',
            url: 'https://medlineplus.gov/druginfo/meds/a696005.html?utm_source=mplusconnect&utm_medium=service',
          },
        ]
      : [],
    ...overrides,
  };
}

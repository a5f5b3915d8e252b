// Realistic record drafts written for these tests (not copied from any corpus file).

import type { RecordDraft } from '../../main/records/model.ts';

export function draft(fields: Partial<RecordDraft> & Pick<RecordDraft, 'kind' | 'title'>): RecordDraft {
  return { codes: [], details: {}, ...fields };
}

export const metforminClinicA = (): RecordDraft =>
  draft({
    kind: 'medication',
    title: 'Metformin 500 MG Oral Tablet',
    codes: [{ system: 'RXNORM', code: '861007', display: 'metformin hydrochloride 500 MG Oral Tablet' }],
    status: 'active',
    start: '2019-04-02',
    details: { dose: '1 tablet', route: 'Oral', frequency: 'twice daily', prescriber: 'Dr. Ada Lane' },
    narrative: 'Take one tablet by mouth twice daily with meals.',
  });

export const metforminHospitalB = (): RecordDraft =>
  draft({
    kind: 'medication',
    title: 'metformin hydrochloride 500mg tab',
    codes: [
      { system: '2.16.840.1.113883.6.69', code: '00093-1048-01' },
      { system: 'RXNORM', code: '860975' },
    ],
    status: 'active',
    start: '2021-06-10',
    details: { dose: '1 tablet', instructions: 'with food' },
  });

export const glucoseAt = (
  time: string,
  value: number,
  unit = 'mg/dL',
  extra: Partial<RecordDraft> = {},
): RecordDraft =>
  draft({
    kind: 'result',
    title: 'Glucose [Mass/volume] in Serum or Plasma',
    codes: [{ system: 'LOINC', code: '2345-7', display: 'Glucose SerPl-mCnc' }],
    start: time,
    value: { number: value, text: String(value), unit },
    referenceRange: unit === 'mg/dL' ? { low: 70, high: 99, unit: 'mg/dL' } : { low: 3.9, high: 5.5, unit },
    status: 'completed',
    details: { panel: 'Basic metabolic panel' },
    ...extra,
  });

export const fluShot = (date: string, fields: Partial<RecordDraft> = {}): RecordDraft =>
  draft({
    kind: 'immunization',
    title: 'Influenza, seasonal, injectable, preservative free',
    codes: [{ system: 'CVX', code: '140' }],
    start: date,
    status: 'completed',
    details: { manufacturer: 'Sanofi Pasteur' },
    ...fields,
  });

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../main/importers/index.ts';
import type { ImportedDocument, RecordDraft } from '../../../main/records/model.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/ccda');
const read = (name: string): Buffer => readFileSync(path.join(fixtures, name));

function only(document: ImportedDocument, kind: RecordDraft['kind']): RecordDraft[] {
  return document.records.filter((r) => r.kind === kind);
}

describe('C-CDA CCD fixture', () => {
  const parsed = parseFile(read('ccd-full.xml'), 'ccd-full.xml');
  const document = parsed.documents[0] as ImportedDocument;

  it('is detected as C-CDA and yields one document', () => {
    expect(parsed.format).toBe('ccda');
    expect(parsed.documents).toHaveLength(1);
  });

  it('reads the header and patient', () => {
    expect(document.document).toMatchObject({
      title: 'Willow Creek Clinic Health Summary',
      variant: 'CCD',
      date: '2024-03-15T10:15:00-05:00',
      authorOrganization: 'Willow Creek Clinic',
      authorName: 'Dr. Alan Okafor',
      custodian: 'Valley Health HIE',
      type: { system: 'LOINC', code: '34133-9', display: 'Summarization of Episode Note' },
    });
    expect(document.patient).toEqual({
      name: 'Rosa Maria Quintero',
      given: ['Rosa', 'Maria'],
      family: 'Quintero',
      birthDate: '1958-07-04',
      sex: 'female',
      identifiers: [{ system: '2.16.840.1.113883.19.5.99999.2', value: '0012345' }],
    });
  });

  it('maps problems with translations, status and narrative references', () => {
    const [diabetes, sprain] = only(document, 'problem');
    expect(diabetes).toMatchObject({
      title: 'Diabetes mellitus type 2',
      codes: [
        { system: 'SNOMED', code: '44054006', display: 'Diabetes mellitus type 2' },
        { system: 'ICD10CM', code: 'E11.9', display: 'Type 2 diabetes mellitus without complications' },
      ],
      status: 'active',
      start: '2011-03',
      narrative: 'Type 2 diabetes mellitus',
    });
    // nullFlavor value: the name comes from originalText's reference into the narrative.
    expect(sprain).toMatchObject({ title: 'Old ankle sprain, left', codes: [], status: 'resolved', start: '2019', end: '2019-06-01' });
  });

  it('maps medications with RxNorm, NDC translation, dose, route, frequency and prescriber', () => {
    const [metformin] = only(document, 'medication');
    expect(metformin).toMatchObject({
      title: 'Metformin hydrochloride 500 MG Oral Tablet',
      codes: [
        { system: 'RXNORM', code: '861007' },
        { system: 'NDC', code: '00093-1048-01' },
      ],
      status: 'active',
      start: '2011-03-15',
      details: { dose: '1', route: 'Oral', frequency: 'every 12 h', prescriber: 'Alan Okafor' },
      narrative: 'Take 1 tablet twice daily with food',
    });
  });

  it('maps allergies with reaction and severity, and reports a row without substance', () => {
    const [penicillin] = only(document, 'allergy');
    expect(penicillin).toMatchObject({
      title: 'Penicillin G',
      codes: [{ system: 'RXNORM', code: '7980' }],
      start: '1997-05',
      status: 'active',
      details: { substance: 'Penicillin G', reactions: ['Hives'], severity: 'Moderate', allergyType: 'Drug allergy' },
    });
    const skipped = document.problems.filter((p) => p.kind === 'allergies');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.reason).toMatch(/no substance, only narrative/);
    expect(skipped[0]?.reason).toContain('bandage adhesive');
    expect(skipped[0]?.where).toBe('Allergies section, entry 2');
  });

  it('maps immunizations with CVX, lot, manufacturer and refusal', () => {
    const [flu, tdap] = only(document, 'immunization');
    expect(flu).toMatchObject({
      title: 'Influenza, seasonal, injectable',
      codes: [{ system: 'CVX', code: '141' }],
      start: '2023-10-12',
      status: 'completed',
      details: { lotNumber: 'FLU-22-A', manufacturer: 'Example Vaccines Inc' },
    });
    expect(flu?.details.refused).toBeUndefined();
    expect(tdap).toMatchObject({ title: 'Tdap', status: 'refused', start: '2023-10', details: { refused: true, comment: 'Reason: Patient objection' } });
  });

  it('maps one result per observation with value, range, interpretation and panel', () => {
    const [glucose, color] = only(document, 'result');
    expect(glucose).toMatchObject({
      title: 'Glucose [Mass/volume] in Serum or Plasma',
      codes: [{ system: 'LOINC', code: '2345-7' }],
      value: { number: 142, text: '142', unit: 'mg/dL' },
      referenceRange: { low: 70, high: 99, unit: 'mg/dL', text: '70-99' },
      interpretation: 'H',
      start: '2024-03-01T08:30:00-05:00',
      details: { panel: 'Comprehensive metabolic panel', panelCodes: [{ system: 'LOINC', code: '24323-8' }] },
    });
    expect(color).toMatchObject({ title: 'Color of Urine', value: { text: 'Straw' }, start: '2024-03-01T08:30:00-05:00' });
    expect(color?.value?.number).toBeUndefined();
  });

  it('maps vital signs one per observation, taking the organizer date when missing', () => {
    const vitals = only(document, 'vital');
    expect(vitals.map((v) => [v.title, v.value?.number, v.value?.unit, v.start])).toEqual([
      ['Systolic blood pressure', 128, 'mm[Hg]', '2024-03-15T10:00'],
      ['Body weight', 81.2, 'kg', '2024-03-15T10:00'],
    ]);
  });

  it('maps encounters with location, performers and diagnoses', () => {
    const [visit] = only(document, 'encounter');
    expect(visit).toMatchObject({
      title: 'Office outpatient visit 15 minutes',
      codes: [{ system: 'CPT', code: '99213' }],
      start: '2024-03-15T10:00:00-05:00',
      end: '2024-03-15T10:30:00-05:00',
      details: {
        location: 'Willow Creek Clinic, Room 4',
        performers: ['Alan Okafor'],
        diagnoses: [{ system: 'SNOMED', code: '44054006', display: 'Diabetes mellitus type 2' }],
      },
    });
    // The encounter diagnosis is not a second problem-list entry.
    expect(only(document, 'problem')).toHaveLength(2);
  });

  it('maps procedures, social history, family history, coverage and plan', () => {
    expect(only(document, 'procedure')[0]).toMatchObject({ title: 'Colonoscopy', start: '2022-08-09', status: 'completed' });
    expect(only(document, 'social')[0]).toMatchObject({
      title: 'Tobacco smoking status',
      value: { text: 'Never smoker' },
      codes: [{ system: 'LOINC', code: '72166-2' }, { system: 'SNOMED', code: '266919005' }],
    });
    expect(only(document, 'family')[0]).toMatchObject({ title: 'Hypertension', details: { relation: 'Father' } });
    expect(only(document, 'coverage')[0]).toMatchObject({
      title: 'Example Health Plan',
      start: '2024-01-01',
      details: { payer: 'Example Health Plan', memberId: 'MBR-0042', groupId: 'GRP-778' },
    });
    expect(only(document, 'plan')[0]).toMatchObject({ title: 'Hemoglobin A1c', status: 'planned', details: { plannedFor: '2024-06-15' } });
  });

  it('keeps every section with its narrative', () => {
    expect(document.document.sections.map((s) => s.title)).toEqual([
      'Problems', 'Medications', 'Allergies', 'Immunizations', 'Results', 'Vital Signs',
      'Encounters', 'Procedures', 'Social History', 'Family History', 'Payers', 'Plan of Treatment',
    ]);
    const medications = document.document.sections[1];
    expect(medications?.code).toEqual({ system: 'LOINC', code: '10160-0' });
    expect(medications?.narrative[0]).toMatchObject({ tag: 'table' });
  });

  it('counts every entry once: records plus skipped entries per kind', () => {
    const counts: Record<string, number> = {};
    for (const r of document.records) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
    for (const p of document.problems) if (p.kind) counts[`skipped ${p.kind}`] = (counts[`skipped ${p.kind}`] ?? 0) + 1;
    expect(counts).toEqual({
      problem: 2, medication: 1, allergy: 1, 'skipped allergies': 1, immunization: 2, result: 2, vital: 2,
      encounter: 1, procedure: 1, social: 1, family: 1, coverage: 1, plan: 1,
    });
  });
});

describe('HITSP C32 fixture', () => {
  const parsed = parseFile(read('c32-minimal.xml'), 'c32-minimal.xml');
  const document = parsed.documents[0] as ImportedDocument;
  it('is detected as C32 and mapped with the CCD 1.0 templates', () => {
    expect(parsed.format).toBe('c32');
    expect(document.document.variant).toBe('C32');
    expect(document.document.authorOrganization).toBe('Example VA Medical Center');
    expect(document.patient).toMatchObject({ name: 'Sam Reyes', sex: 'male', birthDate: '1945-01' });
    expect(only(document, 'problem')[0]).toMatchObject({
      title: 'Essential hypertension',
      codes: [{ system: 'ICD9CM', code: '401.9' }],
      status: 'active',
      start: '2005',
      narrative: 'Hypertension',
    });
    expect(only(document, 'medication')[0]).toMatchObject({ title: 'Lisinopril 10 MG Oral Tablet', codes: [{ system: 'RXNORM', code: '314076' }], start: '2009-01-01' });
  });
});

describe('Unstructured document', () => {
  it('keeps the nonXMLBody as a base64 attachment', () => {
    const parsed = parseFile(read('unstructured.xml'), 'letter.xml');
    const document = parsed.documents[0] as ImportedDocument;
    expect(document.document.variant).toBe('Unstructured Document');
    expect(document.records).toEqual([]);
    expect(document.document.attachments).toHaveLength(1);
    const attachment = document.document.attachments[0];
    expect(attachment?.mediaType).toBe('text/plain');
    expect(Buffer.from(attachment?.data ?? '', 'base64').toString('utf8')).toBe('Dear Dr. Okafor,\nthank you for the referral.\n');
  });
});

describe('encodings', () => {
  const utf8 = read('ccd-full.xml').toString('utf8').replace('Rosa', 'Rosé');
  const check = (bytes: Uint8Array): void => {
    const document = parseFile(bytes, 'x.xml').documents[0] as ImportedDocument;
    expect(document.patient.given).toEqual(['Rosé', 'Maria']);
    expect(document.patient.identifiers?.[0]?.value).toBe('0012345');
  };
  it('reads UTF-8 with a BOM', () => check(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8, 'utf8')])));
  it('reads UTF-16LE with a BOM', () => check(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8.replace('UTF-8', 'UTF-16'), 'utf16le')])));
  it('reads UTF-16BE with a BOM', () => {
    const le = Buffer.from(utf8.replace('UTF-8', 'UTF-16'), 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1] as number;
      be[i + 1] = le[i] as number;
    }
    check(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  });
  it('reads declared Windows-1252', () => check(Buffer.from(utf8.replace('UTF-8', 'windows-1252'), 'latin1')));
});

// The FHIR importer reads the shapes Chartkeeper's FHIR export writes (family history,
// appointments, notes, questions, local times, abatement, scheduled plans…) and the same
// resources as other systems write them, without mistaking one for the other.
import { describe, expect, it } from 'vitest';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import type { ImportedDocument, RecordDraft } from '../../../main/records/model.ts';

const patient = { resourceType: 'Patient', id: 'p1', name: [{ text: 'Test Person' }] };
const subject = { reference: 'Patient/p1' };
const LOCAL_TIME = 'urn:chartkeeper:fhir:local-time';

function parse(...resources: Record<string, unknown>[]): ImportedDocument {
  const bundle = { resourceType: 'Bundle', type: 'collection', entry: [patient, ...resources].map((resource) => ({ resource })) };
  return parseFhir(bundle).documents[0]!;
}

function one(doc: ImportedDocument, kind: RecordDraft['kind']): RecordDraft {
  const found = doc.records.filter((r) => r.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('local times without a zone', () => {
  it('puts the clock time from the local-time extension back on the date, wherever the date is', () => {
    const doc = parse(
      {
        resourceType: 'Condition',
        id: 'c1',
        code: { text: 'Migraine' },
        subject,
        onsetDateTime: '2024-03-02',
        _onsetDateTime: { extension: [{ url: LOCAL_TIME, valueTime: '07:45:00' }] },
      },
      {
        resourceType: 'Procedure',
        id: 'pr1',
        status: 'completed',
        code: { text: 'Stitches' },
        subject,
        performedPeriod: { start: '2024-03-05', _start: { extension: [{ url: LOCAL_TIME, valueTime: '22:10:00' }] }, end: '2024-03-05T23:00:00Z' },
      },
    );
    expect(one(doc, 'problem').start).toBe('2024-03-02T07:45:00');
    expect(one(doc, 'procedure')).toMatchObject({ start: '2024-03-05T22:10:00', end: '2024-03-05T23:00:00Z' });
  });

  it('ignores other extensions and a time on a value that already has one', () => {
    const doc = parse(
      {
        resourceType: 'Condition',
        id: 'c1',
        code: { text: 'Migraine' },
        subject,
        onsetDateTime: '2024-03-02',
        _onsetDateTime: { extension: [{ url: 'http://example.org/other', valueTime: '07:45:00' }] },
      },
      {
        resourceType: 'Condition',
        id: 'c2',
        code: { text: 'Asthma' },
        subject,
        onsetDateTime: '2024-03-02T08:00:00Z',
        _onsetDateTime: { extension: [{ url: LOCAL_TIME, valueTime: '07:45:00' }] },
      },
    );
    expect(doc.records.map((r) => r.start)).toEqual(['2024-03-02', '2024-03-02T08:00:00Z']);
  });
});

describe('codes', () => {
  it('keeps an unknown urn:oid system as its bare OID, as the C-CDA importer does, and names known ones', () => {
    const doc = parse({
      resourceType: 'Procedure',
      id: 'pr1',
      status: 'completed',
      code: {
        coding: [
          { system: 'urn:oid:2.16.840.1.113883.19.5', code: 'X1' },
          { system: 'urn:oid:2.16.840.1.113883.6.96', code: '80146002' },
          { system: 'http://www.cms.gov/Medicare/Coding/ICD10', code: '0DTJ4ZZ' },
        ],
        text: 'Appendectomy',
      },
      subject,
    });
    expect(one(doc, 'procedure').codes.map((c) => `${c.system}|${c.code}`)).toEqual([
      '2.16.840.1.113883.19.5|X1',
      'SNOMED|80146002',
      'ICD10PCS|0DTJ4ZZ',
    ]);
  });
});

describe('FamilyMemberHistory', () => {
  it('gives one family entry per condition, with the relation as written and the onset age', () => {
    const doc = parse({
      resourceType: 'FamilyMemberHistory',
      id: 'f1',
      status: 'completed',
      patient: subject,
      date: '2011-03-18T17:49:10+00:00',
      relationship: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'FTH', display: 'FATHER' }] },
      condition: [
        { code: { coding: [{ system: 'http://snomed.info/sct', code: '22298006', display: 'Myocardial infarction' }] }, onsetAge: { value: 61, unit: 'yr' } },
        { code: { text: 'Gout' }, note: [{ text: 'Mild.' }] },
      ],
    });
    const family = doc.records.filter((r) => r.kind === 'family');
    expect(family.map((r) => [r.title, r.details.relation, r.details.onsetAge, r.details.comment, r.start, r.status])).toEqual([
      ['Myocardial infarction', 'FATHER', { value: 61, unit: 'yr' }, undefined, '2011-03-18T17:49:10+00:00', 'completed'],
      ['Gout', 'FATHER', undefined, 'Mild.', '2011-03-18T17:49:10+00:00', 'completed'],
    ]);
    expect(family[0]!.codes).toEqual([{ system: 'SNOMED', code: '22298006', display: 'Myocardial infarction' }]);
    expect(doc.problems).toEqual([]);
  });

  it('reports an entry that names no condition as a skipped family entry', () => {
    const doc = parse({ resourceType: 'FamilyMemberHistory', id: 'f2', status: 'completed', patient: subject, relationship: { text: 'Sister' } });
    expect(doc.records).toEqual([]);
    expect(doc.problems).toEqual([expect.objectContaining({ kind: 'family', reason: 'A family history entry for Sister names no condition.' })]);
  });
});

describe('Appointment', () => {
  it('takes the place from a Location, the people from practitioners, and leaves the patient out', () => {
    const doc = parse(
      { resourceType: 'Location', id: 'l1', name: 'North Clinic, Room 4' },
      { resourceType: 'Practitioner', id: 'dr1', name: [{ given: ['Ana'], family: 'Silva' }] },
      {
        resourceType: 'Appointment',
        id: 'a1',
        status: 'booked',
        serviceType: [{ coding: [{ system: 'http://snomed.info/sct', code: '394814009', display: 'General practice' }] }],
        start: '2025-02-03T10:00:00-05:00',
        end: '2025-02-03T10:20:00-05:00',
        comment: 'Fasting.',
        participant: [
          { actor: subject, status: 'accepted' },
          { actor: { reference: 'Practitioner/dr1' }, status: 'accepted' },
          { actor: { reference: 'Location/l1' }, status: 'accepted' },
        ],
      },
    );
    expect(one(doc, 'appointment')).toMatchObject({
      title: 'General practice',
      status: 'planned',
      codes: [{ system: 'SNOMED', code: '394814009' }],
      details: { plannedFor: '2025-02-03T10:00:00-05:00', location: 'North Clinic, Room 4', performers: ['Ana Silva'], comment: 'Fasting.' },
    });
  });

  it('reads a requested day when the appointment has no start', () => {
    const doc = parse({ resourceType: 'Appointment', id: 'a2', status: 'proposed', description: 'Physio', requestedPeriod: [{ start: '2025-03' }], participant: [{ actor: subject, status: 'accepted' }] });
    expect(one(doc, 'appointment')).toMatchObject({ title: 'Physio', details: { plannedFor: '2025-03' } });
  });
});

describe('Communication and CommunicationRequest', () => {
  const category = (code: string) => [{ coding: [{ system: 'urn:chartkeeper:fhir:entry-kind', code }] }];

  it('reads a Chartkeeper note and question: title, comment and narrative from the payload', () => {
    const doc = parse(
      {
        resourceType: 'Communication',
        id: 'n1',
        status: 'completed',
        category: category('note'),
        text: { status: 'additional', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Seen at 3 &amp; 5 pm</p></div>' },
        sent: '2024-05-30',
        payload: [{ contentString: 'Knee hurts\n\nWorse on stairs.\n\nSeen at 3 & 5 pm' }],
      },
      {
        resourceType: 'CommunicationRequest',
        id: 'q1',
        status: 'completed',
        category: category('question'),
        authoredOn: '2024-06-01',
        occurrenceDateTime: '2024-06-12',
        payload: [{ contentString: 'Is the knee brace needed?' }],
      },
    );
    expect(one(doc, 'note')).toMatchObject({ title: 'Knee hurts', start: '2024-05-30', narrative: 'Seen at 3 & 5 pm', details: { comment: 'Worse on stairs.' } });
    expect(one(doc, 'question')).toMatchObject({ title: 'Is the knee brace needed?', status: 'completed', start: '2024-06-01', details: { plannedFor: '2024-06-12' } });
  });

  it('does not take messages between other parties for the person’s notes or questions', () => {
    const doc = parse(
      { resourceType: 'Communication', id: 'm1', status: 'completed', subject, payload: [{ contentString: 'Prior authorization approved' }] },
      { resourceType: 'CommunicationRequest', id: 'm2', status: 'draft', subject, payload: [{ contentString: 'Send the biopsy report' }] },
    );
    expect(doc.records).toEqual([]);
    expect(doc.problems.map((p) => p.reason)).toEqual([
      '1 Communication entry was not imported because Chartkeeper does not read that kind of entry yet.',
      '1 CommunicationRequest entry was not imported because Chartkeeper does not read that kind of entry yet.',
    ]);
  });
});

describe('facts outside the main elements', () => {
  it('reads the allergy abatement extension as its end, and Immunization.doseQuantity as its dose', () => {
    const doc = parse(
      {
        resourceType: 'AllergyIntolerance',
        id: 'al1',
        extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/allergyintolerance-abatement', valueDateTime: '2019-04-02' }],
        code: { text: 'Latex' },
        patient: subject,
      },
      { resourceType: 'Immunization', id: 'i1', status: 'completed', vaccineCode: { text: 'Tdap' }, patient: subject, occurrenceDateTime: '2022-01-04', doseQuantity: { value: 0.5, unit: 'mL' } },
    );
    expect(one(doc, 'allergy').end).toBe('2019-04-02');
    expect(one(doc, 'immunization').details.dose).toBe('0.5 mL');
  });

  it('reads Encounter.diagnosis codes in rank order and no encounter type from a null flavour class', () => {
    const doc = parse({
      resourceType: 'Encounter',
      id: 'e1',
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor', code: 'UNK' },
      subject,
      contained: [
        { resourceType: 'Condition', id: 'd1', code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'J06.9' }] }, subject },
        { resourceType: 'Condition', id: 'd2', code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'R50.9' }] }, subject },
      ],
      diagnosis: [
        { condition: { reference: '#d2' }, rank: 2 },
        { condition: { reference: '#d1' }, rank: 1 },
      ],
      period: { start: '2024-01-10' },
    });
    const visit = one(doc, 'encounter');
    expect(visit.title).toBe('Visit');
    expect(visit.details.encounterType).toBeUndefined();
    expect(visit.details.diagnoses?.map((c) => c.code)).toEqual(['J06.9', 'R50.9']);
  });

  it('reads Condition.asserter and a care plan’s scheduled activity', () => {
    const doc = parse(
      { resourceType: 'Condition', id: 'c1', code: { text: 'Gout' }, subject, asserter: { display: 'Dr. Lee' } },
      { resourceType: 'CarePlan', id: 'cp1', status: 'active', intent: 'plan', title: 'Recheck uric acid', subject, activity: [{ detail: { status: 'scheduled', scheduledPeriod: { start: '2024-09-01' } } }] },
    );
    expect(one(doc, 'problem').details.performers).toEqual(['Dr. Lee']);
    expect(one(doc, 'plan').details.plannedFor).toBe('2024-09-01');
  });

  it('reads functional-status Observations as functional entries', () => {
    const doc = parse({
      resourceType: 'Observation',
      id: 'o1',
      status: 'final',
      category: [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-category', code: 'functional-status' }] }],
      code: { text: 'Dresses without help' },
      subject,
      valueString: 'Yes',
    });
    expect(one(doc, 'functional')).toMatchObject({ title: 'Dresses without help', value: { text: 'Yes' } });
  });
});

describe('grouping Observations', () => {
  const member = { resourceType: 'Observation', id: 'w1', status: 'final', code: { text: 'Body weight' }, subject, valueQuantity: { value: 70, unit: 'kg' } };
  const group = (ref: string) => ({ resourceType: 'Observation', id: 'g1', status: 'final', code: { text: 'Vital signs' }, subject, hasMember: [{ reference: ref }] });

  it('is structure, not a skipped entry, when its members are in the file', () => {
    const doc = parse(member, group('Observation/w1'));
    expect(doc.records.map((r) => [r.title, r.details.panel])).toEqual([['Body weight', 'Vital signs']]);
    expect(doc.problems).toEqual([]);
  });

  it('is reported when none of its members is in the file', () => {
    const doc = parse(group('Observation/elsewhere'));
    expect(doc.records).toEqual([]);
    expect(doc.problems).toEqual([expect.objectContaining({ kind: 'results', reason: '"Vital signs" is a panel heading whose results are not in this file.' })]);
  });
});

// What a clinician's check of an Epic IPS and a Da Vinci PDex bundle found dropped: an IPS
// section left empty because nothing is known ("No known active allergies") said nothing in
// the record, and a US Core assessment-and-plan that lives only in its narrative was skipped
// as having "no title, category or activity". The fixture below reproduces both patterns.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFhir } from '../../../main/importers/fhir/index.ts';

const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');
const haveCorpus = fs.existsSync(path.join(corpus, 'MANIFEST.tsv'));

const LOINC = 'http://loinc.org';
const EMPTY = 'http://terminology.hl7.org/CodeSystem/list-empty-reason';
const div = (text: string, status = 'generated') => ({ status, div: `<div xmlns="http://www.w3.org/1999/xhtml">${text}</div>` });
const emptyReason = (code: string, text: string) => ({ coding: [{ system: EMPTY, code }], text });
const section = (code: string, title: string, extra: object) => ({ title, code: { coding: [{ system: LOINC, code }] }, ...extra });

function bundle(): object {
  const resources = [
    { resourceType: 'Patient', id: 'p', name: [{ family: 'Nadie', given: ['Nora'] }], birthDate: '1960-03-04' },
    {
      resourceType: 'Composition',
      id: 'ips',
      status: 'final',
      type: { coding: [{ system: LOINC, code: '60591-5' }] },
      subject: { reference: 'Patient/p' },
      date: '2025-01-15T19:27:32Z',
      title: 'Patient summary',
      section: [
        section('48765-2', 'Allergies', { text: div('<p class="emptyReason">No known active allergies</p>'), emptyReason: emptyReason('nilknown', 'Nil Known') }),
        section('10160-0', 'Medications', { text: div('<p>Not on file</p>'), emptyReason: emptyReason('notasked', 'Not Asked') }),
        section('11450-4', 'Problems', { emptyReason: emptyReason('nilknown', 'Nil Known') }),
        section('11369-6', 'Immunizations', { text: div('<p>Unavailable</p>'), emptyReason: emptyReason('unavailable', 'Unavailable') }),
        section('30954-2', 'Results', { text: div('<p>None known</p>'), emptyReason: emptyReason('nilknown', 'Nil Known') }),
      ],
    },
    {
      resourceType: 'CarePlan',
      id: 'ap',
      text: div('<strong>Assessment</strong><ol><li>Uncontrolled diabetes.</li></ol><table><tr><th>Planned Activity</th><th>Planned Date</th></tr><tr><td>Re-evaluation</td><td>February 21, 2025</td></tr></table>', 'additional'),
      status: 'active',
      intent: 'order',
      category: [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category', code: 'assess-plan' }] }],
      subject: { reference: 'Patient/p' },
    },
    {
      resourceType: 'CarePlan',
      id: 'bare',
      text: div('CarePlan bare'),
      status: 'active',
      intent: 'order',
      category: [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category', code: 'assess-plan' }] }],
      subject: { reference: 'Patient/p' },
    },
  ];
  return { resourceType: 'Bundle', type: 'document', timestamp: '2025-01-16T08:00:00Z', entry: resources.map((resource) => ({ resource })) };
}

describe('what an IPS section and a US Core plan say without entries', () => {
  const doc = parseFhir(bundle()).documents[0]!;

  it('keeps a section empty because nothing is known as the document’s "none known" statement, in its own words', () => {
    expect(doc.document.statements).toEqual([
      { kind: 'allergies', date: '2025-01-15T19:27:32Z', text: 'No known active allergies' },
      { kind: 'problems', date: '2025-01-15T19:27:32Z', text: 'Nil Known' },
    ]);
    expect(doc.problems).toContainEqual({
      kind: 'allergies',
      reason: 'The document states no known allergies ("No known active allergies"); that is kept with the document, not as an entry.',
      where: 'Composition/ips',
    });
    expect(doc.records.filter((r) => r.kind === 'allergy' || r.kind === 'problem')).toEqual([]);
  });

  it('reads "not asked" and "unavailable" as saying nothing either way', () => {
    const kinds = doc.document.statements?.map((s) => s.kind);
    expect(kinds).not.toContain('medications');
    expect(kinds).not.toContain('immunizations');
    expect(kinds).not.toContain('results');
  });

  it('keeps a plan that is only its narrative, with the narrative, and still skips one that says nothing', () => {
    const plan = doc.records.find((r) => r.sourceLocation === 'CarePlan/ap');
    expect(plan).toMatchObject({ kind: 'plan', title: 'Care plan', status: 'active' });
    expect(plan!.narrative).toBe('Assessment\nUncontrolled diabetes.\nPlanned Activity Planned Date\nRe-evaluation February 21, 2025');
    expect(doc.records.find((r) => r.sourceLocation === 'CarePlan/bare')).toBeUndefined();
    expect(doc.problems).toContainEqual({ kind: 'plans', reason: 'A care plan has no title, named category, activity or narrative of its own.', where: 'CarePlan/bare' });
  });
});

describe.skipIf(!haveCorpus)('the corpus file where the plan was found', () => {
  it('pdex_bundle_patient_999.json: the assessment and plan that is only narrative is kept', () => {
    const file = path.join(corpus, 'fhir-r4/inferno-reference-server-data/pdex_bundle_patient_999.json');
    const doc = parseFhir(JSON.parse(fs.readFileSync(file, 'utf8'))).documents[0]!;
    const plan = doc.records.find((r) => r.sourceLocation === 'CarePlan/pdex-CarePlan')!;
    expect(plan.title).toBe('Care plan');
    expect(plan.narrative).toContain('Leg paralysis leading to inactivity.');
    expect(plan.narrative).toContain('Re-evaluation');
    expect(plan.narrative).toContain('February 21, 2025');
  });
});

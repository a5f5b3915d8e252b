// A FHIR CareTeam is kept with its document as a section (main/importers/fhir/care-team.ts):
// every participant's name, role, organisation and period in the source's words.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import { sayTitle } from '../../../main/records/readable/titles.ts';

const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');
const usCore = path.join(corpus, 'fhir-r4/hl7-us-core/missing-coded-data-example.json');
const synthea = path.join(corpus, 'fhir-r4/inferno-reference-server-data/uscore_bundle_patient_85.json');

const bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { resource: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Example', given: ['Rosa'] }], birthDate: '1941-03-02' } },
    { resource: { resourceType: 'Practitioner', id: 'dr', name: [{ prefix: ['Dr.'], given: ['Ana'], family: 'Chen' }] } },
    { resource: { resourceType: 'Organization', id: 'org', name: 'Riverside Clinic' } },
    {
      resource: {
        resourceType: 'CareTeam',
        id: 'team',
        status: 'active',
        name: 'Heart failure team',
        subject: { reference: 'Patient/p1' },
        period: { start: '2023-01-10' },
        managingOrganization: [{ reference: 'Organization/org' }],
        reasonCode: [{ text: 'Chronic heart failure' }],
        participant: [
          { role: [{ text: 'Cardiologist' }], member: { reference: 'Practitioner/dr' }, onBehalfOf: { reference: 'Organization/org' }, period: { start: '2023-01-10', end: '2024-06-30' } },
          { role: [{ coding: [{ system: 'http://snomed.info/sct', code: '133932002', display: 'Caregiver (person)' }] }], member: { display: 'Ruth Example' } },
          { role: [{ text: 'Home nurse' }] },
        ],
      },
    },
    { resource: { resourceType: 'CareTeam', id: 'empty', status: 'active', subject: { reference: 'Patient/p1' } } },
  ],
};

describe('care teams', () => {
  it('keeps each participant with role, organisation and period, and the team’s own facts, as a section of the document', () => {
    const doc = parseFhir(structuredClone(bundle)).documents[0]!;
    expect(doc.document.sections).toEqual([
      {
        title: 'Care team: Heart failure team',
        narrative: [
          { tag: 'paragraph', children: ['active · 2023-01-10 – … · Riverside Clinic · Chronic heart failure'] },
          {
            tag: 'list',
            children: [
              { tag: 'item', children: ['Dr. Ana Chen (Cardiologist) · Riverside Clinic · 2023-01-10 – 2024-06-30'] },
              { tag: 'item', children: ['Ruth Example (Caregiver (person))'] },
              { tag: 'item', children: ['Home nurse'] },
            ],
          },
        ],
      },
    ]);
    // No entry is made of a team; one with nothing to say is named as not read, never dropped in silence.
    expect(doc.records).toEqual([]);
    expect(doc.problems.map((p) => p.notice)).toEqual([{ kind: 'not-read', resourceType: 'CareTeam', count: 1 }]);
  });

  it('the section title is said in the reader’s language, the team’s name as written', () => {
    expect(sayTitle('Care team: Heart failure team', 'es')).toBe('Equipo de atención: Heart failure team');
    expect(sayTitle('Care team', 'es')).toBe('Equipo de atención');
  });

  it.skipIf(!fs.existsSync(usCore))('US Core’s example keeps its four participants, the unknown role as the source says it', () => {
    const doc = parseFhir(JSON.parse(fs.readFileSync(usCore, 'utf8'))).documents[0]!;
    const team = doc.document.sections.find((s) => s.title.startsWith('Care team'));
    expect(JSON.stringify(team)).toContain('Kathy Fielding, MD (Primary care provider)');
    expect(JSON.stringify(team)).toContain('Sarah van Putten (Caregiver (person))');
    expect(doc.problems.some((p) => p.notice?.kind === 'not-read' && p.notice.resourceType === 'CareTeam')).toBe(false);
  });

  it.skipIf(!fs.existsSync(synthea))('Synthea’s care teams each become a section with their period and reason', () => {
    const sections = parseFhir(JSON.parse(fs.readFileSync(synthea, 'utf8'))).documents[0]!.document.sections.filter((s) => s.title === 'Care team');
    expect(sections.length).toBeGreaterThan(3);
    expect(JSON.stringify(sections[0])).toContain('Fracture of clavicle');
    expect(JSON.stringify(sections[0])).toContain('Dr. Willena258 Oberbrunner298 (Healthcare professional (occupation))');
  });
});

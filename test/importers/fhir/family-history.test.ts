// FHIR FamilyMemberHistory (main/importers/fhir/family.ts): what the source says beyond the
// condition, kept in the entry's comment in its words: the relative deceased or alive
// (deceased[x]), an onset given as a period, the condition's outcome and severity.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import type { RecordDraft } from '../../../main/records/model.ts';

const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');
const qualityCore = path.join(corpus, 'fhir-r4/inferno-reference-server-data/us_quality_core_bundle_patient.json');

const SEVERITY = 'http://hl7.org/fhir/StructureDefinition/familymemberhistory-severity';

function family(resource: Record<string, unknown>): RecordDraft[] {
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { resource: { resourceType: 'Patient', id: 'p', name: [{ given: ['Lena'], family: 'Ortiz' }], birthDate: '1970-01-01' } },
      { resource: { resourceType: 'FamilyMemberHistory', id: 'f', status: 'completed', patient: { reference: 'Patient/p' }, relationship: { text: 'Mother' }, ...resource } },
    ],
  };
  return parseFhir(bundle).documents[0]!.records.filter((r) => r.kind === 'family');
}

const comments = (resource: Record<string, unknown>) => family(resource).map((r) => r.details.comment);

describe('family history beyond the condition', () => {
  it('says whether the relative has died, in each of FHIR\'s ways, on every condition of theirs', () => {
    const two = [{ code: { text: 'Stroke' } }, { code: { text: 'Asthma' } }];
    expect(comments({ deceasedBoolean: true, condition: two })).toEqual(['Deceased', 'Deceased']);
    expect(comments({ deceasedBoolean: false, condition: two })).toEqual(['Not deceased', 'Not deceased']);
    expect(comments({ deceasedAge: { value: 81, unit: 'years', code: 'a' }, condition: two.slice(0, 1) })).toEqual(['Deceased at age 81 years']);
    expect(comments({ deceasedAge: { value: 81, code: 'a' }, condition: two.slice(0, 1) })).toEqual(['Deceased at age 81 a']);
    expect(comments({ deceasedRange: { low: { value: 80, unit: 'yr' }, high: { value: 85, unit: 'yr' } }, condition: two.slice(0, 1) })).toEqual(['Deceased at age 80–85 yr']);
    expect(comments({ deceasedRange: { low: { value: 80 } }, condition: two.slice(0, 1) })).toEqual(['Deceased at age 80 or older']);
    expect(comments({ deceasedDate: '2019-04', condition: two.slice(0, 1) })).toEqual(['Deceased: 2019-04']);
    expect(comments({ deceasedString: 'in her eighties', condition: two.slice(0, 1) })).toEqual(['Deceased: in her eighties']);
    // Saying nothing says nothing.
    expect(comments({ condition: two.slice(0, 1) })).toEqual([undefined]);
  });

  it('an onset given as a period, its outcome and its severity, in the source\'s words', () => {
    const [record] = family({
      condition: [
        {
          code: { text: 'Breast cancer' },
          onsetPeriod: { start: '1990', end: '1992-06' },
          outcome: { coding: [{ system: 'http://snomed.info/sct', code: '370996005', display: 'Remission' }] },
          extension: [{ url: SEVERITY, valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '24484000', display: 'Severe' }] } }],
          note: [{ text: 'Treated at County.' }],
        },
      ],
    });
    expect(record!.details.comment).toBe('Onset: 1990 to 1992-06. Outcome: Remission. Severity: Severe. Treated at County.');
    expect(comments({ condition: [{ code: { text: 'Gout' }, onsetPeriod: { start: '2001' } }] })).toEqual(['Onset: from 2001']);
    expect(comments({ condition: [{ code: { text: 'Gout' }, onsetPeriod: { end: '2001' } }] })).toEqual(['Onset: by 2001']);
    // An onset day alone reads as before, with no full stop added.
    expect(comments({ condition: [{ code: { text: 'Gout' }, onsetDateTime: '1990' }] })).toEqual(['Onset: 1990']);
  });

  it('an extension of another kind on the condition is not read as its severity', () => {
    expect(comments({ condition: [{ code: { text: 'Gout' }, extension: [{ url: 'http://example.org/other', valueCodeableConcept: { text: 'Severe' } }] }] })).toEqual([undefined]);
  });
});

describe.skipIf(!fs.existsSync(qualityCore))('the US Quality Core sample bundle', () => {
  it('keeps the father\'s condition\'s severity and outcome beside the age at onset and the note', () => {
    const records = parseFhir(JSON.parse(fs.readFileSync(qualityCore, 'utf8'))).documents.flatMap((d) => d.records).filter((r) => r.kind === 'family');
    expect(records).toHaveLength(1);
    const [father] = records;
    expect(father!.title).toBe('Choroidal hemorrhage');
    expect(father!.details.relation).toBe('FATHER');
    expect(father!.details.onsetAge).toEqual({ value: 74, unit: 'yr' });
    expect(father!.details.comment).toBe('Outcome: Congenital bent nose. Severity: Fatal. Was fishing at the time. At least he went doing something he loved.');
  });
});

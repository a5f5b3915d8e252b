// Why a visit took place (Encounter.reasonCode) is kept as its reason, words and codes, as a
// medicine's is: the comment's "Reason: …" for every reader, `reason` and `reasonCodes` for the
// export, which writes them back as one reasonCode. A reason is not a diagnosis.
import { describe, expect, it } from 'vitest';
import { parseFhir } from '../../../main/importers/fhir/index.ts';

const bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { fullUrl: 'urn:uuid:p1', resource: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Okafor', given: ['Ada'] }], birthDate: '1960-02-03' } },
    {
      fullUrl: 'urn:uuid:e1',
      resource: {
        resourceType: 'Encounter',
        id: 'e1',
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
        type: [{ text: 'Office visit' }],
        subject: { reference: 'urn:uuid:p1' },
        period: { start: '2024-04-02T09:00:00-05:00' },
        reasonCode: [
          { coding: [{ system: 'http://snomed.info/sct', code: '233604007', display: 'Pneumonia' }], text: 'Suspected pneumonia' },
          { text: 'Cough for two weeks' },
        ],
      },
    },
  ],
};

describe('a FHIR visit’s reasons', () => {
  it('are kept in words and codes, and never as diagnoses', () => {
    const visit = parseFhir(bundle).documents[0]!.records.find((r) => r.kind === 'encounter')!;
    expect(visit.details).toMatchObject({
      comment: 'Reason: Suspected pneumonia, Cough for two weeks',
      reason: 'Suspected pneumonia, Cough for two weeks',
      reasonCodes: [{ system: 'SNOMED', code: '233604007', display: 'Pneumonia' }],
    });
    expect(visit.details.diagnoses ?? []).toEqual([]);
  });
});

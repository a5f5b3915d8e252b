// A planned medicine (a Plan of Treatment's substanceAdministration, stored as a plan entry)
// keeps its precondition as a medication does: "as needed", and what for in the source's words;
// the FHIR export carries it on the CarePlan and the importer reads it back.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asNeededWords } from '../../../main/records/readable/index.ts';
import { byTitle, fixtures, fromCorpus, load, planRoundTrip, present, records } from './cda-docs.ts';

const WHEEZING = { system: 'SNOMED', code: '56018004', display: 'Wheezing' };
const SUNRISE = 'ccda/jddamore-ccda-samples/Allscripts Sunrise/C-CDA_401700201_20160902122201_Newman_Alice.xml';

describe('a planned medicine keeps its precondition', () => {
  const docs = load(path.join(fixtures, 'plan-as-needed.xml'));

  it('reads the coded condition, the criterion’s words, and nothing where there is no precondition', () => {
    const albuterol = byTitle(docs, 'Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler');
    expect(albuterol?.kind).toBe('plan');
    expect(albuterol?.details).toEqual({ plannedFor: '2024-06-01', asNeeded: true, asNeededFor: 'Wheezing', asNeededForCodes: [WHEEZING] });
    expect(byTitle(docs, 'Clindamycin 150 MG Oral Capsule')?.details).toEqual({ plannedFor: '2024-06-02', asNeeded: true, asNeededFor: 'As Needed If Pain does not subside' });
    expect(byTitle(docs, 'Metformin 500 MG Oral Tablet')?.details).toEqual({ plannedFor: '2024-06-03' });
    expect(asNeededWords(albuterol!.details, 'es')).toBe('Según sea necesario, para: Wheezing');
  });

  it('the FHIR export writes it on the CarePlan and the importer reads the same details back', () => {
    for (const title of ['Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler', 'Clindamycin 150 MG Oral Capsule']) {
      const plan = byTitle(docs, title)!;
      const back = planRoundTrip(plan);
      expect(back.details).toMatchObject({ asNeeded: true, asNeededFor: plan.details.asNeededFor });
      expect(back.details.asNeededForCodes).toEqual(plan.details.asNeededForCodes);
    }
  });

  it.skipIf(!present)('Allscripts Sunrise: the planned clindamycin, "As Needed If Pain does not subside"', () => {
    const plans = records(fromCorpus(SUNRISE), 'plan').filter((r) => r.details.asNeeded);
    expect(plans.map((p) => [p.title, p.details.asNeededFor])).toEqual([['clindamycin Capsule...', 'As Needed If Pain does not subside']]);
  });
});

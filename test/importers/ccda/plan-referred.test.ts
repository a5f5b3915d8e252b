// Plan of Care items as Allscripts Professional EHR writes them (found in the clinician check of
// 2026-12-07 on "Encounter Based C-CDA CCD - 08-06-2012 [Jones, Isabella - 170314E2].xml"): a
// planned procedure or visit named only by the one act its empty wrapper refers to, and a negated
// item that says there are none. Fixture first; the corpus file where each was found after
// (skipped without the corpus).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, fromCorpus, load, present, reasons, records } from './cda-docs.ts';

const docs = load(path.join(fixtures, 'plan-referred.xml'));
const plans = records(docs, 'plan');

describe('plan items named by the act they refer to (fixture)', () => {
  it('reads a planned procedure from its wrapper’s one REFR: name, code and day', () => {
    const colonoscopy = plans.find((p) => p.title === 'DIAGNOSTIC COLONOSCOPY (45378)')!;
    expect(colonoscopy).toMatchObject({
      status: 'planned',
      codes: [{ system: 'CPT', code: '45378' }],
      details: { plannedFor: '2012-09-22' },
    });
  });

  it('reads a requested visit (ARQ) the same way, by the words its reference points to', () => {
    expect(plans.find((p) => p.title === 'Pulmonary Consultation')).toMatchObject({ status: 'planned', details: { plannedFor: '2012-08-20' } });
  });

  it('still reports a referred visit with no name or code, never invents one', () => {
    expect(plans.map((p) => p.title).sort()).toEqual(['Bronchoscopy', 'DIAGNOSTIC COLONOSCOPY (45378)', 'Pulmonary Consultation']);
    expect(reasons(docs)).toContain('This plan of care item has no description or code.');
  });

  it('keeps a negated plan item that names something as the source’s "not so", never as planned', () => {
    expect(plans.find((p) => p.title === 'Bronchoscopy')).toMatchObject({ status: 'not-done', details: { plannedFor: '2012-09-01' } });
  });

  it('takes a negated item under "No Known Planned Instructions" as that statement, not a completed "Caregiver" plan', () => {
    expect(plans.some((p) => p.title === 'Caregiver')).toBe(false);
    expect(docs[0]!.document.statements).toEqual([{ kind: 'plans', text: 'No Known Planned Instructions' }]);
  });
});

const ALLSCRIPTS = 'ccda/chb-sample-ccdas/Allscripts Samples';

describe.skipIf(!present)('plan items named by the act they refer to (corpus)', () => {
  it('Professional EHR, Isabella Jones: both planned procedures read; "No Known Planned Instructions" is no plan', () => {
    const corpusDocs = fromCorpus(`${ALLSCRIPTS}/Professional EHR/Encounter Based C-CDA CCD - 08-06-2012 [Jones, Isabella - 170314E2].xml`);
    const corpusPlans = records(corpusDocs, 'plan');
    expect(corpusPlans.find((p) => p.title === 'DIAGNOSTIC COLONOSCOPY (45378)')).toMatchObject({ status: 'planned', details: { plannedFor: '2012-09-22' } });
    expect(corpusPlans.find((p) => p.title === 'CHEST XRAY, PA & LATERAL (71020)')).toMatchObject({ status: 'planned', details: { plannedFor: '2012-08-13' } });
    expect(corpusPlans.some((p) => p.title === 'Caregiver')).toBe(false);
    // The three planned visits name nothing (their references point to empty cells): still reported.
    expect(reasons(corpusDocs).filter((r) => r === 'This plan of care item has no description or code.')).toHaveLength(3);
  });

  it('MU2 test data, Adam Everyman: the requested visit and the planned chest X-ray read', () => {
    const titles = records(fromCorpus(`${ALLSCRIPTS}/Internal Test with MU 2 data/170.314(b)(7)AMB_Patient5_SummaryOfCareCED Type.xml`), 'plan').map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['Pulmonary function Tests', 'Chest X-Ray, PA and Lateral Views']));
  });
});

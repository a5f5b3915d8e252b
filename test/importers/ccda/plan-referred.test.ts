// Plan of Care items as Allscripts Professional EHR writes them (found in the clinician check of
// 2026-12-07 on "Encounter Based C-CDA CCD - 08-06-2012 [Jones, Isabella - 170314E2].xml"): a
// planned procedure or visit named only by the one act its empty wrapper refers to, a planned
// visit that names nothing but its day, doctor and place ("Planned visit"), and a negated
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

  it('keeps a nameless planned visit with a day as "Planned visit": its day, doctor and place, no name invented', () => {
    const visit = plans.find((p) => p.title === 'Planned visit')!;
    expect(visit).toMatchObject({
      status: 'planned',
      codes: [],
      details: { plannedFor: '2013-08-08T09:00:00-04:00', performers: ['Henry Seven'], location: 'Clinic One' },
    });
    expect(visit.details).not.toHaveProperty('comment');
    expect(visit).not.toHaveProperty('narrative');
  });

  it('still reports a nameless visit with no day and a nameless procedure, never titles them by guess', () => {
    expect(plans.map((p) => p.title).sort()).toEqual(['Bronchoscopy', 'DIAGNOSTIC COLONOSCOPY (45378)', 'Planned visit', 'Pulmonary Consultation']);
    expect(reasons(docs).filter((r) => r === 'This plan of care item has no description or code.')).toHaveLength(2);
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
    // The three planned visits name nothing (their references point to empty cells) but give a
    // day, a doctor and a place: each is a "Planned visit" with those, nothing more.
    expect(reasons(corpusDocs)).not.toContain('This plan of care item has no description or code.');
    const visits = corpusPlans.filter((p) => p.title === 'Planned visit');
    expect(visits.map((v) => v.details.plannedFor).sort()).toEqual(['2013-08-06T09:00:00-04:00', '2013-08-07T09:00:00-04:00', '2013-08-08T09:00:00-04:00']);
    // The name in the order the file writes it (<family> before <given>), as every Allscripts performer reads.
    for (const v of visits) expect(v).toMatchObject({ status: 'planned', codes: [], details: { performers: ['Seven Henry'], location: 'Clinic One' } });
  });

  it('MU2 test data, Adam Everyman: the requested visit and the planned chest X-ray read', () => {
    const titles = records(fromCorpus(`${ALLSCRIPTS}/Internal Test with MU 2 data/170.314(b)(7)AMB_Patient5_SummaryOfCareCED Type.xml`), 'plan').map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['Pulmonary function Tests', 'Chest X-Ray, PA and Lateral Views']));
  });
});

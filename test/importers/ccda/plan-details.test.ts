// What a plan item says beyond its name (found in the clinician check of 2026-12-07 on 360
// Oncology's `Jeremy_Bates_health_summary.xml`): a planned consultation's doctor and indication,
// a planned medicine's dose and route; a goal's Priority Preference is no reason. The FHIR export
// carries them on the CarePlan and the importer reads them back.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byTitle, fixtures, fromCorpus, load, planRoundTrip, present, records } from './cda-docs.ts';

const docs = load(path.join(fixtures, 'plan-details.xml'));

describe('a plan item keeps who, why, and a planned medicine’s dose', () => {
  it('keeps a planned consultation’s doctor and its indication, in the code’s words and its own', () => {
    expect(byTitle(docs, 'consultation')?.details).toEqual({
      plannedFor: '2024-07-29',
      performers: ['Dr Henry Seven'],
      comment: "Reason: encounter for 'check-up' (procedure): Schedule an appointment with Dr Seven after 1 week.",
    });
  });

  it('keeps a planned medicine’s dose and route as a medication’s', () => {
    expect(byTitle(docs, 'Tylenol 500mg')?.details).toEqual({ plannedFor: '2024-07-22', dose: '1', route: 'ORAL' });
  });

  it('does not take a Priority Preference for a reason', () => {
    expect(byTitle(docs, "Pulse oximetry panel")?.details.comment).toBe('Target: >=92 %');
  });

  it('the FHIR export writes them on the CarePlan and the importer reads the same details back', () => {
    for (const title of ['consultation', 'Tylenol 500mg']) {
      const plan = byTitle(docs, title)!;
      const back = planRoundTrip(plan);
      expect(back.details, title).toEqual(plan.details);
    }
  });

  it.skipIf(!present)('360 Oncology, Jeremy Bates: the consultation with Dr Seven and its reason, Tylenol’s dose "1" and route ORAL', () => {
    const plans = records(fromCorpus('ccda/jddamore-ccda-samples/360 Oncology/Jeremy_Bates_health_summary.xml'), 'plan');
    expect(plans.find((p) => p.title.toLowerCase() === 'consultation')?.details).toMatchObject({
      performers: ['Dr Henry Seven'],
      comment: expect.stringContaining('Schedule an appointment with Dr Seven after 1 week'),
    });
    expect(plans.find((p) => p.title === 'Tylenol 500mg')?.details).toMatchObject({ dose: '1', route: 'ORAL' });
  });
});

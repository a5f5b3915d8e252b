// A relative's cause of death (found in the clinician check of 2026-12-07 on Direct's sample XDM,
// which carries HL7's CCD 1.0 sample): CCD 1.0 writes it as its own family history observation
// (template 10.20.1.42) beside the others, and it was dropped without a word. Fixture first; the
// corpus files after (skipped without the corpus).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, fromCorpus, load, present, reasons, records } from './cda-docs.ts';

describe('a relative’s cause of death (fixture)', () => {
  const docs = load(path.join(fixtures, 'family-cause-of-death.xml'));

  it('keeps the cause of death observation as the relative’s condition, said to be the cause of death', () => {
    expect(records(docs, 'family')).toEqual([
      expect.objectContaining({ title: 'Stroke', codes: [{ system: 'SNOMED', code: '230690007', display: 'Stroke' }], details: { relation: 'Biological father', causeOfDeath: true } }),
      expect.objectContaining({ title: 'Diabetes mellitus', details: { relation: 'Biological father' } }),
    ]);
    expect(reasons(docs)).toEqual([]);
  });
});

describe('a relative’s age at onset and cause of death in C-CDA R2 (fixture)', () => {
  const docs = load(path.join(fixtures, 'family-onset.xml'));

  it('keeps the Death Observation (4.47) as a flag and the Age Observation (4.31) with its number and unit', () => {
    const family = records(docs, 'family');
    expect(family.map((f) => [f.title, f.details])).toEqual([
      ['Breast cancer', { relation: 'Mother', causeOfDeath: true, onsetAge: { value: 57, unit: 'a' } }],
      // An interval of ages is kept from–to, never narrowed to one end.
      ['Hypertension', { relation: 'Mother', onsetAge: { value: 40, high: 49, unit: 'a' } }],
      // A null-flavoured age says nothing: no age, and no cause of death where no CAUS link says so.
      ['Asthma', { relation: 'Mother' }],
      ['Glaucoma', { relation: 'Mother' }],
    ]);
    expect(reasons(docs)).toEqual([]);
  });
});

describe.skipIf(!present)('a relative’s cause of death (corpus)', () => {
  it('Direct’s sample XDM (HL7 CCD 1.0 sample): the father’s MI, cause of death, is kept beside his HTN', () => {
    const family = records(fromCorpus('xdm/directproject-nhin-d/xdmail/samplexdm.zip'), 'family');
    // CCD 1.0's Age observation (10.20.1.38, an INT with no unit) is the age at onset: kept bare.
    expect(family.map((f) => [f.title, f.details.relation, f.details.causeOfDeath, f.details.onsetAge, f.details.comment])).toEqual([
      ['MI', 'Biological father', true, { value: 57 }, undefined],
      ['HTN', 'Biological father', undefined, { value: 40 }, undefined],
      ['Asthma', 'Biological mother', undefined, undefined, undefined],
    ]);
  });

  it('HL7’s C-CDA Discharge Summary: the father’s MI with a CAUS "Dead" (4.47) says it was the cause of death', () => {
    const mi = records(fromCorpus('ccda/hl7-ccda-examples/Documents/Discharge Summary/Discharge_Summary.xml'), 'family').find((f) => f.codes.some((c) => c.code === '22298006'));
    expect(mi?.details.causeOfDeath).toBe(true);
    expect(mi?.details.onsetAge).toEqual({ value: 57, unit: 'a' });
    expect(mi?.details.comment).toBeUndefined();
  });
});

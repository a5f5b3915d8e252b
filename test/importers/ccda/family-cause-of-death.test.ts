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
      expect.objectContaining({ title: 'Stroke', codes: [{ system: 'SNOMED', code: '230690007', display: 'Stroke' }], details: { relation: 'Biological father', comment: 'Cause of death' } }),
      expect.objectContaining({ title: 'Diabetes mellitus', details: { relation: 'Biological father' } }),
    ]);
    expect(reasons(docs)).toEqual([]);
  });
});

describe.skipIf(!present)('a relative’s cause of death (corpus)', () => {
  it('Direct’s sample XDM (HL7 CCD 1.0 sample): the father’s MI, cause of death, is kept beside his HTN', () => {
    const family = records(fromCorpus('xdm/directproject-nhin-d/xdmail/samplexdm.zip'), 'family');
    expect(family.map((f) => [f.title, f.details.relation, f.details.comment])).toEqual([
      ['MI', 'Biological father', 'Cause of death'],
      ['HTN', 'Biological father', undefined],
      ['Asthma', 'Biological mother', undefined],
    ]);
  });

  it('HL7’s C-CDA Discharge Summary: the father’s MI with a CAUS "Dead" (4.47) says it was the cause of death', () => {
    const mi = records(fromCorpus('ccda/hl7-ccda-examples/Documents/Discharge Summary/Discharge_Summary.xml'), 'family').find((f) => f.codes.some((c) => c.code === '22298006'));
    expect(mi?.details.comment).toBe('Cause of death');
  });
});

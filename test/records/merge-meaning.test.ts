// Issue 13, reconciliation: episodes are not merged away, one member number's several plans
// stay apart, a merged entry's status is the newest source's, and a merge keeps every
// severity and reaction its sources gave. Unit cases here; corpus cases in merge-corpus.test.ts.
import { describe, expect, it } from 'vitest';
import type { RecordDraft } from '../../main/records/model.ts';
import { blockingKeys, decide, mergeDrafts } from '../../main/records/reconcile.ts';

const draft = (d: Partial<RecordDraft> & Pick<RecordDraft, 'kind' | 'title'>): RecordDraft => ({ codes: [], details: {}, ...d });
const one = (entry: RecordDraft) => [{ id: 7, entry }];
const shareKey = (a: RecordDraft, b: RecordDraft) => blockingKeys(a).some((k) => blockingKeys(b).includes(k));

const pneumonia = (start: string, status = 'resolved') =>
  draft({ kind: 'problem', title: 'Pneumonia', codes: [{ system: 'SNOMED', code: '233604007' }], start, status });

describe('problem episodes', () => {
  it('keeps two occurrences more than the window apart as two episodes when the first was over', () => {
    expect(decide(pneumonia('1999-03'), one(pneumonia('1997-01'))).action).toBe('new');
    expect(decide(pneumonia('1997-01'), one(pneumonia('1999-03'))).action).toBe('new');
  });

  it('merges the same onset, onsets within the window, and an onset known only to the year', () => {
    expect(decide(pneumonia('1997-01'), one(pneumonia('1997-01-15'))).action).toBe('merge');
    expect(decide(pneumonia('1997-03-01'), one(pneumonia('1997-01-15'))).action).toBe('merge');
    expect(decide(pneumonia('1997'), one(pneumonia('1997-06'))).action).toBe('merge');
    expect(decide(pneumonia('1997-01'), one(draft({ ...pneumonia('1997-01'), start: undefined }))).action).toBe('merge');
  });

  it('keeps one long-lasting problem whose onset two sources give differently', () => {
    const a = draft({ kind: 'problem', title: 'Hypertension', codes: [{ system: 'SNOMED', code: '38341003' }], start: '2010', status: 'active' });
    expect(decide({ ...a, start: '2012-05-01' }, one(a)).action).toBe('merge');
  });

  it('merges a third report into the episode whose onset it shares', () => {
    const candidates = [
      { id: 1, entry: pneumonia('1997-01') },
      { id: 2, entry: pneumonia('1999-03') },
    ];
    expect(decide(pneumonia('1999-03-10'), candidates)).toEqual({ action: 'merge', entryId: 2 });
  });
});

describe('coverage under one member number', () => {
  const part = (plan: string) =>
    draft({ kind: 'coverage', title: `Medicare ${plan}`, status: 'active', details: { payer: 'CMS', memberId: '3456789', groupId: 'Medicare' } });

  it('keeps Part A, B, C and D apart', () => {
    expect(decide(part('Part B'), one(part('Part A'))).action).toBe('new');
    expect(decide(part('Part D'), one(part('Part C'))).action).toBe('new');
  });

  it('merges the same plan, and a plan with the program named alone', () => {
    expect(decide(part('Part B'), one(part('Part B'))).action).toBe('merge');
    expect(decide(draft({ ...part('Part B'), title: 'Medicare' }), one(part('Part B'))).action).toBe('merge');
  });
});

describe('merged status and details', () => {
  const older = draft({
    kind: 'allergy',
    title: 'Penicillin G benzathine',
    codes: [{ system: 'RXNORM', code: '7982' }],
    status: 'inactive',
    start: '2007-05-01',
    end: '2012-08-06',
    details: { substance: 'Penicillin G benzathine', reactions: ['Hives'], severity: 'Moderate to severe' },
  });
  const newer = draft({
    kind: 'allergy',
    title: 'Penicillin G benzathine',
    codes: [{ system: 'RXNORM', code: '7982' }],
    status: 'active',
    start: '1980-05-01',
    details: { substance: 'Penicillin G benzathine', reactions: ['Rash'], severity: 'Moderate' },
  });

  it('takes the newest source’s status, whichever side it is on', () => {
    expect(mergeDrafts(newer, older, { existing: '2015-06-22', incoming: '2012-08-06' }).status).toBe('active');
    expect(mergeDrafts(older, newer, { existing: '2012-08-06', incoming: '2015-06-22' }).status).toBe('active');
    expect(mergeDrafts(newer, older, { existing: '2011-01-01', incoming: '2012-08-06' }).status).toBe('inactive');
  });

  it('keeps every severity, reaction and date the sources gave, the newest severity first', () => {
    const merged = mergeDrafts(older, newer, { existing: '2012-08-06', incoming: '2015-06-22' });
    expect(merged.details.severity).toBe('Moderate; Moderate to severe');
    expect(merged.details.reactions).toEqual(['Hives', 'Rash']);
    // Issue 15: the 2015 source says Active with no end, so the 2012 end is over; it stays in
    // the older source's record (what the details show under that source).
    expect([merged.start, merged.end]).toEqual(['1980-05-01', undefined]);
    expect(mergeDrafts(newer, older, { existing: '2011-01-01', incoming: '2012-08-06' }).end).toBe('2012-08-06');
    expect(older.end).toBe('2012-08-06');
    // The severity already kept is no difference when the same allergy arrives again.
    expect(decide({ ...older, details: { ...older.details, severity: 'Moderate' } }, one(merged)).action).toBe('merge');
  });

  // Issue 15 changed issue 13's flag into a merge: one substance name is one allergy (the
  // visit summary listed ampicillin twice), and the merge keeps both codes.
  it('merges one allergen under codes that disagree (UNII sent as RxNorm), keeping both codes', () => {
    const mislabelled = draft({ ...newer, codes: [{ system: 'RXNORM', code: 'Q42T66VG0C' }] });
    expect(decide(mislabelled, one(newer)).action).toBe('merge');
    expect(shareKey(mislabelled, newer)).toBe(true);
    expect(mergeDrafts(newer, mislabelled).codes.map((c) => c.code)).toEqual(['7982', 'Q42T66VG0C']);
  });

  it('keeps two allergens with different names apart, even under one code', () => {
    const other = draft({ ...newer, title: 'Amoxicillin', details: { ...newer.details, substance: 'Amoxicillin' }, codes: [{ system: 'RXNORM', code: '723' }] });
    expect(decide(other, one(newer)).action).toBe('new');
  });
});

describe('claims under one claim number', () => {
  const claim = (title: string) => draft({ kind: 'claim', title, details: { claimId: 'AW1234' }, start: '2019-10-30' });
  it('merges the same claim and flags claims of different types', () => {
    expect(decide(claim('Pharmacy claim'), one(claim('Pharmacy claim'))).action).toBe('merge');
    expect(decide(claim('Pharmacy claim'), one(claim('Inpatient claim')))).toMatchObject({ action: 'possible-duplicate', reason: expect.stringContaining('different claim type') });
  });
});

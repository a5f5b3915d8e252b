// The person's own statements in the current rule (main/records/current.ts) and how they read
// (main/records/readable/personal.ts): their word is one more source's say, dated the day they
// said it; "This is wrong" and hiding keep an item out of every current group.
import { describe, expect, it } from 'vitest';
import { readCurrent, splitByCurrent } from '../../main/records/current.ts';
import type { EntryKind, PersonalStatement, ProvenanceLink, StoredEntry } from '../../main/records/model.ts';
import { correctedFields, hiddenBecause, personalKindsFor, withCorrections } from '../../main/records/readable/personal.ts';

const TODAY = '2026-12-06';
let nextId = 1;

function said(provider: string, documentDate: string, status: string): ProvenanceLink {
  return { sourceId: nextId++, provider, format: 'ccda', documentDate, importedAt: '2026-01-01T10:00:00Z', original: { kind: 'medication', title: 'Lisinopril 10 mg', codes: [], status, details: { dose: '1 tablet' } } };
}
function person(kind: PersonalStatement['kind'], date: string, extra: Partial<PersonalStatement> = {}): PersonalStatement {
  return { id: nextId++, kind, date, madeAt: `${date}T09:00:00Z`, ...extra };
}
function entry(kind: EntryKind, sources: ProvenanceLink[], personal?: PersonalStatement[]): StoredEntry {
  return { kind, title: 'Lisinopril 10 mg', codes: [], details: { dose: '1 tablet' }, id: nextId++, manual: false, possibleDuplicates: [], sources, ...(personal ? { personal } : {}) };
}

describe('the current rule with the person\'s statements', () => {
  it('"I no longer take this" ends a medication a source lists as active, and says who disagrees', () => {
    const reading = readCurrent(entry('medication', [said('Riverside', '2026-10-01', 'active')], [person('no-longer', '2026-12-06')]), TODAY);
    expect(reading.current).toBe(false);
    expect(reading.decidedBy).toMatchObject({ manual: true, date: '2026-12-06', personal: { kind: 'no-longer' } });
    expect(reading.disagreeing.map((s) => s.provider)).toEqual(['Riverside']);
  });

  it('a source newer than the person\'s word decides again, with the person\'s word shown as disagreeing', () => {
    const reading = readCurrent(entry('medication', [said('Riverside', '2026-11-01', 'active')], [person('no-longer', '2026-06-01')]), TODAY);
    expect(reading.current).toBe(true);
    expect(reading.disagreeing).toEqual([expect.objectContaining({ personal: expect.objectContaining({ kind: 'no-longer' }) })]);
  });

  it('on the same day the person\'s word wins over a source (they said it having seen the record)', () => {
    const reading = readCurrent(entry('medication', [said('Riverside', '2026-12-06', 'active')], [person('no-longer', '2026-12-06')]), TODAY);
    expect(reading.current).toBe(false);
  });

  it('"I still take this" keeps a medication current and confirmed when no source confirmed it for a year', () => {
    const old = entry('medication', [said('VA', '2012-05-01', 'active')]);
    expect(readCurrent(old, TODAY)).toMatchObject({ current: true, unconfirmedForAYear: true });
    const confirmed = readCurrent({ ...old, personal: [person('still', '2026-11-30')] }, TODAY);
    expect(confirmed).toMatchObject({ current: true, unconfirmedForAYear: false, decidedBy: { personal: { kind: 'still' } } });
    // …and even when the newest source had ended it, the person's later word decides.
    const ended = entry('medication', [said('VA', '2020-05-01', 'stopped')], [person('still', '2026-11-30')]);
    expect(readCurrent(ended, TODAY).current).toBe(true);
    // A year after the person said it, it is unconfirmed again.
    expect(readCurrent(ended, '2028-01-01')).toMatchObject({ current: true, unconfirmedForAYear: true });
  });

  it('"I still take this" counts for a dose a source recorded as given once', () => {
    const once = said('Riverside', '2026-06-22', 'active');
    once.original = { ...once.original, start: '2026-06-22', end: '2026-06-22' };
    expect(readCurrent(entry('medication', [once]), TODAY)).toMatchObject({ current: false, oneTime: true });
    expect(readCurrent(entry('medication', [once], [person('still', '2026-12-01')]), TODAY)).toMatchObject({ current: true, oneTime: false });
  });

  it('"This is wrong" and hiding keep even an active allergy out of every current group', () => {
    const allergy = (p: PersonalStatement[]) => entry('allergy', [said('Riverside', '2026-10-01', 'active')], p);
    const wrong = readCurrent(allergy([person('wrong', '2026-12-01', { note: 'My brother’s allergy' })]), TODAY);
    expect(wrong).toMatchObject({ current: false, hiddenBy: { kind: 'wrong' }, disagreeing: [] });
    const split = splitByCurrent([allergy([person('hidden', '2026-12-01')]), allergy([])], TODAY);
    expect([split.current.length, split.unconfirmed.length, split.past.length, split.hidden.length]).toEqual([1, 0, 0, 1]);
    // A later "I still take this" replaces "This is wrong" (the API withdraws it): only the newest counts.
    const med = entry('medication', [said('Riverside', '2026-10-01', 'active')], [person('wrong', '2026-11-01'), person('still', '2026-12-01')]);
    expect(hiddenBecause(med)).toBeUndefined();
    expect(readCurrent(med, TODAY).current).toBe(true);
  });

  it('problems take the same words; other kinds only "wrong", hide and correct', () => {
    expect(personalKindsFor('problem')).toContain('no-longer');
    expect(personalKindsFor('allergy')).toEqual(['wrong', 'hidden', 'correction']);
    const problem = entry('problem', [said('Riverside', '2026-10-01', 'active')], [person('no-longer', '2026-12-01')]);
    expect(readCurrent(problem, TODAY).current).toBe(false);
  });
});

describe('corrections', () => {
  it('read in place of the source value, with the source value beside them; the entry is not changed', () => {
    const e = entry('medication', [said('Riverside', '2026-10-01', 'active')], [person('correction', '2026-12-01', { correction: { dose: '2 tablets', title: 'Lisinopril 20 mg' } })]);
    expect(correctedFields(e)).toEqual([
      { field: 'title', source: 'Lisinopril 10 mg', yours: 'Lisinopril 20 mg' },
      { field: 'dose', source: '1 tablet', yours: '2 tablets' },
    ]);
    const shown = withCorrections(e);
    expect([shown.title, shown.details.dose]).toEqual(['Lisinopril 20 mg', '2 tablets']);
    expect([e.title, e.details.dose]).toEqual(['Lisinopril 10 mg', '1 tablet']);
  });

  it('only the newest correction counts', () => {
    const e = entry('medication', [], [person('correction', '2026-11-01', { correction: { dose: '3 tablets' } }), person('correction', '2026-12-01', { correction: { frequency: 'daily' } })]);
    expect(correctedFields(e).map((f) => f.field)).toEqual(['frequency']);
  });
});

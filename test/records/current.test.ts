// What is current (main/records/current.ts): each source's newest statement, the newest source
// decides (any active source for allergies), a year without confirmation is said, one-time
// doses are not current medications. Made-up statements, then real sample files.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../main/importers/index.ts';
import { isOneTimeAdministration, readCurrent, splitByCurrent, yearBefore } from '../../main/records/current.ts';
import type { EntryKind, ProvenanceLink, RecordDraft, StoredEntry } from '../../main/records/model.ts';

const TODAY = '2025-03-14';
let nextSource = 1;

function said(provider: string, documentDate: string | undefined, fields: Partial<RecordDraft> = {}, format: ProvenanceLink['format'] = 'ccda'): ProvenanceLink {
  return {
    sourceId: nextSource++,
    provider,
    format,
    ...(documentDate ? { documentDate } : {}),
    importedAt: '2025-03-01T10:00:00Z',
    original: { kind: 'medication', title: 'Penicillin', codes: [], details: {}, ...fields },
  };
}

function entry(kind: EntryKind, sources: ProvenanceLink[]): StoredEntry {
  const newest = sources[0]!.original;
  return { ...newest, kind, id: 1, manual: false, possibleDuplicates: [], sources: sources.map((s) => ({ ...s, original: { ...s.original, kind } })) };
}

describe('what is current', () => {
  it('lets the newest source decide, with "last listed" from it', () => {
    const reading = readCurrent(
      entry('medication', [said('VA', '2012-05-01', { status: 'active' }), said('Riverside', '2024-11-02', { status: 'stopped' })]),
      TODAY,
    );
    expect(reading.current).toBe(false);
    expect(reading.decidedBy).toMatchObject({ provider: 'Riverside', date: '2024-11-02', status: 'stopped' });
    expect(reading.disagreeing.map((s) => s.provider)).toEqual(['VA']);
  });

  it('counts only the newest statement of each source', () => {
    const reading = readCurrent(
      entry('problem', [said('Riverside', '2020-01-01', { status: 'resolved' }), said('Riverside', '2024-06-01', { status: 'active' }), said('VA', '2023-01-01', { status: 'inactive' })]),
      TODAY,
    );
    expect(reading.current).toBe(true);
    expect(reading.statements.map((s) => `${s.provider} ${s.date} ${s.status}`)).toEqual(['Riverside 2024-06-01 active', 'VA 2023-01-01 inactive']);
  });

  it('says when no source has confirmed a current item for over a year', () => {
    const old = readCurrent(entry('medication', [said('VA', '2012-05-01', { status: 'active' })]), TODAY);
    expect(old).toMatchObject({ current: true, unconfirmedForAYear: true });
    const recent = readCurrent(entry('medication', [said('VA', '2024-03-14', { status: 'active' })]), TODAY);
    expect(recent).toMatchObject({ current: true, unconfirmedForAYear: false });
    expect(yearBefore('2024-02-29')).toBe('2023-02-28');
  });

  it('never drops an allergy that any source still lists as active', () => {
    // The merged penicillin allergy of issue #15: a 2012 source ended it, the 2015 one says active.
    const penicillin = entry('allergy', [said('St. Clare', '2012-08-06', { status: 'inactive', end: '2012-08-06' }), said('Riverside', '2015-02-01', { status: 'active' })]);
    expect(readCurrent(penicillin, TODAY)).toMatchObject({ current: true, decidedBy: { provider: 'Riverside', status: 'active' } });
    // Even when the newest source says inactive, an older source's active listing keeps it.
    const disputed = entry('allergy', [said('St. Clare', '2016-01-01', { status: 'inactive' }), said('Riverside', '2015-02-01', { status: 'active' })]);
    const reading = readCurrent(disputed, TODAY);
    expect(reading.current).toBe(true);
    expect(reading.disagreeing.map((s) => s.provider)).toEqual(['St. Clare']);
  });

  it('reads a statement without a status from its end date', () => {
    expect(readCurrent(entry('medication', [said('A', '2025-01-01', { end: '2025-02-01' })]), TODAY).current).toBe(false);
    expect(readCurrent(entry('medication', [said('A', '2025-01-01', { end: '2025-06-01' })]), TODAY).current).toBe(true);
    expect(readCurrent(entry('problem', [said('A', '2025-01-01', {})]), TODAY).current).toBe(true);
  });

  it('dates a statement by its document, else by the dates it carries', () => {
    const reading = readCurrent(entry('medication', [said('A', undefined, { status: 'active', start: '2010-01-01' }), said('B', '2011-01-01', { status: 'stopped' })]), TODAY);
    expect(reading.decidedBy?.provider).toBe('B');
  });

  it('counts the person’s own statement as a source, dated when it was written', () => {
    const reading = readCurrent(entry('medication', [said('VA', '2024-12-01', { status: 'active' }), said('Entered by hand', undefined, { status: 'stopped' }, 'manual')]), TODAY);
    expect(reading.current).toBe(false);
    expect(reading.decidedBy).toMatchObject({ manual: true, date: '2025-03-01' });
  });

  it('never makes a dose given once a current medication', () => {
    expect(isOneTimeAdministration({ kind: 'medication', start: '2015-06-22T14:30', end: '2015-06-22T15:00' })).toBe(true);
    expect(isOneTimeAdministration({ kind: 'medication', start: '2015-06-22', sourceLocation: 'Medications Administered section, entry 2' })).toBe(true);
    expect(isOneTimeAdministration({ kind: 'medication', start: '2015-06-22', end: '2015-07-22' })).toBe(false);
    const ceftriaxone = readCurrent(entry('medication', [said('Riverside', '2015-06-22', { status: 'active', start: '2015-06-22T14:30', end: '2015-06-22T14:45' })]), TODAY);
    expect(ceftriaxone).toMatchObject({ current: false, oneTime: true });
  });

  it('splits a list into current, unconfirmed for a year, and past', () => {
    const split = splitByCurrent(
      [
        entry('medication', [said('A', '2025-01-01', { status: 'active' })]),
        entry('medication', [said('A', '2012-01-01', { status: 'active' })]),
        entry('medication', [said('A', '2025-01-01', { status: 'stopped' })]),
      ],
      TODAY,
    );
    expect([split.current.length, split.unconfirmed.length, split.past.length]).toEqual([1, 1, 1]);
  });
});

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus');
const VA = path.join(corpus, 'va-text/amida-blue-button/VA_My_HealtheVet_Blue_Button_Sample_Version_12_4.txt');

describe.skipIf(!existsSync(VA))('the VA sample report', () => {
  it('has no medication a source confirmed within a year of 2025: all are unconfirmed or past', () => {
    const parsed = parseFile(new Uint8Array(readFileSync(VA)), path.basename(VA));
    const doc = parsed.documents[0]!;
    const meds = doc.records
      .filter((r) => r.kind === 'medication')
      .map((r, i) => ({ ...r, id: i, manual: false, possibleDuplicates: [], sources: [{ sourceId: 1, provider: 'VA', format: 'va-text' as const, ...(doc.document.date ? { documentDate: doc.document.date } : {}), importedAt: '2025-01-01T00:00:00Z', original: r }] }));
    expect(meds.length).toBeGreaterThan(5);
    const split = splitByCurrent(meds, TODAY);
    expect(split.current).toEqual([]);
    expect(split.unconfirmed.length).toBeGreaterThan(0);
    for (const { reading } of split.unconfirmed) expect(reading.decidedBy?.date?.startsWith('2013')).toBe(true);
    // Read as of the report's own date, its active prescriptions are current.
    expect(splitByCurrent(meds, '2013-03-20').current.length).toBe(split.unconfirmed.length);
  });
});

// Issue 15 on corpus files: three vendors' documents of Alice Newman's visit of 2015-06-22
// (Carefluence, Practice Fusion's API export, ChartLogic). Before: "Respiratory rate" and
// "Respiratory Rate", the systolic 145 twice and ampicillin twice, all silently separate.
// After: ampicillin is one allergy with both codes; each vital sign the documents time
// differently is flagged for review with both times, and none is merged with another value.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEntry } from '../../main/records/model.ts';
import { testApi, type TestApi } from '../export/helpers.ts';

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus');
const FILES = [
  'ccda/jddamore-ccda-samples/Carefluence/Newman_Alice_1_Ambulatory.xml',
  'ccda/jddamore-ccda-samples/Practice Fusion/AliceNewmanApi.xml',
  'ccda/jddamore-ccda-samples/ChartLogic/2015-06-22-1.xml',
];
const haveCorpus = FILES.every((f) => fs.existsSync(path.join(corpus, f)));

describe.skipIf(!haveCorpus)('duplicates across three documents of one visit', () => {
  let t: TestApi;
  let profileId: string;
  let entries: StoredEntry[];
  beforeAll(async () => {
    t = testApi();
    await t.call('vault.create', { passphrase: 'issue fifteen duplicates' });
    profileId = (await t.call('profiles.add', { name: 'Alice Newman', birthDate: '1970-05-01' })).id;
    for (const f of FILES) {
      const report = await t.call('import.files', { profileId, files: [{ name: path.basename(f), bytes: new Uint8Array(fs.readFileSync(path.join(corpus, f))) }], force: true });
      expect(report.files[0]?.error).toBeUndefined();
    }
    entries = await t.call('records.list', { profileId, kinds: ['allergy', 'vital'] });
  }, 60_000);
  afterAll(() => t?.cleanup());

  const loinc = (e: StoredEntry) => e.codes.find((c) => c.system === 'LOINC')?.code;
  const visit = () => entries.filter((e) => e.kind === 'vital' && e.start?.startsWith('2015-06-22'));

  it('lists ampicillin once, with both RxNorm codes and every source', () => {
    const ampicillin = entries.filter((e) => e.kind === 'allergy' && /ampicillin/i.test(e.title));
    expect(ampicillin).toHaveLength(1);
    expect(ampicillin[0]!.codes.map((c) => c.code).sort()).toEqual(['733', '81953']);
    expect(ampicillin[0]!.sources.map((s) => s.fileName).sort()).toEqual(['2015-06-22-1.xml', 'AliceNewmanApi.xml', 'Newman_Alice_1_Ambulatory.xml']);
  });

  it('flags "Respiratory rate" and "Respiratory Rate" (one code, one value, two times) with both times', async () => {
    const rates = visit().filter((e) => loinc(e) === '9279-1');
    expect(rates.map((e) => e.title).sort()).toEqual(['Respiratory Rate', 'Respiratory rate']);
    expect(rates[0]!.possibleDuplicates).toEqual([rates[1]!.id]);
    const pairs = await t.call('duplicates.list', { profileId });
    const pair = pairs.find((p) => new Set([p.entry.id, p.other.id]).has(rates[0]!.id))!;
    expect(pair.reason).toBe('Same measurement and value on the same day, different times: 10:15 vs 15:44');
  });

  it('leaves no two vital signs of the visit with one code and one value both unmerged and unflagged', () => {
    const vitals = visit();
    const value = (e: StoredEntry) => `${e.value?.number} ${e.value?.unit}`;
    for (const a of vitals) for (const b of vitals) {
      if (a.id >= b.id || loinc(a) !== loinc(b) || value(a) !== value(b)) continue;
      expect(a.possibleDuplicates.includes(b.id) || b.possibleDuplicates.includes(a.id), `${a.title} / ${b.title}`).toBe(true);
    }
    const systolic = vitals.filter((e) => loinc(e) === '8480-6');
    expect(systolic.map((e) => e.value?.number)).toEqual([145, 145]);
  });

  it('merges what the documents time alike (a date without a time, or the same minute)', () => {
    const carefluence = visit().find((e) => e.title === 'Respiratory Rate')!;
    expect(carefluence.sources.map((s) => s.fileName).sort()).toEqual(['2015-06-22-1.xml', 'Newman_Alice_1_Ambulatory.xml']);
  });

  it('flags weight measured and weight under the general code, one value, never merging them', () => {
    const weights = visit().filter((e) => ['29463-7', '3141-9'].includes(loinc(e) ?? ''));
    expect(weights).toHaveLength(2);
    expect(weights[0]!.possibleDuplicates).toContain(weights[1]!.id);
  });
});

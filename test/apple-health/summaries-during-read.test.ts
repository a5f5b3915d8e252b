// Daily summaries handed on during the read (once the stream of their type reaches a later
// day) rather than after the last byte: the same summaries as the reading that holds every day
// to the end, whatever the file's order; a day that reopens later is rewritten in place (one
// entry, one link); spot readings are reconciled as when every summary came after them; a newer
// export of the same phone adds only what is new, its grown days decided on their last figures.
import { describe, expect, it } from 'vitest';
import type { Api } from '../../main/api/index.ts';
import { ExportReader, type KeyedDraft } from '../../main/importers/apple-health/reader.ts';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';
import { exportXml, heartRate } from './fixtures.ts';

const WATCH = 'device="&lt;&lt;HKDevice: 0x1&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch&gt;"';

/** An oxygen reading of Ana's watch: measured (summarised per day) or typed in (kept on its own). */
function oxygen(day: string, time: string, fraction: string, typed = false): string {
  const meta = typed ? '<MetadataEntry key="HKWasUserEntered" value="1"/>' : '';
  return ` <Record type="HKQuantityTypeIdentifierOxygenSaturation" sourceName="Ana’s Apple Watch" ${WATCH} unit="%" startDate="${day} ${time} -0500" endDate="${day} ${time} -0500" value="${fraction}">${meta}</Record>\n`;
}

function read(text: string, summariesAtEnd: boolean): { during: KeyedDraft[]; end: KeyedDraft[] } {
  const during: KeyedDraft[] = [];
  const reader = new ExportReader({ what: 'export.xml', batchSize: 3, ...(summariesAtEnd ? { summariesAtEnd: true } : {}) }, (batch) => during.push(...batch));
  for (let i = 0; i < text.length; i += 97) reader.write(text.slice(i, i + 97));
  return { during, end: [...reader.end().drafts] };
}

/** Each day summary's last version, by key. */
function lastSummaries(items: readonly KeyedDraft[]): Map<string, KeyedDraft> {
  const map = new Map<string, KeyedDraft>();
  for (const item of items) if (item.draft.details.summaryOf !== undefined) map.set(item.key, item);
  return map;
}

async function profile() {
  const api = testApi(tempDir('ck-apple-days-'));
  await ok(api, 'vault.create', { passphrase: 'correct horse battery staple' });
  const ana = await ok(api, 'profiles.add', { name: 'Ana Fixture', birthDate: '1960-01-20' });
  return { api, ana };
}

const put = async (api: Api, profileId: string, name: string, text: string) =>
  (await ok(api, 'import.files', { profileId, files: [{ name, bytes: new TextEncoder().encode(text) }] })).files[0]!;

/** What the profile holds, as a person reads it, with each entry's links (what each source said). */
async function stored(api: Api, profileId: string) {
  const items = (await ok(api, 'timeline.page', { profileId, filter: {}, limit: 500 })).items;
  const out: unknown[] = [];
  for (const item of items) {
    // Ids differ from one profile to another: what the entry says, its links and flags.
    const { id: _id, sources, possibleDuplicates, ...draft } = await ok(api, 'records.get', { profileId, entryId: item.id });
    out.push({ title: item.title, date: item.date, value: item.value, providers: item.providers, draft, links: sources.map((s) => s.original), duplicates: possibleDuplicates.length });
  }
  return out.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

const sorted = heartRate('2026-02-01', '08:00:00', 60) + heartRate('2026-02-01', '09:00:00', 80) + heartRate('2026-02-02', '08:00:00', 70) + heartRate('2026-02-03', '08:00:00', 75);
// The same readings with 1 February's second reading last: its day reopens after it was handed on.
const unsorted = heartRate('2026-02-01', '08:00:00', 60) + heartRate('2026-02-02', '08:00:00', 70) + heartRate('2026-02-03', '08:00:00', 75) + heartRate('2026-02-01', '09:00:00', 80);

describe('daily summaries handed on during the read', () => {
  it('hands a day on once its type reaches a later day, the same summary as at the end', () => {
    const early = read(exportXml(sorted), false);
    const late = read(exportXml(sorted), true);
    // 1 and 2 February go with the read; 3 February, the last day, at the end.
    expect(early.during.map((d) => d.draft.start)).toEqual(['2026-02-01', '2026-02-02']);
    expect(early.end.map((d) => d.draft.start)).toEqual(['2026-02-03']);
    expect(late.during).toEqual([]);
    expect(lastSummaries([...early.during, ...early.end])).toEqual(lastSummaries(late.end));
  });

  it('hands a reopened day on again at the end, with the whole day’s figures', () => {
    const early = read(exportXml(unsorted), false);
    const late = read(exportXml(unsorted), true);
    const first = early.during.find((d) => d.draft.start === '2026-02-01')!;
    expect(first.draft.details.summaryOf).toBe(1);
    const again = early.end.find((d) => d.draft.start === '2026-02-01')!;
    expect(again.key).toBe(first.key);
    expect(again.draft.details.summaryOf).toBe(2);
    expect(again.draft.value?.number).toBe(70);
    expect(lastSummaries([...early.during, ...early.end])).toEqual(lastSummaries(late.end));
  });

  it('keeps two sources’ days apart when their readings alternate, a late reading of a day handed on included', () => {
    const steps = (source: string, day: string, time: string, count: number) =>
      ` <Record type="HKQuantityTypeIdentifierStepCount" sourceName="${source}" unit="count" startDate="${day} ${time} -0500" endDate="${day} ${time} -0500" value="${count}"/>\n`;
    // Phone and watch one after the other (as exports write them); the watch's 1 February then
    // comes again after the phone's 2 February has handed it on.
    const text =
      steps('Phone', '2026-02-01', '08:00:00', 100) +
      steps('Watch', '2026-02-01', '08:05:00', 10) +
      steps('Phone', '2026-02-01', '09:00:00', 200) +
      steps('Watch', '2026-02-01', '09:05:00', 20) +
      steps('Phone', '2026-02-02', '08:00:00', 300) +
      steps('Watch', '2026-02-01', '10:05:00', 30) +
      steps('Watch', '2026-02-02', '08:05:00', 40) +
      steps('Phone', '2026-02-02', '09:00:00', 400);
    const early = read(exportXml(text), false);
    const late = read(exportXml(text), true);
    const total = (items: Map<string, KeyedDraft>) =>
      [...items.values()].map((d) => `${d.source} ${d.draft.start} ${d.draft.value?.number} of ${d.draft.details.summaryOf}`).sort();
    expect(total(lastSummaries([...early.during, ...early.end]))).toEqual(['Phone 2026-02-01 300 of 2', 'Phone 2026-02-02 700 of 2', 'Watch 2026-02-01 60 of 3', 'Watch 2026-02-02 40 of 1']);
    expect(lastSummaries([...early.during, ...early.end])).toEqual(lastSummaries(late.end));
    // The watch's 1 February went with the read on two readings, and again at the end on three.
    const watchFirst = [...early.during, ...early.end].filter((d) => d.source === 'Watch' && d.draft.start === '2026-02-01');
    expect(watchFirst.map((d) => d.draft.details.summaryOf)).toEqual([2, 3]);
  });

  it('stores a reopened day as one entry with one link, as the sorted file does', async () => {
    const a = await profile();
    const b = await profile();
    const ra = await put(a.api, a.ana.id, 'export.xml', exportXml(sorted));
    const rb = await put(b.api, b.ana.id, 'export.xml', exportXml(unsorted));
    expect(ra.counts).toEqual(rb.counts);
    expect(rb.appleHealth?.summarised).toEqual({ HeartRate: { readings: 4, summaries: 3 } });
    const sa = await stored(a.api, a.ana.id);
    const sb = await stored(b.api, b.ana.id);
    // Only where each day's first reading is (its line) differs.
    const lines = (s: unknown) => JSON.parse(JSON.stringify(s).replace(/export\.xml from line \d+/g, 'export.xml from line N')) as unknown;
    expect(lines(sb)).toEqual(lines(sa));
    const day = (sb as { date: string; links: unknown[]; draft: { details: { summaryOf: number } } }[]).filter((e) => e.date === '2026-02-01');
    expect(day).toHaveLength(1);
    expect(day[0]!.links).toHaveLength(1);
    expect(day[0]!.draft).toMatchObject({ details: { summaryOf: 2 } });
  });

  it('reconciles a typed-in reading and the summary of its day and source alike, whichever comes first', async () => {
    // Typed in first; or after the day's summary was handed on (2 February's reading passed it).
    const typedFirst = oxygen('2026-02-01', '07:00:00', '0.96', true) + oxygen('2026-02-01', '08:00:00', '0.97') + oxygen('2026-02-01', '09:00:00', '0.95') + oxygen('2026-02-02', '08:00:00', '0.98');
    const typedLast = oxygen('2026-02-01', '08:00:00', '0.97') + oxygen('2026-02-01', '09:00:00', '0.95') + oxygen('2026-02-02', '08:00:00', '0.98') + oxygen('2026-02-01', '07:00:00', '0.96', true);
    const early = read(exportXml(typedLast), false);
    expect(early.during.map((d) => d.draft.title)).toEqual(['Oxygen saturation, daily mean', 'Oxygen saturation']);
    const results = [];
    for (const text of [typedFirst, typedLast]) {
      const { api, ana } = await profile();
      const report = await put(api, ana.id, 'export.xml', exportXml(text));
      results.push({ counts: report.counts, possibleDuplicates: report.possibleDuplicates, held: await stored(api, ana.id) });
    }
    const lines = (s: unknown) => JSON.parse(JSON.stringify(s).replace(/export\.xml (from )?line \d+/g, 'export.xml line N')) as unknown;
    expect(lines(results[1])).toEqual(lines(results[0]));
    const held = results[1]!.held as { title: string; date: string; value: string; links: unknown[] }[];
    expect(held.map((e) => [e.title, e.date.slice(0, 10), e.value, e.links.length]).sort()).toEqual([
      ['Oxygen saturation, daily mean', '2026-02-01', '96%', 1],
      ['Oxygen saturation, daily mean', '2026-02-02', '98%', 1],
      ['Oxygen saturation', '2026-02-01', '96%', 1],
    ]);
    expect(results[1]!.possibleDuplicates).toBe(0);
  });

  it('adds only what is new from a newer, unsorted export; the same readings again add nothing', async () => {
    const older = exportXml(heartRate('2026-02-01', '08:00:00', 60) + heartRate('2026-02-01', '09:00:00', 80) + heartRate('2026-02-02', '08:00:00', 70));
    // 1 February grows by a reading that comes after 3 February's.
    const newerUnsorted = exportXml(
      heartRate('2026-02-01', '08:00:00', 60) + heartRate('2026-02-01', '09:00:00', 80) + heartRate('2026-02-02', '08:00:00', 70) + heartRate('2026-02-03', '08:00:00', 90) + heartRate('2026-02-01', '21:00:00', 100),
    );
    const newerSorted = exportXml(
      heartRate('2026-02-01', '08:00:00', 60) + heartRate('2026-02-01', '09:00:00', 80) + heartRate('2026-02-01', '21:00:00', 100) + heartRate('2026-02-02', '08:00:00', 70) + heartRate('2026-02-03', '08:00:00', 90),
    );
    const held = [];
    for (const newer of [newerSorted, newerUnsorted]) {
      const { api, ana } = await profile();
      await put(api, ana.id, 'export.xml', older);
      const second = await put(api, ana.id, 'export.xml', newer);
      expect(second.appleHealth).toMatchObject({ alreadyThere: 1, summariesGrown: 1, summariesSmaller: 0 });
      expect(second.counts).toEqual({ vitals: { read: 3, new: 1, merged: 2, skipped: 0 } });
      const state = await stored(api, ana.id);
      const day = (state as { date: string; title: string; links: { details: { summaryOf: number } }[] }[]).find((e) => e.date === '2026-02-01')!;
      // The first export's summary stays in the provenance beside the newer one; no third link.
      expect(day.links.map((l) => l.details.summaryOf)).toEqual([2, 3]);
      // The same readings again (another file, so not recognised by its digest): nothing new.
      const again = await put(api, ana.id, 'export-again.xml', newer.replace('<HealthData locale="en_US">', '<HealthData locale="en_US"> '));
      expect(again.appleHealth).toMatchObject({ alreadyThere: 3, summariesGrown: 0, summariesSmaller: 0 });
      expect(again.counts).toEqual({ vitals: { read: 3, new: 0, merged: 3, skipped: 0 } });
      expect(await stored(api, ana.id)).toEqual(state);
      held.push(state);
    }
    const lines = (s: unknown) => JSON.parse(JSON.stringify(s).replace(/export\.xml from line \d+/g, 'export.xml from line N')) as unknown;
    expect(lines(held[1])).toEqual(lines(held[0]));
  });
});

// A large export read in pieces by two threads (pieces.ts) hands on exactly what reading it in
// one go does: every batch, summary, blood pressure, refusal and report line, in the same
// order. Here the helper is this thread, and the pieces are as small as they can be (a cut at
// every child of <HealthData>), so every day summary is merged across pieces.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openAppleExport, streamExport } from '../../main/importers/apple-health/index.ts';
import { cutIn, PiecesFailed, readPiece, streamExportInPieces, type PieceHelper, type PieceJob } from '../../main/importers/apple-health/pieces.ts';
import type { KeyedDraft } from '../../main/importers/apple-health/reader.ts';
import { DailyStats } from '../../main/importers/readings/daily.ts';
import { bloodPressure, exportXml, heartRate, workoutWithRoute } from './fixtures.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/apple-health');

/** Reads pieces in this thread, a turn of the event loop later, as a helper thread would answer. */
function helperHere(): PieceHelper & { jobs: PieceJob[] } {
  const jobs: PieceJob[] = [];
  return {
    jobs,
    read: async (job) => {
      jobs.push(job);
      await new Promise((resolve) => setImmediate(resolve));
      // As across threads: the result is a copy.
      return structuredClone(readPiece(job));
    },
  };
}

/** Everything a reading hands on, as text: the batches, the end-of-file drafts, the result, the digest. */
async function read(bytes: Uint8Array, pieces?: { pieceBytes: number; helper: PieceHelper }): Promise<string> {
  const exp = (await openAppleExport({ bytes }, 'export.xml'))!;
  const handed: KeyedDraft[] = [];
  const patients: unknown[] = [];
  const options = { onBatch: (batch: KeyedDraft[]) => void handed.push(...batch), onPatient: (p: unknown) => void patients.push(structuredClone(p)) };
  // In pieces every day's summary comes after the last byte, as when the one-go reading is asked to.
  const streamed = pieces ? await streamExportInPieces(exp, { ...options, ...pieces, summariesAtEnd: true }) : await streamExport(exp, { ...options, summariesAtEnd: true });
  const { drafts, ...rest } = streamed.result;
  return JSON.stringify({ handed, drafts: [...drafts], rest, sha256: streamed.sha256, bytes: streamed.bytes, patients });
}

/**
 * What a reading leaves in the profile, its daily summaries handed on as days pass (the import's
 * way): the readings handed on, in order; each day's last summary (the writer rewrites a
 * summary handed on again in place); the result. And how many summaries came during the read.
 */
async function stored(bytes: Uint8Array, pieces?: { pieceBytes: number; helper: PieceHelper }): Promise<{ text: string; summariesDuringRead: number }> {
  const exp = (await openAppleExport({ bytes }, 'export.xml'))!;
  const handed: KeyedDraft[] = [];
  const options = { onBatch: (batch: KeyedDraft[]) => void handed.push(...batch), batchSize: 3 };
  const streamed = pieces ? await streamExportInPieces(exp, { ...options, ...pieces }) : await streamExport(exp, options);
  const { drafts, ...rest } = streamed.result;
  const isSummary = (d: KeyedDraft) => d.draft.details['summaryOf'] !== undefined;
  const readings: KeyedDraft[] = [];
  const summaries = new Map<string, KeyedDraft>();
  for (const d of [...handed, ...drafts]) {
    if (isSummary(d)) summaries.set(d.key, d);
    else readings.push(d);
  }
  const days = [...summaries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { text: JSON.stringify({ readings, days, rest, sha256: streamed.sha256 }), summariesDuringRead: handed.filter(isSummary).length };
}

const encode = (text: string) => new TextEncoder().encode(text);

/** Oxygen from a watch: fractions whose sum depends on the order it is made in. */
function watchOxygen(day: string, minute: number, fraction: string): string {
  const t = `${day} 10:${String(minute).padStart(2, '0')}:00 -0500`;
  return ` <Record type="HKQuantityTypeIdentifierOxygenSaturation" sourceName="Ana’s Apple Watch" device="&lt;&lt;HKDevice: 0x1&gt;, name:Apple Watch&gt;" unit="%" startDate="${t}" endDate="${t}" value="${fraction}"/>\n`;
}

function syntheticExport(): string {
  let body = '';
  for (let d = 1; d <= 3; d++) {
    const day = `2026-01-0${d}`;
    for (let m = 0; m < 40; m++) body += heartRate(day, `0${m % 10}:${String(m).padStart(2, '0')}:00`, 60 + ((m * 7) % 31));
    for (let m = 0; m < 30; m++) body += watchOxygen(day, m, `0.9${(m * 37) % 100}`.slice(0, 6));
    body += bloodPressure(day, '08:00:00', 120 + d, 80 - d);
  }
  // A weight without a unit and another with an unknown one: refused, each with its line.
  body += ' <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" startDate="2026-01-02 07:00:00 -0500" endDate="2026-01-02 07:00:00 -0500" value="80"/>\n';
  body += ' <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="kg" startDate="2026-01-02 07:00:00 -0500" endDate="2026-01-02 07:00:00 -0500" value="80.4"/>\n';
  body += workoutWithRoute();
  // A day re-opened later in the file: its summary gathers both runs.
  for (let m = 0; m < 5; m++) body += heartRate('2026-01-01', `23:${String(m).padStart(2, '0')}:00`, 90 + m);
  // Top-level blood pressure without a Correlation, one of them without its partner.
  body += ' <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Cuff" unit="mmHg" startDate="2026-01-03 09:00:00 -0500" endDate="2026-01-03 09:00:00 -0500" value="133"/>\n';
  body += ' <Record type="HKQuantityTypeIdentifierBloodPressureDiastolic" sourceName="Cuff" unit="mmHg" startDate="2026-01-03 09:00:00 -0500" endDate="2026-01-03 09:00:00 -0500" value="85"/>\n';
  body += ' <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Cuff" unit="mmHg" startDate="2026-01-03 10:00:00 -0500" endDate="2026-01-03 10:00:00 -0500" value="150"/>\n';
  return exportXml(body);
}

describe('reading a large export in pieces', () => {
  it('cuts only before a child of <HealthData> as Apple indents it', () => {
    const bytes = encode('<a>\n  <Record/>\n <!-- x -->\n <Record/>\n');
    expect(cutIn(bytes)).toBe(bytes.length - ' <Record/>\n'.length);
    expect(cutIn(encode('\n  <Record/>\n</HealthData>'))).toBe(-1);
  });

  it('hands on exactly what reading the file in one go does, whatever the size of the pieces', async () => {
    const bytes = encode(syntheticExport());
    const inOrder = await read(bytes);
    // The reading itself checked: days, refusals and blood pressure are there to be merged.
    const parsed = JSON.parse(inOrder) as { drafts: KeyedDraft[]; rest: { report: { refused: number; summarised: Record<string, unknown> } } };
    expect(parsed.rest.report.refused).toBe(2);
    expect(parsed.rest.report.summarised).toEqual({ HeartRate: { readings: 125, summaries: 3 }, OxygenSaturation: { readings: 90, summaries: 3 } });
    for (const pieceBytes of [1, 200, 4096, 1 << 30]) {
      const helper = helperHere();
      expect(await read(bytes, { pieceBytes, helper })).toBe(inOrder);
      // The helper takes pieces while it has fewer than two waiting; this thread reads the rest.
      if (pieceBytes === 1) expect(helper.jobs.length).toBeGreaterThan(0);
    }
  });

  it('hands on each day’s summary once its stream has moved on, and the last figures of a day read again, as the reading in one go does', async () => {
    const bytes = encode(syntheticExport());
    const inOrder = await stored(bytes);
    expect(inOrder.summariesDuringRead).toBeGreaterThan(0);
    const days = (JSON.parse(inOrder.text) as { days: [string, KeyedDraft][] }).days.map(([, d]) => d.draft);
    // The day re-opened at the file's end: its one summary counts both runs of its readings.
    expect(days.find((d) => d.title === 'Heart rate, daily mean' && d.start === '2026-01-01')!.details['summaryOf']).toBe(45);
    for (const pieceBytes of [1, 200, 4096, 1 << 30]) {
      const inPieces = await stored(bytes, { pieceBytes, helper: helperHere() });
      expect(inPieces.text, `pieces of ${pieceBytes} bytes`).toBe(inOrder.text);
      // Not all kept for the end: days are handed on while later pieces are read.
      if (pieceBytes < 4096) expect(inPieces.summariesDuringRead, `pieces of ${pieceBytes} bytes`).toBeGreaterThan(0);
    }
  });

  it('merges a day’s figures as if its readings had been added one by one, the sum in file order to the last bit', () => {
    const values = [0.1, 0.2, 0.3];
    const whole = new DailyStats();
    values.forEach((v, i) => whole.add(`2026-01-01T10:0${i}:00-05:00`, String(v), v));
    const first = new DailyStats();
    first.add('2026-01-01T10:00:00-05:00', '0.1', 0.1);
    const later = new DailyStats();
    values.slice(1).forEach((v, i) => later.add(`2026-01-01T10:0${i + 1}:00-05:00`, String(v), v));
    // 0.1 + (0.2 + 0.3 + …) is not ((0.1 + 0.2) + 0.3) + … in floating point.
    expect(0.1 + later.sum).not.toBe(whole.sum);
    first.merge(later.data(), values.slice(1));
    expect(first.data()).toEqual(whole.data());
  });

  it('reads a day split across many pieces as the file read in one go', async () => {
    let body = '';
    const fractions = ['0.001', '0.002', '0.003', '0.971', '0.0133', '0.957', '0.9991', '0.9437'];
    for (let i = 0; i < 40; i++) body += watchOxygen('2026-02-01', i, fractions[i % fractions.length]!);
    const bytes = encode(exportXml(body));
    const inOrder = await read(bytes);
    // Pieces of several readings each: a day's sum continued from one piece's readings to the next's.
    for (const pieceBytes of [500, 700, 1100]) expect(await read(bytes, { pieceBytes, helper: helperHere() })).toBe(inOrder);
  });

  it.skipIf(!existsSync(corpus))('reads every corpus export the same in pieces', async () => {
    for (const dir of readdirSync(corpus)) {
      for (const file of readdirSync(path.join(corpus, dir)).filter((f) => f.endsWith('.xml'))) {
        const bytes = new Uint8Array(readFileSync(path.join(corpus, dir, file)));
        const inOrder = await read(bytes).catch((error: Error) => `refused: ${error.message}`);
        const inPieces = await read(bytes, { pieceBytes: 1, helper: helperHere() }).catch((error: Error) => (error instanceof PiecesFailed ? 'pieces failed' : `refused: ${error.message}`));
        // A file refused in one go may fail in pieces first (the caller then reads it in one go).
        if (inOrder.startsWith('refused')) expect([inOrder, 'pieces failed'], `${dir}/${file}`).toContain(inPieces);
        else {
          expect(inPieces, `${dir}/${file}`).toBe(inOrder);
          expect((await stored(bytes, { pieceBytes: 1, helper: helperHere() })).text, `${dir}/${file}`).toBe((await stored(bytes)).text);
        }
      }
    }
  });

  it('fails rather than trust a cut inside a comment, and a damaged piece', async () => {
    const commented = exportXml(`${heartRate('2026-01-01', '08:00:00', 70)} <!--\n <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="S" unit="kg" startDate="2026-01-01 07:00:00 -0500" endDate="2026-01-01 07:00:00 -0500" value="80"/>\n -->\n`);
    // Read in one go, the commented-out weight is not a reading.
    expect(JSON.parse(await read(encode(commented))).handed).toEqual([]);
    await expect(read(encode(commented), { pieceBytes: 1, helper: helperHere() })).rejects.toThrow(PiecesFailed);
    const damaged = exportXml(`${heartRate('2026-01-01', '08:00:00', 70)} <Record type="x">\n${heartRate('2026-01-01', '09:00:00', 71)}`);
    await expect(read(encode(damaged), { pieceBytes: 1, helper: helperHere() })).rejects.toThrow(PiecesFailed);
  });
});

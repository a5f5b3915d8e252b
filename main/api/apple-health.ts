// Importing an Apple Health export into a profile, inside the import request's batch: the
// export's XML streamed (main/importers/apple-health) and its readings written in batches as
// they come, its health records (clinical-records/*.json) through the FHIR importer with the
// sending health system as their provider, all in one savepoint: a cancel, a failure or a
// crash leaves nothing of it. The progress of the running import, and cancelling it.
//
// What the vault keeps of the export itself: not its bytes. export.xml holds the person's
// workout routes (where they ran, to the metre, inline or as GPX files beside it), which
// Chartkeeper never stores; and it is gigabytes of samples that the entries (with their source
// line) already say. The files row holds a short note instead (name, size, SHA-256 of the XML,
// what was read), so the same export is recognised when imported again and "export the
// originals" says what happened to it. The health records inside are kept as originals of
// their own, as any provider file is.
import diagnostics_channel from 'node:diagnostics_channel';
import os from 'node:os';
import path from 'node:path';
import type { AppleHealthImport, FileImportReport, ImportProgress, ParsedInputOf } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { hashFile, openAppleExport, ImportCancelled, type AppleExport, type ClinicalRecordRef } from '../importers/apple-health/index.ts';
import type { ExportInput } from '../importers/apple-health/archive.ts';
import { ReadAgainInOrder, streamInWorker } from '../importers/apple-health/worker.ts';
import { WORKER_URL } from '../importers/parse-pool.ts';
import { ImportError } from '../importers/errors.ts';
import { parseFhir, readFhirJson } from '../importers/fhir/index.ts';
import { decodeText } from '../importers/text/decode.ts';
import { prepareOriginal, type PreparedOriginal } from '../importers/original-file.ts';
import { storeDocument } from '../importers/stored-document.ts';
import { compareIdentity, describePatient } from '../records/identity.ts';
import type { DocumentMeta, PatientIdentity } from '../records/model.ts';
import { DraftCache, insertFile, insertSource, RecordWriter, writeImport, type SourceRef, type WriteOutcome } from '../vault/import-writer.ts';
import { settleExportPairs } from '../vault/export-pairs.ts';
import { ReadingWriter } from '../vault/reading-writer.ts';
import type { Connection } from '../vault/sqlite.ts';
import type { ProfileRow } from '../vault/vault.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

type FileInput = ParsedInputOf<'import.files'>['files'][number];

export const APPLE_PROVIDER = 'Apple Health';
const SAVEPOINT = 'apple_health_export';
/**
 * The profile connection's page cache while an export is written (negative: KiB). A stream of
 * appends needs little: the usual 64 MB would be most of the import's memory. 8 MB, not 16:
 * more of the pages spill into the write-ahead log during the read than at the commit, and
 * ~9 MB of the import's peak (malloc'd on the main thread, /proc/self/smaps) is given back
 * for a few percent more CPU in the writer (README, Performance).
 */
const IMPORT_CACHE_KIB = -8192;

/** The export an input holds, or null when it is not one (the other importers take it). */
export async function appleExportOf(ctx: ApiContext, input: FileInput): Promise<{ name: string; exp: AppleExport; input: ExportInput } | null> {
  if ('bytes' in input) {
    const name = path.basename(input.name);
    const exp = await openAppleExport({ bytes: input.bytes }, name);
    return exp ? { name, exp, input: { bytes: input.bytes } } : null;
  }
  const resolved = ctx.platform.resolveFileToken(input.token);
  if (!resolved) throw new AppError('not-found', 'That file is no longer available; choose it again.');
  const name = path.basename(resolved);
  let exp: AppleExport | null;
  try {
    exp = await openAppleExport({ path: resolved }, name);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new AppError('unreadable-file', `${name} could not be read; check that it still exists.`);
  }
  return exp ? { name, exp, input: { path: resolved } } : null;
}

// ---------------------------------------------------------------- progress and cancel

interface Job {
  progress: ImportProgress;
  controller: AbortController;
  started: number;
}

const jobs = new WeakMap<ApiContext, Map<string, Job>>();

function jobsOf(ctx: ApiContext): Map<string, Job> {
  let map = jobs.get(ctx);
  if (!map) jobs.set(ctx, (map = new Map()));
  return map;
}

function startJob(ctx: ApiContext, profileId: string, file: string, totalBytes: number): Job {
  const job: Job = { progress: { file, bytesRead: 0, totalBytes, finished: false }, controller: new AbortController(), started: performance.now() };
  jobsOf(ctx).set(profileId, job);
  return job;
}

/**
 * Told once an export's last byte is read (its file name), for `bench/apple-import.ts`'s
 * tail figure: the writer's tail runs in one go after it, where no progress request is
 * answered, so asking import.progress cannot time it. Nothing listens in the app.
 */
export const lastByteRead = diagnostics_channel.channel('chartkeeper:apple-health:last-byte');

function advance(job: Job, bytesRead: number): void {
  const elapsed = (performance.now() - job.started) / 1000;
  const p = job.progress;
  if (bytesRead >= p.totalBytes && p.bytesRead < p.totalBytes && lastByteRead.hasSubscribers) lastByteRead.publish(p.file);
  p.bytesRead = bytesRead;
  // An estimate needs a second of reading to mean anything.
  if (elapsed >= 1 && bytesRead > 0 && p.totalBytes > bytesRead) p.secondsLeft = Math.round((elapsed / bytesRead) * (p.totalBytes - bytesRead));
  else delete p.secondsLeft;
}

export function appleHealthHandlers(ctx: ApiContext): HandlerModule {
  return {
    'import.progress': ({ profileId }) => {
      ctx.requireSession().getProfile(profileId);
      const job = jobsOf(ctx).get(profileId);
      return job ? { ...job.progress } : null;
    },
    'import.cancel': ({ profileId }) => {
      ctx.requireSession().getProfile(profileId);
      const job = jobsOf(ctx).get(profileId);
      if (!job) return null;
      if (!job.progress.finished) job.controller.abort();
      return { ...job.progress };
    },
  };
}

// ---------------------------------------------------------------- the import

class IdentityMismatch extends Error {
  readonly patient: PatientIdentity;
  constructor(patient: PatientIdentity) {
    super('identity mismatch');
    this.patient = patient;
  }
}

export interface AppleImportOptions {
  force: boolean;
  everySample: boolean;
}

/**
 * An export.xml at least this large is read by two workers at once (pieces.ts) where the
 * machine has two cores or more. On a quiet two-core machine the 303 MB benchmark export took
 * ~1.6× its bare parse this way against ~1.75× in one worker, peaking at 243–277 MB (README,
 * Performance). The pieces' daily summaries are handed on as the days pass, as in one go
 * (ExportReader.absorb); kept for the end, their writing made the reading in pieces no faster.
 * On a machine whose cores are busy with other work, three threads waiting on each other in
 * file order lose to one; tests set this lower or off.
 */
export const readingInPieces = { minBytes: 8 * 1024 * 1024 };

/**
 * Two workers read a large export faster where two cores are free. Not every sample: then
 * every heart-rate sample is handed on, twice copied between threads, and the writer sets the pace.
 */
function readInPieces(exp: AppleExport, options: AppleImportOptions): boolean {
  return !options.everySample && exp.xml.size >= readingInPieces.minBytes && os.availableParallelism() > 1;
}

function noteOf(name: string, sha256: string, bytes: number, report: AppleHealthImport): PreparedOriginal {
  const kept = Object.values(report.kept).reduce((a, b) => a + b, 0);
  const summarised = Object.values(report.summarised).reduce((a, b) => a + b.readings, 0);
  const text =
    `Chartkeeper did not keep this Apple Health export itself (${name}: ${bytes} bytes of health data XML, SHA-256 ${sha256}).\n` +
    'It holds workout routes (where the person was), which Chartkeeper never stores; what it keeps of the export are entries, each naming its line in the file.\n' +
    `Kept ${kept} readings one by one and ${summarised} as daily summaries; refused ${report.refused}. Health records sent by health systems are kept as originals of their own.\n`;
  const original = prepareOriginal(`${name} (not kept).txt`, Buffer.from(text, 'utf8'));
  // Recognised again by the export's own digest, not the note's.
  return { ...original, name, sha256 };
}

function addCounts(into: WriteOutcome, from: WriteOutcome): void {
  for (const [kind, c] of Object.entries(from.counts)) {
    const t = (into.counts[kind as keyof WriteOutcome['counts']] ??= { read: 0, new: 0, merged: 0, skipped: 0 });
    t.read += c.read;
    t.new += c.new;
    t.merged += c.merged;
    t.skipped += c.skipped;
  }
  into.skipped.push(...from.skipped);
  into.notes.push(...from.notes);
  into.possibleDuplicates += from.possibleDuplicates;
}

/** "apple_health_export/clinical-records/X.json" → "clinical-records/X.json", as the export's ClinicalRecord names it. */
function refRoot(name: string): string {
  return name.replace(/^.*?(clinical-records\/)/i, '$1');
}

/**
 * Reads and writes one export inside the caller's open batch. Returns its report; `written`
 * says whether anything of it is now in the profile (undone with the batch if it fails).
 * ImportCancelled propagates: the caller rolls back the whole batch.
 */
export async function importAppleExport(
  ctx: ApiContext,
  db: Connection,
  profile: ProfileRow,
  name: string,
  { exp, input }: { exp: AppleExport; input: ExportInput },
  options: AppleImportOptions,
): Promise<{ report: FileImportReport; written: boolean }> {
  const now = ctx.nowIso();
  const job = startJob(ctx, profile.id, name, exp.xml.size);
  const inPieces = readInPieces(exp, options);
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  db.prepare(`SAVEPOINT ${SAVEPOINT}`).run();
  let released = false;
  try {
    const read = async (inPieces: boolean) => {
      const placeholder = prepareOriginal(name, Buffer.from(`pending ${now} ${Math.random()}`));
      const fileId = insertFile(db, placeholder, 'apple-health', now);
      // One source per app or device that wrote into Apple Health: the provider each reading names.
      const sources = new Map<string, SourceRef>();
      const sourceOf = (app: string): SourceRef => {
        let ref = sources.get(app);
        if (!ref) {
          const meta: DocumentMeta = { title: 'Apple Health export', authorOrganization: app ? `${app} (${APPLE_PROVIDER})` : APPLE_PROVIDER, sections: [], attachments: [] };
          sources.set(app, (ref = insertSource(db, fileId, 'apple-health', meta, {}, storeDocument(meta), now)));
        }
        return ref;
      };
      const cache = new DraftCache();
      cache.validate(db);
      // Years of spot readings: the writer keeps a few thousand drafts at hand, not all of them.
      // Summaries written during the read stay out of the spot readings' reconciling (reading-writer.ts).
      const unseen = new Set<number>();
      const records = new RecordWriter(db, now, cache, 2000, { interleaved: true, unseen });
      const readings = new ReadingWriter(db, records, sourceOf, now, unseen);
      const count = { written: 0 };
      // A bare export.xml is hashed here, where the thread is mostly idle, not by the reading worker.
      const stopHash = new AbortController();
      const hashing = exp.bareFile && !inPieces ? hashFile(exp.bareFile, AbortSignal.any([job.controller.signal, stopHash.signal])) : undefined;
      // Awaited below; until then a failed read must not leave its rejection unhandled.
      hashing?.catch(() => {});
      // Read in the import worker (apple-health/worker.ts); each batch is written here as it comes.
      const outcome = await streamInWorker(WORKER_URL, input, name, {
        everySample: options.everySample,
        inPieces,
        hashedElsewhere: hashing !== undefined,
        signal: job.controller.signal,
        onProgress: (bytes) => advance(job, bytes),
        onPatient: (patient) => options.force || compareIdentity(patient, profile).match !== false,
        onBatch: (batch) => {
          // The vault may have been locked while the file was read.
          ctx.requireSession();
          readings.write(batch);
          count.written += batch.length;
        },
      }).catch((error: unknown) => {
        stopHash.abort();
        throw error;
      });
      if (outcome.stopped) stopHash.abort();
      const streamed = hashing && !outcome.stopped ? { ...outcome, sha256: await hashing.catch(unreadable(name)) } : outcome;
      if (!streamed.stopped) readings.finish();
      return { fileId, sources, sourceOf, cache, records, readings, streamed, written: count.written };
    };
    let attempt: Awaited<ReturnType<typeof read>>;
    try {
      attempt = await read(inPieces);
    } catch (error) {
      if (!(error instanceof ReadAgainInOrder)) throw error;
      // A piece could not be read on its own (pieces.ts): what was written of it is undone, and
      // the export read in one go decides (it imports, or is refused with its sentence).
      db.prepare(`ROLLBACK TO ${SAVEPOINT}`).run();
      attempt = await read(false);
    }
    const { fileId, sources, sourceOf, cache, records, readings, streamed, written } = attempt;
    if (streamed.stopped) throw new IdentityMismatch(streamed.patient);
    const { result } = streamed;
    records.problems(result.problems);

    if (db.prepare('SELECT 1 FROM files WHERE sha256 = ?').get(streamed.sha256)) {
      db.prepare(`ROLLBACK TO ${SAVEPOINT}`).run();
      db.prepare(`RELEASE ${SAVEPOINT}`).run();
      released = true;
      job.progress.finished = true;
      return { report: { file: name, format: 'apple-health', alreadyImported: true, counts: {}, skipped: [] }, written: false };
    }
    const leftOut = { ...result.report.leftOut };
    for (const [kind, count] of Object.entries(exp.unread)) leftOut[kind] = (leftOut[kind] ?? 0) + count;
    // Apple's CDA rendering of the same samples: read again, every reading would count twice.
    if (exp.cda) leftOut['export_cda.xml'] = 1;
    const apple: AppleHealthImport = { ...result.report, leftOut, ...readings.outcome, clinicalRecords: { imported: 0, failed: [] } };
    const note = noteOf(name, streamed.sha256, streamed.bytes, apple);
    db.prepare('UPDATE files SET sha256 = ?, size = ?, bytes = ?, encoding = ? WHERE id = ?').run(note.sha256, note.size, Buffer.from(note.stored), note.encoding, fileId);
    const exportDay = /^\d{4}-\d{2}-\d{2}/.exec(result.exportDate ?? '')?.[0] ?? null;
    // Refusals belong to no app's readings: they are said on the export's own source.
    sourceOf('');
    const update = db.prepare('UPDATE sources SET document_date = ?, patient_json = ? WHERE id = ?');
    for (const ref of sources.values()) update.run(exportDay, JSON.stringify(result.patient), ref.sourceId);

    const outcome = records.finish();
    // Its apps' counts of each day are known whole only now (vault/export-pairs.ts).
    outcome.possibleDuplicates = Math.max(0, outcome.possibleDuplicates - settleExportPairs(db, fileId));
    const clinical = await importClinicalRecords(db, profile, exp, result.clinicalRecords, options.force, now, cache);
    addCounts(outcome, clinical.outcome);
    apple.clinicalRecords = { imported: clinical.imported, failed: clinical.failed };
    if (written === 0 && clinical.imported === 0) {
      const held = Object.entries(leftOut).map(([what, n]) => `${n} ${what}`).join(', ');
      throw new ImportError(`This Apple Health export holds no readings Chartkeeper keeps${held ? ` (it holds ${held})` : ''}${refusedClause(apple.refused, result.problems[0]?.reason)}, so nothing was imported.`);
    }
    db.prepare(`RELEASE ${SAVEPOINT}`).run();
    released = true;
    job.progress.finished = true;
    advance(job, streamed.bytes);
    return {
      report: {
        file: name,
        format: 'apple-health',
        patient: patientSummary(result.patient),
        documents: 1 + clinical.imported,
        counts: outcome.counts,
        skipped: outcome.skipped,
        ...(outcome.notes.length ? { notes: outcome.notes } : {}),
        possibleDuplicates: outcome.possibleDuplicates,
        appleHealth: apple,
      },
      written: true,
    };
  } catch (error) {
    if (!released && db.open && db.inTransaction) {
      db.prepare(`ROLLBACK TO ${SAVEPOINT}`).run();
      db.prepare(`RELEASE ${SAVEPOINT}`).run();
    }
    job.progress.finished = true;
    if (error instanceof ImportCancelled) {
      job.progress.cancelled = true;
      throw error;
    }
    if (error instanceof IdentityMismatch) {
      return {
        report: {
          file: name,
          format: 'apple-health',
          errorKind: 'identity-mismatch',
          mismatchPatient: error.patient,
          error: `This file is for ${describePatient(error.patient)}, not ${profile.name}; nothing was imported.`,
        },
        written: false,
      };
    }
    if (error instanceof ImportError) return { report: { file: name, errorKind: 'unreadable-file', error: error.message }, written: false };
    throw error;
  } finally {
    exp.close();
    if (db.open) db.pragma(`cache_size = ${Math.trunc(cacheSize)}`);
  }
}

/** The file could not be hashed to its end (removed or changed while it was read). */
function unreadable(name: string) {
  return (error: unknown): never => {
    if (error instanceof ImportCancelled) throw error;
    throw new ImportError(`${name} could not be read to its end (${error instanceof Error ? error.message : 'unknown error'}), so nothing was imported from it.`);
  };
}

function patientSummary(patient: PatientIdentity): { birthDate?: string } {
  return patient.birthDate ? { birthDate: patient.birthDate } : {};
}

/**
 * clinical-records/*.json, one FHIR resource per file, each through the FHIR importer as a
 * file of its own (kept as an original), the health system that sent it (the export's
 * ClinicalRecord sourceName) as its provider. A file it cannot read is reported, not fatal.
 */
async function importClinicalRecords(
  db: Connection,
  profile: ProfileRow,
  exp: AppleExport,
  refs: readonly ClinicalRecordRef[],
  force: boolean,
  now: string,
  cache: DraftCache,
): Promise<{ outcome: WriteOutcome; imported: number; failed: { file: string; error: string }[] }> {
  const outcome: WriteOutcome = { alreadyImported: false, counts: {}, skipped: [], notes: [], possibleDuplicates: 0 };
  const failed: { file: string; error: string }[] = [];
  const byPath = new Map(refs.map((r) => [refRoot(r.path).toLowerCase(), r]));
  let imported = 0;
  for (const part of exp.clinical) {
    const short = refRoot(part.name);
    const ref = byPath.get(short.toLowerCase());
    try {
      const bytes = await exp.readPart(part);
      // The export vouches that every record in it is the phone owner's (as a health card
      // does), so a resource alone, naming no patient, is read rather than refused.
      const parsed = parseFhir(readFhirJson(decodeText(bytes)), { onePerson: true, ...(ref?.fhirVersion ? { fhirVersion: ref.fhirVersion } : {}) });
      if (!parsed.documents.some((d) => d.records.length > 0)) {
        const said = parsed.documents.flatMap((d) => d.problems.map((p) => p.reason));
        throw new ImportError(said.length > 0 ? said.join(' ') : 'It holds nothing Chartkeeper reads.');
      }
      if (ref?.sourceName) for (const doc of parsed.documents) doc.document.authorOrganization = ref.sourceName;
      if (!force) {
        const other = parsed.documents.find((d) => compareIdentity(d.patient, profile).match === false);
        if (other) throw new ImportError(`It is for ${describePatient(other.patient)}, not ${profile.name}.`);
      }
      const written = writeImport(db, prepareOriginal(short, bytes), parsed, now, cache);
      addCounts(outcome, written);
      imported += 1;
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      const version = ref?.fhirVersion ? ` (FHIR ${ref.fhirVersion}${ref.fhirVersion.startsWith('1.') ? ', DSTU2' : ''})` : '';
      failed.push({ file: short, error: `${short}${version}${ref?.sourceName ? ` from ${ref.sourceName}` : ''} was not imported: ${error.message}` });
    }
  }
  return { outcome, imported, failed };
}

/** The refused readings of an export that kept none, with the first one's reason: a person is told why, not only how many. */
function refusedClause(refused: number, first: string | undefined): string {
  if (!refused) return '';
  const count = `${refused} ${refused === 1 ? 'reading' : 'readings'} could not be read`;
  return first ? `; ${count} (${refused === 1 ? '' : 'the first: '}“${first}”)` : `; ${count}`;
}

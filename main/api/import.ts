// Import: every file is read, parsed by the pure importers in worker threads (a few files
// ahead of the writer), checked against the profile's identity, and written while the next
// ones are parsed. All files of one request are one ImportBatch. One bad file never touches
// the vault or the other files.
import fs from 'node:fs';
import path from 'node:path';
import type { FileImportReport, ImportReport, ParsedInputOf } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { ImportError } from '../importers/errors.ts';
import type { ParseOptions } from '../importers/index.ts';
import { INLINE_MAX_BYTES, type ParsedUpload } from '../importers/parse-pool.ts';
import { cardKeysFor, issuerKeyLookup, keyFileReport } from './card-keys.ts';
import { withCsvLayout } from './csv-mapping.ts';
import { compareIdentity, describePatient } from '../records/identity.ts';
import type { PatientIdentity } from '../records/model.ts';
import { ImportBatch, type WriteOutcome } from '../vault/import-writer.ts';
import { isDiskFull, type Connection } from '../vault/sqlite.ts';
import { retitleHealthCards } from '../vault/sources.ts';
import type { ProfileRow } from '../vault/vault.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';
import { isDocumentFile, keepImportedFile, prepareKeptFile } from './documents.ts';
import { startRecognition } from './recognition.ts';
import type { KeptFileToStore } from '../vault/kept-documents.ts';
import { appleExportOf, importAppleExport } from './apple-health.ts';
import { ImportCancelled, type AppleExport } from '../importers/apple-health/index.ts';
import type { ExportInput } from '../importers/apple-health/archive.ts';

export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

type FileInput = ParsedInputOf<'import.files'>['files'][number];
/** What the person chose for the whole import: a column mapping for unknown CSVs, every sensor reading. */
export type ImportChoices = Partial<Pick<ParsedInputOf<'import.files'>, 'mapping' | 'everySample' | 'keyFiles'>>;

/** Files beyond the read-ahead window that may be read when small (see parseOneHere). */
const SMALL_READ_AHEAD = 2;

/** Whether a file is known to be small enough for the main thread to parse (its size, or its file's). */
function smallInput(ctx: ApiContext, file: FileInput): boolean {
  if ('bytes' in file) return file.bytes.byteLength <= INLINE_MAX_BYTES;
  const resolved = ctx.platform.resolveFileToken(file.token);
  try {
    return resolved !== undefined && fs.statSync(resolved).size <= INLINE_MAX_BYTES;
  } catch {
    return false;
  }
}

export function readInput(ctx: ApiContext, file: FileInput): { name: string; bytes: Uint8Array } {
  if ('bytes' in file) return { name: path.basename(file.name), bytes: file.bytes };
  const resolved = ctx.platform.resolveFileToken(file.token);
  if (!resolved) throw new AppError('not-found', 'That file is no longer available; choose it again.');
  const name = path.basename(resolved);
  let size: number;
  try {
    size = fs.statSync(resolved).size;
  } catch {
    throw new AppError('unreadable-file', `${name} could not be read; check that it still exists.`);
  }
  if (size > MAX_IMPORT_BYTES) throw new AppError('unreadable-file', `${name} is larger than 100 MB, which is too large to be a health record download.`);
  return { name, bytes: fs.readFileSync(resolved) };
}

function patientSummary(patient: PatientIdentity): { name?: string; birthDate?: string } {
  const name = patient.name ?? ([...(patient.given ?? []), patient.family].filter(Boolean).join(' ') || undefined);
  return { ...(name ? { name } : {}), ...(patient.birthDate ? { birthDate: patient.birthDate } : {}) };
}

/** A file after reading, parsing and the identity check: ready to write, or already answered. */
type Prepared = { name: string; report: FileImportReport; upload?: ParsedUpload; kept?: KeptFileToStore; apple?: { exp: AppleExport; input: ExportInput } };

function failure(name: string, error: unknown): FileImportReport {
  if (error instanceof ImportError) return { file: name, errorKind: 'unreadable-file', error: error.message };
  if (error instanceof AppError && error.kind !== 'locked') return { file: name, errorKind: error.kind, error: error.message };
  throw error;
}

function inputName(input: FileInput): string {
  return 'name' in input ? path.basename(input.name) : 'file';
}

async function prepare(
  ctx: ApiContext,
  profile: ProfileRow,
  input: FileInput,
  force: boolean,
  filesInImport: number,
  options: ParseOptions,
  lookupKeys: ReturnType<typeof issuerKeyLookup>,
): Promise<Prepared> {
  let name = inputName(input);
  let bytes: Uint8Array | undefined;
  try {
    // An Apple Health export may be gigabytes: it is streamed by the writer, never read whole here.
    const apple = await appleExportOf(ctx, input);
    if (apple) return { name: apple.name, report: { file: apple.name, format: 'apple-health' }, apple };
    const file = readInput(ctx, input);
    name = file.name;
    bytes = file.bytes;
    // A PDF, scan or photo is not a record to parse: it is kept as a document of its own.
    if (isDocumentFile(file.bytes)) return { name, report: { file: name }, kept: await prepareKeptFile(file.name, file.bytes) };
    const keyFile = /\.(crl|json)$/i.test(name) ? keyFileReport(name, file.bytes) : undefined;
    if (keyFile) return { name, report: keyFile };
    let upload = await ctx.parsePool.parse(file.name, file.bytes, { filesInImport, ...options });
    let cards = upload.parsed.documents.flatMap((d) => (d.healthCard ? [d.healthCard] : []));
    // Health cards whose issuer's keys were fetched (online lookups on) are read again with them.
    if (cards.length > 0 && (await lookupKeys(cards))) {
      upload = await ctx.parsePool.parse(file.name, file.bytes, { filesInImport, ...options });
      cards = upload.parsed.documents.flatMap((d) => (d.healthCard ? [d.healthCard] : []));
    }
    const { parsed } = upload;
    const first = parsed.documents[0];
    if (!first) throw new AppError('unreadable-file', `${name} holds no clinical document.`);
    const report: FileImportReport = {
      file: name,
      format: parsed.format,
      patient: patientSummary(first.patient),
      documents: parsed.documents.length,
      ...(cards.length > 0 ? { cards } : {}),
    };
    if (!force) {
      for (const doc of parsed.documents) {
        if (compareIdentity(doc.patient, profile).match === false) {
          return {
            name,
            report: {
              ...report,
              errorKind: 'identity-mismatch',
              mismatchPatient: doc.patient,
              error: `This file is for ${describePatient(doc.patient)}, not ${profile.name}; nothing was imported.`,
            },
          };
        }
      }
    }
    return { name, report, upload };
  } catch (error) {
    return { name, report: withCsvLayout(ctx.requireSession(), failure(name, error), bytes) };
  }
}

/** Kept in its own savepoint: a file kept before is reported as such and writes nothing. */
function keepInBatch(db: Connection, name: string, report: FileImportReport, kept: KeptFileToStore, now: string): FileImportReport {
  try {
    return { ...report, keptDocument: db.transaction(() => keepImportedFile(db, name, kept, now))() };
  } catch (error) {
    if (error instanceof AppError && error.kind === 'duplicate-file') return { ...report, alreadyImported: true };
    throw error;
  }
}

function finished(report: FileImportReport, outcome: WriteOutcome): FileImportReport {
  if (outcome.alreadyImported) return { ...report, alreadyImported: true, counts: {}, skipped: [] };
  return { ...report, counts: outcome.counts, skipped: outcome.skipped, ...(outcome.notes.length ? { notes: outcome.notes } : {}), possibleDuplicates: outcome.possibleDuplicates };
}

function diskFull(name: string): FileImportReport {
  return { file: name, errorKind: 'disk-full', error: `The disk is full, so ${name} was not imported; nothing was changed.` };
}

/**
 * Reads, parses (in the worker pool, a few files ahead) and writes every file, all in one
 * ImportBatch: each file is written as soon as it is parsed, while the next ones are being
 * parsed, and the batch commits once at the end. A file that cannot be read or belongs to
 * someone else is reported and skipped; if the batch cannot be committed (a full disk),
 * nothing of it is written and every file says so.
 */
export async function importFiles(ctx: ApiContext, profileId: string, inputs: readonly FileInput[], force: boolean, choices: ImportChoices = {}): Promise<FileImportReport[]> {
  const session = ctx.requireSession();
  const profile = session.getProfile(profileId);
  // Nothing is written into a damaged or missing file; the sentence names it and the way back.
  await session.health.checkProfileOnce(profileId);
  session.health.assertWritable(profile);
  const db = session.profileDb(profileId);
  const reports: FileImportReport[] = new Array(inputs.length);
  const written: string[] = [];
  // Files are read and parsed a few ahead of the writer, never all at once: each one in
  // memory may be up to 100 MB. Small files go a few further ahead, for the main thread to
  // parse while it waits (parseOneHere).
  const window = ctx.parsePool.size + 2;
  const smallWindow = window + SMALL_READ_AHEAD;
  const shcKeys = cardKeysFor(ctx, [...inputs, ...(choices.keyFiles ?? [])]);
  const lookupKeys = issuerKeyLookup(ctx, shcKeys);
  const options: ParseOptions = {
    shcKeys,
    ...(choices.mapping ? { csvMapping: choices.mapping } : {}),
    ...(choices.everySample ? { everySample: true } : {}),
    localZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  const pending: Promise<Prepared>[] = [];
  const ready: boolean[] = [];
  const start = (i: number) => {
    pending[i] = prepare(ctx, profile, inputs[i]!, force, inputs.length, options, lookupKeys);
    // A rejection (a bug, or the vault locked meanwhile) is thrown by the await below.
    void pending[i].then(
      () => (ready[i] = true),
      () => (ready[i] = true),
    );
  };
  let started = 0;
  const startAhead = (next: number) => {
    while (started < inputs.length && (started < next + window || (started < next + smallWindow && smallInput(ctx, inputs[started]!)))) start(started++);
  };
  startAhead(0);

  const batch = new ImportBatch(db);
  // The log the batch leaves is checkpointed after the answer, in a worker thread, not by the
  // commit in this one (vault/background-checkpoints.ts).
  const releaseCheckpoints = session.holdCheckpoints(profileId);
  let committed = false;
  try {
    for (let i = 0; i < inputs.length; i++) {
      // Waiting for a worker, the main thread parses a file further ahead itself; a turn of the
      // event loop after each lets the worker's answer in.
      while (!ready[i] && ctx.parsePool.parseOneHere()) await new Promise((resolve) => setImmediate(resolve));
      const prepared = await pending[i]!;
      delete pending[i];
      startAhead(i + 1);
      if (prepared.apple) {
        ctx.requireSession();
        const done = await importAppleExport(ctx, db, profile, prepared.name, prepared.apple, { force, everySample: choices.everySample ?? false });
        reports[i] = done.report;
        if (done.written) written.push(`${prepared.name} (apple-health)`);
        continue;
      }
      if (prepared.kept) {
        ctx.requireSession();
        reports[i] = keepInBatch(db, prepared.name, prepared.report, prepared.kept, ctx.nowIso());
        if (!reports[i]!.alreadyImported) written.push(`${prepared.name} (document)`);
        continue;
      }
      if (!prepared.upload) {
        reports[i] = prepared.report;
        continue;
      }
      // The vault may have been locked while this file was parsed.
      ctx.requireSession();
      const outcome = batch.write(prepared.upload, ctx.nowIso());
      // A card imported before and now checked (keys fetched or kept since): its title says so.
      const documents = prepared.upload.parsed.documents;
      const retitled = outcome.alreadyImported && prepared.upload.parsed.format === 'shc' ? retitleHealthCards(db, prepared.upload.original.sha256, documents.map((d) => d.document.title ?? '')) : [];
      reports[i] = finished(prepared.report, outcome);
      // The report's `cards` lists only the documents that are cards, in order.
      const cardsUpdated = retitled.filter((d) => documents[d]!.healthCard).map((d) => documents.slice(0, d).filter((doc) => doc.healthCard).length);
      if (cardsUpdated.length > 0) reports[i] = { ...reports[i]!, cardsUpdated };
      if (!outcome.alreadyImported) written.push(`${prepared.name} (${prepared.upload.parsed.format})`);
    }
    // The commit must not land in a file replaced under this session (it throws and locks).
    session.assertInPlace(profileId);
    batch.commit();
    committed = true;
  } catch (error) {
    batch.rollback();
    if (error instanceof ImportCancelled) {
      // Exports opened ahead of the writer are closed; nothing of this import was written.
      for (const p of pending) void p?.then((prepared) => prepared.apple?.exp.close(), () => {});
      return inputs.map((input, i) => ({ file: reports[i]?.file ?? inputName(input), error: error.message, cancelled: true }));
    }
    if (!isDiskFull(error)) throw error;
    for (let i = 0; i < inputs.length; i++) {
      const report = reports[i];
      if (!report?.error) reports[i] = diskFull(report?.file ?? inputName(inputs[i]!));
    }
    return reports;
  } finally {
    releaseCheckpoints(committed && written.length > 0);
  }
  if (written.length > 0) {
    try {
      session.audit(ctx.platform.now(), 'import', profileId, `Imported ${written.join(', ')}`);
    } catch (error) {
      // The files are in the vault and the report says so truthfully; only the log line is lost.
      if (!isDiskFull(error)) throw error;
    }
  }
  return reports;
}

function withRecognition(ctx: ApiContext, profileId: string, report: FileImportReport): FileImportReport {
  const kept = report.keptDocument;
  if (!kept || report.alreadyImported) return report;
  const started = startRecognition(ctx, profileId, kept.id);
  return started ? { ...report, keptDocument: { ...kept, recognising: true } } : report;
}

/** Runs `run` after every earlier call for the same key has settled. */
function serializer(): <T>(key: string, run: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, run) => {
    const next = (tails.get(key) ?? Promise.resolve()).then(run, run);
    const settled = next.catch(() => {});
    tails.set(key, settled);
    void settled.then(() => {
      if (tails.get(key) === settled) tails.delete(key);
    });
    return next;
  };
}

// One import at a time per profile and API: a batch holds the profile's write transaction open.
const queues = new WeakMap<ApiContext, ReturnType<typeof serializer>>();

/** importFiles, after every earlier import into the same profile has finished. */
export function importSerially(ctx: ApiContext, profileId: string, inputs: readonly FileInput[], force: boolean, choices?: ImportChoices): Promise<FileImportReport[]> {
  let queue = queues.get(ctx);
  if (!queue) queues.set(ctx, (queue = serializer()));
  return queue(profileId, () => importFiles(ctx, profileId, inputs, force, choices));
}

export function importHandlers(ctx: ApiContext): HandlerModule {
  return {
    'import.files': async ({ profileId, files, force, recognise, mapping, everySample, keyFiles }): Promise<ImportReport> => {
      ctx.requireSession().getProfile(profileId);
      const reports = await importSerially(ctx, profileId, files, force, { ...(mapping ? { mapping } : {}), everySample, keyFiles });
      // A document kept from Import has its pictures read once the batch is in the vault.
      return { files: recognise ? reports.map((report) => withRecognition(ctx, profileId, report)) : reports };
    },
  };
}

// Import: every file is read, parsed by the pure importers, checked against the profile's
// identity and written in its own transaction. One bad file never touches the vault or the
// other files.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileImportReport, ImportReport, ParsedInputOf } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { ImportError, parseFile } from '../importers/index.ts';
import { compareIdentity, describePatient } from '../records/identity.ts';
import type { PatientIdentity } from '../records/model.ts';
import { writeImport } from '../vault/import-writer.ts';
import { isDiskFull } from '../vault/sqlite.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

type FileInput = ParsedInputOf<'import.files'>['files'][number];

function readInput(ctx: ApiContext, file: FileInput): { name: string; bytes: Uint8Array } {
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

export function importOne(ctx: ApiContext, profileId: string, input: FileInput, force: boolean): FileImportReport {
  const session = ctx.requireSession();
  const profile = session.getProfile(profileId);
  let name = 'name' in input ? path.basename(input.name) : 'file';
  try {
    const file = readInput(ctx, input);
    name = file.name;
    const parsed = parseFile(file.bytes, file.name);
    const first = parsed.documents[0];
    if (!first) throw new AppError('unreadable-file', `${name} holds no clinical document.`);
    const patient = first.patient;
    const report: FileImportReport = { file: name, format: parsed.format, patient: patientSummary(patient), documents: parsed.documents.length };
    if (!force) {
      for (const doc of parsed.documents) {
        const verdict = compareIdentity(doc.patient, profile);
        if (verdict.match === false) {
          return {
            ...report,
            errorKind: 'identity-mismatch',
            mismatchPatient: doc.patient,
            error: `This file is for ${describePatient(doc.patient)}, not ${profile.name}; nothing was imported.`,
          };
        }
      }
    }
    const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
    const outcome = writeImport(session.profileDb(profileId), { name, bytes: file.bytes, sha256 }, parsed, ctx.nowIso());
    if (outcome.alreadyImported) return { ...report, alreadyImported: true, counts: {}, skipped: [] };
    session.audit(ctx.platform.now(), 'import', profileId, `Imported ${name} (${parsed.format})`);
    return { ...report, counts: outcome.counts, skipped: outcome.skipped, possibleDuplicates: outcome.possibleDuplicates };
  } catch (error) {
    if (error instanceof ImportError) return { file: name, errorKind: 'unreadable-file', error: error.message };
    if (error instanceof AppError && error.kind !== 'locked') return { file: name, errorKind: error.kind, error: error.message };
    if (isDiskFull(error)) return { file: name, errorKind: 'disk-full', error: `The disk is full, so ${name} was not imported; nothing was changed.` };
    throw error;
  }
}

export function importHandlers(ctx: ApiContext): HandlerModule {
  return {
    'import.files': ({ profileId, files, force }): ImportReport => {
      ctx.requireSession().getProfile(profileId);
      return { files: files.map((file) => importOne(ctx, profileId, file, force)) };
    },
  };
}

// Taking data out: a FHIR R4 bundle, an International Patient Summary, the original files, and encrypted backups.
import fs from 'node:fs';
import { AppError } from '../errors.ts';
import { buildFhirBundle } from '../export/fhir-bundle.ts';
import { buildIpsDocument } from '../export/ips.ts';
import { zipOriginals } from '../export/originals.ts';
import { ENTRY_KINDS } from '../records/model.ts';
import { createBackup, restoreBackup } from '../vault/backup.ts';
import { listEntries } from '../vault/entries.ts';
import { listOriginalFiles } from '../vault/sources.ts';
import { keptDocumentsWithBytes, KEPT_FILE_FORMAT } from '../vault/kept-documents.ts';
import { withoutLocation } from '../documents/location.ts';
import type { ExportedDocument } from '../export/fhir-documents.ts';
import type { Connection } from '../vault/sqlite.ts';
import type { ApiContext } from './context.ts';
import { toProfile } from './profiles.ts';
import { readSettings } from './settings.ts';
import type { HandlerModule } from './router.ts';
import { writeUserFile } from './summary.ts';

/** Kept documents for the FHIR export; where a photo was taken is left out unless asked. */
export function exportedDocuments(db: Connection, includeLocation: boolean): ExportedDocument[] {
  return keptDocumentsWithBytes(db).map(({ document, files }) => ({
    document,
    files: files.map(({ info, bytes }) => ({ name: info.name, mediaType: info.mediaType, bytes: includeLocation ? bytes : withoutLocation(bytes).bytes })),
  }));
}

export function exportHandlers(ctx: ApiContext): HandlerModule {
  return {
    'export.fhir': async ({ profileId, includeLocation }) => {
      const session = ctx.requireSession();
      const profile = session.getProfile(profileId);
      const db = session.profileDb(profileId);
      const bundle = buildFhirBundle(profile, listEntries(db, ENTRY_KINDS), ctx.nowIso(), exportedDocuments(db, includeLocation));
      const target = await ctx.platform.chooseSavePath(`${profile.name} - FHIR.json`, 'fhir-json');
      if (!target) return null;
      writeUserFile(target, JSON.stringify(bundle, null, 2));
      session.audit(ctx.platform.now(), 'export.fhir', profileId, 'Exported as a FHIR bundle');
      return { savedTo: target };
    },
    'export.ips': async ({ profileId, language }) => {
      const session = ctx.requireSession();
      const profile = session.getProfile(profileId);
      const chosen = language ?? readSettings(session).language;
      const entries = listEntries(session.profileDb(profileId), ENTRY_KINDS);
      const document = buildIpsDocument(profile, entries, ctx.nowIso(), chosen);
      const target = await ctx.platform.chooseSavePath(`${profile.name} - International Patient Summary.json`, 'fhir-json');
      if (!target) return null;
      writeUserFile(target, JSON.stringify(document, null, 2));
      session.audit(ctx.platform.now(), 'export.ips', profileId, 'Exported as an International Patient Summary');
      return { savedTo: target };
    },
    'export.originals': async ({ profileId, includeLocation }) => {
      const session = ctx.requireSession();
      const profile = session.getProfile(profileId);
      const originals = listOriginalFiles(session.profileDb(profileId)).map((file) =>
        file.format === KEPT_FILE_FORMAT && !includeLocation
          ? { ...file, bytes: Buffer.from(withoutLocation(file.bytes).bytes) }
          : // An Apple Health export is not kept (main/api/apple-health.ts): its note says so under its own name.
            file.format === 'apple-health'
            ? { ...file, name: `${file.name} (not kept).txt` }
            : file,
      );
      const zip = zipOriginals(originals);
      const target = await ctx.platform.chooseSavePath(`${profile.name} - original files.zip`, 'zip');
      if (!target) return null;
      writeUserFile(target, zip);
      session.audit(ctx.platform.now(), 'export.originals', profileId, 'Exported the original files');
      return { savedTo: target };
    },
    'backup.create': async ({ profileId, passphrase }) => {
      const session = ctx.requireSession();
      const ids = profileId ? [session.getProfile(profileId).id] : session.listProfiles().map((p) => p.id);
      const label = profileId ? session.getProfile(profileId).name : 'Chartkeeper vault';
      const target = await ctx.platform.chooseSavePath(`${label} backup.chartkeeper`, 'backup');
      if (!target) return null;
      createBackup(session, ids, target, passphrase, ctx.platform.now());
      session.audit(ctx.platform.now(), 'backup.create', profileId, profileId ? 'Backed up one profile' : 'Backed up the vault');
      return { savedTo: target };
    },
    'backup.restore': ({ file, passphrase }) => {
      const session = ctx.requireSession();
      let source: string | undefined;
      if ('token' in file) source = ctx.platform.resolveFileToken(file.token);
      if (!source) {
        if (!('bytes' in file)) throw new AppError('not-found', 'That backup file is no longer available; choose it again.');
        throw new AppError('invalid-input', 'Choose the backup file with the file dialog so Chartkeeper can read it in place.');
      }
      if (!fs.existsSync(source)) throw new AppError('not-found', 'That backup file is no longer available; choose it again.');
      const restored = restoreBackup(session, source, passphrase, ctx.platform.now());
      return { profiles: restored.map((row) => toProfile(session, row)) };
    },
  };
}

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
import type { ApiContext } from './context.ts';
import { toProfile } from './profiles.ts';
import { readSettings } from './settings.ts';
import type { HandlerModule } from './router.ts';
import { writeUserFile } from './summary.ts';

export function exportHandlers(ctx: ApiContext): HandlerModule {
  return {
    'export.fhir': async ({ profileId }) => {
      const session = ctx.requireSession();
      const profile = session.getProfile(profileId);
      const bundle = buildFhirBundle(profile, listEntries(session.profileDb(profileId), ENTRY_KINDS), ctx.nowIso());
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
    'export.originals': async ({ profileId }) => {
      const session = ctx.requireSession();
      const profile = session.getProfile(profileId);
      const zip = zipOriginals(listOriginalFiles(session.profileDb(profileId)));
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

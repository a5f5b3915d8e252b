// Another caregiver's copy: "Share this profile" writes one profile as a one-profile backup
// under a passphrase chosen for the recipient; "Add a shared profile" either adds it as a new
// profile or merges it into a profile of the same person. A merge goes through the import
// path file by file (the copy's original files, so both provenances are kept and a file both
// sides hold is recognised and skipped), then brings the copy's hand entries across marked
// with whose copy they came from, the merges of entries made by hand there, and the emergency
// contacts (both sides' kept). Merging the same file twice changes nothing.
import fs from 'node:fs';
import type { FileImportReport, ParsedInputOf } from '../../preload/contract.ts';
import { CONTACTS_SETTING, parseStoredContacts, unionContacts } from '../card/contacts.ts';
import { AppError } from '../errors.ts';
import { compareIdentity } from '../records/identity.ts';
import { createBackup, profilesInBackup, readSharedProfile, restoreBackup } from '../vault/backup.ts';
import { getProfileSetting, setProfileSetting } from '../vault/profile-settings.ts';
import { addSharedPersonalStatements, addSharedStatements, handStatements, KEEPER_SETTING, personalStatementsOf } from '../vault/shared-statements.ts';
import { carrySharedMerges, handMergesOf } from '../vault/shared-merges.ts';
import { listOriginalFiles } from '../vault/sources.ts';
import { isDiskFull } from '../vault/sqlite.ts';
import type { ApiContext } from './context.ts';
import { importSerially } from './import.ts';
import { toProfile } from './profiles.ts';
import type { HandlerModule } from './router.ts';

type FileChoice = ParsedInputOf<'share.receive'>['file'];

function sourcePath(ctx: ApiContext, file: FileChoice): string {
  const source = 'token' in file ? ctx.platform.resolveFileToken(file.token) : undefined;
  if (!source) {
    if (!('bytes' in file)) throw new AppError('not-found', 'That file is no longer available; choose it again.');
    throw new AppError('invalid-input', 'Choose the shared file with the file dialog so Chartkeeper can read it in place.');
  }
  if (!fs.existsSync(source)) throw new AppError('not-found', 'That file is no longer available; choose it again.');
  return source;
}

export function shareHandlers(ctx: ApiContext): HandlerModule {
  return {
    'share.create': async ({ profileId, passphrase, keeper }) => {
      const session = ctx.requireSession();
      const profile = session.getProfile(profileId);
      // Who keeps this copy, so their hand entries read as theirs in the other caregiver's copy.
      if (keeper) setProfileSetting(session.profileDb(profile.id), KEEPER_SETTING, keeper);
      const target = await ctx.platform.chooseSavePath(`${profile.name} - shared profile.chartkeeper`, 'backup');
      if (!target) return null;
      createBackup(session, [profile.id], target, passphrase, ctx.platform.now());
      session.audit(ctx.platform.now(), 'share.create', profileId, 'Wrote a shared copy of the profile');
      return { savedTo: target };
    },

    'share.receive': async ({ file, passphrase, intoProfileId, force }) => {
      const session = ctx.requireSession();
      const source = sourcePath(ctx, file);

      if (intoProfileId === undefined) {
        const held = profilesInBackup(source, passphrase);
        if (held.length !== 1) {
          throw new AppError('invalid-input', `This file holds ${held.length} profiles, so it is a backup, not a shared profile; restore it from Settings instead.`);
        }
        const [row] = restoreBackup(session, source, passphrase, ctx.platform.now());
        session.audit(ctx.platform.now(), 'share.receive', row!.id, 'Added a shared profile');
        return {
          profile: toProfile(session, row!),
          created: true,
          files: [],
          handEntries: { added: 0, alreadyThere: 0 },
          merges: { carried: 0, alreadyThere: 0, keptApart: 0 },
          contacts: { added: 0, notAdded: [] },
        };
      }

      const target = session.getProfile(intoProfileId);
      const copy = readSharedProfile(session, source, passphrase, (db, profile) => {
        const hand = handStatements(db, profile);
        const label = getProfileSetting(db, KEEPER_SETTING) ?? profile.name;
        return {
          profile,
          originals: listOriginalFiles(db),
          hand,
          personal: personalStatementsOf(db, { id: profile.id, label }),
          merges: handMergesOf(db),
          contacts: parseStoredContacts(getProfileSetting(db, CONTACTS_SETTING)),
        };
      });
      // The same guard as an import: a copy of someone else's record is not merged unasked.
      if (!force && compareIdentity({ name: copy.profile.name, birthDate: copy.profile.birthDate }, target).match === false) {
        throw new AppError(
          'identity-mismatch',
          `This shared profile is for ${copy.profile.name} (born ${copy.profile.birthDate}), not ${target.name}; nothing was added.`,
        );
      }
      const files: FileImportReport[] =
        copy.originals.length > 0
          ? await importSerially(ctx, target.id, copy.originals.map((o) => ({ name: o.name, bytes: new Uint8Array(o.bytes) })), force)
          : [];
      const db = session.profileDb(target.id);
      let outcome;
      try {
        session.assertInPlace(target.id);
        outcome = db
          .transaction(() => {
            const total = { added: 0, alreadyThere: 0 };
            for (const { origin, drafts } of copy.hand) {
              // This profile's own statements, come back through the other copy: already here.
              if (origin.id === target.id) {
                total.alreadyThere += drafts.length;
                continue;
              }
              const outcome = addSharedStatements(db, origin, drafts, ctx.nowIso());
              total.added += outcome.added;
              total.alreadyThere += outcome.alreadyThere;
            }
            // The other caregiver's merges of entries, once every entry they join is here.
            const merges = carrySharedMerges(db, copy.merges, ctx.nowIso());
            // The person's word on entries ("I no longer take this", a correction), after the
            // entries they are about are here.
            const personal = addSharedPersonalStatements(db, target, copy.personal, ctx.nowIso());
            total.added += personal.added;
            total.alreadyThere += personal.alreadyThere;
            const contacts = unionContacts(parseStoredContacts(getProfileSetting(db, CONTACTS_SETTING)), copy.contacts);
            if (contacts.added.length) setProfileSetting(db, CONTACTS_SETTING, JSON.stringify(contacts.contacts));
            return { handEntries: total, merges, contacts: { added: contacts.added.length, notAdded: contacts.notAdded } };
          })
          .immediate();
      } catch (error) {
        if (isDiskFull(error)) throw new AppError('disk-full', 'The disk is full, so the entries typed by hand in the shared copy were not added; the files were.');
        throw error;
      }
      session.audit(ctx.platform.now(), 'share.receive', target.id, `Merged the shared copy of ${copy.profile.name}`);
      return { profile: toProfile(session, target), created: false, files, ...outcome };
    },
  };
}

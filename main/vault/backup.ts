// Encrypted backups: one SQLCipher file, keyed by a passphrase the user picks for it, that
// holds the chosen profiles whole. Restoring adds them to the open vault under new ids.
//
// Layout of a backup file (format 1), readable with the standard sqlcipher tool and the
// backup passphrase alone:
//   backup_meta           one row: format_version, created_at, app_version
//   backup_profiles       id, name, birth_date, sex, colour, created_at
//   backup_profile_files  profile_id, bytes: that profile's database file, itself a SQLCipher
//                         file keyed by the same backup passphrase. To recover by hand:
//                         SELECT writefile('profile.db', bytes) FROM backup_profile_files;
//                         then open profile.db with the same passphrase.
//
// Why whole files and not rows: a profile's file is the unit Chartkeeper migrates and keys, so
// a restored profile is exactly what was backed up, indexes and full-text search included.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { AppError } from '../errors.ts';
import { ensurePrivateDir, fsyncDir, fsyncFile, shredFile } from './files.ts';
import { migrate } from './migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from './migrations/profile/index.ts';
import { normalisePassphrase, passphraseCandidates } from './passphrase.ts';
import { type Connection, isDiskFull, isNotADatabase, openEncrypted } from './sqlite.ts';
import { PROFILES_DIR, type ProfileRow, type VaultSession } from './vault.ts';

export const BACKUP_FORMAT_VERSION = 1;
const PAGE_SIZE = 4096;

const SCHEMA = `
  CREATE TABLE backup_meta (
    format_version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    app_version TEXT NOT NULL
  );
  CREATE TABLE backup_profiles (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    sex TEXT,
    colour TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE backup_profile_files (
    profile_id TEXT PRIMARY KEY REFERENCES backup_profiles(id),
    bytes BLOB NOT NULL
  );
`;

const SIDE_FILES = ['-journal', '-wal', '-shm', ''];

function shredAll(file: string): void {
  for (const suffix of SIDE_FILES) shredFile(file + suffix);
}

function scratchBeside(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${crypto.randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes a backup of `profileIds` to `target`, encrypted with `passphrase`. The file is built
 * under a hidden temporary name beside the target and renamed only when complete, so a failed
 * backup never leaves a half file under the chosen name, nor harms a file already there.
 *
 * Each profile is copied with VACUUM INTO (a consistent snapshot that includes the WAL) and
 * then re-keyed. SQLite's online backup API cannot be used: SQLite3MultipleCiphers refuses it
 * between databases keyed differently ("backup is not supported with incompatible source and
 * target databases"). Every file written on the way is a SQLCipher file: never a plaintext page.
 */
export function createBackup(session: VaultSession, profileIds: string[], target: string, typedPassphrase: string, now: Date): void {
  const profiles = profileIds.map((id) => session.getProfile(id));
  // A backup never carries a damaged file as if it were whole: every file is checked first.
  for (const profile of profiles) session.health.assertIntactForBackup(profile, () => session.profileDb(profile.id));
  const passphrase = normalisePassphrase(typedPassphrase);
  // A fresh hidden name beside the target, so no file of the user's is ever overwritten or
  // shredded before the backup is complete.
  const partial = scratchBeside(target);
  const scratch: string[] = [];
  let db: Connection | undefined;
  try {
    db = openEncrypted(partial, passphrase, { create: true });
    // One self-contained file: a rollback journal instead of WAL, so no -wal/-shm beside it.
    db.pragma('journal_mode = DELETE');
    db.exec(SCHEMA);
    db.prepare('INSERT INTO backup_meta (format_version, created_at, app_version) VALUES (?, ?, ?)').run(
      BACKUP_FORMAT_VERSION,
      now.toISOString(),
      pkg.version,
    );
    const insertProfile = db.prepare('INSERT INTO backup_profiles (id, name, birth_date, sex, colour, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const insertFile = db.prepare('INSERT INTO backup_profile_files (profile_id, bytes) VALUES (?, ?)');
    for (const profile of profiles) {
      const copy = scratchBeside(target);
      scratch.push(copy);
      session.copyProfileFileKeyed(profile.id, copy, passphrase);
      const bytes = fs.readFileSync(copy);
      shredAll(copy);
      const write = db.transaction(() => {
        insertProfile.run(profile.id, profile.name, profile.birthDate, profile.sex ?? null, profile.colour, profile.createdAt);
        insertFile.run(profile.id, bytes);
      });
      write();
    }
    db.close();
    db = undefined;
    fsyncFile(partial);
    fs.renameSync(partial, target);
    fsyncDir(path.dirname(target));
  } catch (error) {
    db?.close();
    for (const file of scratch) shredAll(file);
    shredAll(partial);
    if (isDiskFull(error)) throw new AppError('disk-full', 'The disk is full, so the backup was not written; nothing was changed.');
    if (typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).syscall) {
      throw new AppError('unavailable', 'The backup could not be saved there; choose another folder.');
    }
    throw error;
  }
}

function notABackup(): AppError {
  return new AppError('corrupt', 'That file is not a Chartkeeper backup, or it is damaged; nothing was changed.');
}

/** Opens a backup file, telling a wrong passphrase apart from a file that is no backup at all. */
function openBackup(source: string, passphrase: string): Connection {
  const size = fs.statSync(source).size;
  // A SQLCipher file is whole pages; anything else cannot be a backup whatever the passphrase.
  if (size === 0 || size % PAGE_SIZE !== 0) throw notABackup();
  let db: Connection;
  try {
    db = openEncrypted(source, passphrase, { readonly: true });
  } catch (error) {
    if (error instanceof AppError && error.kind === 'corrupt') throw notABackup();
    if (isNotADatabase(error)) {
      throw new AppError('wrong-passphrase', 'That passphrase does not open this backup; nothing was changed.');
    }
    throw error;
  }
  try {
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name),
    );
    if (!['backup_meta', 'backup_profiles', 'backup_profile_files'].every((t) => tables.has(t))) throw notABackup();
    const meta = db.prepare('SELECT format_version FROM backup_meta').get() as { format_version: number } | undefined;
    if (!meta) throw notABackup();
    if (meta.format_version > BACKUP_FORMAT_VERSION) {
      throw new AppError('too-new', 'This backup was made by a newer version of Chartkeeper; update Chartkeeper to restore it.');
    }
    return db;
  } catch (error) {
    db.close();
    if (isNotADatabase(error)) throw notABackup();
    throw error;
  }
}

interface BackupProfile {
  id: string;
  name: string;
  birth_date: string;
  sex: string | null;
  colour: string;
  created_at: string;
}

/**
 * Adds every profile in the backup to the open vault, each under a new random id and re-keyed
 * to the vault's passphrase; a name already in use gets " (restored)". All or nothing: if any
 * profile fails, the ones already added are removed again.
 */
export function restoreBackup(session: VaultSession, source: string, typedPassphrase: string, now: Date): ProfileRow[] {
  // Never while another process has the vault open (lock.ts): undoing a failed restore removes files.
  return session.exclusively(() => restoreInto(session, source, typedPassphrase, now));
}

/** Opens a backup with the passphrase as typed or, for backups made before NFC, as its bytes. */
function openBackupTyped(source: string, typedPassphrase: string): { db: Connection; passphrase: string } {
  const candidates = passphraseCandidates(typedPassphrase);
  for (const [i, passphrase] of candidates.entries()) {
    try {
      return { db: openBackup(source, passphrase), passphrase };
    } catch (error) {
      if (!(error instanceof AppError && error.kind === 'wrong-passphrase') || i === candidates.length - 1) throw error;
    }
  }
  throw new Error('unreachable: passphraseCandidates is never empty');
}

/** The one profile a shared file carries, as the backup tables describe it. */
export interface SharedProfile {
  id: string;
  name: string;
  birthDate: string;
  sex?: string;
}

/** How many profiles a backup holds: a shared copy holds exactly one. */
export function profilesInBackup(source: string, typedPassphrase: string): SharedProfile[] {
  const { db } = openBackupTyped(source, typedPassphrase);
  try {
    return (db.prepare('SELECT id, name, birth_date, sex, colour, created_at FROM backup_profiles ORDER BY rowid').all() as BackupProfile[]).map(sharedProfile);
  } finally {
    db.close();
  }
}

function sharedProfile(p: BackupProfile): SharedProfile {
  return { id: p.id, name: p.name, birthDate: p.birth_date, ...(p.sex ? { sex: p.sex } : {}) };
}

/**
 * Reads the one profile of a shared file (a one-profile backup) without adding it to the vault:
 * its database is put in the vault's profiles folder under a scratch name, still encrypted
 * with the file's passphrase, brought to this version's schema, handed to `read`, and shredded.
 */
export function readSharedProfile<T>(session: VaultSession, source: string, typedPassphrase: string, read: (db: Connection, profile: SharedProfile) => T): T {
  const { db, passphrase } = openBackupTyped(source, typedPassphrase);
  const file = path.join(session.dir, PROFILES_DIR, `shared-${crypto.randomBytes(8).toString('hex')}.tmp`);
  let shared: Connection | undefined;
  try {
    const profiles = db.prepare('SELECT id, name, birth_date, sex, colour, created_at FROM backup_profiles ORDER BY rowid').all() as BackupProfile[];
    if (profiles.length !== 1) {
      throw new AppError('invalid-input', `This file holds ${profiles.length} profiles, so it is a backup, not a shared profile; restore it from Settings instead.`);
    }
    const profile = profiles[0]!;
    const row = db.prepare('SELECT bytes FROM backup_profile_files WHERE profile_id = ?').get(profile.id) as { bytes: Buffer } | undefined;
    if (!row || !Buffer.isBuffer(row.bytes)) throw notABackup();
    ensurePrivateDir(path.dirname(file));
    fs.writeFileSync(file, row.bytes, { mode: 0o600, flag: 'wx' });
    shared = openEncrypted(file, passphrase);
    migrate(shared, PROFILE_MIGRATIONS, file);
    return read(shared, sharedProfile(profile));
  } catch (error) {
    if (isNotADatabase(error)) throw new AppError('corrupt', 'The profile inside this file is damaged, so nothing was added.');
    if (error instanceof AppError && error.kind === 'too-new') {
      throw new AppError('too-new', 'This file holds a profile from a newer version of Chartkeeper; update Chartkeeper to add it.');
    }
    throw error;
  } finally {
    shared?.close();
    shredAll(file);
    db.close();
  }
}

function restoreInto(session: VaultSession, source: string, typedPassphrase: string, now: Date): ProfileRow[] {
  // Backups made before passphrases were normalised to NFC were keyed with the bytes as typed.
  const { db, passphrase } = openBackupTyped(source, typedPassphrase);
  const restored: ProfileRow[] = [];
  const scratch: string[] = [];
  try {
    const profiles = db.prepare('SELECT id, name, birth_date, sex, colour, created_at FROM backup_profiles ORDER BY rowid').all() as BackupProfile[];
    const readBytes = db.prepare('SELECT bytes FROM backup_profile_files WHERE profile_id = ?');
    const profilesDir = path.join(session.dir, PROFILES_DIR);
    ensurePrivateDir(profilesDir);
    for (const profile of profiles) {
      const row = readBytes.get(profile.id) as { bytes: Buffer } | undefined;
      if (!row || !Buffer.isBuffer(row.bytes)) throw notABackup();
      // Written where it will live, so adopting it is a rename; not named *.db until adopted.
      const file = path.join(profilesDir, `restore-${crypto.randomBytes(8).toString('hex')}.tmp`);
      scratch.push(file);
      fs.writeFileSync(file, row.bytes, { mode: 0o600, flag: 'wx' });
      restored.push(
        session.adoptProfileFile(
          file,
          passphrase,
          {
            name: profile.name,
            birthDate: profile.birth_date,
            ...(profile.sex ? { sex: profile.sex } : {}),
            colour: profile.colour,
            createdAt: profile.created_at,
          },
          now,
        ),
      );
    }
  } catch (error) {
    for (const profile of restored) session.deleteProfile(profile.id, now);
    for (const file of scratch) shredAll(file);
    if (isNotADatabase(error)) throw new AppError('corrupt', 'A profile inside this backup is damaged, so nothing was restored.');
    if (error instanceof AppError && error.kind === 'too-new') {
      throw new AppError('too-new', 'This backup holds a profile from a newer version of Chartkeeper; update Chartkeeper to restore it.');
    }
    if (isDiskFull(error)) throw new AppError('disk-full', 'The disk is full, so the backup was not restored; nothing was changed.');
    throw error;
  } finally {
    db.close();
  }
  session.audit(now, 'backup.restore', undefined, `Restored ${restored.length} profile${restored.length === 1 ? '' : 's'} from a backup`);
  return restored;
}

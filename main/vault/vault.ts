// A vault is a folder: one vault-level SQLCipher file (profiles, settings, audit log) and one
// SQLCipher file per profile under profiles/, all keyed by the same passphrase. File names
// carry random ids only; no name or date of a person is ever on disk in plaintext.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';
import type { ProfileUpdateProgress } from '../../preload/contract.ts';
import { ensurePrivateDir, removeDatabaseFiles, shredFile } from './files.ts';
import { FileIdentities } from './file-identity.ts';
import { useRawFiles } from './raw-files.ts';
import { VaultLock } from './lock.ts';
import { migrate, migrateInSteps, pendingMigrations } from './migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from './migrations/profile/index.ts';
import { VAULT_MIGRATIONS } from './migrations/vault/index.ts';
import { VaultHealth, vaultFileDamagedAtUnlock } from './health.ts';
import { fileIsMissing, restOfFileAuthenticates } from './integrity.ts';
import { normalisePassphrase, passphraseCandidates } from './passphrase.ts';
import { BackgroundCheckpoints } from './background-checkpoints.ts';
import type { CheckpointReply } from './checkpoint-worker.ts';
import { cachedKey, forgetAllProfileKeys, forgetProfileKey, type KeySource, newProfileKey, openProfileFile, storeKey } from './profile-keys.ts';
import { changePassphrase, hasInterruptedChange, recoverInterruptedChange } from './rekey.ts';
import { type Connection, checkpoint, copyInto, deriveRawKey, isDiskFull, isNotADatabase, openEncrypted, type RawKey, readSalt, rekey } from './sqlite.ts';

export const VAULT_FILE = 'chartkeeper-vault.db';
export const PROFILES_DIR = 'profiles';

export interface ProfileRow {
  id: string;
  name: string;
  birthDate: string;
  sex?: string;
  colour: string;
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  profileId?: string;
  detail: string;
}

const PALETTE = ['#1f6feb', '#b35900', '#2e7d32', '#8e24aa', '#c62828', '#00838f', '#5d4037', '#3949ab'];

export function vaultFile(dir: string): string {
  return path.join(dir, VAULT_FILE);
}

export function vaultExists(dir: string): boolean {
  return fs.existsSync(vaultFile(dir));
}

export function profileFile(dir: string, id: string): string {
  return path.join(dir, PROFILES_DIR, `${id}.db`);
}

function allDatabaseFiles(dir: string): string[] {
  const profilesDir = path.join(dir, PROFILES_DIR);
  const profiles = fs.existsSync(profilesDir)
    ? fs.readdirSync(profilesDir).filter((n) => n.endsWith('.db')).map((n) => path.join(profilesDir, n))
    : [];
  return [vaultFile(dir), ...profiles.sort()];
}

function wrongPassphrase(): AppError {
  return new AppError('wrong-passphrase', 'That passphrase does not open this vault; nothing was changed.');
}

/** The vault file opened, with the raw key it opened with (kept for the page check). */
interface OpenedVaultFile {
  db: Connection;
  key?: RawKey;
  passphrase: string;
}

/**
 * Opens the vault file with one form of the passphrase. When it does not open, says whether the
 * key that form derives from the file's salt still authenticates the file's other pages: then
 * the passphrase is right and page 1 is damaged (checked with the key already derived, so a
 * wrong passphrase pays no second derivation for it).
 */
function tryVaultFile(dir: string, passphrase: string): OpenedVaultFile | 'page-1-damaged' | undefined {
  const file = vaultFile(dir);
  // The same PBKDF2-HMAC-SHA512 derivation SQLCipher would run, done by Node's OpenSSL, which
  // measured 10–45% faster than the SQLite library's own on our machines, and unlocking waits
  // for nothing else. A file without its salt on disk yet (page 1 still in the
  // WAL) is opened with the passphrase as before.
  const salt = readSalt(file);
  const key = salt ? deriveRawKey(passphrase, salt) : undefined;
  try {
    return { db: openEncrypted(file, key ?? passphrase), ...(key ? { key } : {}), passphrase };
  } catch (error) {
    if (!isNotADatabase(error)) {
      key?.key.fill(0);
      throw error;
    }
    const damaged = key !== undefined && restOfFileAuthenticates(file, key);
    key?.key.fill(0);
    return damaged ? 'page-1-damaged' : undefined;
  }
}

/**
 * The vault file did not open with any form of the passphrase, and its other pages do not
 * authenticate either: a wrong passphrase, or a vault file damaged where its salt is. The
 * passphrase is right when it opens a profile file: every file is keyed by the same one.
 */
function explainUnopenedVault(dir: string, candidates: string[]): AppError {
  // An empty profile file opens with any key (SQLite takes it for a new database). One file
  // decides, and caps what a wrong passphrase costs: two key derivations per form tried.
  const other = allDatabaseFiles(dir)
    .slice(1)
    .find((f) => !fileIsMissing(f) && readSalt(f));
  if (!other) return wrongPassphrase();
  for (const passphrase of candidates) {
    try {
      openEncrypted(other, passphrase, { readonly: true }).close();
      return vaultFileDamagedAtUnlock();
    } catch (error) {
      if (!isNotADatabase(error) && !(error instanceof AppError)) throw error;
    }
  }
  return wrongPassphrase();
}

/** Opens the vault file with the NFC form of the passphrase, then with the bytes as typed. */
function openVaultFile(dir: string, typed: string): OpenedVaultFile {
  const candidates = passphraseCandidates(typed);
  for (const passphrase of candidates) {
    const opened = tryVaultFile(dir, passphrase);
    if (opened === 'page-1-damaged') throw vaultFileDamagedAtUnlock();
    if (opened) return opened;
  }
  throw explainUnopenedVault(dir, candidates);
}

function vaultExistsError(): AppError {
  return new AppError('vault-exists', 'There is already a vault in that folder; unlock it instead.');
}

/** Runs `open` holding the folder's shared lock, which the session it returns keeps (see lock.ts). */
function withLock(dir: string, open: (lock: VaultLock) => VaultSession): VaultSession {
  const lock = VaultLock.acquire(dir, 'shared');
  try {
    return open(lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

export function createVault(dir: string, passphrase: string, now: Date): VaultSession {
  if (vaultExists(dir)) throw vaultExistsError();
  ensurePrivateDir(dir);
  return withLock(dir, (lock) => {
    // Exclusive, so two processes creating a vault in one folder cannot both start.
    const normal = normalisePassphrase(passphrase);
    const db = lock.exclusively(() => {
      if (vaultExists(dir)) throw vaultExistsError();
      ensurePrivateDir(path.join(dir, PROFILES_DIR));
      const created = openEncrypted(vaultFile(dir), normal, { create: true });
      try {
        migrate(created, VAULT_MIGRATIONS, vaultFile(dir));
      } catch (error) {
        created.close();
        throw error;
      }
      return created;
    });
    const session = new VaultSession(dir, normal, db, lock);
    session.audit(now, 'vault.create', undefined, 'Vault created');
    return session;
  });
}

export function unlockVault(dir: string, passphrase: string): VaultSession {
  if (!vaultExists(dir)) throw new AppError('no-vault', 'There is no vault in that folder yet; create one first.');
  return withLock(dir, (lock) => {
    // Finishing or undoing a change renames and removes files: only with no one else inside.
    const recovery = hasInterruptedChange(dir, allDatabaseFiles(dir))
      ? lock.exclusively(() => recoverInterruptedChange(dir, allDatabaseFiles(dir), normalisePassphrase(passphrase), vaultFile(dir)))
      : 'none';
    let opened: OpenedVaultFile;
    try {
      opened = openVaultFile(dir, passphrase);
    } catch (error) {
      if (error instanceof AppError && error.kind === 'wrong-passphrase' && recovery !== 'none') {
        throw new AppError(
          'wrong-passphrase',
          recovery === 'rolled-forward'
            ? 'A passphrase change finished just now; unlock with your new passphrase.'
            : 'A passphrase change was interrupted and undone; unlock with your previous passphrase.',
        );
      }
      throw error;
    }
    const { db, key } = opened;
    try {
      migrate(db, VAULT_MIGRATIONS, vaultFile(dir));
      return new VaultSession(dir, opened.passphrase, db, lock, key);
    } catch (error) {
      db.close();
      throw error;
    } finally {
      key?.key.fill(0);
    }
  });
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** SQLite's default wal_autocheckpoint, which holdCheckpoints turns off and back on. */
const AUTOCHECKPOINT_PAGES = 1000;

/** An unlocked vault. Holds the passphrase in memory only while unlocked. */
export class VaultSession {
  readonly dir: string;
  #passphrase: string;
  #db: Connection;
  #profiles = new Map<string, Connection>();
  #closed = false;
  /** How each profile file was last opened (tests and diagnostics; never the key). */
  #keySources = new Map<string, KeySource>();
  /** What is known about the state of each file, and the checks that find out (health.ts). */
  readonly health: VaultHealth;
  /** The folder's shared lock, held while unlocked; taken exclusively to replace or remove files. */
  readonly #lock: VaultLock;
  /** Which file each open connection has, to notice one replaced under it (file-identity.ts). */
  readonly #opened = new FileIdentities();
  /** Descriptors the page check and the read-ahead read through, kept while SQLite holds locks (raw-files.ts). */
  readonly #rawFiles: { settle(): void; release(): void };
  /** Checkpoints after an import, in a worker thread (background-checkpoints.ts). */
  readonly #checkpoints = new BackgroundCheckpoints();
  /** Connections whose automatic checkpoint holdCheckpoints turned off: how many holds, and whether one of them wrote. */
  readonly #holds = new Map<Connection, { holds: number; wrote: boolean }>();
  /** Connections whose log the worker has been given and not yet answered for: how many jobs. */
  readonly #withWorker = new Map<Connection, number>();

  /** `vaultKey`: the raw key the vault file opened with, for the background page check. */
  constructor(dir: string, passphrase: string, db: Connection, lock: VaultLock, vaultKey?: RawKey) {
    this.dir = dir;
    this.#passphrase = passphrase;
    this.#db = db;
    this.#lock = lock;
    this.#opened.remember(vaultFile(dir));
    this.#rawFiles = useRawFiles(dir);
    this.health = new VaultHealth(
      {
        dir,
        vaultFile: () => vaultFile(dir),
        vaultDb: () => this.db,
        profileFile: (id) => profileFile(dir, id),
        profiles: () => this.listProfiles(),
        passphrase: () => this.#passphrase,
        isOpen: () => this.isOpen,
        onProfileDamaged: (id) => this.#reopenReadOnly(id),
      },
      vaultKey,
    );
  }

  /** A damaged profile's read-write connection is closed (unless a write is under way) so it reopens read-only. */
  #reopenReadOnly(id: string): void {
    const open = this.#profiles.get(id);
    if (!open || open.inTransaction) return;
    this.#checkpoints.settle();
    open.close();
    this.#profiles.delete(id);
  }

  get db(): Connection {
    if (this.#closed) throw new AppError('locked', 'The vault is locked; unlock it first.');
    this.#assertInPlace(vaultFile(this.dir));
    return this.#db;
  }

  /**
   * Throws, and locks the session, when a file it has open is no longer the one in the folder
   * (replaced or removed by a process that ignored the lock) or the lock itself was lost:
   * anything written after that would land in a file nobody will read again. Checked before
   * every use of the vault file, on every use of a profile's file and before an import commits.
   */
  assertInPlace(profileId?: string): void {
    if (this.#closed) throw new AppError('locked', 'The vault is locked; unlock it first.');
    this.#assertInPlace(vaultFile(this.dir));
    if (profileId !== undefined && this.#profiles.has(profileId)) this.#assertInPlace(profileFile(this.dir, profileId));
  }

  #assertInPlace(file: string): void {
    if (this.#lock.held && this.#opened.unchanged(file)) return;
    const lost = !this.#lock.held;
    this.close();
    throw new AppError(
      'locked',
      lost
        ? 'Another Chartkeeper window took over this vault, so nothing more was saved here; unlock it again.'
        : "This vault's files were replaced by another program while they were open here, so nothing more was saved; unlock the vault again.",
    );
  }

  /** Runs an operation that replaces or removes the vault's files with no other process inside (lock.ts). */
  exclusively<T>(replaceFiles: () => T): T {
    this.assertInPlace();
    // No checkpoint may write into a file being replaced or removed.
    this.#checkpoints.settle();
    return this.#lock.exclusively(replaceFiles);
  }

  checkPassphrase(passphrase: string): boolean {
    const a = Buffer.from(normalisePassphrase(passphrase));
    const b = Buffer.from(normalisePassphrase(this.#passphrase));
    return a.length === b.length && crypto.timingSafeEqual(a, b);
  }

  // ------------------------------------------------------------ profiles

  listProfiles(): ProfileRow[] {
    const rows = this.db
      .prepare('SELECT id, name, birth_date, sex, colour, created_at FROM profiles ORDER BY name COLLATE NOCASE, created_at')
      .all() as { id: string; name: string; birth_date: string; sex: string | null; colour: string; created_at: string }[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      birthDate: r.birth_date,
      ...(r.sex ? { sex: r.sex } : {}),
      colour: r.colour,
      createdAt: r.created_at,
    }));
  }

  getProfile(id: string): ProfileRow {
    const found = this.listProfiles().find((p) => p.id === id);
    if (!found) throw new AppError('not-found', 'That profile is not in this vault.');
    return found;
  }

  #assertNameFree(name: string, exceptId?: string): void {
    const wanted = name.trim().toLocaleLowerCase();
    if (this.listProfiles().some((p) => p.id !== exceptId && p.name.toLocaleLowerCase() === wanted)) {
      throw new AppError('conflict', `There is already a profile named "${name.trim()}".`);
    }
  }

  addProfile(input: { name: string; birthDate: string; sex?: string; colour?: string }, now: Date): ProfileRow {
    this.#assertNameFree(input.name);
    const id = crypto.randomBytes(10).toString('hex');
    const count = this.listProfiles().length;
    const row: ProfileRow = {
      id,
      name: input.name.trim(),
      birthDate: input.birthDate,
      ...(input.sex ? { sex: input.sex } : {}),
      colour: input.colour ?? PALETTE[count % PALETTE.length]!,
      createdAt: now.toISOString(),
    };
    const file = profileFile(this.dir, id);
    ensurePrivateDir(path.dirname(file));
    let db: Connection | undefined;
    const key = newProfileKey(this.#passphrase);
    try {
      db = openEncrypted(file, key, { create: true });
      this.#opened.remember(file);
      migrate(db, PROFILE_MIGRATIONS, file);
      // The row and its file's key together: a vault row without its file's key would be
      // harmless, but one that cannot be written must not leave the row behind.
      this.db.transaction(() => {
        this.db
          .prepare('INSERT INTO profiles (id, name, birth_date, sex, colour, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(row.id, row.name, row.birthDate, row.sex ?? null, row.colour, row.createdAt);
        storeKey(this.db, id, key);
      })();
    } catch (error) {
      // A full disk can fail the file's creation, its schema or the vault's row: nothing of
      // the profile stays behind, side files included.
      db?.close();
      this.#opened.forget(file);
      removeDatabaseFiles(file);
      throw error;
    } finally {
      key.key.fill(0);
    }
    this.#profiles.set(id, db);
    try {
      this.audit(now, 'profile.add', id, 'Profile added');
    } catch (error) {
      // The profile is saved; only its log line is lost.
      if (!isDiskFull(error)) throw error;
    }
    return row;
  }

  updateProfile(id: string, changes: { name?: string; birthDate?: string; sex?: string; colour?: string }, now: Date): ProfileRow {
    const current = this.getProfile(id);
    if (changes.name !== undefined) this.#assertNameFree(changes.name, id);
    const next: ProfileRow = {
      ...current,
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.birthDate !== undefined ? { birthDate: changes.birthDate } : {}),
      ...(changes.sex !== undefined ? { sex: changes.sex } : {}),
      ...(changes.colour !== undefined ? { colour: changes.colour } : {}),
    };
    this.db
      .prepare('UPDATE profiles SET name = ?, birth_date = ?, sex = ?, colour = ? WHERE id = ?')
      .run(next.name, next.birthDate, next.sex ?? null, next.colour, id);
    this.audit(now, 'profile.update', id, 'Profile changed');
    return next;
  }

  /** Deletes the profile's file beyond recovery (overwritten, then removed) and its row. */
  deleteProfile(id: string, now: Date): void {
    this.getProfile(id);
    // Never while another process may have the file open: it would go on writing into it.
    this.exclusively(() => {
      const open = this.#profiles.get(id);
      if (open) {
        open.close();
        this.#profiles.delete(id);
      }
      const file = profileFile(this.dir, id);
      this.#opened.forget(file);
      for (const suffix of ['-wal', '-shm', '']) shredFile(file + suffix);
      this.#keySources.delete(id);
      this.health.forgetProfile(id);
      // The foreign key would cascade too; said here so the key's removal never hangs on a pragma.
      forgetProfileKey(this.db, id);
      this.db.prepare('DELETE FROM profiles WHERE id = ?').run(id);
      this.audit(now, 'profile.delete', id, 'Profile deleted');
      // secure_delete zeroes the freed row in the main file; the checkpoint empties the WAL copy.
      checkpoint(this.db);
    });
  }

  /**
   * Told before a profile's file is brought up to this version's schema by `profileDb` (the
   * command line prints a line: the person waits without seeing why otherwise).
   */
  onProfileUpdate: ((profile: ProfileRow, migrations: number) => void) | undefined;

  /** Profiles whose file `prepareProfile` is updating, with how far it has come. */
  readonly #updating = new Map<string, { progress: ProfileUpdateProgress; done: Promise<number> }>();

  /** The update `prepareProfile` is running, if any (the first one started). */
  profileUpdate(): ProfileUpdateProgress | undefined {
    return this.#updating.values().next().value?.progress;
  }

  /**
   * A profile's file opened for reading and writing, not yet migrated; or, when it is damaged,
   * read-only and kept as the profile's connection at once (a damaged file is only read; it
   * is migrated when it is whole again, restored).
   */
  #openUnmigrated(profile: ProfileRow): { db: Connection; file: string; readonly: boolean } {
    const { id } = profile;
    const file = profileFile(this.dir, id);
    const { state } = this.health.profileState(id);
    // Never re-created: SQLite would take an empty file for a new database and migrate it.
    if (state === 'missing') throw this.health.problemWith(profile)!;
    const readonly = state === 'damaged';
    let db: Connection;
    try {
      // With the key cached in the vault file when it still fits, so no second KDF run.
      const opened = openProfileFile(this.db, id, file, this.#passphrase, { readonly });
      db = opened.db;
      this.#keySources.set(id, opened.source);
      if (opened.vaultFileFailed) this.health.markVaultDamaged();
    } catch (error) {
      if (!isNotADatabase(error)) throw error;
      this.health.markProfileDamaged(id);
      throw this.health.problemWith(profile)!;
    }
    if (readonly) this.#profiles.set(id, db);
    else this.#opened.remember(file);
    return { db, file, readonly };
  }

  #busyUpdating(profile: ProfileRow): AppError {
    return new AppError('busy', `${profile.name}'s records are being updated for this version of Chartkeeper; they open when it is done.`);
  }

  /** The open connection of a profile's own file (opened, and migrated, on first use). */
  profileDb(id: string): Connection {
    const profile = this.getProfile(id);
    let db = this.#profiles.get(id);
    if (db) {
      this.#assertInPlace(profileFile(this.dir, id));
      return db;
    }
    if (this.#updating.has(id)) throw this.#busyUpdating(profile);
    const opened = this.#openUnmigrated(profile);
    db = opened.db;
    if (opened.readonly) return db;
    try {
      const pending = pendingMigrations(db, PROFILE_MIGRATIONS, opened.file);
      if (pending.length > 0) {
        this.onProfileUpdate?.(profile, pending.length);
        migrate(db, PROFILE_MIGRATIONS, opened.file);
      }
    } catch (error) {
      db.close();
      this.#opened.forget(opened.file);
      throw error;
    }
    this.#profiles.set(id, db);
    return db;
  }

  /**
   * Opens a profile's file and brings it up to this version's schema, handing the event loop
   * back between migrations so `profileUpdate()` can be asked how far it has come; meanwhile
   * `profileDb` refuses the profile with the busy sentence. All migrations are one transaction
   * as in `profileDb`: stopped half-way (a crash, the vault locked), the file keeps its old
   * version. Answers how many migrations ran (0 when the file was up to date or already open).
   */
  async prepareProfile(id: string, now: () => Date = () => new Date()): Promise<number> {
    const profile = this.getProfile(id);
    if (this.#profiles.has(id)) return 0;
    const running = this.#updating.get(id);
    if (running) return running.done;
    const opened = this.#openUnmigrated(profile);
    if (opened.readonly) return 0;
    const { db, file } = opened;
    let pending: number;
    try {
      pending = pendingMigrations(db, PROFILE_MIGRATIONS, file).length;
    } catch (error) {
      db.close();
      this.#opened.forget(file);
      throw error;
    }
    if (pending === 0) {
      this.#profiles.set(id, db);
      return 0;
    }
    const progress: ProfileUpdateProgress = { profileId: id, profileName: profile.name, done: 0, total: pending, startedAt: now().toISOString() };
    const done = (async () => {
      try {
        const ran = await migrateInSteps(
          db,
          PROFILE_MIGRATIONS,
          file,
          (step) => {
            progress.done = step.done;
            progress.total = step.total;
            if (step.running) progress.running = step.running;
            else delete progress.running;
          },
          () => this.isOpen,
        );
        this.#profiles.set(id, db);
        return ran;
      } catch (error) {
        db.close();
        this.#opened.forget(file);
        throw error;
      } finally {
        this.#updating.delete(id);
      }
    })();
    this.#updating.set(id, { progress, done });
    return done;
  }

  /** Whether opening this profile would first update its file (opens it, without migrating, when not open yet). */
  profileNeedsUpdate(id: string): boolean {
    const profile = this.getProfile(id);
    if (this.#profiles.has(id)) return false;
    if (this.#updating.has(id)) return true;
    const opened = this.#openUnmigrated(profile);
    if (opened.readonly) return false;
    try {
      if (pendingMigrations(opened.db, PROFILE_MIGRATIONS, opened.file).length > 0) {
        // Closed again: prepareProfile opens it for its update (a cached key makes that cheap).
        opened.db.close();
        this.#opened.forget(opened.file);
        return true;
      }
    } catch (error) {
      opened.db.close();
      this.#opened.forget(opened.file);
      throw error;
    }
    this.#profiles.set(id, opened.db);
    return false;
  }

  profileFilePath(id: string): string {
    return profileFile(this.dir, id);
  }

  /** How profileDb() last opened this profile's file: with the cached key, a derived one, or the passphrase. */
  profileKeySource(id: string): KeySource | undefined {
    return this.#keySources.get(id);
  }

  // ------------------------------------------------------------ checkpoints after an import

  /**
   * Turns the profile connection's automatic checkpoint off for a large write (an import) and
   * returns the function that turns it back on once the write has committed or rolled back.
   * Given `wrote` (something was committed), the log is then checkpointed in a worker thread
   * (background-checkpoints.ts), or here when the worker cannot (no cached key for the file,
   * the worker gone). While the worker has it, the automatic checkpoint stays off: on, the next
   * small write here would find the import's log still long and copy it in this thread (what the
   * worker is for), holding the checkpoint lock the worker then finds taken.
   */
  holdCheckpoints(profileId: string): (wrote: boolean) => void {
    const db = this.profileDb(profileId);
    const file = profileFile(this.dir, profileId);
    const held = this.#holds.get(db) ?? { holds: 0, wrote: false };
    held.holds += 1;
    this.#holds.set(db, held);
    db.pragma('wal_autocheckpoint = 0');
    let released = false;
    return (wrote) => {
      if (released) return;
      released = true;
      held.wrote ||= wrote;
      held.holds -= 1;
      if (held.holds > 0) return;
      this.#holds.delete(db);
      // Locked, deleted or reopened meanwhile: that connection is closed, and so is the question.
      if (this.#closed || this.#profiles.get(profileId) !== db || !db.open) return;
      try {
        if (!held.wrote || db.inTransaction || !this.#opened.unchanged(file)) return;
        const key = this.#readCachedKey(profileId);
        try {
          if (key && this.#checkpoints.start(file, key, () => this.#workerDone(db, profileId))) {
            this.#withWorker.set(db, (this.#withWorker.get(db) ?? 0) + 1);
            return;
          }
        } finally {
          key?.key.fill(0);
        }
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // A checkpoint that fails (a full disk) is not the write's failure: its rows are in the
        // log, committed, and the next commit's automatic checkpoint tries again.
      } finally {
        this.#resumeAutocheckpoint(db, profileId);
      }
    };
  }

  /** The worker has answered for a log of `db` (or never will). */
  #workerDone(db: Connection, profileId: string): void {
    const jobs = (this.#withWorker.get(db) ?? 1) - 1;
    if (jobs > 0) this.#withWorker.set(db, jobs);
    else this.#withWorker.delete(db);
    this.#resumeAutocheckpoint(db, profileId);
  }

  /** Turns the automatic checkpoint back on once no import holds it off and the worker has no log of this connection's. */
  #resumeAutocheckpoint(db: Connection, profileId: string): void {
    if (this.#holds.has(db) || this.#withWorker.has(db)) return;
    if (this.#closed || this.#profiles.get(profileId) !== db || !db.open) return;
    try {
      db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    } catch {
      // A connection that cannot take a pragma is failing anyway; its next open starts at the default.
    }
  }

  /** Waits for a checkpoint holdCheckpoints started (the benchmark, to count its CPU; tests). */
  settleCheckpoints(): void {
    this.#checkpoints.settle();
  }

  /** What the checkpoint worker last answered (tests and diagnostics). */
  get checkpointReplies(): readonly CheckpointReply[] {
    return this.#checkpoints.replies;
  }

  #readCachedKey(profileId: string): RawKey | undefined {
    try {
      return cachedKey(this.db, profileId);
    } catch {
      // A vault file that cannot be read here only costs the worker: the checkpoint runs here.
      return undefined;
    }
  }

  // ------------------------------------------------------------ backup and restore (backup.ts)

  /**
   * Writes a consistent copy of a profile's file (WAL included) to `target`, keyed by
   * `passphrase` instead of the vault's. Never a plaintext page: the copy is encrypted with
   * the vault key as it is written, then re-keyed in place.
   */
  copyProfileFileKeyed(id: string, target: string, passphrase: string): void {
    copyInto(this.profileDb(id), target);
    const copy = openEncrypted(target, this.#passphrase);
    try {
      rekey(copy, passphrase);
      checkpoint(copy);
    } finally {
      copy.close();
    }
  }

  /**
   * Takes a profile file keyed by `fromPassphrase` (a restored backup) into the vault: moves
   * it under a new random id, re-keys it to the vault's passphrase, migrates it and adds its
   * row. `source` must be in this vault's profiles folder so the move is a rename. A name
   * already in use gets " (restored)" appended. On failure nothing of it is left behind.
   */
  adoptProfileFile(
    source: string,
    fromPassphrase: string,
    input: { name: string; birthDate: string; sex?: string; colour: string; createdAt: string },
    now: Date,
  ): ProfileRow {
    const taken = new Set(this.listProfiles().map((p) => p.name.toLocaleLowerCase()));
    let name = input.name.trim();
    for (let n = 1; taken.has(name.toLocaleLowerCase()); n++) name = `${input.name.trim()} (restored${n > 1 ? ` ${n}` : ''})`;
    const row: ProfileRow = {
      id: crypto.randomBytes(10).toString('hex'),
      name,
      birthDate: input.birthDate,
      ...(input.sex ? { sex: input.sex } : {}),
      colour: input.colour,
      createdAt: input.createdAt,
    };
    const file = profileFile(this.dir, row.id);
    fs.renameSync(source, file);
    let db: Connection | undefined;
    try {
      // A new id cannot have a cached key, but a file put in place must never meet an old one.
      forgetProfileKey(this.db, row.id);
      db = openEncrypted(file, fromPassphrase);
      this.#opened.remember(file);
      rekey(db, this.#passphrase);
      checkpoint(db);
      migrate(db, PROFILE_MIGRATIONS, file);
      this.db
        .prepare('INSERT INTO profiles (id, name, birth_date, sex, colour, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(row.id, row.name, row.birthDate, row.sex ?? null, row.colour, row.createdAt);
    } catch (error) {
      db?.close();
      this.#opened.forget(file);
      for (const suffix of ['-wal', '-shm', '']) shredFile(file + suffix);
      throw error;
    }
    this.#profiles.set(row.id, db);
    this.audit(now, 'profile.restore', row.id, 'Profile restored from a backup');
    return row;
  }

  // ------------------------------------------------------------ settings and audit

  getSetting(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setSetting(key: string, value: string): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  audit(now: Date, action: string, profileId: string | undefined, detail: string): void {
    this.db
      .prepare('INSERT INTO audit_log (at, action, profile_id, detail) VALUES (?, ?, ?, ?)')
      .run(now.toISOString(), action, profileId ?? null, detail);
  }

  auditLog(limit: number): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT id, at, action, profile_id, detail FROM audit_log ORDER BY id DESC LIMIT ?')
      .all(limit) as { id: number; at: string; action: string; profile_id: string | null; detail: string }[];
    return rows.map((r) => ({ id: r.id, at: r.at, action: r.action, ...(r.profile_id ? { profileId: r.profile_id } : {}), detail: r.detail }));
  }

  // ------------------------------------------------------------ passphrase and lock

  /**
   * Re-keys every file to the NFC form of `next`; a vault keyed with a passphrase's bytes as
   * typed (before passphrases were normalised) moves to the NFC form here.
   */
  changePassphrase(current: string, typedNext: string, now: Date): void {
    if (!this.checkPassphrase(current)) throw wrongPassphrase();
    const next = normalisePassphrase(typedNext);
    // Every file is replaced: never while another process has the vault open.
    this.exclusively(() => {
      this.health.assertReadyForPassphraseChange(this.listProfiles());
      const connections = [{ file: vaultFile(this.dir), db: this.#db }];
      for (const profile of this.listProfiles()) {
        connections.push({ file: profileFile(this.dir, profile.id), db: this.profileDb(profile.id) });
      }
      this.audit(now, 'vault.passphrase', undefined, 'Passphrase changed');
      // Emptied before the files are copied, so the re-keyed vault file carries no key derived
      // from the old passphrase; each profile derives and caches its new key on its next open.
      // (If the change rolls back, the old vault just derives its keys once more.)
      forgetAllProfileKeys(this.#db);
      changePassphrase(this.dir, connections, this.#passphrase, next, () => this.#closeConnections());
      // Reopen under the new passphrase so the session stays unlocked.
      this.#passphrase = next;
      this.health.forgetVaultKey();
      this.#db = openEncrypted(vaultFile(this.dir), next);
      this.#opened.remember(vaultFile(this.dir));
      this.#closed = false;
    });
  }

  #closeConnections(): void {
    this.#checkpoints.close();
    this.#holds.clear();
    // Safe even for a file replaced under us: SQLite neither checkpoints nor removes the WAL
    // of a database file that has moved since it was opened.
    for (const db of this.#profiles.values()) db.close();
    this.#profiles.clear();
    this.#keySources.clear();
    this.#opened.clear();
    this.#db.close();
    this.#closed = true;
    this.#rawFiles.settle();
  }

  /** Locks: closes every connection, lets go of the folder's lock and forgets the passphrase. */
  close(): void {
    // Released even when already closed: a failed passphrase change closes the connections first.
    this.#lock.release();
    if (this.#closed) {
      this.#rawFiles.release();
      return;
    }
    this.#closeConnections();
    this.#rawFiles.release();
    this.#passphrase = '';
  }

  get isOpen(): boolean {
    return !this.#closed;
  }
}

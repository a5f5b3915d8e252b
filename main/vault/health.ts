// What an unlocked vault knows about the state of its files, and the checks that find out:
// a background check of every file after unlock (integrity.ts), a full check before a backup,
// and the sentences that name a damaged or missing file and the way back.
//
// A damaged profile stays listed and readable as far as it can be read, but is opened
// read-only, so nothing is ever written into it; a missing or empty profile file is never
// created again empty. The vault's own file is named as itself, never blamed on a profile.
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../errors.ts';
import { checkPages, checkPagesInBackground, fileIsMissing, type FileState, type PageCheck, pageAuthKey, quickCheckPasses } from './integrity.ts';
import { cachedKey } from './profile-keys.ts';
import { type Connection, deriveRawKey, isNotADatabase, KDF_DIGEST, KDF_ITERATIONS, KEY_BYTES, type RawKey, readSalt } from './sqlite.ts';

const pbkdf2 = promisify(crypto.pbkdf2);

export interface HealthHost {
  readonly dir: string;
  vaultFile(): string;
  vaultDb(): Connection;
  profileFile(id: string): string;
  profiles(): { id: string; name: string }[];
  passphrase(): string;
  isOpen(): boolean;
  /** A profile's file was found damaged: drop its read-write connection (reopened read-only). */
  onProfileDamaged(id: string): void;
}

export interface ProfileFileState {
  state: FileState;
  /** The file's path inside the vault folder, e.g. profiles/3f9c….db (no name of a person). */
  file: string;
}

function relative(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

export function vaultFileDamaged(): AppError {
  return new AppError(
    'corrupt',
    "The vault's own file chartkeeper-vault.db is damaged; make a backup of your profiles now, or use an earlier one, and restore it into a new vault folder.",
  );
}

export function vaultFileDamagedAtUnlock(): AppError {
  return new AppError(
    'corrupt',
    "Your passphrase is right, but the vault's own file chartkeeper-vault.db is damaged; restore your latest backup into a new vault folder and keep this folder as it is.",
  );
}

export class VaultHealth {
  readonly #host: HealthHost;
  readonly #damagedProfiles = new Set<string>();
  /** Profiles whose every page was authenticated in this session. */
  readonly #checkedProfiles = new Set<string>();
  readonly #profileChecks = new Map<string, Promise<PageCheck | 'skipped' | 'stopped'>>();
  #vaultDamaged = false;
  #vaultAuthKey: Buffer | undefined;
  #check: Promise<void> | undefined;

  constructor(host: HealthHost, vaultKey?: RawKey) {
    this.#host = host;
    if (vaultKey) this.#vaultAuthKey = pageAuthKey(vaultKey);
  }

  get vaultDamaged(): boolean {
    return this.#vaultDamaged;
  }

  /** The vault file was re-keyed (passphrase change): its old page key no longer applies. */
  forgetVaultKey(): void {
    this.#vaultAuthKey = undefined;
  }

  markVaultDamaged(): void {
    this.#vaultDamaged = true;
  }

  markProfileDamaged(id: string): void {
    if (this.#damagedProfiles.has(id)) return;
    this.#damagedProfiles.add(id);
    this.#host.onProfileDamaged(id);
  }

  forgetProfile(id: string): void {
    this.#damagedProfiles.delete(id);
    this.#checkedProfiles.delete(id);
  }

  profileState(id: string): ProfileFileState {
    const file = this.#host.profileFile(id);
    const state: FileState = fileIsMissing(file) ? 'missing' : this.#damagedProfiles.has(id) ? 'damaged' : 'ok';
    return { state, file: relative(this.#host.dir, file) };
  }

  /** The sentence for a profile whose file is damaged or missing, or undefined when it is fine. */
  problemWith(profile: { id: string; name: string }): AppError | undefined {
    const { state, file } = this.profileState(profile.id);
    if (state === 'missing') {
      return new AppError(
        'corrupt',
        `The file of ${profile.name}'s record (${file}) is missing or empty, so Chartkeeper has not made a new empty one; restore ${profile.name} from a backup or remove the profile.`,
      );
    }
    if (state === 'damaged') {
      return new AppError(
        'corrupt',
        `The file of ${profile.name}'s record (${file}) is damaged, so Chartkeeper only reads what is left of it and writes nothing into it; restore ${profile.name} from a backup.`,
      );
    }
    return undefined;
  }

  /** Refuses a write (an import, an edit) into a profile whose file is damaged or missing. */
  assertWritable(profile: { id: string; name: string }): void {
    const problem = this.problemWith(profile);
    if (problem) throw problem;
  }

  /** A passphrase change re-keys every file whole: a damaged or missing one stops it before anything is written. */
  assertReadyForPassphraseChange(profiles: readonly { id: string; name: string }[]): void {
    for (const profile of profiles) {
      const { state, file } = this.profileState(profile.id);
      if (state === 'ok') continue;
      throw new AppError(
        'corrupt',
        `The file of ${profile.name}'s record (${file}) is ${state === 'missing' ? 'missing or empty' : 'damaged'}, so the passphrase was not changed; restore ${profile.name} from a backup or remove the profile first.`,
      );
    }
  }

  /**
   * Which file a SQLite error about damage came from, checked on the spot when no check has
   * said so yet: the request's profile's file when its pages fail, else the vault's own file
   * when its pages fail, else the profile's file when SQLite's quick_check fails on it. Damage
   * that none of these places is said as such rather than blamed on a file that is whole.
   */
  explainDamage(profile: { id: string; name: string } | undefined, profileDb?: () => Connection): AppError {
    const profileIntact = (id: string) => !this.#damagedProfiles.has(id) && !fileIsMissing(this.#host.profileFile(id));
    if (profile && profileIntact(profile.id) && this.#profileFailsCheckNow(profile.id)) this.markProfileDamaged(profile.id);
    const problem = profile && this.problemWith(profile);
    if (problem) return problem;
    if (this.#vaultDamaged || this.#vaultFailsCheckNow()) {
      this.#vaultDamaged = true;
      return vaultFileDamaged();
    }
    if (profile && profileDb && !this.#quickCheckPasses(profileDb)) {
      this.markProfileDamaged(profile.id);
      return this.problemWith(profile) ?? vaultFileDamaged();
    }
    return new AppError(
      'corrupt',
      'Chartkeeper found damage in the vault that its checks cannot place in one file; make a backup now and restore it into a new vault folder.',
    );
  }

  #vaultFailsCheckNow(): boolean {
    const file = this.#host.vaultFile();
    let authKey = this.#vaultAuthKey;
    if (!authKey) {
      const salt = readSalt(file);
      if (!salt) return false;
      const key = deriveRawKey(this.#host.passphrase(), salt);
      authKey = pageAuthKey(key);
      key.key.fill(0);
      this.#vaultAuthKey = authKey;
    }
    return checkPages(file, authKey).damaged.length > 0;
  }

  #quickCheckPasses(db: () => Connection): boolean {
    try {
      return quickCheckPasses(db());
    } catch (error) {
      if (isNotADatabase(error) || (error instanceof AppError && error.kind === 'corrupt')) return false;
      throw error;
    }
  }

  #profileFailsCheckNow(id: string): boolean {
    const file = this.#host.profileFile(id);
    const salt = readSalt(file);
    if (!salt) return false;
    const key = this.#cachedProfileKey(id, salt) ?? deriveRawKey(this.#host.passphrase(), salt);
    try {
      return checkPages(file, pageAuthKey(key)).damaged.length > 0;
    } finally {
      key.key.fill(0);
    }
  }

  /**
   * The full check before a backup copies a profile: every page authenticated and SQLite's
   * quick_check on the open connection. A damaged file is refused with its sentence.
   */
  assertIntactForBackup(profile: { id: string; name: string }, db: () => Connection): void {
    const { state, file } = this.profileState(profile.id);
    if (state === 'missing') {
      throw new AppError(
        'corrupt',
        `The file of ${profile.name}'s record (${file}) is missing or empty, so no backup was made; back up the other profiles one by one, and restore ${profile.name} from an earlier backup or remove the profile.`,
      );
    }
    if (state === 'damaged' || this.#profileFailsCheckNow(profile.id) || !this.#quickCheckPasses(db)) {
      this.markProfileDamaged(profile.id);
      throw new AppError(
        'corrupt',
        `The file of ${profile.name}'s record (${file}) is damaged, so no backup was made; back up the other profiles one by one, and restore ${profile.name} from an earlier backup.`,
      );
    }
  }

  /**
   * Starts (once per unlock) the background check of every file, or returns the one running.
   * Each file's pages are authenticated in slices between other work, so the first screen and
   * later requests are not held up; it stops when the vault is locked.
   */
  check(): Promise<void> {
    this.#check ??= this.#checkAll();
    return this.#check;
  }

  async #checkAll(): Promise<void> {
    try {
      await this.#checkEveryFile();
    } catch (error) {
      // Locked meanwhile, or a file removed under the check (a profile deleted): nothing to report.
      if (!this.#host.isOpen() || (error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
  }

  async #checkEveryFile(): Promise<void> {
    const stop = () => !this.#host.isOpen();
    const vaultKey = this.#vaultAuthKey ?? (await this.#derivedAuthKey(this.#host.vaultFile()));
    if (vaultKey) {
      const result = await checkPagesInBackground(this.#host.vaultFile(), vaultKey, stop);
      if (!result) return;
      if (result.damaged.length > 0) this.#vaultDamaged = true;
    }
    let profiles: { id: string; name: string }[];
    try {
      profiles = this.#host.profiles();
    } catch (error) {
      if (stop()) return;
      if (!isNotADatabase(error)) throw error;
      this.#vaultDamaged = true;
      return;
    }
    for (const profile of profiles) {
      if (stop()) return;
      if ((await this.#checkProfileFile(profile.id, stop)) === 'stopped') return;
    }
  }

  /**
   * Checks one profile's file in the background, once per session: an import awaits it before
   * writing, so nothing is ever imported into a file whose damage no check has seen yet.
   */
  async checkProfileOnce(id: string): Promise<void> {
    if (this.#checkedProfiles.has(id)) return;
    await this.#checkProfileFile(id, () => !this.#host.isOpen());
  }

  /** One check per file at a time: an import that meets the background check on its file joins it. */
  #checkProfileFile(id: string, stop: () => boolean): Promise<PageCheck | 'skipped' | 'stopped'> {
    const running = this.#profileChecks.get(id);
    if (running) return running;
    const check = this.#checkProfileFileNow(id, stop).finally(() => this.#profileChecks.delete(id));
    this.#profileChecks.set(id, check);
    return check;
  }

  async #checkProfileFileNow(id: string, stop: () => boolean): Promise<PageCheck | 'skipped' | 'stopped'> {
    const file = this.#host.profileFile(id);
    if (this.#checkedProfiles.has(id) || this.#damagedProfiles.has(id) || fileIsMissing(file)) return 'skipped';
    const salt = readSalt(file);
    // An empty main file beside a WAL (a new profile): its pages have not been written to it yet.
    if (!salt) return 'skipped';
    const cached = this.#cachedProfileKey(id, salt);
    const authKey = cached ? pageAuthKey(cached) : await this.#derivedAuthKey(file);
    cached?.key.fill(0);
    if (!authKey || stop()) return 'stopped';
    const result = await checkPagesInBackground(file, authKey, stop);
    if (!result) return 'stopped';
    this.#checkedProfiles.add(id);
    if (result.damaged.length > 0) this.markProfileDamaged(id);
    return result;
  }

  #cachedProfileKey(id: string, salt: Buffer): RawKey | undefined {
    try {
      const row = cachedKey(this.#host.vaultDb(), id);
      return row?.salt.equals(salt) ? row : undefined;
    } catch (error) {
      if (!isNotADatabase(error)) throw error;
      this.#vaultDamaged = true;
      return undefined;
    }
  }

  /** The page key from the passphrase, derived on libuv's threads rather than the main one. */
  async #derivedAuthKey(file: string): Promise<Buffer | undefined> {
    const salt = readSalt(file);
    if (!salt) return undefined;
    const key = await pbkdf2(this.#host.passphrase(), salt, KDF_ITERATIONS, KEY_BYTES, KDF_DIGEST);
    try {
      return pageAuthKey({ key, salt });
    } finally {
      key.fill(0);
    }
  }
}

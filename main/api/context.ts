// What every handler module shares: the platform, the vault folder in use and the unlocked vault, if any.
import { AppError } from '../errors.ts';
import { ParsePool } from '../importers/parse-pool.ts';
import type { VaultSession } from '../vault/vault.ts';
import type { Platform } from './platform.ts';

export interface ApiContext {
  readonly platform: Platform;
  /** The vault folder in use: platform.vaultDir until the user chooses another (vault.chooseFolder). */
  vaultDir: string;
  session: VaultSession | null;
  /** Parses imported files in worker threads (started on first use, stopped when idle). */
  readonly parsePool: ParsePool;
  /** The first profile's files being read ahead after unlock (session.ts), resolving to the bytes read. */
  readingAhead: Promise<number> | null;
  /** The unlocked vault, or a 'locked' error the UI turns into the unlock screen. */
  requireSession(): VaultSession;
  nowIso(): string;
}

export function createContext(platform: Platform): ApiContext {
  return {
    platform,
    vaultDir: platform.vaultDir,
    session: null,
    parsePool: new ParsePool(),
    readingAhead: null,
    requireSession() {
      if (!this.session?.isOpen) throw new AppError('locked', 'The vault is locked; unlock it first.');
      return this.session;
    },
    nowIso() {
      return platform.now().toISOString();
    },
  };
}

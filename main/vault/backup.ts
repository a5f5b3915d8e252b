// Placeholder until the backup work lands (being written now).
import { AppError } from '../errors.ts';
import type { ProfileRow, VaultSession } from './vault.ts';
export function createBackup(_s: VaultSession, _ids: string[], _target: string, _passphrase: string, _now: Date): void {
  throw new AppError('unavailable', 'Backups are not built yet.');
}
export function restoreBackup(_s: VaultSession, _source: string, _passphrase: string, _now: Date): ProfileRow[] {
  throw new AppError('unavailable', 'Backups are not built yet.');
}

// Runs pending migrations in one transaction and records the result in user_version. A file
// written by a newer Chartkeeper (user_version above what this build knows) is refused.
import path from 'node:path';
import { AppError } from '../../errors.ts';
import { type Connection, setUserVersion, userVersion } from '../sqlite.ts';

export interface Migration {
  /** Numbered with gaps allowed; strictly increasing. */
  version: number;
  name: string;
  up(db: Connection): void;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

export function migrate(db: Connection, migrations: readonly Migration[], file: string): void {
  const current = userVersion(db);
  const latest = latestVersion(migrations);
  if (current > latest) {
    throw new AppError(
      'too-new',
      `${path.basename(file)} was written by a newer version of Chartkeeper; update Chartkeeper to open it.`,
    );
  }
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    setUserVersion(db, latest);
  }).immediate();
}

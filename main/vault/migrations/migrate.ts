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

/** The migrations a file still needs, oldest first; a file written by a newer Chartkeeper is refused. */
export function pendingMigrations(db: Connection, migrations: readonly Migration[], file: string): Migration[] {
  const current = userVersion(db);
  const latest = latestVersion(migrations);
  if (current > latest) {
    throw new AppError(
      'too-new',
      `${path.basename(file)} was written by a newer version of Chartkeeper; update Chartkeeper to open it.`,
    );
  }
  return migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
}

export function migrate(db: Connection, migrations: readonly Migration[], file: string): void {
  const pending = pendingMigrations(db, migrations, file);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    setUserVersion(db, latestVersion(migrations));
  }).immediate();
}

/** How far an update of a file has come: migrations done of all, and the one running. */
export interface MigrationStep {
  done: number;
  total: number;
  /** The migration about to run (its name); none once all are done. */
  running?: string;
}

/**
 * The same as `migrate`, still one transaction, but handing the event loop back between
 * migrations so the process can answer "how far has it come?" meanwhile. Whoever calls it
 * must keep every other use of `db` away until it settles. `stillWanted` is asked before each
 * migration: when it says no (the vault was locked), everything is rolled back and it throws.
 */
export async function migrateInSteps(
  db: Connection,
  migrations: readonly Migration[],
  file: string,
  onStep: (step: MigrationStep) => void,
  stillWanted: () => boolean,
): Promise<number> {
  const pending = pendingMigrations(db, migrations, file);
  if (pending.length === 0) return 0;
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const [done, migration] of pending.entries()) {
      onStep({ done, total: pending.length, running: migration.name });
      // A turn of the event loop, so a question about progress is answered before the next step.
      await new Promise((resolve) => setImmediate(resolve));
      if (!stillWanted()) throw new AppError('locked', 'The vault was locked before the update finished; it runs again when the profile is opened.');
      migration.up(db);
    }
    setUserVersion(db, latestVersion(migrations));
    db.exec('COMMIT');
  } catch (error) {
    // A failed statement may already have ended the transaction; otherwise nothing of it stays.
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
  onStep({ done: pending.length, total: pending.length });
  return pending.length;
}

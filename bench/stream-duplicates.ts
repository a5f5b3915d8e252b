// `node bench/stream-duplicates.ts [--dir bench-data/large] [--migration 23|27] [--keep]`: on a
// copy of the large profile (bench:large-data) written before the migration (023, device
// streams, by default; or 027, two instruments), counts the pairs waiting for review by
// reason, runs the migration (CPU and wall time), and counts them again. Rolled back unless
// --keep, so it can be run again on the same copy. Not part of `npm run bench`.
import path from 'node:path';
import type { Migration } from '../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../main/vault/migrations/profile/index.ts';
import { m023StreamDuplicates } from '../main/vault/migrations/profile/023-stream-duplicates.ts';
import { m027TwoInstruments } from '../main/vault/migrations/profile/027-two-instruments.ts';
import { userVersion } from '../main/vault/sqlite.ts';
import { unlockVault } from '../main/vault/vault.ts';
import { benchPassphrase } from './data.ts';
import { readLargeManifest } from './large-vault.ts';

const argv = process.argv.slice(2);
const dirAt = argv.indexOf('--dir');
const dir = path.resolve(dirAt >= 0 && argv[dirAt + 1] ? argv[dirAt + 1]! : 'bench-data/large');
const manifest = readLargeManifest(dir);
if (!manifest) throw new Error(`No large profile in ${dir} (npm run bench:large-data).`);
const migrationAt = argv.indexOf('--migration');
const measured = migrationAt >= 0 && argv[migrationAt + 1] === '27' ? m027TwoInstruments : m023StreamDuplicates;
// Opened without the migration measured here (and, for 023, without the later 027).
const migrations = PROFILE_MIGRATIONS as Migration[];
for (const left of measured === m023StreamDuplicates ? [m023StreamDuplicates, m027TwoInstruments] : [m027TwoInstruments]) {
  const at = migrations.indexOf(left);
  if (at >= 0) migrations.splice(at, 1);
}
const session = unlockVault(dir, benchPassphrase().passphrase);
const db = session.profileDb(manifest.profileId);
console.log(`profile version ${userVersion(db)}; load ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const byReason = () =>
  db
    .prepare(
      `SELECT substr(reason, 1, instr(reason, ':') - 1) AS reason, dismissed, count(*) AS pairs FROM possible_duplicates GROUP BY 1, 2 ORDER BY 3 DESC`,
    )
    .all() as { reason: string; dismissed: number; pairs: number }[];
console.table(byReason());
db.prepare('BEGIN IMMEDIATE').run();
const cpu = process.cpuUsage();
const start = performance.now();
measured.up(db);
const used = process.cpuUsage(cpu);
console.log(`migration ${String(measured.version).padStart(3, '0')}: ${Math.round(performance.now() - start)} ms wall, ${Math.round((used.user + used.system) / 1000)} ms CPU`);
console.table(byReason());
db.prepare(argv.includes('--keep') ? 'COMMIT' : 'ROLLBACK').run();
session.close();

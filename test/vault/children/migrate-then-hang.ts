// Child process for the migration crash test: brings a profile file of version 19 up to date
// with migrateInSteps and, once 020 and 021 have written inside the transaction, says "ready"
// and stays in it until it is killed.
import { migrateInSteps } from '../../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../../main/vault/migrations/profile/index.ts';
import { openEncrypted } from '../../../main/vault/sqlite.ts';

const [file, passphrase] = process.argv.slice(2) as [string, string];
const db = openEncrypted(file, passphrase);
await migrateInSteps(
  db,
  PROFILE_MIGRATIONS,
  file,
  (step) => {
    if (step.running !== 'stream-duplicates') return;
    process.stdout.write('ready\n');
    // Inside the open transaction, after two migrations' writes: killed here.
    for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
  },
  () => true,
);

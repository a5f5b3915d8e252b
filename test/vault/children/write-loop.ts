// Child process for the crash test: writes numbered batches, each in one transaction, until
// it is killed. Every batch inserts BATCH_ROWS entries sharing its batch number.
import { openEncrypted } from '../../../main/vault/sqlite.ts';

const [file, passphrase] = process.argv.slice(2) as [string, string];
const BATCH_ROWS = 50;
const db = openEncrypted(file, passphrase, { create: true });
db.exec('CREATE TABLE IF NOT EXISTS batches (batch INTEGER NOT NULL, n INTEGER NOT NULL, payload TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO batches (batch, n, payload) VALUES (?, ?, ?)');
const next = (db.prepare('SELECT coalesce(max(batch), 0) + 1 AS b FROM batches').get() as { b: number }).b;
process.stdout.write('ready\n');
for (let batch = next; ; batch += 1) {
  db.transaction(() => {
    for (let n = 0; n < BATCH_ROWS; n += 1) insert.run(batch, n, `canary-payload-${batch}-${n}-`.padEnd(300, 'x'));
  })();
}

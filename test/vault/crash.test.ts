import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { openEncrypted } from '../../main/vault/sqlite.ts';
import { seededRandom, sleep, startChild } from '../support/child.ts';
import { tempDir } from '../support/temp.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const PASS = 'correct horse battery staple';

test('kill -9 during writes leaves an intact database with every transaction all-or-nothing', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'crash.db');
  const random = seededRandom(20261122);
  let lastMax = 0;
  for (let round = 0; round < 6; round += 1) {
    const { child, exited } = await startChild(path.join(here, 'children', 'write-loop.ts'), [file, PASS]);
    await sleep(100 + Math.floor(random() * 400));
    child.kill('SIGKILL');
    await exited;

    const db = openEncrypted(file, PASS);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const partial = db
      .prepare('SELECT batch, count(*) AS rows_in_batch FROM batches GROUP BY batch HAVING rows_in_batch <> 50')
      .all() as { batch: number; rows_in_batch: number }[];
    expect(partial).toEqual([]);
    const max = (db.prepare('SELECT coalesce(max(batch), 0) AS m FROM batches').get() as { m: number }).m;
    // Committed batches survive each crash: the count never goes backwards.
    expect(max).toBeGreaterThanOrEqual(lastMax);
    lastMax = max;
    db.close();
  }
  expect(lastMax).toBeGreaterThan(0);
});

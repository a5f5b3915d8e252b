import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { ALICE_CLINIC } from '../fixtures/cli/make-ccd.ts';
import { ok, testApi } from '../support/api.ts';
import { fillDisk, mountTiny } from '../support/tiny-disk.ts';

const PASS = 'correct horse battery staple';

const tiny = mountTiny(1024);

test.skipIf(!tiny)('a full disk fails the import with one sentence and changes nothing', async () => {
  const vaultDir = path.join(tiny!, 'vault');
  const api = testApi(vaultDir);
  await ok(api, 'vault.create', { passphrase: PASS });
  const alice = await ok(api, 'profiles.add', { name: 'Alice Example', birthDate: '1950-01-31' });
  // Fill the disk, leaving less room than the import needs (its bytes are kept in the vault).
  const filler = fillDisk(tiny!, 96 * 1024);
  // A real document padded with a large comment that does not compress (originals are kept
  // deflated), so writing it needs more than what is left.
  const padding = crypto.randomBytes(300_000).toString('base64');
  const big = ALICE_CLINIC().replace('<title>Continuity of Care Document</title>', `<title>Continuity of Care Document</title><!-- ${padding} -->`);
  const report = await ok(api, 'import.files', { profileId: alice.id, files: [{ name: 'big.xml', bytes: new TextEncoder().encode(big) }], force: false });
  expect(report.files[0]!.errorKind).toBe('disk-full');
  expect(report.files[0]!.error).toMatch(/^The disk is full, so big\.xml was not imported; nothing was changed\.$/);

  // Free the space: the vault opens, is intact, and holds nothing from the failed import.
  fs.rmSync(filler);
  await ok(api, 'vault.lock', {});
  const again = testApi(vaultDir);
  await ok(again, 'vault.unlock', { passphrase: PASS });
  const page = await ok(again, 'timeline.page', { profileId: alice.id, filter: {} });
  expect(page.items).toEqual([]);
  const db = again.context.requireSession().profileDb(alice.id);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.prepare('SELECT count(*) AS n FROM files').get()).toEqual({ n: 0 });
  // And the same file imports once there is room.
  const retry = await ok(again, 'import.files', { profileId: alice.id, files: [{ name: 'big.xml', bytes: new TextEncoder().encode(big) }], force: false });
  expect(retry.files[0]!.error).toBeUndefined();
  await ok(again, 'vault.lock', {});
});

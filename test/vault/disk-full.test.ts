import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ALICE_CLINIC } from '../fixtures/cli/make-ccd.ts';
import { ok, testApi } from '../support/api.ts';

const PASS = 'correct horse battery staple';

/** A tiny tmpfs (root only); the test is skipped where mounting is not allowed. */
function mountTiny(sizeKb: number): string | null {
  // Not tempDir(): the mount point is removed only after it is unmounted (afterAll).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-tiny-'));
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { encoding: 'utf8' });
  return result.status === 0 ? dir : null;
}
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted) {
    spawnSync('umount', [dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const tiny = mountTiny(1024);
if (tiny) mounted.push(tiny);

test.skipIf(!tiny)('a full disk fails the import with one sentence and changes nothing', async () => {
  const vaultDir = path.join(tiny!, 'vault');
  const api = testApi(vaultDir);
  await ok(api, 'vault.create', { passphrase: PASS });
  const alice = await ok(api, 'profiles.add', { name: 'Alice Example', birthDate: '1950-01-31' });
  // Fill the disk, leaving less room than the import needs (its bytes are kept in the vault).
  const filler = path.join(tiny!, 'filler');
  const free = fs.statfsSync(tiny!).bavail * fs.statfsSync(tiny!).bsize;
  fs.writeFileSync(filler, Buffer.alloc(Math.max(0, free - 96 * 1024)));
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

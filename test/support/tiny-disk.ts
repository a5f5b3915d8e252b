// A tiny tmpfs to run out of space on (mounting needs root; tests skip where it is refused).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted.splice(0)) {
    // Lazily, so a connection a failed test left open cannot keep the mount (and hide the failure).
    spawnSync('umount', ['-l', dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Mounts a tmpfs of `sizeKb` and returns its folder, or null where mounting is not allowed. Unmounted after the file's tests. */
export function mountTiny(sizeKb: number): string | null {
  // Not tempDir(): the mount point is removed only after it is unmounted.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-tiny-'));
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { encoding: 'utf8' });
  if (result.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    console.warn('[tiny disk] Skipping full-disk tests: mounting a tmpfs is not allowed here (it needs root).');
    return null;
  }
  mounted.push(dir);
  return dir;
}

/** Fills the disk under `dir` with one file until only about `leaveBytes` are free; returns that file. */
export function fillDisk(dir: string, leaveBytes: number): string {
  const filler = path.join(dir, `filler-${Math.random().toString(36).slice(2)}`);
  const stat = fs.statfsSync(dir);
  fs.writeFileSync(filler, Buffer.alloc(Math.max(0, stat.bavail * stat.bsize - leaveBytes)));
  return filler;
}

// Chromium's profile folder for a PDF is removed even when the process making the PDF is
// killed: it lives in a per-run folder that the next start removes once its process is gone.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { sleep } from '../support/child.ts';
import { tempDir } from '../support/temp.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const HAS_CHROMIUM = fs.existsSync('/usr/bin/chromium');
const uid = process.getuid!();

function render(tmp: string) {
  const child = spawn(process.execPath, [path.join(here, 'children/render-pdf.ts')], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('close', (code) => resolve({ code, out, err })));
  return { child, exited };
}

/** Every path under `dir`, relative to it. */
function tree(dir: string): string[] {
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).sort() : [];
}

test.skipIf(!HAS_CHROMIUM)('a PDF run killed with -9 leaves its profile only until the next start, and nothing else in the temp dir', async () => {
  const tmp = tempDir();
  const root = path.join(tmp, `ck-pdf-${uid}`);

  const first = render(tmp);
  // Kill it once Chromium has started writing its profile.
  const deadline = Date.now() + 30_000;
  let runDir: string | undefined;
  while (Date.now() < deadline) {
    const run = fs.existsSync(root) ? fs.readdirSync(root)[0] : undefined;
    if (run && fs.existsSync(path.join(root, run, 'profile', 'Default'))) {
      runDir = path.join(root, run);
      break;
    }
    await sleep(20);
  }
  expect(runDir, 'Chromium never wrote a profile').toBeDefined();
  first.child.kill('SIGKILL');
  expect((await first.exited).code).toBeNull();
  // Chromium exits on its own once the pipe to the killed process closes.
  await sleep(1500);
  expect(fs.readdirSync(tmp)).toEqual([`ck-pdf-${uid}`]);
  expect(fs.existsSync(path.join(runDir!, 'profile'))).toBe(true);
  expect(path.basename(runDir!)).toMatch(new RegExp(`^${first.child.pid}-`));

  // The next start removes it, and its own run leaves nothing behind.
  const second = await render(tmp).exited;
  expect(second.err).toBe('');
  expect(second.out).toBe('done\n');
  expect(fs.existsSync(runDir!)).toBe(false);
  expect(fs.readdirSync(tmp)).toEqual([`ck-pdf-${uid}`]);
  expect(tree(root)).toEqual([]);
  expect((fs.statSync(root).mode & 0o777).toString(8)).toBe('700');
}, 90_000);

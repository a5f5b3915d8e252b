// Electronegativity (Doyensec's Electron security scanner) over the shell: main/app and the
// preload. It reads TypeScript directly. Its command line exits 0 even with findings, so its
// programmatic API runs here (in a child process, see helpers/run-electronegativity.cjs) and
// the findings are asserted.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const runner = path.join(import.meta.dirname, 'helpers', 'run-electronegativity.cjs');
const electronVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-electronegativity-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Finding {
  id: string;
  file: string;
  line: number;
  severity: string;
  severityValue: number;
  manualReview: boolean;
}
interface Scan {
  checks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}

async function scan(folder: string): Promise<Scan> {
  const { stdout } = await promisify(execFile)(process.execPath, [runner, folder, electronVersion], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Scan;
}

function sourcesOf(folder: string): string[] {
  return readdirSync(path.join(repoRoot, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(folder, f));
}

/** The shell as Electronegativity should see it: main/app and preload, in one folder. */
function shellCopy(): string {
  const target = path.join(scratch, 'shell');
  for (const folder of ['main/app', 'preload']) cpSync(path.join(repoRoot, folder), path.join(target, folder), { recursive: true });
  return target;
}

/** A deliberately insecure app, to show the scanner really finds things in this setup. */
function insecureApp(): string {
  const target = path.join(scratch, 'insecure');
  mkdirSync(target, { recursive: true });
  writeFileSync(
    path.join(target, 'main.ts'),
    [
      "import { BrowserWindow, shell } from 'electron';",
      'export function open(url: string): void {',
      '  const w = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });',
      '  new BrowserWindow({ webPreferences: { nodeIntegration: true } });',
      "  void w.loadURL('http://example.com/');",
      '  void shell.openExternal(url);',
      '}',
    ].join('\n'),
  );
  return target;
}

/** Inline suppressions we reviewed; each must be explained where it stands. */
const REVIEWED_SUPPRESSIONS: Record<string, string[]> = {
  // Only URLs that pass isAllowedExternalUrl (https, medlineplus.gov) are opened.
  'main/app/hardening.ts': ['OPEN_EXTERNAL_JS_CHECK'],
  // The tool cannot read a policy held in a constant; test/app/csp.test.ts evaluates it instead.
  'main/app/policy/csp.ts': ['CSP_GLOBAL_CHECK'],
};

describe('Electronegativity', () => {
  const shell = scan(shellCopy());
  const insecure = scan(insecureApp());

  it('parses every file of the shell', async () => {
    const result = await shell;
    expect(result.checks).toBeGreaterThan(30);
    expect(result.errors).toEqual([]);
  });

  it('finds nothing above informational severity in main/app and the preload', async () => {
    const result = await shell;
    const serious = result.issues.filter((i) => i.severity !== 'INFORMATIONAL');
    expect(serious).toEqual([]);
  });

  it('does find the problems of an insecure app (so a clean result means something)', async () => {
    const ids = new Set((await insecure).issues.map((i) => i.id));
    for (const id of ['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'CSP_GLOBAL_CHECK']) {
      expect(ids).toContain(id);
    }
  });

  it('is silenced only where a reviewed suppression says why', () => {
    const found: Record<string, string[]> = {};
    for (const file of [...sourcesOf('main/app'), ...sourcesOf('preload')]) {
      const text = readFileSync(path.join(repoRoot, file), 'utf8');
      for (const match of text.matchAll(/eng-disable[ \t]+([A-Z_ \t,]+)/g)) {
        const checks = match[1]!.split(/[\s,]+/).filter((c) => /_CHECK$/.test(c));
        (found[file.split(path.sep).join('/')] ??= []).push(...checks);
      }
    }
    expect(found).toEqual(REVIEWED_SUPPRESSIONS);
  });
});

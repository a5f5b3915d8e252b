// Command-line start-up: the installed command (bin/chartkeeper.mjs, which runs the bundle
// scripts/build-cli.mjs makes) against `node -e 0` and the bare key derivation, measured in
// this run and alternating with them so both sides see the same machine load.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deriveRawKey } from '../main/vault/sqlite.ts';
import { repoRoot } from './corpus.ts';
import { median } from './stats.ts';

const ROUNDS = 11;
const LAUNCHER = path.join(repoRoot, 'bin', 'chartkeeper.mjs');

export interface CliFigures {
  nodeMs: number;
  helpMs: number;
  profileListMs: number;
  /** The derivation `profile list` pays to unlock (OpenSSL PBKDF2, SQLCipher 4's parameters). */
  pbkdf2Ms: number;
  /** The same `--help` started by an older system Node that hands over to Node 24, if there is one. */
  handoff?: { node: string; version: string; nodeMs: number; helpMs: number };
}

interface BuildCliScript {
  bundleIsFresh(): boolean;
  buildCli(): Promise<string>;
}

function timedRun(node: string, args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const r = spawnSync(node, args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${path.basename(node)} ${args.slice(0, 3).join(' ')} failed (${r.status}): ${r.stderr.trim().split('\n').at(-1)}`);
  return ms;
}

/** The first `node` on PATH outside this project's node_modules, as a user's shell finds it. */
function systemNode(): { node: string; version: string } | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir || path.resolve(dir).startsWith(path.join(repoRoot, 'node_modules'))) continue;
    const node = path.join(dir, 'node');
    if (!fs.existsSync(node)) continue;
    const r = spawnSync(node, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return { node, version: r.stdout.trim() };
  }
  return undefined;
}

export async function measureCli(log: (line: string) => void): Promise<CliFigures> {
  // As after `npm install` (prepare), so the first timed call does not build the bundle.
  const script = (await import(pathToFileURL(path.join(repoRoot, 'scripts', 'build-cli.mjs')).href)) as BuildCliScript;
  if (!script.bundleIsFresh()) {
    log('    building the command line bundle (scripts/build-cli.mjs) …');
    await script.buildCli();
  }
  const node = process.execPath;
  const passphrase = crypto.randomBytes(12).toString('hex');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-bench-cli-'));
  const vault = path.join(scratch, 'vault');
  const env: NodeJS.ProcessEnv = { ...process.env, CHARTKEEPER_PASSPHRASE: passphrase };
  delete env.CHARTKEEPER_CLI_SOURCE;
  try {
    timedRun(node, [LAUNCHER, 'vault', 'create', '--vault', vault], env);
    timedRun(node, [LAUNCHER, 'profile', 'add', 'Bench Person', '--birth-date', '1950-01-01', '--vault', vault], env);
    const salt = crypto.randomBytes(16);
    const bare: number[] = [];
    const help: number[] = [];
    const list: number[] = [];
    const kdf: number[] = [];
    // One unmeasured round fills the OS page cache for both sides.
    for (let round = -1; round < ROUNDS; round++) {
      const b = timedRun(node, ['-e', '0'], env);
      const h = timedRun(node, [LAUNCHER, '--help'], env);
      const l = timedRun(node, [LAUNCHER, 'profile', 'list', '--vault', vault], env);
      const start = performance.now();
      deriveRawKey(passphrase, salt);
      const k = performance.now() - start;
      if (round < 0) continue;
      bare.push(b);
      help.push(h);
      list.push(l);
      kdf.push(k);
    }
    const figures: CliFigures = { nodeMs: median(bare), helpMs: median(help), profileListMs: median(list), pbkdf2Ms: median(kdf) };
    const other = systemNode();
    if (other && Number(other.version.replace(/^v/, '').split('.')[0]) < 22) {
      const otherBare: number[] = [];
      const otherHelp: number[] = [];
      for (let round = -1; round < ROUNDS; round++) {
        const b = timedRun(other.node, ['-e', '0'], env);
        const h = timedRun(other.node, [LAUNCHER, '--help'], env);
        if (round < 0) continue;
        otherBare.push(b);
        otherHelp.push(h);
      }
      figures.handoff = { ...other, nodeMs: median(otherBare), helpMs: median(otherHelp) };
    }
    return figures;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

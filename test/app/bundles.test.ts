// The shell runs only as esbuild bundles (Electron cannot run here). These build them the way
// scripts/build-app.mjs does and check what they would do when Electron loads them.
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import { build, type BuildOptions } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, MENU_EVENT, splitChannel } from '../../preload/contract.ts';
import { ALICE_CLINIC } from '../fixtures/cli/make-ccd.ts';
import { tempDir } from '../support/temp.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

interface BuildScript {
  EXTERNAL: string[];
  mainBuildOptions(outdir?: string): BuildOptions;
  preloadBuildOptions(outdir?: string): BuildOptions;
}
async function bundle(which: 'main' | 'preload'): Promise<string> {
  const script = (await import(pathToFileURL(path.join(repoRoot, 'scripts/build-app.mjs')).href)) as BuildScript;
  const options = which === 'main' ? script.mainBuildOptions() : script.preloadBuildOptions();
  const result = await build({ ...options, write: false, logLevel: 'silent' });
  return result.outputFiles![0]!.text;
}

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Runs the preload bundle the way a sandboxed renderer would: only 'electron' can be required. */
function runPreload(code: string) {
  const required: string[] = [];
  const invoked: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, Listener[]>();
  const exposed = new Map<string, unknown>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, input: unknown) => {
        invoked.push({ channel, input });
        return Promise.resolve({ ok: true, value: channel });
      },
      on: (channel: string, listener: Listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
      removeListener: (channel: string, listener: Listener) =>
        listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener)),
    },
  };
  const module = { exports: {} };
  const require = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`A sandboxed preload cannot require ${name}`);
  };
  vm.runInNewContext(`(function (require, module, exports) {${code}\n})`, {})(require, module, module.exports);
  const emit = (channel: string, ...args: unknown[]) => (listeners.get(channel) ?? []).forEach((l) => l({ sender: 'secret' }, ...args));
  return { required, invoked, exposed, listeners, emit };
}

describe('preload bundle', () => {
  let preload: ReturnType<typeof runPreload>;
  beforeAll(async () => {
    preload = runPreload(await bundle('preload'));
  });

  it('requires nothing but electron', () => {
    expect(new Set(preload.required)).toEqual(new Set(['electron']));
  });

  it('exposes exactly window.chartkeeper, one function per contract channel plus onMenuCommand', async () => {
    expect([...preload.exposed.keys()]).toEqual(['chartkeeper']);
    const api = preload.exposed.get('chartkeeper') as Record<string, Record<string, (input: unknown) => Promise<unknown>> | unknown>;
    const domains = new Set(CHANNELS.map((c) => splitChannel(c)[0]));
    expect(new Set(Object.keys(api))).toEqual(new Set([...domains, 'onMenuCommand']));
    for (const channel of CHANNELS) {
      const [domain, method] = splitChannel(channel);
      const call = (api[domain] as Record<string, (input: unknown) => Promise<unknown>>)[method]!;
      const input = { probe: channel };
      await expect(call(input)).resolves.toEqual({ ok: true, value: channel });
      expect(preload.invoked.at(-1)).toEqual({ channel, input });
    }
    const methods = [...domains].flatMap((d) => Object.keys(api[d] as object).map((m) => `${d}.${m}`));
    expect(methods.sort()).toEqual([...CHANNELS].sort());
  });

  it('forwards known menu commands only, without the IPC event, and can stop listening', () => {
    const api = preload.exposed.get('chartkeeper') as { onMenuCommand(cb: (...args: unknown[]) => void): () => void };
    const calls: unknown[][] = [];
    const stop = api.onMenuCommand((...args) => calls.push(args));
    preload.emit(MENU_EVENT, 'lock');
    preload.emit(MENU_EVENT, 'rm -rf');
    preload.emit(MENU_EVENT, { toString: () => 'lock' });
    preload.emit(MENU_EVENT, 'import');
    expect(calls).toEqual([['lock'], ['import']]);
    stop();
    preload.emit(MENU_EVENT, 'lock');
    expect(calls).toHaveLength(2);
    expect(preload.listeners.get(MENU_EVENT)).toEqual([]);
  });
});

describe('main bundle', () => {
  it('builds, leaving out only Electron, the native SQLite module and Node built-ins', async () => {
    const code = await bundle('main');
    const required = new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!));
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    // tesseract.js runs its own worker and WebAssembly from its package's files (loaded on first use).
    const foreign = [...required].filter((m) => !builtins.has(m) && m !== 'electron' && m !== 'better-sqlite3-multiple-ciphers' && m !== 'tesseract.js');
    expect(foreign).toEqual([]);
    expect(required).toContain('electron');
    // import.meta means nothing in CommonJS; the build script defines it away.
    expect(code).not.toMatch(/import\.meta\.(url|dirname|filename)/);
  });
});

describe('import worker bundle', () => {
  it('is what the bundled main process starts, and parses a file when run as a worker thread', async () => {
    const script = (await import(pathToFileURL(path.join(repoRoot, 'scripts/build-app.mjs')).href)) as BuildScript & {
      parseWorkerBuildOptions(outdir?: string): BuildOptions;
    };
    const outdir = tempDir('ck-worker-bundle-');
    await build({ ...script.parseWorkerBuildOptions(outdir), logLevel: 'silent' });
    const main = await bundle('main');
    expect(main).toContain('./parse-worker.cjs');

    const worker = new Worker(path.join(outdir, 'parse-worker.cjs'));
    try {
      const bytes = new TextEncoder().encode(ALICE_CLINIC());
      const reply = await new Promise<{ ok: boolean; parsed?: { format: string; documents: { records: unknown[] }[] } }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ id: 1, name: 'alice.xml', bytes });
      });
      expect(reply.ok).toBe(true);
      expect(reply.parsed!.format).toBe('ccda');
      expect(reply.parsed!.documents[0]!.records.length).toBeGreaterThan(0);
    } finally {
      await worker.terminate();
    }
  });
});


describe('document inspection worker bundle', () => {
  it('is what the bundled main process starts, reads a PDF as a worker thread, and keeps PDF.js out of main', async () => {
    const script = (await import(pathToFileURL(path.join(repoRoot, 'scripts/build-app.mjs')).href)) as BuildScript & {
      inspectWorkerBuildOptions(outdir?: string): BuildOptions;
    };
    const outdir = tempDir('ck-inspect-bundle-');
    await build({ ...script.inspectWorkerBuildOptions(outdir), logLevel: 'silent' });
    const main = await bundle('main');
    expect(main).toContain('./inspect-worker.cjs');
    // PDF.js (about 3 MB) is loaded by the worker only, never parsed at the app's start.
    expect(main).not.toContain('WorkerMessageHandler');
    const { makePdf } = await import('../documents/fixtures.ts');
    const worker = new Worker(path.join(outdir, 'inspect-worker.cjs'), { workerData: { name: 'letter.pdf', bytes: makePdf([['Bundled text layer']]) }, stderr: true });
    try {
      const reply = await new Promise<{ ok: boolean; file?: { pageTexts: string[] } }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(reply).toMatchObject({ ok: true, file: { pageTexts: ['Bundled text layer'] } });
    } finally {
      await worker.terminate();
    }
    // A HEIC: heic-decode and @napi-rs/canvas stay outside the bundle and load from node_modules
    // (beside dist/app in the app; linked beside this temporary folder here).
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(outdir, 'node_modules'), 'dir');
    const heic = new Uint8Array(fs.readFileSync(path.join(repoRoot, 'test/documents/files/prescription-label.heic')));
    const decoding = new Worker(path.join(outdir, 'inspect-worker.cjs'), { workerData: { task: 'inspect', name: 'label.heic', bytes: heic }, stderr: true });
    try {
      const reply = await new Promise<{ ok: boolean; file?: { mediaType: string; pictures: Uint8Array[] } }>((resolve, reject) => {
        decoding.once('message', resolve);
        decoding.once('error', reject);
      });
      expect(reply).toMatchObject({ ok: true, file: { mediaType: 'image/heic' } });
      expect(reply.file!.pictures).toHaveLength(1);
    } finally {
      await decoding.terminate();
    }
  });
});

describe('checkpoint worker bundle', () => {
  it('is what the bundled main process starts, and checkpoints a profile file as a worker thread', async () => {
    const script = (await import(pathToFileURL(path.join(repoRoot, 'scripts/build-app.mjs')).href)) as BuildScript & {
      checkpointWorkerBuildOptions(outdir?: string): BuildOptions;
    };
    // Inside the repository, so the bundle finds the native SQLite module in node_modules.
    const outdir = path.join(repoRoot, 'dist', `test-checkpoint-${process.pid}-${Date.now()}`);
    try {
      await build({ ...script.checkpointWorkerBuildOptions(outdir), logLevel: 'silent' });
      expect(await bundle('main')).toContain('./checkpoint-worker.cjs');
      const { BackgroundCheckpoints } = await import('../../main/vault/background-checkpoints.ts');
      const { openEncrypted, deriveRawKey, readSalt } = await import('../../main/vault/sqlite.ts');
      const file = path.join(tempDir('ck-checkpoint-bundle-'), 'p.db');
      const db = openEncrypted(file, 'bundle checkpoint passphrase', { create: true });
      db.pragma('wal_autocheckpoint = 0');
      db.exec('CREATE TABLE t (x TEXT)');
      const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < 2000; i++) insert.run(''.padEnd(2000, String(i % 10)));
      })();
      const before = fs.statSync(file).size;
      const checkpoints = new BackgroundCheckpoints(pathToFileURL(path.join(outdir, 'checkpoint-worker.cjs')));
      expect(checkpoints.start(file, deriveRawKey('bundle checkpoint passphrase', readSalt(file)!))).toBe(true);
      checkpoints.settle();
      expect(fs.statSync(file).size).toBeGreaterThan(before + 3_000_000);
      checkpoints.close();
      db.close();
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

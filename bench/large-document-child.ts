// Run by bench/import.ts in its own process, bundled the way scripts/build-app.mjs bundles the
// main process and its import worker (see measureLargeDocument): imports the ~5 MB document
// into a fresh vault through main/api, as the app does (parsed in the import worker, written by
// the main thread), and prints one JSON line with the process's peak RSS (every thread), so
// nothing else inflates the figure. Its one argument is the corpus folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchApi, call } from './platform.ts';
import { largeDocument } from './large-document.ts';

async function main(corpus: string): Promise<void> {
  const xml = largeDocument(undefined, corpus);
  if (!xml) {
    console.log(JSON.stringify({ error: 'the corpus document it is made from is missing' }));
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-bench-large-'));
  const api = benchApi(path.join(dir, 'vault'));
  try {
    await call(api, 'vault.create', { passphrase: 'bench large document' });
    const profile = await call<{ id: string }>(api, 'profiles.add', { name: 'Large Document', birthDate: '1950-01-01' });
    const bytes = new TextEncoder().encode(xml);
    const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
    const start = performance.now();
    const report = await call<{ files: { error?: string; counts?: Record<string, { new: number; merged: number }> }[] }>(api, 'import.files', {
      profileId: profile.id,
      files: [{ name: 'large.xml', bytes }],
      force: true,
    });
    const ms = performance.now() - start;
    const file = report.files[0]!;
    if (file.error) throw new Error(file.error);
    const entries = Object.values(file.counts ?? {}).reduce((n, c) => n + c.new + c.merged, 0);
    await call(api, 'vault.lock', {});
    console.log(JSON.stringify({ megabytes: bytes.byteLength / 2 ** 20, peakRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb, ms, entries }));
  } finally {
    await api.context.parsePool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// A CommonJS bundle has no top-level await.
main(process.argv[2]!).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

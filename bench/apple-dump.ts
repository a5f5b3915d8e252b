// `node bench/apple-dump.ts [OUT] [--slice-mb N] [--bench-file FILE] [--normalised]`: what an Apple Health
// import stores, as text, for comparing two versions of the import: every Apple Health
// export of the corpus (../shared/corpus/apple-health) and the first N MB (default 40) of the
// benchmark's export.xml (cut at a record, closed, written to a temporary file that is removed
// afterwards; the whole file when N is at least its size), each imported through main/api at a fixed clock into a profile of its own, then
// every stored row of each profile (bench/import-dump.ts's dump). Ends with one SHA-256.
// `--normalised`: ids replaced by stable names and rows sorted (dumpRows), so an import that
// writes the same rows in another order (daily summaries written during the read) dumps the same.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dumpRows } from './import-dump.ts';
import { benchApi, call } from './platform.ts';

const NOW = new Date('2026-01-01T12:00:00.000Z');
const corpus = path.resolve('../shared/corpus/apple-health');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** The first `mb` megabytes of `file`, cut before a top-level record and closed. */
function slice(file: string, mb: number, into: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(mb * 2 ** 20);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const cut = buffer.subarray(0, read).lastIndexOf('\n <Record ');
    if (cut < 0) throw new Error(`${file} has no record in its first ${mb} MB`);
    fs.writeFileSync(into, Buffer.concat([buffer.subarray(0, cut + 1), Buffer.from('</HealthData>\n')]));
  } finally {
    fs.closeSync(fd);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1]?.startsWith('--') && all[i - 1] !== '--normalised'));
  const out = args[0] ?? path.join(os.tmpdir(), 'chartkeeper-apple-dump.txt');
  const benchFile = option('--bench-file') ?? path.resolve('bench-data/apple-health/export-300mb.xml');
  const sliceMb = Number(option('--slice-mb') ?? 40);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-apple-dump-'));
  const files: string[] = [];
  if (fs.existsSync(corpus)) {
    for (const sub of fs.readdirSync(corpus).sort()) {
      for (const f of fs.readdirSync(path.join(corpus, sub)).sort()) if (/\.(xml|zip)$/.test(f)) files.push(path.join(corpus, sub, f));
    }
  }
  if (fs.existsSync(benchFile) && sliceMb * 2 ** 20 >= fs.statSync(benchFile).size) files.push(benchFile);
  else if (fs.existsSync(benchFile) && sliceMb > 0) {
    const sliced = path.join(dir, `export-${sliceMb}mb-slice.xml`);
    slice(benchFile, sliceMb, sliced);
    files.push(sliced);
  }
  if (files.length === 0) throw new Error('Neither the corpus nor the benchmark export is present.');
  const tokens = Object.fromEntries(files.map((f, i) => [`apple-dump-token-${i}`, f]));
  const api = benchApi(path.join(dir, 'vault'), () => NOW, tokens);
  try {
    await call(api, 'vault.create', { passphrase: 'apple dump passphrase' });
    // Written and hashed as it goes: the whole benchmark export's rows are a few hundred MB of text.
    const fd = fs.openSync(out, 'w');
    const hash = crypto.createHash('sha256');
    const put = (line: string) => {
      const text = `${line}\n`;
      hash.update(text);
      fs.writeSync(fd, text);
    };
    for (const [i, file] of files.entries()) {
      const profile = await call<{ id: string }>(api, 'profiles.add', { name: `Apple Dump ${i}`, birthDate: '1958-04-12' });
      const report = await call<{ files: unknown[] }>(api, 'import.files', { profileId: profile.id, files: [{ token: `apple-dump-token-${i}` }], force: true });
      // Named the same wherever the checkout is: corpus files from the corpus, the others by name.
      put(`file ${file.startsWith(corpus) ? path.relative(path.dirname(corpus), file) : path.basename(file)}`);
      for (const r of report.files) put(`report ${JSON.stringify(r)}`);
      const rows = dumpRows(api.context.requireSession().profileDb(profile.id), { normalised: process.argv.includes('--normalised') });
      for (const row of rows) put(row);
      console.log(`${path.basename(path.dirname(file))}/${path.basename(file)}: ${rows.filter((l) => l.startsWith('table ')).join(', ')}`);
    }
    fs.closeSync(fd);
    console.log(`${out}: sha256 ${hash.digest('hex')}`);
  } finally {
    await api.invoke('vault.lock', {});
    await api.context.parsePool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();

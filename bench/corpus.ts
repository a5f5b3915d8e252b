// The public C-CDA corpus the import benchmark reads (never copied into the project).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS = path.resolve(repoRoot, '../shared/corpus');

export interface CorpusFile {
  path: string;
  name: string;
  bytes: Uint8Array;
}

/** Every file under ccda/ in MANIFEST.tsv that is not a NEGATIVE sample; [] without the corpus. */
export function ccdaCorpus(): CorpusFile[] {
  const manifest = path.join(CORPUS, 'MANIFEST.tsv');
  if (!fs.existsSync(manifest)) return [];
  const files: CorpusFile[] = [];
  for (const line of fs.readFileSync(manifest, 'utf8').split('\n').slice(1)) {
    const [file, , , , , , notes] = line.split('\t');
    if (!file || !file.startsWith('ccda/') || (notes ?? '').includes('NEGATIVE')) continue;
    const full = path.join(CORPUS, file);
    if (!fs.existsSync(full)) continue;
    files.push({ path: file, name: path.basename(file), bytes: fs.readFileSync(full) });
  }
  return files;
}

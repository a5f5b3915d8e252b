// `node bench/parse-phases.ts [ROUNDS]`: the import worker's share of a corpus import, phase by
// phase, single-threaded: the bare fast-xml-parser parse (the import budgets' baseline), the
// tree the importers read (xml/parse.ts), the whole mapping (parseFile), the original's digest
// and deflate, the documents' stored content, and the parse job that does all of them. Prints
// each phase's CPU time of this thread over the C-CDA corpus, the best four of ROUNDS.
import { parseFile } from '../main/importers/index.ts';
import { prepareOriginal } from '../main/importers/original-file.ts';
import { runParseJob } from '../main/importers/parse-job.ts';
import { storeFile } from '../main/importers/stored-document.ts';
import { parseXml } from '../main/importers/xml/parse.ts';
import { bareParse } from './bare-parse.ts';
import { ccdaCorpus } from './corpus.ts';

const rounds = Number(process.argv[2] ?? 7);
const files = ccdaCorpus().filter((file) => {
  try {
    parseFile(file.bytes, file.name);
    return true;
  } catch {
    return false;
  }
});
const texts = files.map((file) => new TextDecoder('utf-8').decode(file.bytes));
const parsed = files.map((file) => parseFile(file.bytes, file.name));

function cpuMs(run: () => void): number {
  const before = process.threadCpuUsage();
  run();
  const used = process.threadCpuUsage(before);
  return (used.user + used.system) / 1000;
}

const phases: Record<string, () => void> = {
  'bare parse': () => files.forEach((file) => bareParse(file.bytes)),
  'tree (parseXml)': () => texts.forEach((text) => parseXml(text)),
  parseFile: () => files.forEach((file) => parseFile(file.bytes, file.name)),
  original: () => files.forEach((file) => prepareOriginal(file.name, file.bytes)),
  'stored content': () => parsed.forEach((file) => storeFile(file)),
  'parse job': () => files.forEach((file, id) => runParseJob({ id, name: file.name, bytes: file.bytes, exitAfter: false })),
};
const times = new Map<string, number[]>();
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(phases)) times.set(name, [...(times.get(name) ?? []), cpuMs(run)]);
}
console.log(`${files.length} C-CDA files; CPU ms of this thread, best ${Math.min(4, rounds)} of ${rounds}`);
for (const [name, list] of times) {
  const best = [...list].sort((a, b) => a - b).slice(0, 4);
  console.log(`${name.padEnd(16)} ${best.map((ms) => ms.toFixed(0)).join(' ')}`);
}

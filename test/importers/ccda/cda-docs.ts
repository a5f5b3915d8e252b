// What the CDA importer tests share: the fixture and corpus folders, reading a file into its
// documents, picking records and skip reasons out of them, and a record's FHIR round trip.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RESOURCE_OF_KIND } from '../../../main/export/fhir-resources.ts';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import { parseFile } from '../../../main/importers/index.ts';
import type { ImportedDocument, RecordDraft, StoredEntry } from '../../../main/records/model.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const corpus = path.resolve(repoRoot, '../shared/corpus');
export const present = existsSync(path.join(corpus, 'MANIFEST.tsv'));
export const fixtures = path.resolve(import.meta.dirname, '../../fixtures/ccda');

export function load(file: string): ImportedDocument[] {
  return parseFile(readFileSync(file), path.basename(file)).documents;
}
export const fromCorpus = (rel: string): ImportedDocument[] => load(path.join(corpus, rel));
export const records = (docs: ImportedDocument[], kind?: RecordDraft['kind']): RecordDraft[] =>
  docs.flatMap((d) => d.records).filter((r) => !kind || r.kind === kind);
export const reasons = (docs: ImportedDocument[]): string[] => docs.flatMap((d) => d.problems.map((p) => p.reason));
export const byTitle = (docs: ImportedDocument[], title: string): RecordDraft | undefined => records(docs).find((r) => r.title === title);

/** A plan entry as the FHIR export writes it (a CarePlan) and the FHIR importer reads it back. */
export function planRoundTrip(plan: RecordDraft): RecordDraft {
  const stored = { ...plan, id: 1, manual: false, sources: [], possibleDuplicates: [] } as StoredEntry;
  const resource = RESOURCE_OF_KIND.plan(stored, 'plan-1', { patient: { reference: 'Patient/p' }, now: '2025-01-15T12:00:00Z' });
  return parseFhir({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ resource: { resourceType: 'Patient', id: 'p', name: [{ given: ['Elena'], family: 'Ruiz' }], birthDate: '1958-03-02' } }, { resource }],
  }).documents[0]!.records[0]!;
}

/** Every C-CDA and C32 file of the corpus that is meant to be read (not a negative or malformed sample). */
export function cdaCorpusFiles(): string[] {
  return readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((c) => /^(ccda|c32)\//.test(c[0] ?? '') && !/NEGATIVE|MALFORMED/.test(c[6] ?? ''))
    .map((c) => c[0] as string);
}

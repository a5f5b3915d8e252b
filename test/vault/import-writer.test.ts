// The import writer against a real encrypted profile file: a batch lands whole or not at all,
// a merge rewrites only what changed, and the draft cache never hides a change made meanwhile.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { prepareOriginal } from '../../main/importers/original-file.ts';
import { restoreFile, storeFile } from '../../main/importers/stored-document.ts';
import type { ParsedFile, RecordDraft } from '../../main/records/model.ts';
import { deleteEntry, getEntry, moveProvenance, updateEntry } from '../../main/vault/entries.ts';
import { ImportBatch, writeImport, writeImports } from '../../main/vault/import-writer.ts';
import { migrate } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { openEncrypted, type Connection } from '../../main/vault/sqlite.ts';
import { getSource } from '../../main/vault/sources.ts';
import { listProviders, searchEntries } from '../../main/vault/timeline.ts';
import { tempDir } from '../support/temp.ts';

const NOW = '2026-03-01T12:00:00.000Z';
let db: Connection;

beforeEach(() => {
  const file = path.join(tempDir('ck-writer-'), 'p.db');
  db = openEncrypted(file, 'writer test passphrase', { create: true });
  migrate(db, PROFILE_MIGRATIONS, file);
});
afterEach(() => db.close());

function a1c(extra: Partial<RecordDraft> = {}): RecordDraft {
  return {
    kind: 'result',
    title: 'Hemoglobin A1c',
    codes: [{ system: 'LOINC', code: '4548-4', display: 'Hemoglobin A1c' }],
    start: '2024-03-01T08:30:00-05:00',
    value: { number: 7.2, unit: '%' },
    details: {},
    ...extra,
  };
}

function file(organization: string, records: RecordDraft[]): ParsedFile {
  return {
    format: 'ccda',
    documents: [{ patient: { name: 'Alice Example', birthDate: '1950-01-31' }, document: { title: 'CCD', authorOrganization: organization, sections: [], attachments: [] }, records, problems: [] }],
  };
}

const original = (name: string) => prepareOriginal(name, Buffer.from(`<ClinicalDocument>${name}</ClinicalDocument>`));
const count = (sql: string) => db.prepare(sql).pluck().get() as number;

describe('writeImport merges', () => {
  it('adds only the new code, key and search text when a merge brings them', () => {
    writeImport(db, original('clinic.xml'), file('Good Health Clinic', [a1c()]), NOW);
    const id = count('SELECT id FROM entries');
    const withTranslation = a1c({ codes: [...a1c().codes, { system: 'SNOMED', code: '43396009', display: 'Glycated hemoglobin measurement' }], narrative: 'Glycated hemoglobin drawn fasting' });
    const outcome = writeImport(db, original('hospital.xml'), file('Riverside Hospital', [withTranslation]), '2026-03-02T12:00:00.000Z');
    expect(outcome.counts.results).toEqual({ read: 1, new: 0, merged: 1, skipped: 0 });
    expect(count('SELECT count(*) FROM entries')).toBe(1);
    expect(db.prepare('SELECT system, code FROM entry_codes WHERE entry_id = ? ORDER BY system').all(id)).toEqual([
      { system: 'LOINC', code: '4548-4' },
      { system: 'SNOMED', code: '43396009' },
    ]);
    expect(searchEntries(db, 'fasting', 10).map((r) => r.id)).toEqual([id]);
    const entry = getEntry(db, id)!;
    expect(entry.sources.map((s) => s.provider).sort()).toEqual(['Good Health Clinic', 'Riverside Hospital']);
  });

  it('leaves the entry row alone when the second source adds nothing but a link', () => {
    writeImport(db, original('clinic.xml'), file('Good Health Clinic', [a1c()]), NOW);
    // Once rewritten in merged form, a third identical copy changes nothing but provenance.
    writeImport(db, original('hospital.xml'), file('Riverside Hospital', [a1c()]), '2026-03-02T12:00:00.000Z');
    const before = db.prepare('SELECT draft_json, updated_at FROM entries').get();
    writeImport(db, original('lab.xml'), file('City Lab', [a1c()]), '2026-03-03T12:00:00.000Z');
    expect(db.prepare('SELECT draft_json, updated_at FROM entries').get()).toEqual(before);
    expect(count('SELECT source_count FROM entries')).toBe(3);
    expect(count('SELECT count(*) FROM entries_fts')).toBe(1);
  });
});

describe('a medicine held against every source’s dose', () => {
  // One insulin from three files: a bare "1" first (the entry shows it), then 40 and 30 units.
  const insulin = (dose: string): RecordDraft => ({
    kind: 'medication',
    title: 'Lantus 100 units/mL subcutaneous solution',
    codes: [{ system: 'RXNORM', code: '311041' }],
    start: '2013-10-28',
    details: { dose },
  });
  const doses = (ids: number[]) => ids.map((id) => getEntry(db, id)!.sources.map((s) => s.original.details.dose));

  it('keeps 30 units apart from an entry whose sources said "1" and 40 units, and flags the pair', () => {
    writeImport(db, original('one.xml'), file('Good Health Clinic', [insulin('1')]), NOW);
    writeImport(db, original('two.xml'), file('Riverside Hospital', [insulin('40 units')]), NOW);
    const outcome = writeImport(db, original('three.xml'), file('City Pharmacy', [insulin('30 units')]), NOW);
    expect(outcome.counts.medications).toEqual({ read: 1, new: 1, merged: 0, skipped: 0 });
    const ids = db.prepare('SELECT id FROM entries ORDER BY id').pluck().all() as number[];
    expect(doses(ids)).toEqual([['1', '40 units'], ['30 units']]);
    expect(db.prepare('SELECT entry_id, other_id, reason FROM possible_duplicates').all()).toEqual([
      { entry_id: ids[1], other_id: ids[0], reason: 'Same medicine, different dose: 40 units vs 30 units' },
    ]);
  });

  it('decides the same in one batch, the entry written by the batch itself', () => {
    writeImports(db, ['1', '40 units', '30 units'].map((dose, i) => ({ original: original(`${i}.xml`), parsed: file(`Clinic ${i}`, [insulin(dose)]) })), NOW);
    expect(doses(db.prepare('SELECT id FROM entries ORDER BY id').pluck().all() as number[])).toEqual([['1', '40 units'], ['30 units']]);
    expect(count('SELECT count(*) FROM possible_duplicates')).toBe(1);
  });

  it('still merges one dose written two ways after a bare number', () => {
    writeImports(db, ['1', '40 units', '40.0 Units', '1.0'].map((dose, i) => ({ original: original(`${i}.xml`), parsed: file(`Clinic ${i}`, [insulin(dose)]) })), NOW);
    expect(doses(db.prepare('SELECT id FROM entries').pluck().all() as number[])).toEqual([['1', '40 units', '40.0 Units', '1.0']]);
    expect(count('SELECT count(*) FROM possible_duplicates')).toBe(0);
  });

  it('reads the placeholder 0 as no dose: one entry showing the real dose, the 0 kept in its own source', () => {
    // MedConnect and ATG write doseQuantity value="0" on every medicine; "1 vs 0" was asked.
    writeImports(db, ['0', '1', '0 ml'].map((dose, i) => ({ original: original(`${i}.xml`), parsed: file(`Clinic ${i}`, [insulin(dose)]) })), NOW);
    const ids = db.prepare('SELECT id FROM entries').pluck().all() as number[];
    expect(doses(ids)).toEqual([['0', '1', '0 ml']]);
    expect(getEntry(db, ids[0]!)!.details.dose).toBe('1');
    expect(count('SELECT count(*) FROM possible_duplicates')).toBe(0);
    // A real difference is still asked against every source, the placeholder among them.
    writeImport(db, original('3.xml'), file('Clinic 3', [insulin('2')]), NOW);
    expect(db.prepare('SELECT reason FROM possible_duplicates').pluck().all()).toEqual(['Same medicine, different dose: 1 vs 2']);
  });
});

describe('provenance originals', () => {
  it('a new entry’s first link stores no copy of the draft, and keeps its original when a merge changes the entry', () => {
    const first = a1c();
    writeImport(db, original('clinic.xml'), file('Good Health Clinic', [first]), NOW);
    const id = count('SELECT id FROM entries');
    expect(db.prepare('SELECT original_json FROM provenance').pluck().all()).toEqual(['']);
    expect(getEntry(db, id)!.sources[0]!.original).toEqual(first);

    const second = a1c({ codes: [...a1c().codes, { system: 'SNOMED', code: '43396009' }], narrative: 'Drawn fasting' });
    writeImport(db, original('hospital.xml'), file('Riverside Hospital', [second]), NOW);
    const entry = getEntry(db, id)!;
    expect(entry.narrative).toBe('Drawn fasting');
    const originals = Object.fromEntries(entry.sources.map((s) => [s.provider, s.original]));
    expect(originals).toEqual({ 'Good Health Clinic': first, 'Riverside Hospital': second });
    // The first link now holds its own copy: the entry no longer says what that source said.
    expect(db.prepare("SELECT count(*) FROM provenance WHERE original_json = ''").pluck().get()).toBe(0);
  });

  it('an entry changed by several files of one batch keeps every source’s own original', () => {
    const said = [
      a1c(),
      a1c({ codes: [...a1c().codes, { system: 'SNOMED', code: '43396009' }] }),
      a1c({ codes: [...a1c().codes, { system: 'SNOMED', code: '43396009' }, { system: 'LOCAL', code: 'A1C' }] }),
      a1c({ codes: [...a1c().codes, { system: 'SNOMED', code: '43396009' }, { system: 'LOCAL', code: 'A1C' }], narrative: 'Drawn fasting' }),
    ];
    const providers = ['Good Health Clinic', 'Riverside Hospital', 'City Lab', 'Valley Clinic'];
    const batch = new ImportBatch(db);
    said.forEach((draft, i) => batch.write({ original: original(`${i}.xml`), parsed: file(providers[i]!, [draft]) }, NOW));
    batch.commit();
    expect(count('SELECT count(*) FROM entries')).toBe(1);
    const entry = getEntry(db, count('SELECT id FROM entries'))!;
    expect(entry.narrative).toBe('Drawn fasting');
    expect(Object.fromEntries(entry.sources.map((s) => [s.provider, s.original]))).toEqual(Object.fromEntries(providers.map((p, i) => [p, said[i]])));
    expect(db.prepare("SELECT count(*) FROM provenance WHERE original_json = ''").pluck().get()).toBe(0);
  });

  it('a link that moves to another entry (a merge or split) takes its original with it', () => {
    writeImport(db, original('clinic.xml'), file('Good Health Clinic', [a1c()]), NOW);
    const other = a1c({ start: '2019-05-05', value: { number: 6.1, unit: '%' } });
    writeImport(db, original('lab.xml'), file('City Lab', [other]), NOW);
    const [keep, gone] = db.prepare('SELECT id FROM entries ORDER BY id').pluck().all() as number[];
    moveProvenance(db, gone!, keep!);
    deleteEntry(db, gone!);
    const sources = getEntry(db, keep!)!.sources;
    expect(sources.find((s) => s.provider === 'City Lab')!.original).toEqual(other);
    expect(sources.find((s) => s.provider === 'Good Health Clinic')!.original).toEqual(a1c());
  });
});

describe('document content', () => {
  it('is stored deflated and reads back as the parser gave it; a short one stays text', () => {
    const long = file('Good Health Clinic', [a1c()]);
    long.documents[0]!.document.sections = [{ title: 'Results', narrative: ['Hemoglobin A1c 7.2 % drawn fasting. '.repeat(200)] }];
    long.documents[0]!.document.attachments = [{ title: 'Scan', mediaType: 'application/pdf', data: Buffer.from('%PDF-1.4 scan').toString('base64') }];
    writeImport(db, original('long.xml'), long, NOW);
    writeImport(db, original('short.xml'), file('Riverside Hospital', [a1c({ start: '2025-01-01' })]), NOW);
    const rows = db.prepare('SELECT id, provider, typeof(document_json) AS type, length(document_json) AS size, document_encoding FROM sources ORDER BY id').all() as { id: number; provider: string; type: string; size: number; document_encoding: string }[];
    expect(rows.map((r) => [r.provider, r.type, r.document_encoding])).toEqual([
      ['Good Health Clinic', 'blob', 'deflate-raw'],
      ['Riverside Hospital', 'text', 'identity'],
    ]);
    expect(rows[0]!.size).toBeLessThan(JSON.stringify(long.documents[0]!.document).length / 10);
    expect(getSource(db, rows[0]!.id)!.document).toEqual(long.documents[0]!.document);
    expect(getSource(db, rows[1]!.id)!.document.authorOrganization).toBe('Riverside Hospital');
  });
});

describe('a file as the import worker hands it over', () => {
  it('stores the same source as the parsed file, reading only the headers, never the restored content', () => {
    const parsed = file('Good Health Clinic', [a1c()]);
    parsed.documents[0]!.document.sections = [{ title: 'Results', narrative: ['HbA1c 7.2 %'] }];
    parsed.documents[0]!.document.date = '2024-03-01';
    const wire = storeFile(parsed);
    const { parsed: restored, headers } = restoreFile(wire.parsed, wire.documents);
    // Restored on demand, the content is what was parsed.
    expect(restored).toEqual(parsed);
    const untouched = restoreFile(wire.parsed, wire.documents);
    Object.defineProperty(untouched.parsed.documents[0]!, 'document', {
      get: () => {
        throw new Error('the writer read the document content');
      },
    });
    const batch = new ImportBatch(db);
    batch.write({ original: original('one.xml'), parsed: untouched.parsed, documents: wire.documents, headers }, NOW);
    batch.commit();
    const source = db.prepare('SELECT id, provider, title, document_date FROM sources').get() as { id: number; provider: string; title: string; document_date: string };
    expect(source).toMatchObject({ provider: 'Good Health Clinic', title: 'CCD', document_date: '2024-03-01' });
    expect(getSource(db, source.id)!.document).toEqual(parsed.documents[0]!.document);
  });
});

describe('ImportBatch', () => {
  it('commits every file at once, and a rollback leaves nothing of any of them', () => {
    const batch = new ImportBatch(db);
    batch.write({ original: original('one.xml'), parsed: file('Good Health Clinic', [a1c()]) }, NOW);
    batch.write({ original: original('two.xml'), parsed: file('Riverside Hospital', [a1c({ start: '2025-01-01' })]) }, NOW);
    batch.rollback();
    expect(count('SELECT count(*) FROM files')).toBe(0);
    expect(count('SELECT count(*) FROM entries')).toBe(0);
    expect(count('SELECT count(*) FROM entries_fts')).toBe(0);

    const outcomes = writeImports(
      db,
      [
        { original: original('one.xml'), parsed: file('Good Health Clinic', [a1c()]) },
        // The same bytes twice in one batch: the second is recognised as already imported.
        { original: original('one.xml'), parsed: file('Good Health Clinic', [a1c()]) },
        { original: original('two.xml'), parsed: file('Riverside Hospital', [a1c()]) },
      ],
      NOW,
    );
    expect(outcomes.map((o) => o.alreadyImported)).toEqual([false, true, false]);
    expect(outcomes[2]!.counts.results!.merged).toBe(1);
    expect(db.inTransaction).toBe(false);
    expect(count('SELECT count(*) FROM files')).toBe(2);
    expect(count('SELECT source_count FROM entries')).toBe(2);
  });

  it('does not merge from a stale cached draft when the entry changed between two files', () => {
    const batch = new ImportBatch(db);
    batch.write({ original: original('one.xml'), parsed: file('Good Health Clinic', [a1c()]) }, NOW);
    const id = count('SELECT id FROM entries');
    // The user corrects the entry's title while the import is still running.
    updateEntry(db, id, { ...a1c(), title: 'HbA1c (corrected)' }, ['result:loinc:4548-4'], NOW);
    batch.write({ original: original('two.xml'), parsed: file('Riverside Hospital', [a1c()]) }, NOW);
    batch.commit();
    expect(getEntry(db, id)!.title).toBe('HbA1c (corrected)');
  });

  it('finds an entry by a key a merge gave it earlier in the same batch, as a later import would', () => {
    const snomed = { system: 'SNOMED', code: '43396009', display: 'Glycated hemoglobin measurement' };
    const files = [
      { original: original('one.xml'), parsed: file('Good Health Clinic', [a1c()]) },
      // Another test of the same morning: another entry, under keys of its own.
      { original: original('two.xml'), parsed: file('Good Health Clinic', [a1c({ title: 'Glucose', codes: [{ system: 'LOINC', code: '2345-7' }], value: { number: 98, unit: 'mg/dL' } })]) },
      // Its SNOMED code is looked up (nothing yet) and then given to the first entry by the merge.
      { original: original('three.xml'), parsed: file('Riverside Hospital', [a1c({ codes: [...a1c().codes, snomed] })]) },
      // Found only by the SNOMED code.
      { original: original('four.xml'), parsed: file('Lakeside Lab', [a1c({ title: 'Glycated hemoglobin', codes: [snomed] })]) },
    ];
    const inOneBatch = writeImports(db, files, NOW);
    const rows = () => db.prepare('SELECT id, source_count, draft_json FROM entries ORDER BY id').all();
    const batched = rows();

    // The same files one import each: every key read from the profile.
    db.close();
    const again = path.join(tempDir('ck-writer-'), 'p.db');
    db = openEncrypted(again, 'writer test passphrase', { create: true });
    migrate(db, PROFILE_MIGRATIONS, again);
    const oneByOne = files.map((f) => writeImport(db, f.original, f.parsed, NOW));
    expect(oneByOne[3]!.counts.results).toEqual({ read: 1, new: 0, merged: 1, skipped: 0 });
    expect(inOneBatch.map((o) => o.counts)).toEqual(oneByOne.map((o) => o.counts));
    expect(batched).toEqual(rows());
    expect(batched).toHaveLength(2);
  });
});

describe('listProviders', () => {
  it('lists each provider once, A to Z ignoring case, as SELECT DISTINCT did', () => {
    const names = ['Riverside Hospital', 'city lab', 'Good Health Clinic', 'Álamo Clinic', 'CITY LAB'];
    names.forEach((name, i) => writeImport(db, original(`${i}.xml`), file(name, [a1c({ start: `201${i}-01-01` }), a1c({ title: `Note ${i}`, start: `200${i}-01-01`, codes: [] })]), NOW));
    const viaDistinct = db.prepare('SELECT DISTINCT provider FROM provenance ORDER BY provider COLLATE NOCASE').pluck().all() as string[];
    // (Names equal but for case may come in either order, as they may from SQLite.)
    const folded = (list: string[]) => list.map((n) => n.toLowerCase());
    expect(folded(listProviders(db))).toEqual(folded(viaDistinct));
    expect(new Set(listProviders(db))).toEqual(new Set(names));
    expect(listProviders(db)[0]).toMatch(/^city lab$/i);
  });
});


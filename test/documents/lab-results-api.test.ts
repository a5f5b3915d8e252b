// "Add these results" through main/api: proposals from a kept PDF's text, nothing written until
// the person confirms, the confirmed (and corrected) results written with the document as their
// source, joining Trends by name; a document that is the source of results is not deleted.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../main/api/index.ts';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';
import { makePdf } from './fixtures.ts';

let api: Api;
let profileId: string;

beforeEach(async () => {
  api = testApi(tempDir());
  await ok(api, 'vault.create', { passphrase: 'lab results in the drawer' });
  profileId = (await ok(api, 'profiles.add', { name: 'Rosa Díaz', birthDate: '1948-05-02' })).id;
});

const REPORT = [
  ['Riverside Laboratory   Phone 800 762 4344', 'Patient: Rosa Diaz   DOB: 05/02/1948', 'Test Result Flag Units Reference Interval', 'Glucose 105 H mg/dL 70-99', 'Hemoglobin A1c 5.9 H % 4.8-5.6', 'Page 1 of 2'],
  ['Sodium 141 mmol/L 136-145', 'Page 2 of 2'],
];

async function keptReport() {
  return ok(api, 'papers.add', { profileId, files: [{ name: 'labs-march.pdf', bytes: makePdf(REPORT) }], title: 'Labs March', date: '2026-03-12', kind: 'lab-report' });
}

describe('adding results from a lab report', () => {
  it('proposes the result lines with their page, and writes nothing until confirmed', async () => {
    const doc = await keptReport();
    const { proposals, date } = await ok(api, 'papers.proposeResults', { profileId, documentId: doc.id });
    expect(date).toBe('2026-03-12');
    expect(proposals.map((p) => [p.name, p.value.text, p.unit, p.range?.text, p.flag?.code, p.page, p.line])).toEqual([
      ['Glucose', '105', 'mg/dL', '70-99', 'H', 1, 'Glucose 105 H mg/dL 70-99'],
      ['Hemoglobin A1c', '5.9', '%', '4.8-5.6', 'H', 1, 'Hemoglobin A1c 5.9 H % 4.8-5.6'],
      ['Sodium', '141', 'mmol/L', '136-145', undefined, 2, 'Sodium 141 mmol/L 136-145'],
    ]);
    expect(await ok(api, 'records.list', { profileId, kinds: ['result'] })).toEqual([]);
  });

  it('adds the ticked results as corrected, the document and its line as their source', async () => {
    const doc = await keptReport();
    const outcome = await ok(api, 'papers.addResults', {
      profileId,
      documentId: doc.id,
      results: [
        { index: 0, name: 'Glucose, fasting', value: '105', unit: 'mg/dL', range: '70-99', flag: 'H', date: '2026-03-12' },
        { index: 2, name: 'Sodium', value: '141', unit: 'mmol/L', range: '136-145', date: '2026-03-11' },
      ],
    });
    expect(outcome).toEqual({ added: 2, merged: 0 });
    const results = await ok(api, 'records.list', { profileId, kinds: ['result'] });
    const glucose = results.find((r) => r.title === 'Glucose, fasting')!;
    expect(glucose).toMatchObject({ start: '2026-03-12', value: { number: 105, text: '105', unit: 'mg/dL' }, referenceRange: { low: 70, high: 99, text: '70-99' }, interpretation: 'H', manual: false });
    expect(glucose.sources).toHaveLength(1);
    expect(glucose.sources[0]).toMatchObject({ format: 'kept-document', fileName: 'labs-march.pdf', documentDate: '2026-03-12', provider: 'Your own documents' });
    expect(glucose.sources[0]!.original).toMatchObject({ narrative: 'Glucose 105 H mg/dL 70-99', sourceLocation: 'page 1' });
    expect(results.find((r) => r.title === 'Sodium')).toMatchObject({ start: '2026-03-11', sources: [{ original: { sourceLocation: 'page 2' } }] });
    expect(await ok(api, 'papers.ofSource', { profileId, sourceId: glucose.sources[0]!.sourceId })).toEqual({ documentId: doc.id, position: 0, title: 'Labs March' });
    // A result with a name and no code joins Trends by its name.
    const tests = await ok(api, 'trends.tests', { profileId });
    expect(tests.find((t) => t.title === 'Sodium')).toMatchObject({ byName: true, count: 1, latestValue: 141 });
    expect((await ok(api, 'papers.get', { profileId, documentId: doc.id })).resultsAdded).toBe(2);
  });

  it('adds the same result twice as one entry, and keeps a document that is the source of results', async () => {
    const doc = await keptReport();
    const glucose = { index: 0, name: 'Glucose', value: '105', unit: 'mg/dL', range: '70-99', flag: 'H' as const, date: '2026-03-12' };
    expect(await ok(api, 'papers.addResults', { profileId, documentId: doc.id, results: [glucose] })).toEqual({ added: 1, merged: 0 });
    expect(await ok(api, 'papers.addResults', { profileId, documentId: doc.id, results: [glucose] })).toEqual({ added: 0, merged: 1 });
    expect(await ok(api, 'records.list', { profileId, kinds: ['result'] })).toHaveLength(1);
    const refused = await fails(api, 'papers.delete', { profileId, documentId: doc.id });
    expect(refused).toMatchObject({ kind: 'conflict' });
    expect(refused.message).toContain('source');
    expect(await ok(api, 'papers.get', { profileId, documentId: doc.id })).toMatchObject({ title: 'Labs March' });
  });

  it('refuses input that is not a result with one sentence and adds nothing', async () => {
    const doc = await keptReport();
    const bad = [
      { index: 99, name: 'Glucose', value: '105' },
      { index: 0, name: ' ', value: '105' },
      { index: 0, name: 'Glucose', value: '' },
      { index: 0, name: 'Glucose', value: '105', flag: 'HIGH' },
      { index: 0, name: 'Glucose', value: '105', date: '2026-02-30' },
    ];
    for (const result of bad) {
      const error = await fails(api, 'papers.addResults', { profileId, documentId: doc.id, results: [result] });
      expect(error.message, JSON.stringify(result)).toMatch(/^[A-Z].*\.$/);
    }
    expect((await fails(api, 'papers.addResults', { profileId, documentId: doc.id, results: [] })).message).toBe('Tick at least one result to add.');
    expect(await ok(api, 'records.list', { profileId, kinds: ['result'] })).toEqual([]);
  });
});

// The person's own statements through main/api: stored beside the entry without touching a
// source's rows, counted by the current rule, superseded and withdrawn, moved by a merge, and
// honoured by the timeline, the visit summary and both exports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Api } from '../../main/api/index.ts';
import { buildFhirBundle } from '../../main/export/fhir-bundle.ts';
import { buildIpsDocument } from '../../main/export/ips.ts';
import { ENTRY_KINDS, type StoredEntry } from '../../main/records/model.ts';
import { readCurrent } from '../../main/records/current.ts';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const TODAY = '2026-03-01'; // testPlatform's clock
const CCD = new Uint8Array(readFileSync(path.join(import.meta.dirname, '../fixtures/ccda/ccd-full.xml')));

let api: Api;
let profileId: string;

async function entries(): Promise<StoredEntry[]> {
  return ok(api, 'records.list', { profileId, kinds: [...ENTRY_KINDS] });
}
async function byTitle(prefix: string): Promise<StoredEntry> {
  const found = (await entries()).find((e) => e.title.startsWith(prefix));
  if (!found) throw new Error(`no entry ${prefix}`);
  return found;
}
/** Every row a source wrote: entries and their provenance, as stored. */
function sourceRows(): unknown[] {
  const db = api.context.requireSession().profileDb(profileId);
  return [db.prepare('SELECT * FROM entries ORDER BY id').all(), db.prepare('SELECT * FROM provenance ORDER BY id').all()];
}
async function summary(language: 'en' | 'es' = 'en'): Promise<string> {
  return ok(api, 'summary.html', {
    profileId,
    language,
    paper: 'Letter',
    sections: { medications: true, allergies: true, problems: true, results: true, immunizations: true, encounters: false, procedures: false, questions: false, notes: false, education: false },
  });
}

beforeEach(async () => {
  api = testApi(tempDir());
  await ok(api, 'vault.create', { passphrase: PASS });
  profileId = (await ok(api, 'profiles.add', { name: 'Test Person', birthDate: '1950-01-31' })).id;
  await ok(api, 'import.files', { profileId, files: [{ name: 'ccd.xml', bytes: CCD }], force: true });
});

describe('statements.add and statements.withdraw', () => {
  test('"I no longer take this" leaves the current medications, never a source row, and is undone', async () => {
    const metformin = await byTitle('Metformin');
    expect(readCurrent(metformin, TODAY).current).toBe(true);
    const before = sourceRows();

    const said = await ok(api, 'statements.add', { profileId, entryId: metformin.id, kind: 'no-longer', date: '2026-02-28', note: 'Stopped after the January visit' });
    expect(said.personal).toEqual([expect.objectContaining({ kind: 'no-longer', date: '2026-02-28', note: 'Stopped after the January visit' })]);
    expect(sourceRows()).toEqual(before);
    const reading = readCurrent(said, TODAY);
    expect(reading).toMatchObject({ current: false, decidedBy: { personal: { kind: 'no-longer' } } });
    expect(reading.disagreeing.map((s) => s.provider)).toEqual(['Willow Creek Clinic']);
    expect(await summary()).not.toContain('Metformin');

    const undone = await ok(api, 'statements.withdraw', { profileId, statementId: said.personal![0]!.id });
    expect(undone.personal).toBeUndefined();
    expect(readCurrent(undone, TODAY).current).toBe(true);
    expect(await summary()).toContain('Metformin');
    expect(sourceRows()).toEqual(before);
    expect((await fails(api, 'statements.withdraw', { profileId, statementId: said.personal![0]!.id })).kind).toBe('not-found');
  });

  test('"I still take this" confirms a medication no source has confirmed for over a year', async () => {
    const metformin = await byTitle('Metformin');
    expect(readCurrent(metformin, TODAY)).toMatchObject({ current: true, unconfirmedForAYear: true });
    const still = await ok(api, 'statements.add', { profileId, entryId: metformin.id, kind: 'still' });
    expect(still.personal?.[0]?.date).toBe(TODAY);
    expect(readCurrent(still, TODAY)).toMatchObject({ current: true, unconfirmedForAYear: false, decidedBy: { personal: { kind: 'still' } } });
    const html = await summary();
    expect(html).toContain('confirmed by the patient or caregiver on');
    expect(await summary('es')).toContain('confirmado por el paciente o su cuidador el');
  });

  test('a newer word replaces the older one on the same question; hiding is a separate question', async () => {
    const metformin = await byTitle('Metformin');
    await ok(api, 'statements.add', { profileId, entryId: metformin.id, kind: 'no-longer' });
    await ok(api, 'statements.add', { profileId, entryId: metformin.id, kind: 'hidden' });
    const now = await ok(api, 'statements.add', { profileId, entryId: metformin.id, kind: 'still' });
    expect(now.personal?.map((s) => s.kind)).toEqual(['hidden', 'still']);
    const db = api.context.requireSession().profileDb(profileId);
    expect(db.prepare('SELECT kind, withdrawn_at IS NOT NULL AS withdrawn FROM personal_statements ORDER BY id').all()).toEqual([
      { kind: 'no-longer', withdrawn: 1 },
      { kind: 'hidden', withdrawn: 0 },
      { kind: 'still', withdrawn: 0 },
    ]);
  });

  test('"This is wrong" keeps an allergy out of lists, the timeline, the summary and both exports, but viewable', async () => {
    const penicillin = await byTitle('Penicillin');
    const wrong = await ok(api, 'statements.add', { profileId, entryId: penicillin.id, kind: 'wrong', note: 'That was my brother' });
    expect(readCurrent(wrong, TODAY)).toMatchObject({ current: false, hiddenBy: { kind: 'wrong' } });
    // Left out of the allergy list, but never silently: the packet names it and why.
    const html = await summary();
    expect(html).toContain('No allergies recorded');
    expect(html).toContain('Not listed because the patient or caregiver said it is wrong: Penicillin G.');
    expect(html.match(/Penicillin/g)).toHaveLength(1);
    expect(await summary('es')).toContain('No se incluye porque el paciente o su cuidador dijo que es incorrecto: Penicillin G.');
    const session = api.context.requireSession();
    const profile = session.getProfile(profileId);
    const all = await entries();
    const fhir = JSON.stringify(buildFhirBundle(profile, all, `${TODAY}T12:00:00Z`));
    expect(fhir).not.toContain('Penicillin');
    expect(fhir).toContain('Metformin');
    const ips = JSON.stringify(buildIpsDocument(profile, all, `${TODAY}T12:00:00Z`, 'en'));
    expect(ips).not.toContain('Penicillin');

    const page = await ok(api, 'timeline.page', { profileId, filter: {} });
    expect(page.items.map((i) => i.id)).not.toContain(penicillin.id);
    const shown = await ok(api, 'timeline.page', { profileId, filter: { showHidden: true } });
    expect(shown.items.find((i) => i.id === penicillin.id)).toMatchObject({ hiddenBy: 'wrong', title: 'Penicillin G' });
    // Still viewable with what the source said.
    const viewed = await ok(api, 'records.get', { profileId, entryId: penicillin.id });
    expect(viewed.sources[0]?.original.title).toBe('Penicillin G');
  });

  test('a correction is shown beside the source: the stored entry keeps the source value', async () => {
    const metformin = await byTitle('Metformin');
    const before = sourceRows();
    const corrected = await ok(api, 'statements.add', { profileId, entryId: metformin.id, kind: 'correction', correction: { dose: '2 tablets', frequency: 'twice a day' }, note: 'As the pharmacist told me' });
    expect(corrected.details.dose).toBe('1');
    expect(corrected.personal?.[0]?.correction).toEqual({ dose: '2 tablets', frequency: 'twice a day' });
    expect(sourceRows()).toEqual(before);
    const html = await summary();
    expect(html).toContain('2 tablets');
    expect(html).toContain('corrected by the patient or caregiver (the record says dose: 1; how often: every 12 hours)');
    const profile = api.context.requireSession().getProfile(profileId);
    const fhir = JSON.stringify(buildFhirBundle(profile, await entries(), `${TODAY}T12:00:00Z`));
    expect(fhir).toContain('Corrected by the patient or caregiver on 2026-03-01: dose \\"2 tablets\\" (the record says \\"1\\")');

    const title = await ok(api, 'statements.add', { profileId, entryId: metformin.id, kind: 'correction', correction: { title: 'Metformin 500 mg' } });
    expect(title.personal?.map((s) => s.correction)).toEqual([{ title: 'Metformin 500 mg' }]);
    const row = (await ok(api, 'timeline.page', { profileId, filter: { kinds: ['medication'] } })).items.find((i) => i.id === metformin.id);
    expect(row).toMatchObject({ title: 'Metformin hydrochloride 500 MG Oral Tablet', correctedTitle: 'Metformin 500 mg' });
  });

  test('statements that do not fit are refused with a sentence, and nothing is stored', async () => {
    const penicillin = await byTitle('Penicillin');
    const noLonger = await fails(api, 'statements.add', { profileId, entryId: penicillin.id, kind: 'no-longer' });
    expect(noLonger.kind).toBe('conflict');
    const empty = await fails(api, 'statements.add', { profileId, entryId: penicillin.id, kind: 'correction' });
    expect(empty).toMatchObject({ kind: 'invalid-input', message: 'A correction needs at least one corrected value, and only a correction carries values.' });
    const future = await fails(api, 'statements.add', { profileId, entryId: penicillin.id, kind: 'wrong', date: '2026-03-05' });
    expect(future.message).toMatch(/future/);
    const gone = await fails(api, 'statements.add', { profileId, entryId: 99999, kind: 'wrong' });
    expect(gone.kind).toBe('not-found');
    const db = api.context.requireSession().profileDb(profileId);
    expect(db.prepare('SELECT count(*) FROM personal_statements').pluck().get()).toBe(0);
  });

  test('a merge carries the statements of the entry that goes to the one that stays', async () => {
    const metformin = await byTitle('Metformin');
    const typed = await ok(api, 'records.save', { profileId, entry: { kind: 'medication', title: 'Metformin 500 mg', status: 'active' } });
    await ok(api, 'statements.add', { profileId, entryId: typed.id, kind: 'no-longer', date: '2026-02-01' });
    await ok(api, 'statements.add', { profileId, entryId: metformin.id, kind: 'still', date: '2026-02-20' });
    const { entry: merged, mergeId } = await ok(api, 'records.merge', { profileId, keepEntryId: metformin.id, mergeEntryId: typed.id });
    // Both said something on the same question: the newer stands.
    expect(merged.personal?.map((s) => s.kind)).toEqual(['still']);
    // Undone, each entry has its own statement standing again (issue 15: merges are undoable).
    const [kept, restored] = await ok(api, 'duplicates.undoMerge', { profileId, mergeId });
    expect(kept!.personal?.map((s) => s.kind)).toEqual(['still']);
    expect(restored!.personal?.map((s) => s.kind)).toEqual(['no-longer']);
  });
});

describe('trends', () => {
  test('a result the person said is wrong is not drawn, and is again once withdrawn', async () => {
    const glucose = await byTitle('Glucose');
    const loinc = glucose.codes.find((c) => c.system === 'LOINC')!.code;
    const points = async () => (await ok(api, 'trends.series', { profileId, code: loinc })).points.map((p) => p.entryId);
    expect(await points()).toEqual([glucose.id]);
    const wrong = await ok(api, 'statements.add', { profileId, entryId: glucose.id, kind: 'wrong' });
    expect(await points()).toEqual([]);
    await ok(api, 'statements.withdraw', { profileId, statementId: wrong.personal![0]!.id });
    expect(await points()).toEqual([glucose.id]);
  });
});

describe('vaccines', () => {
  test('a dose the person said is wrong is not counted; one they only hid still is', async () => {
    const flu = await byTitle('Influenza');
    const counted = async () => (await ok(api, 'immunizations.profile', { profileId, assessmentDate: TODAY })).forecast.doses.map((d) => d.date);
    expect(await counted()).toContain('2023-10-12');
    await ok(api, 'statements.add', { profileId, entryId: flu.id, kind: 'hidden' });
    expect(await counted()).toContain('2023-10-12');
    await ok(api, 'statements.add', { profileId, entryId: flu.id, kind: 'wrong' });
    expect(await counted()).not.toContain('2023-10-12');
  });
});

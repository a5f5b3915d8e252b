// trend_points (profile migration 005) is kept by entries.ts alongside every change it makes.
// After every kind of change an entry can go through (import, merge, split, edit, kind change,
// code change, deletion), the table must say exactly what the entries themselves say.
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { RecordDraft } from '../../main/records/model.ts';
import { trendFactFields, trendKeysOf } from '../../main/records/trends.ts';
import { addProvenance, deleteEntry, getEntry, insertEntry, linkMerged, listTrendFacts, moveProvenance, readDraft, recountSources, updateEntry } from '../../main/vault/entries.ts';
import { migrate } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { openEncrypted, type Connection } from '../../main/vault/sqlite.ts';
import { tempDir } from '../support/temp.ts';

const PROVIDERS = ['Good Health Clinic', 'Riverside Hospital', 'Northside Lab'];

let db: Connection;

function result(code: string, value: number, extra: Partial<RecordDraft> = {}): RecordDraft {
  return {
    kind: 'result',
    title: `Test ${code}`,
    codes: [{ system: 'LOINC', code }],
    start: `2020-0${1 + (value % 9)}-15`,
    value: { number: value, text: String(value), unit: 'mg/dL' },
    details: {},
    ...extra,
  };
}

/**
 * A new entry, as an import writes it: created by the first provider's source, then seen by
 * the others (source ids 1–3).
 */
function add(draft: RecordDraft, providers: number[] = [0]): number {
  const [first, ...others] = providers;
  const creator = first === undefined ? undefined : { sourceId: first + 1, provider: PROVIDERS[first]! };
  const id = insertEntry(db, draft, [], false, 'now', creator ? { creator } : {});
  for (const p of others) addProvenance(db, id, p + 1, PROVIDERS[p]!, draft, true);
  return id;
}

/**
 * What the trend read must give, worked out from the whole entries: every result and vital
 * with a LOINC code or a name, its LOINC codes (or its name key), its providers once each A to Z, and its facts.
 */
function fromEntries() {
  const ids = db.prepare('SELECT id FROM entries ORDER BY id').pluck().all() as number[];
  return ids
    .map((id) => getEntry(db, id)!)
    .filter((e) => (e.kind === 'result' || e.kind === 'vital') && trendKeysOf(e).length > 0)
    .map((e) => ({
      id: e.id,
      codes: [...new Set(trendKeysOf(e))].sort(),
      sources: [...new Set(e.sources.map((s) => s.provider))].sort(),
      ...trendFactFields(e),
    }));
}

/** The table's facts, one row per entry with all its codes. */
function fromTrendPoints(): ReturnType<typeof fromEntries> {
  const byId = new Map<number, ReturnType<typeof fromEntries>[number]>();
  for (const { entryId, loinc, sources, ...fields } of listTrendFacts(db)) {
    const row = byId.get(entryId);
    if (row) row.codes = [...row.codes, loinc].sort();
    else byId.set(entryId, { id: entryId, codes: [loinc], sources, ...fields });
  }
  return [...byId.values()];
}

function expectInStep(): void {
  expect(fromTrendPoints()).toEqual(fromEntries());
}

beforeEach(() => {
  const file = path.join(tempDir(), 'trend-points.db');
  db = openEncrypted(file, 'trend points passphrase', { create: true });
  migrate(db, PROFILE_MIGRATIONS, file);
  db.prepare("INSERT INTO files (id, name, format, sha256, size, bytes, imported_at) VALUES (1, 'a.xml', 'ccda', ?, 3, x'00', 'now')").run('ab'.repeat(32));
  PROVIDERS.forEach((provider, i) =>
    db.prepare("INSERT INTO sources (id, file_id, kind, format, provider, imported_at) VALUES (?, 1, 'document', 'ccda', ?, 'now')").run(i + 1, provider),
  );
});

describe('trend_points follows every change to the entries', () => {
  test('new entries: only results and vitals, under their LOINC codes or else their name, providers once each', () => {
    add(result('2345-7', 90), [2, 0, 2]);
    add(result('2345-7', 95, { kind: 'vital', codes: [{ system: 'LOINC', code: '2345-7' }, { system: 'LOINC', code: '41653-7' }, { system: 'SNOMED', code: '33747003' }] }));
    add(result('2345-7', 1, { kind: 'note' }));
    add(result('2345-7', 2, { title: '  GLUCOSE ', codes: [{ system: 'SNOMED', code: '33747003' }] }));
    add(result('2345-7', 3, { title: 'Glucose', codes: [] }));
    expectInStep();
    expect(fromTrendPoints()).toHaveLength(4);
    expect(fromTrendPoints()[0]!.sources).toEqual(['Good Health Clinic', 'Northside Lab']);
    expect(db.prepare("SELECT count(*) FROM trend_points WHERE code = '33747003'").pluck().get()).toBe(0);
    // No LOINC code: filed under the name as written (case and spacing evened out), never a guessed code.
    expect(listTrendFacts(db, ['name:glucose']).map((f) => f.number)).toEqual([2, 3]);
    expect(listTrendFacts(db, ['2345-7']).map((f) => f.number)).toEqual([90, 95]);
  });

  test('migration 011 files the results already stored without a LOINC code under their name', () => {
    add(result('2345-7', 90));
    const uncoded = add(result('2345-7', 6.5, { title: 'POTASSIUM', codes: [], details: { specimen: 'Plasma' } }), [0, 1]);
    // As a vault written before migration 011 holds them: no point for the uncoded result.
    db.prepare("DELETE FROM trend_points WHERE code LIKE 'name:%'").run();
    db.pragma('user_version = 10');
    // Only 011 runs again: the later migrations' tables are already in this file.
    migrate(db, PROFILE_MIGRATIONS.filter((m) => m.version <= 11), 'trend-points.db');
    db.pragma(`user_version = ${PROFILE_MIGRATIONS.at(-1)!.version}`);
    expectInStep();
    expect(listTrendFacts(db, ['name:potassium | plasma'])).toMatchObject([{ entryId: uncoded, number: 6.5, sources: ['Good Health Clinic', 'Riverside Hospital'] }]);
  });

  test('edits: a new value, a changed kind, replaced codes', () => {
    const a = add(result('2345-7', 90));
    const b = add(result('2093-3', 180));
    updateEntry(db, a, result('2345-7', 250), [], 'later');
    expect(listTrendFacts(db, ['2345-7'])[0]!.number).toBe(250);
    updateEntry(db, b, result('2093-3', 180, { kind: 'note' }), [], 'later');
    expect(listTrendFacts(db, ['2093-3'])).toEqual([]);
    updateEntry(db, b, result('2093-3', 180), [], 'later');
    expect(listTrendFacts(db, ['2093-3'])).toHaveLength(1);
    // The full rewrite (no `previous`): the old code's point goes, the new code's comes.
    updateEntry(db, a, result('4548-4', 7), [], 'later');
    expect(listTrendFacts(db, ['2345-7'])).toEqual([]);
    expect(listTrendFacts(db, ['4548-4']).map((f) => f.entryId)).toEqual([a]);
    expectInStep();
  });

  test('a merge that adds a code (the diffed path) and a provider', () => {
    const draft = result('2345-7', 90);
    const id = add(draft, [0]);
    const merged = { ...draft, codes: [...draft.codes, { system: 'LOINC', code: '2339-0' }] };
    updateEntry(db, id, merged, [], 'later', { draft, keys: [] });
    addProvenance(db, id, 2, PROVIDERS[1]!, merged, true);
    expectInStep();
    expect(listTrendFacts(db, ['2339-0'])[0]!.sources).toEqual(['Good Health Clinic', 'Riverside Hospital']);
  });

  test('an import merge: points kept when their facts stay, providers listed as links come, facts rewritten when they change', () => {
    const draft = result('2345-7', 90);
    const id = add(draft, [0]);
    const merge = (provider: number, before: RecordDraft, after: RecordDraft) =>
      linkMerged(db, id, { sourceId: provider + 1, provider: PROVIDERS[provider]!, original: JSON.stringify(after), firstLinkFromSource: true }, {
        draft: after,
        keys: [],
        now: 'later',
        previous: { draft: before, keys: [] },
        json: JSON.stringify(after),
      });
    // Nothing a chart reads changes; a new provider.
    const noted = { ...draft, details: { comment: 'Fasting' } };
    merge(1, draft, noted);
    expectInStep();
    expect(listTrendFacts(db, ['2345-7'])[0]!.sources).toEqual(['Good Health Clinic', 'Riverside Hospital']);
    // The same provider again, a fact that changes.
    const flagged = { ...noted, interpretation: 'H' };
    merge(1, noted, flagged);
    expectInStep();
    expect(listTrendFacts(db, ['2345-7'])[0]!.interpretation).toBe('H');
    // A link alone from a third provider, then from the same one again.
    linkMerged(db, id, { sourceId: 3, provider: PROVIDERS[2]!, original: JSON.stringify(flagged), firstLinkFromSource: true });
    linkMerged(db, id, { sourceId: 3, provider: PROVIDERS[2]!, original: JSON.stringify(flagged), firstLinkFromSource: false });
    expectInStep();
    expect(listTrendFacts(db, ['2345-7'])[0]!.sources).toEqual(['Good Health Clinic', 'Northside Lab', 'Riverside Hospital']);
    // A new code: a point under it too.
    merge(0, flagged, { ...flagged, codes: [...flagged.codes, { system: 'LOINC', code: '2339-0' }] });
    expectInStep();
    expect(listTrendFacts(db, ['2339-0'])).toHaveLength(1);
  });

  test('merging two entries and splitting them again (as records.merge and records.split do)', () => {
    const keep = add(result('2345-7', 90), [0]);
    const other = add(result('2345-7', 91), [1]);
    moveProvenance(db, other, keep);
    deleteEntry(db, other);
    recountSources(db, keep);
    expectInStep();
    expect(fromTrendPoints()).toHaveLength(1);
    expect(fromTrendPoints()[0]!.sources).toEqual(['Good Health Clinic', 'Riverside Hospital']);

    const split = insertEntry(db, result('2345-7', 91), [], false, 'later');
    moveProvenance(db, keep, split, 2);
    expectInStep();
    expect(fromTrendPoints().map((e) => e.sources)).toEqual([['Good Health Clinic'], ['Riverside Hospital']]);
  });

  test('deleting an entry takes its points, and only its', () => {
    const a = add(result('2345-7', 90, { codes: [{ system: 'LOINC', code: '2345-7' }, { system: 'LOINC', code: '2339-0' }] }), [0, 1]);
    const b = add(result('2345-7', 91), [1]);
    deleteEntry(db, a);
    expect(db.prepare('SELECT count(*) FROM trend_points WHERE entry_id = ?').pluck().get(a)).toBe(0);
    expect(fromTrendPoints().map((e) => e.id)).toEqual([b]);
    expectInStep();
  });

  test('many random changes leave the table in step', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const codes = ['2345-7', '2339-0', '2093-3', '4548-4'];
    const ids: number[] = [];
    for (let step = 0; step < 300; step++) {
      const action = random(7);
      if (action <= 2 || ids.length < 3) {
        const uncoded = random(5) === 0 ? { codes: [], title: random(2) ? 'POTASSIUM' : 'Potassium' } : {};
        ids.push(add(result(codes[random(4)]!, random(300), { kind: random(6) === 0 ? 'problem' : 'result', ...uncoded }), [random(3)]));
      } else if (action === 3) {
        const id = ids[random(ids.length)]!;
        const before = readDraft(db, id)!;
        const after = { ...before, codes: [...before.codes, { system: 'LOINC', code: codes[random(4)]! }] };
        updateEntry(db, id, after, [], 'later', { draft: before, keys: [] });
      } else if (action === 4) {
        addProvenance(db, ids[random(ids.length)]!, 1 + random(3), PROVIDERS[random(3)]!, result('2345-7', 1), true);
      } else if (action === 5) {
        // A merge (records.merge): the other entry's links move over, then it goes.
        const [keep, other] = [ids[random(ids.length)]!, ids[random(ids.length)]!];
        if (keep === other) continue;
        moveProvenance(db, other, keep);
        deleteEntry(db, other);
        ids.splice(ids.indexOf(other), 1);
      } else {
        deleteEntry(db, ids.splice(random(ids.length), 1)[0]!);
      }
    }
    expectInStep();
    expect(fromTrendPoints().length).toBeGreaterThan(20);
  });
});

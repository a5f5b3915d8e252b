// The query plans the benchmark's budgets depend on: the timeline reads its index in order
// (no full scan, no temporary b-tree for ORDER BY) on the first and on any later page, with
// and without a kind filter; search and provenance read the small covering indexes.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertEntry, addProvenance, PROVENANCE_SELECT } from '../../main/vault/entries.ts';
import { migrate } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { openEncrypted, type Connection } from '../../main/vault/sqlite.ts';
import { searchEntries, timelinePage } from '../../main/vault/timeline.ts';
import type { RecordDraft } from '../../main/records/model.ts';
import { recordPlans, type PlanRecorder } from '../support/query-plans.ts';
import { tempDir } from '../support/temp.ts';

let db: Connection;
let planOf: PlanRecorder['planOf'];

beforeAll(() => {
  const file = path.join(tempDir(), 'plans.db');
  db = openEncrypted(file, 'query plan passphrase', { create: true });
  migrate(db, PROFILE_MIGRATIONS, file);
  db.prepare("INSERT INTO files (id, name, format, sha256, size, bytes, imported_at) VALUES (1, 'a.xml', 'ccda', ?, 3, x'00', 'now')").run('ef'.repeat(32));
  db.prepare("INSERT INTO sources (id, file_id, kind, format, provider, imported_at) VALUES (1, 1, 'document', 'ccda', 'Good Health Clinic', 'now')").run();
  db.transaction(() => {
    for (let i = 0; i < 600; i++) {
      const kind = i % 3 === 0 ? 'medication' : 'result';
      const draft: RecordDraft = {
        kind,
        title: i % 2 ? `Hemoglobin A1c ${i}` : `Glucose ${i}`,
        codes: [{ system: 'LOINC', code: i % 2 ? '4548-4' : '2345-7' }],
        start: `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
        details: {},
      };
      addProvenance(db, insertEntry(db, draft, [], false, 'now'), 1, 'Good Health Clinic', draft, true);
    }
  }).immediate();
  db.exec('ANALYZE');
  planOf = recordPlans(db).planOf;
});

afterAll(() => db.close());

function assertOrderedIndexScan(plan: string, index: string): void {
  expect(plan).toMatch(new RegExp(`(SCAN|SEARCH) e USING (COVERING )?INDEX ${index}\\b`));
  expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  expect(plan).not.toMatch(/SCAN e\s*$/m);
}

describe('timeline', () => {
  test('the first page walks entries_timeline in order', () => {
    const page = timelinePage(db, {}, undefined, 50);
    expect(page.items).toHaveLength(50);
    const plan = planOf(/FROM entries e WHERE NOT EXISTS \(SELECT 1 FROM personal_statements .*\) ORDER BY/);
    assertOrderedIndexScan(plan, 'entries_timeline');
    // Leaving out what the person hid is one seek into its small partial index per row.
    expect(plan).toMatch(/SEARCH ps USING (COVERING )?INDEX personal_statements_standing \(entry_id=\?\)/);
  });

  test('a later page seeks into entries_timeline at the cursor instead of scanning from the top', () => {
    const first = timelinePage(db, {}, undefined, 50);
    const second = timelinePage(db, {}, first.nextCursor, 50);
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
    const plan = planOf(/\(e\.sort_date, e\.id\) < \(\?, \?\)/);
    expect(plan).toMatch(/SEARCH e USING INDEX entries_timeline \(sort_date<\?\)/);
    assertOrderedIndexScan(plan, 'entries_timeline');
  });

  test('keyset pages cover every entry exactly once, newest first', () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let last: string | undefined;
    do {
      const page = timelinePage(db, {}, cursor, 70);
      for (const item of page.items) {
        if (last !== undefined) expect((item.date ?? '') <= last).toBe(true);
        last = item.date ?? '';
        seen.push(item.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(600);
    expect(new Set(seen).size).toBe(600);
  });

  test('a kind filter walks entries_kind_timeline in order, on later pages too', () => {
    const first = timelinePage(db, { kinds: ['medication'] }, undefined, 20);
    expect(first.items.every((i) => i.kind === 'medication')).toBe(true);
    assertOrderedIndexScan(planOf(/e\.kind IN \(\?\) AND NOT EXISTS .*\)\s+ORDER BY/), 'entries_kind_timeline');
    timelinePage(db, { kinds: ['medication'] }, first.nextCursor, 20);
    assertOrderedIndexScan(planOf(/e\.kind IN \(\?\) AND NOT EXISTS .* AND \(e\.sort_date, e\.id\)/), 'entries_kind_timeline');
  });
});

describe('search and provenance', () => {
  test('search ranks by the FTS index and reads dates from entries_dates, full rows only for the winners', () => {
    const hits = searchEntries(db, 'hemoglobin', 10);
    expect(hits).toHaveLength(10);
    expect(hits.every((h) => h.title.startsWith('Hemoglobin'))).toBe(true);
    const plan = planOf(/entries_fts MATCH/);
    expect(plan).toMatch(/SEARCH m USING COVERING INDEX entries_dates/);
    expect(plan).toMatch(/SEARCH e USING INTEGER PRIMARY KEY/);
  });

  test('provenance reads sources and files through their covering indexes', () => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${PROVENANCE_SELECT} WHERE p.entry_id IN (1, 2) ORDER BY p.id`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/SEARCH p USING INDEX provenance_entry_provider \(entry_id=\?\)/);
    expect(plan).toMatch(/COVERING INDEX sources_listing/);
    expect(plan).toMatch(/COVERING INDEX files_names/);
  });
});

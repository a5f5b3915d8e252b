// The statements table in the vault: a file written before migration 008 (as a damaged profile
// is opened: read-only, never migrated) still reads, with nothing hidden; once migrated, a
// statement hides its entry from the timeline and the trend points.
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { RecordDraft } from '../../main/records/model.ts';
import { addProvenance, insertEntry, listEntries, listTrendFacts } from '../../main/vault/entries.ts';
import { migrate } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { addPersonalStatement, hasPersonalStatements } from '../../main/vault/personal-statements.ts';
import { openEncrypted } from '../../main/vault/sqlite.ts';
import { searchEntries, timelinePage } from '../../main/vault/timeline.ts';
import { tempDir } from '../support/temp.ts';

const glucose: RecordDraft = { kind: 'result', title: 'Glucose', codes: [{ system: 'LOINC', code: '2345-7' }], start: '2024-03-01', value: { number: 98, unit: 'mg/dL' }, details: {} };

describe('personal_statements', () => {
  test('a file from before migration 008 reads with nothing hidden, and hides once migrated', () => {
    // Today's writer prepares its statements for today's schema (019's trend point columns); a
    // file is always migrated before it is written, so the old file borrows those columns only
    // while its entry is written, and gives them back before it is read and migrated.
    const asthma: RecordDraft = { kind: 'problem', title: 'Asthma', codes: [{ system: 'SNOMED CT', code: '195967001' }], start: '2024-03-01', details: {} };
    const file = path.join(tempDir(), 'old.db');
    const db = openEncrypted(file, 'an old profile file', { create: true });
    migrate(db, PROFILE_MIGRATIONS.filter((m) => m.version < 8), file);
    db.prepare("INSERT INTO sources (id, file_id, kind, format, provider, imported_at) VALUES (1, NULL, 'document', 'ccda', 'Clinic', 'now')").run();
    const columns = ['readings_count', 'readings_min', 'readings_max'];
    for (const c of columns) db.exec(`ALTER TABLE trend_points ADD COLUMN ${c}`);
    const id = insertEntry(db, asthma, [], false, 'now');
    addProvenance(db, id, 1, 'Clinic', asthma, true);
    for (const c of columns) db.exec(`ALTER TABLE trend_points DROP COLUMN ${c}`);

    expect(hasPersonalStatements(db)).toBe(false);
    expect(listEntries(db, ['problem'])[0]).not.toHaveProperty('personal');
    expect(timelinePage(db, {}, undefined, 10).items.map((i) => i.id)).toEqual([id]);
    expect(searchEntries(db, 'asthma', 10).map((i) => i.id)).toEqual([id]);

    migrate(db, PROFILE_MIGRATIONS, file);
    expect(hasPersonalStatements(db)).toBe(true);
    addPersonalStatement(db, id, 'wrong', '2026-12-06', '2026-12-06T10:00:00Z', {});
    expect(listEntries(db, ['problem'])[0]?.personal).toEqual([{ id: 1, kind: 'wrong', date: '2026-12-06', madeAt: '2026-12-06T10:00:00Z' }]);
    expect(timelinePage(db, {}, undefined, 10).items).toEqual([]);
    expect(timelinePage(db, { showHidden: true }, undefined, 10).items.map((i) => i.hiddenBy)).toEqual(['wrong']);

    // A result written once migrated leaves Trends when it is said to be wrong.
    const result = insertEntry(db, glucose, [], false, 'now');
    addProvenance(db, result, 1, 'Clinic', glucose, true);
    expect(listTrendFacts(db, ['2345-7']).map((f) => f.entryId)).toEqual([result]);
    addPersonalStatement(db, result, 'wrong', '2026-12-06', '2026-12-06T10:00:00Z', {});
    expect(listTrendFacts(db, ['2345-7'])).toEqual([]);
    db.close();
  });
});

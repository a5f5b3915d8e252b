// The search index kept in few FTS5 segments (vault/search-index-upkeep.ts): merged when many
// imports left many segments, in steps that can stop, and finding exactly the same entries.
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { migrate } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { MAX_SEGMENTS, needsMerge, segmentShape, upkeepSearchIndex } from '../../main/vault/search-index-upkeep.ts';
import { openEncrypted, type Connection } from '../../main/vault/sqlite.ts';
import { found, importMany } from '../support/search-index.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'search index upkeep passphrase';

function openProfile(): { db: Connection; file: string } {
  const file = path.join(tempDir(), 'profile.db');
  const db = openEncrypted(file, PASS, { create: true });
  migrate(db, PROFILE_MIGRATIONS, file);
  return { db, file };
}

describe('search index upkeep', () => {
  test('an index many imports left in many segments is merged into one; every word finds the same entries', () => {
    const { db } = openProfile();
    importMany(db, 255, 4);
    const before = segmentShape(db);
    expect(before.segments).toBeGreaterThan(MAX_SEGMENTS);
    expect(needsMerge(before)).toBe(true);
    const was = found(db);
    expect((was as { all: unknown[] }[]).some((w) => w.all.length > 100)).toBe(true);

    const outcome = upkeepSearchIndex(db, { stepPages: 4 });
    expect(outcome).toMatchObject({ before: before.segments, after: 1, stopped: false });
    expect(outcome.steps).toBeGreaterThan(2);
    expect(segmentShape(db).segments).toBe(1);
    expect(found(db)).toEqual(was);
    // FTS5's own check: the index holds exactly the rows of its content.
    db.exec("INSERT INTO entries_fts(entries_fts, rank) VALUES('integrity-check', 1)");
    // Merged, nothing more to do: a second upkeep writes nothing.
    expect(upkeepSearchIndex(db)).toMatchObject({ before: 1, after: 1, steps: 0 });
    db.close();
  });

  test('an index in few segments is left alone after a small import', () => {
    const { db } = openProfile();
    importMany(db, 1, 400);
    upkeepSearchIndex(db);
    importMany(db, 2, 3, 400);
    const shape = segmentShape(db);
    expect(shape.segments).toBe(3);
    expect(needsMerge(shape)).toBe(false);
    expect(upkeepSearchIndex(db)).toMatchObject({ before: 3, after: 3, steps: 0 });
    db.close();
  });

  test('told to stop, it stops between steps; the index is whole and the next upkeep finishes the merge', () => {
    const { db } = openProfile();
    importMany(db, 255, 4);
    const was = found(db);
    let asked = 0;
    const first = upkeepSearchIndex(db, { stepPages: 2, shouldStop: () => ++asked > 3 });
    expect(first).toMatchObject({ steps: 3, stopped: true });
    expect(first.after).toBeGreaterThan(MAX_SEGMENTS);
    expect(found(db)).toEqual(was);
    db.exec("INSERT INTO entries_fts(entries_fts, rank) VALUES('integrity-check', 1)");
    const second = upkeepSearchIndex(db, { stepPages: 64 });
    expect(second).toMatchObject({ before: first.after, after: 1, stopped: false });
    expect(found(db)).toEqual(was);
    db.exec("INSERT INTO entries_fts(entries_fts, rank) VALUES('integrity-check', 1)");
    db.close();
  });

  test('a step that meets another connection writing throws SQLITE_BUSY and changes nothing', () => {
    const { db, file } = openProfile();
    importMany(db, 255, 4);
    const was = found(db);
    const segments = segmentShape(db).segments;
    const other = openEncrypted(file, PASS);
    db.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(() => upkeepSearchIndex(db)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^SQLITE_BUSY/) }));
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(segmentShape(db).segments).toBe(segments);
    expect(found(db)).toEqual(was);
    db.close();
  });
});

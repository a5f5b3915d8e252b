// A word in every reading of a device matches hundreds of thousands of entries; past
// MANY_MATCHES the search ranks the RANKED_WHEN_MANY most recently added of them, and at or
// under it every match is ranked as before.
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { RecordDraft } from '../../main/records/model.ts';
import { insertEntry } from '../../main/vault/entries.ts';
import { migrate } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { openEncrypted, type Connection } from '../../main/vault/sqlite.ts';
import { MANY_MATCHES, RANKED_WHEN_MANY, searchEntries } from '../../main/vault/timeline.ts';
import { tempDir } from '../support/temp.ts';

let db: Connection;
const ids: number[] = [];

const reading = (i: number, title: string): RecordDraft => ({
  kind: 'vital',
  title,
  codes: [{ system: 'LOINC', code: '8867-4' }],
  start: `2024-01-01T00:${String(i % 60).padStart(2, '0')}:00Z`,
  value: { number: 60 + (i % 40), text: String(60 + (i % 40)), unit: '/min' },
  details: { comment: 'Recorded by a watch' },
});

beforeAll(() => {
  const file = path.join(tempDir(), 'search-many.db');
  db = openEncrypted(file, 'search many passphrase', { create: true });
  migrate(db, PROFILE_MIGRATIONS, file);
  db.transaction(() => {
    // The oldest entry names the watch in its title; the readings only in their comment.
    ids.push(insertEntry(db, reading(0, 'Tachycardia alert from the watch'), [], false, 'now'));
    for (let i = 1; i <= MANY_MATCHES + 10; i++) ids.push(insertEntry(db, reading(i, i % 1000 === 0 ? 'Heart rate (tachycardia)' : 'Heart rate'), [], false, 'now'));
  })();
}, 120_000);

describe('search with very many matches', () => {
  test('past the bound, only the most recently added matches are ranked', () => {
    const found = searchEntries(db, 'watch', 500);
    expect(found).toHaveLength(500);
    const newest = [...ids].sort((a, b) => b - a).slice(0, RANKED_WHEN_MANY);
    expect(found.every((row) => row.id >= newest.at(-1)!)).toBe(true);
    // The oldest entry, though its title holds the word, is past the ranked window.
    expect(found.some((row) => row.id === ids[0])).toBe(false);
  });

  test('at or under the bound, every match is ranked, the oldest included', () => {
    const found = searchEntries(db, 'tachycardia', 500);
    expect(found.length).toBe(1 + Math.floor((MANY_MATCHES + 10) / 1000));
    expect(found.map((row) => row.id)).toContain(ids[0]);
  });
});

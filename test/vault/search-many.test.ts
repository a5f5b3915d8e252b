// A word in every reading of a device matches hundreds of thousands of entries; when a word
// of the search is in more than MANY_MATCHES entries, the search ranks the RANKED_WHEN_MANY
// matches added most recently (and says so when more matched), and otherwise every match is
// ranked as before.
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { RecordDraft } from '../../main/records/model.ts';
import { insertEntry } from '../../main/vault/entries.ts';
import { migrate } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { openEncrypted, type Connection } from '../../main/vault/sqlite.ts';
import { MANY_MATCHES, RANKED_WHEN_MANY, search, searchEntries } from '../../main/vault/timeline.ts';
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
    // The newest two hold "watch" only as the start of a longer word.
    for (const i of [1, 2]) ids.push(insertEntry(db, { ...reading(i, 'Watched rhythm'), details: {} }, [], false, 'now'));
  })();
}, 120_000);

describe('search with very many matches', () => {
  test('past the bound, only the most recently added matches are ranked, and the result says so', () => {
    const result = search(db, 'watch', 500);
    expect(result.newestOnly).toBe(RANKED_WHEN_MANY);
    const found = result.items;
    expect(found).toHaveLength(500);
    const newest = [...ids].sort((a, b) => b - a).slice(0, RANKED_WHEN_MANY);
    expect(found.every((row) => row.id >= newest.at(-1)!)).toBe(true);
    // The oldest entry, though its title holds the word, is past the ranked window.
    expect(found.some((row) => row.id === ids[0])).toBe(false);
  });

  test('the ranked matches are the newest of every word the prefix stands for, those with it in the title first', () => {
    const found = search(db, 'watch', RANKED_WHEN_MANY).items.map((row) => row.id);
    const prefixMatches = db.prepare(`SELECT rowid FROM entries_fts WHERE entries_fts MATCH '"watch"*' ORDER BY rowid DESC LIMIT ?`).pluck().all(RANKED_WHEN_MANY) as number[];
    expect([...found].sort((a, b) => a - b)).toEqual([...prefixMatches].sort((a, b) => a - b));
    // "Watched rhythm": the word in the title (found only through the prefix), and the newest.
    expect(found.slice(0, 2)).toEqual(ids.slice(-2).reverse());
  });

  test('no word past the bound: every match is ranked, the oldest included, and nothing is said', () => {
    const result = search(db, 'tachycardia', 500);
    expect(result.newestOnly).toBeUndefined();
    expect(result.items.length).toBe(1 + Math.floor((MANY_MATCHES + 10) / 1000));
    expect(result.items.map((row) => row.id)).toContain(ids[0]);
  });

  test('a word past the bound with another that narrows the matches: all of them ranked, the oldest first by its title', () => {
    const result = search(db, 'watch tachycardia', 500);
    expect(result.newestOnly).toBeUndefined();
    expect(result.items.length).toBe(1 + Math.floor((MANY_MATCHES + 10) / 1000));
    expect(result.items[0]!.id).toBe(ids[0]);
    expect(searchEntries(db, 'watch tachycardia', 5).map((row) => row.id)).toEqual(result.items.slice(0, 5).map((row) => row.id));
  });
});

describe('the ranked window in pages', () => {
  test('the pages of a word past the bound are the window ranked in one go, each row once; the notice comes with the first', () => {
    const whole = search(db, 'watch', RANKED_WHEN_MANY);
    expect(whole.nextCursor).toBeUndefined();
    const first = search(db, 'watch', 150);
    expect(first.newestOnly).toBe(RANKED_WHEN_MANY);
    expect(first.total).toBeUndefined();
    const rows = [...first.items];
    let pages = 1;
    for (let cursor = first.nextCursor; cursor; pages++) {
      const page = search(db, 'watch', 150, cursor);
      expect(page.newestOnly).toBeUndefined();
      rows.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(pages).toBe(Math.ceil(RANKED_WHEN_MANY / 150));
    expect(rows.map((row) => row.id)).toEqual(whole.items.map((row) => row.id));
    expect(new Set(rows.map((row) => row.id)).size).toBe(RANKED_WHEN_MANY);
  });

  test('a word past the bound narrowed by a rare one: every match counted and paged by bm25', () => {
    const whole = search(db, 'watch tachycardia', 500);
    expect(whole.total).toBe(whole.items.length);
    const ids: number[] = [];
    for (let page = search(db, 'watch tachycardia', 4); ; page = search(db, 'watch tachycardia', 4, page.nextCursor)) {
      ids.push(...page.items.map((row) => row.id));
      if (!page.nextCursor) break;
    }
    expect(ids).toEqual(whole.items.map((row) => row.id));
  });
});

// Search results a page at a time (timeline.ts `search` with a cursor): the pages, joined, are
// the ranking read in one go, with no row twice and none skipped; equal scores come newest
// first, then the entry added last; entries the person hid are listed (tagged) and an entry
// merged into another is not; a search widened to a typo keeps to it on later pages.
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { RecordDraft } from '../../main/records/model.ts';
import { AppError } from '../../main/errors.ts';
import { addProvenance, insertEntry } from '../../main/vault/entries.ts';
import { mergeEntries } from '../../main/vault/merges.ts';
import { migrate } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { addPersonalStatement } from '../../main/vault/personal-statements.ts';
import { openEncrypted, type Connection } from '../../main/vault/sqlite.ts';
import { search, type SearchResult, type TimelineRow } from '../../main/vault/timeline.ts';
import { tempDir } from '../support/temp.ts';

let db: Connection;
/** Three kinds of match, each written alike but for the date: equal scores within a group. */
const groups: Record<'double' | 'title' | 'body', number[]> = { double: [], title: [], body: [] };

const draft = (title: string, start: string, comment: string): RecordDraft => ({
  kind: 'result',
  title,
  codes: [{ system: 'LOINC', code: '2276-4' }],
  start,
  value: { number: 40, text: '40', unit: 'ng/mL' },
  details: { comment },
});

function add(group: keyof typeof groups, d: RecordDraft): void {
  const id = insertEntry(db, d, [], false, 'now');
  addProvenance(db, id, 1, 'Clinic', d, true);
  groups[group].push(id);
}

beforeAll(() => {
  const file = path.join(tempDir(), 'search-pages.db');
  db = openEncrypted(file, 'search pages passphrase', { create: true });
  migrate(db, PROFILE_MIGRATIONS, file);
  db.prepare("INSERT INTO sources (id, file_id, kind, format, provider, imported_at) VALUES (1, NULL, 'document', 'ccda', 'Clinic', 'now')").run();
  db.transaction(() => {
    // Dates repeat (every third entry shares one) so that ties on the date fall to the id.
    for (let i = 0; i < 30; i++) {
      const day = `2024-0${1 + (i % 9)}-1${i % 3}`;
      add('title', draft('Ferritin', day, 'Drawn in the morning'));
      if (i % 2 === 0) add('double', draft('Ferritin ferritin', day, 'Drawn in the morning'));
      if (i % 3 === 0) add('body', draft('Iron studies', day, 'Ferritin drawn in the morning'));
    }
    // An entry none of the searches below matches.
    insertEntry(db, { ...draft('Sodium', '2024-02-02', 'Drawn'), codes: [] }, [], false, 'now');
  })();
});

/** Every page of a search, `size` rows at a time; the first page's result is returned beside. */
function walk(text: string, size: number): { rows: TimelineRow[]; first: SearchResult; pages: number } {
  const first = search(db, text, size);
  const rows = [...first.items];
  let pages = 1;
  for (let cursor = first.nextCursor; cursor; pages++) {
    const page = search(db, text, size, cursor);
    expect(page.items.length, 'a page that says more follow is never empty').toBeGreaterThan(0);
    expect(page.total, 'the count comes with the first page only').toBeUndefined();
    rows.push(...page.items);
    cursor = page.nextCursor;
  }
  return { rows, first, pages };
}

const key = (row: TimelineRow): [string, number] => [row.date ?? '', row.id];

describe('search results in pages', () => {
  test('the pages joined are the whole ranking, each row once, for any page size', () => {
    const all = search(db, 'ferritin', 500);
    expect(all.nextCursor).toBeUndefined();
    const every = [...groups.double, ...groups.title, ...groups.body];
    expect(all.total).toBe(every.length);
    expect([...all.items.map((r) => r.id)].sort((a, b) => a - b)).toEqual([...every].sort((a, b) => a - b));
    for (const size of [1, 3, 7, 10, every.length - 1, every.length]) {
      const { rows, first, pages } = walk('ferritin', size);
      expect(rows.map((r) => r.id), `pages of ${size}`).toEqual(all.items.map((r) => r.id));
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      expect(first.total).toBe(every.length);
      expect(pages).toBe(Math.ceil(every.length / size));
    }
  });

  test('better matches first; equal scores newest first, then the entry added last', () => {
    const order = search(db, 'ferritin', 500).items.map((r) => r.id);
    const position = (id: number) => order.indexOf(id);
    // A word in the title counts five times one in the body: every title match ranks above the body matches.
    expect(Math.max(...groups.title.map(position))).toBeLessThan(Math.min(...groups.body.map(position)));
    for (const ids of Object.values(groups)) {
      const rows = search(db, 'ferritin', 500).items.filter((r) => ids.includes(r.id));
      // Within a group the rows are contiguous in the ranking…
      const at = rows.map((r) => position(r.id));
      expect(Math.max(...at) - Math.min(...at)).toBe(rows.length - 1);
      // …and in timeline order: the newest date first, the highest id first on one date.
      const sorted = [...rows].sort((a, b) => {
        const [da, ia] = key(a);
        const [db_, ib] = key(b);
        return da < db_ ? 1 : da > db_ ? -1 : ib - ia;
      });
      expect(rows.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
      expect(new Set(rows.map((r) => r.date)).size).toBeLessThan(rows.length);
    }
  });

  test('an entry the person hid is listed, tagged, on its page; an entry merged away is not, and the count follows', () => {
    const hidden = groups.title[4]!;
    const [keep, gone] = [groups.double[1]!, groups.double[2]!];
    const before = search(db, 'ferritin', 500).total!;
    db.transaction(() => addPersonalStatement(db, hidden, 'hidden', '2026-12-07', '2026-12-07T01:00:00Z', {}))();
    mergeEntries(db, keep, gone, '2026-12-07T01:00:00Z');
    try {
      const { rows, first } = walk('ferritin', 4);
      expect(first.total).toBe(before - 1);
      expect(rows).toHaveLength(before - 1);
      expect(rows.find((r) => r.id === hidden)?.hiddenBy).toBe('hidden');
      expect(rows.filter((r) => r.id === keep)).toHaveLength(1);
      expect(rows.some((r) => r.id === gone)).toBe(false);
      expect(rows.map((r) => r.id)).toEqual(search(db, 'ferritin', 500).items.map((r) => r.id));
    } finally {
      groups.double.splice(groups.double.indexOf(gone), 1);
    }
  });

  test('a search widened to a typo keeps to the widened words on every page', () => {
    const exact = search(db, 'ferritin', 500).items.map((r) => r.id);
    const { rows, first, pages } = walk('feritin', 6);
    expect(pages).toBeGreaterThan(1);
    expect(first.total).toBe(exact.length);
    expect([...rows.map((r) => r.id)].sort((a, b) => a - b)).toEqual([...exact].sort((a, b) => a - b));
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  test('nothing found: no rows, a count of none, no cursor; a cursor that is not ours is one sentence', () => {
    expect(search(db, 'zzqxw', 10)).toEqual({ items: [], total: 0 });
    for (const bad of ['not a cursor', Buffer.from('["b",0,"x","2024",1]').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      let thrown: unknown;
      try {
        search(db, 'ferritin', 5, bad);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect((thrown as AppError).message).toBe('That page of the search results is no longer available; search again.');
    }
  });
});

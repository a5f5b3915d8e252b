// provider_timeline (migration 021): the timeline by provider and kind, kept by triggers. After
// every kind of write that changes an entry's providers, kind or date, it holds exactly the
// distinct (provider, kind, date, entry) of the entries and their links; migrating an older
// file fills it; and a filtered timeline read from it gives the pages the walk over provenance
// gave, cursor after cursor.
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { RecordDraft } from '../../main/records/model.ts';
import { addProvenance, deleteEntry, insertEntry, updateEntry } from '../../main/vault/entries.ts';
import { mergeEntries, splitSource, undoMerge } from '../../main/vault/merges.ts';
import { migrate } from '../../main/vault/migrations/migrate.ts';
import { PROFILE_MIGRATIONS } from '../../main/vault/migrations/profile/index.ts';
import { addPersonalStatement } from '../../main/vault/personal-statements.ts';
import { openEncrypted, type Connection } from '../../main/vault/sqlite.ts';
import { timelinePage, type TimelineFilter } from '../../main/vault/timeline.ts';
import { tempDir } from '../support/temp.ts';

const NOW = '2026-12-06T10:00:00Z';
const PROVIDERS = ['Clinic A', 'Clinic B', 'Lab C', 'Watch'];
const KINDS = ['result', 'vital', 'problem', 'medication', 'encounter'] as const;

let db: Connection;
let file: string;

function open(migrations = PROFILE_MIGRATIONS): void {
  file = path.join(tempDir(), 'provider-timeline.db');
  db = openEncrypted(file, 'provider timeline passphrase', { create: true });
  migrate(db, migrations, file);
  PROVIDERS.forEach((provider, i) => {
    db.prepare("INSERT INTO sources (id, file_id, kind, format, provider, imported_at) VALUES (?, NULL, 'document', 'ccda', ?, ?)").run(i + 1, provider, NOW);
  });
}

const draft = (i: number, kind: (typeof KINDS)[number] = KINDS[i % KINDS.length]!): RecordDraft => ({
  kind,
  title: `Entry ${i}`,
  codes: [],
  // Dates repeat (several entries a day) and some entries have none.
  ...(i % 17 === 0 ? {} : { start: `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}` }),
  details: {},
});

/** An entry from source `s` (1-based, as PROVIDERS), linked as the import writer links it. */
function entry(i: number, s: number, kind?: (typeof KINDS)[number]): number {
  const d = draft(i, kind);
  return insertEntry(db, d, [], false, NOW, { creator: { sourceId: s, provider: PROVIDERS[s - 1]! } });
}

const expected = () =>
  db
    .prepare(
      `SELECT DISTINCT p.provider, e.kind, e.sort_date, e.id AS entry_id FROM provenance p JOIN entries e ON e.id = p.entry_id
       ORDER BY 1, 2, 3, 4`,
    )
    .all();
const stored = () => db.prepare('SELECT provider, kind, sort_date, entry_id FROM provider_timeline ORDER BY 1, 2, 3, 4').all();

/** The walk migration 021 replaced: every entry in timeline order, tested for a link from the providers. */
function walked(filter: TimelineFilter): number[] {
  const where: string[] = ["NOT EXISTS (SELECT 1 FROM personal_statements ps WHERE ps.entry_id = e.id AND ps.withdrawn_at IS NULL AND ps.kind IN ('wrong', 'hidden'))"];
  const params: unknown[] = [];
  if (filter.kinds?.length) {
    where.push(`e.kind IN (${filter.kinds.map(() => '?').join(',')})`);
    params.push(...filter.kinds);
  }
  if (filter.from) {
    where.push('e.sort_date >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    where.push('e.sort_date <= ?');
    params.push(`${filter.to}~`);
  }
  if (filter.providers?.length) {
    where.push(`EXISTS (SELECT 1 FROM provenance p WHERE p.entry_id = e.id AND p.provider IN (${filter.providers.map(() => '?').join(',')}))`);
    params.push(...filter.providers);
  }
  return db.prepare(`SELECT e.id FROM entries e WHERE ${where.join(' AND ')} ORDER BY e.sort_date DESC, e.id DESC`).pluck().all(...params) as number[];
}

/** Every page of the filtered timeline, `limit` at a time, joined. */
function paged(filter: TimelineFilter, limit: number): number[] {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = timelinePage(db, filter, cursor, limit);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('provider_timeline', () => {
  beforeEach(() => open());

  test('follows links added, moved and removed, and entries re-dated, merged, split and deleted', () => {
    const ids = db.transaction(() => Array.from({ length: 60 }, (_, i) => entry(i, 1 + (i % 4))))();
    expect(stored()).toEqual(expected());
    expect(stored()).toHaveLength(60);

    // A second source of the same provider adds nothing; another provider adds a row.
    addProvenance(db, ids[0]!, 1, 'Clinic A', draft(0), false);
    addProvenance(db, ids[0]!, 2, 'Clinic B', draft(0), true);
    expect(stored()).toEqual(expected());
    expect(stored()).toHaveLength(61);

    // Re-dated and re-kinded entries move in the index.
    updateEntry(db, ids[0]!, { ...draft(0), start: '2025-12-31' }, [], NOW);
    updateEntry(db, ids[5]!, { ...draft(5), kind: 'problem' }, [], NOW);
    expect(stored()).toEqual(expected());

    // A merge (links move, the merged entry goes), its undo, and a split.
    const merge = mergeEntries(db, ids[10]!, ids[15]!, NOW);
    expect(stored()).toEqual(expected());
    undoMerge(db, merge, NOW);
    expect(stored()).toEqual(expected());
    mergeEntries(db, ids[20]!, ids[25]!, NOW);
    const twoSources = db.prepare('SELECT entry_id FROM provenance GROUP BY entry_id HAVING count(DISTINCT source_id) > 1 LIMIT 1').pluck().get() as number;
    const sourceId = db.prepare('SELECT max(source_id) FROM provenance WHERE entry_id = ?').pluck().get(twoSources) as number;
    splitSource(db, twoSources, sourceId, NOW);
    expect(stored()).toEqual(expected());

    // A link removed: the provider stays while another link names it, then goes.
    const links = db.prepare("SELECT id FROM provenance WHERE entry_id = ? AND provider = 'Clinic A' ORDER BY id").pluck().all(ids[0]!) as number[];
    expect(links).toHaveLength(2);
    db.prepare('DELETE FROM provenance WHERE id = ?').run(links[0]);
    expect(stored()).toEqual(expected());
    expect(stored().some((r) => (r as { entry_id: number; provider: string }).entry_id === ids[0] && (r as { provider: string }).provider === 'Clinic A')).toBe(true);
    db.prepare('DELETE FROM provenance WHERE id = ?').run(links[1]);
    expect(stored()).toEqual(expected());

    // An entry deleted, and a whole source removed with its links (the cascade).
    deleteEntry(db, ids[30]!);
    db.prepare('DELETE FROM sources WHERE id = 4').run();
    expect(stored()).toEqual(expected());
    expect(stored().length).toBeGreaterThan(40);
  });

  test('filtered pages read from it equal the walk over provenance, page after page', () => {
    db.transaction(() => {
      for (let i = 0; i < 400; i++) {
        const id = entry(i, 1 + (i % 4));
        // Some entries from two providers, some from the same provider twice.
        if (i % 7 === 0) addProvenance(db, id, 1 + ((i + 1) % 4), PROVIDERS[(i + 1) % 4]!, draft(i), true);
        if (i % 11 === 0) addProvenance(db, id, 1 + (i % 4), PROVIDERS[i % 4]!, draft(i), false);
        if (i % 13 === 0) addPersonalStatement(db, id, 'hidden', '2026-12-06', NOW, {});
      }
    })();
    const filters: TimelineFilter[] = [
      { providers: ['Clinic A'] },
      { providers: ['Clinic B', 'Watch'] },
      { providers: ['Lab C'], kinds: ['result', 'vital'] },
      { providers: ['Clinic A', 'Lab C'], from: '2024-03-01', to: '2024-06-30' },
      { providers: ['Nobody'] },
      { kinds: ['problem', 'medication'] },
      { kinds: ['result'], providers: ['Clinic B'] },
    ];
    for (const filter of filters) {
      const reference = walked(filter);
      for (const limit of [1, 7, 50, 500]) expect(paged(filter, limit), `${JSON.stringify(filter)} by ${limit}`).toEqual(reference);
    }
    expect(walked({ providers: ['Clinic B', 'Watch'] }).length).toBeGreaterThan(150);
    // Shown hidden entries too, when asked.
    const all = paged({ providers: ['Clinic A'], showHidden: true }, 30);
    expect(all.length).toBeGreaterThan(paged({ providers: ['Clinic A'] }, 30).length);
  });
});

describe('migration 021', () => {
  test('fills the table for the entries already stored, and a file without it still filters', () => {
    open(PROFILE_MIGRATIONS.filter((m) => m.version < 21));
    db.transaction(() => {
      for (let i = 0; i < 120; i++) {
        const id = entry(i, 1 + (i % 4));
        if (i % 5 === 0) addProvenance(db, id, 1 + ((i + 2) % 4), PROVIDERS[(i + 2) % 4]!, draft(i), true);
      }
    })();
    // Before the migration (a damaged file is read as it is): the walk.
    const before = paged({ providers: ['Clinic A', 'Lab C'] }, 9);
    expect(before).toEqual(walked({ providers: ['Clinic A', 'Lab C'] }));

    migrate(db, PROFILE_MIGRATIONS, file);
    expect(stored()).toEqual(expected());
    expect(stored()).toHaveLength(120 + 24);
    expect(paged({ providers: ['Clinic A', 'Lab C'] }, 9)).toEqual(before);
  });
});

// Profiles whose search index many imports left in many FTS5 segments, and what a search finds
// in them (test/vault/search-index-upkeep.test.ts, background-checkpoints.test.ts).
import type { RecordDraft } from '../../main/records/model.ts';
import { insertEntry } from '../../main/vault/entries.ts';
import type { Connection } from '../../main/vault/sqlite.ts';
import { search } from '../../main/vault/timeline.ts';

const WORDS = ['glucose', 'heart rate', 'metformin', 'tachy*', 'clinic', 'potassium serum', 'xyzzy'];
const TITLES = ['Glucose', 'Heart rate', 'Metformin 500 mg tablet', 'Tachycardia', 'Potassium [Moles/volume] in Serum', 'Hemoglobin A1c'];

const draft = (i: number): RecordDraft => ({
  kind: i % 3 === 0 ? 'result' : 'vital',
  title: `${TITLES[i % TITLES.length]}${i % 7 === 0 ? ' at the clinic' : ''}`,
  codes: [],
  start: `2024-${String((i % 12) + 1).padStart(2, '0')}-01T10:00:00Z`,
  value: { number: 60 + (i % 40), text: String(60 + (i % 40)), unit: '/min' },
  details: { comment: `reading ${i} word${i % 50}` },
});

/** `imports` transactions of `each` entries: FTS5 leaves a segment per transaction until it merges them in fours. */
export function importMany(db: Connection, imports: number, each: number, from = 0): number {
  let n = from;
  for (let t = 0; t < imports; t++) {
    db.transaction(() => {
      for (let i = 0; i < each; i++) insertEntry(db, draft(n++), [], false, '2026-01-01T00:00:00Z');
    }).immediate();
  }
  return n;
}

/** Every entry each word finds (all of them, in id order) and the first page as the screen ranks it. */
export function found(db: Connection): unknown {
  return WORDS.map((word) => ({
    word,
    all: db.prepare('SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid').pluck().all(word.includes(' ') ? word.split(' ').join(' AND ') : word),
    page: search(db, word, 50).items.map((row) => row.id),
  }));
}


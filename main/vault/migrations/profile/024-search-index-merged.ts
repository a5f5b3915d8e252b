import type { Migration } from '../migrate.ts';

/**
 * The search index merged into one segment (FTS5's 'optimize'). FTS5 writes each import's
 * words as a new segment and merges segments only in fours, so a profile built by thousands of
 * imports keeps a dozen or more; every word looked up (the completions of each typed word,
 * each word's list of entries) is a seek and a page read in every segment. In a profile of two
 * million readings (14 segments, 142 MB of index) the first search of a new word read and
 * decrypted 10–36 ms of such pages before ranking anything; merged, 1–2 ms. The index holds the
 * same words for the same entries: nothing a search finds changes. Imports after this add small
 * segments again; past three, the checkpoint worker merges them after an import
 * (search-index-upkeep.ts).
 */
export const m024SearchIndexMerged: Migration = {
  version: 24,
  name: 'search-index-merged',
  up(db) {
    db.exec("INSERT INTO entries_fts(entries_fts) VALUES('optimize')");
  },
};

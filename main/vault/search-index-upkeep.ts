// Keeps a profile's search index (entries_fts) in few FTS5 segments as imports go. FTS5 writes
// each write transaction's words as a new segment and merges them itself only four at a time
// (its 'automerge'), so a profile built by thousands of imports keeps a dozen or more, and every
// word a search looks up is a seek and a page read (decrypted) in each of them: on the
// two-million-entry profile, search p95 25.6 ms in 11 segments against 13.2 ms in one.
//
// Run after an import by the checkpoint worker (checkpoint-worker.ts), never in the thread that
// answers the app: it decides from the segments' count whether the index needs
// merging and then merges it in bounded steps, each one short write transaction (FTS5's 'merge'
// command with a negative page count: all segments are merged into one, STEP_PAGES pages at a
// time), so the main thread waits at most one step for the write lock, and between two steps
// it can be told to stop. Merging rewrites the words the index holds, never which entries they
// point to: a search finds exactly the same entries before and after.
//
// Why not the alternatives (measured on copies of the generated large profile and on small
// profiles, README "Performance"): 'optimize' is the same merge in one transaction (4.4 s of CPU
// on the large profile), holding the write lock all that time; 'merge' with a positive count and
// 'usermerge' 2 merges one level at a time, so it climbs level by level rewriting the index
// over and over (12.9 s from 11 segments to 2); a lower 'automerge' (2) or 'crisismerge' (4)
// bounds the segments per level, not in all (500 small imports left 10 and 5 segments), and
// merges inside the import's own commit, in the thread that answers it.
import type { Connection } from './sqlite.ts';

export interface SegmentShape {
  /** FTS5 segments in the index. */
  segments: number;
  /** Each segment's %_idx rows, largest first: a rough measure of its size (diagnostics). */
  pages: number[];
}

export interface UpkeepOptions {
  /** Asked before every step: true stops the merge there (the next import's upkeep resumes it). */
  shouldStop?: () => boolean;
  /** Pages a step writes, about: it ends at the next word once past them (FTS5 pages, ~4 KB). */
  stepPages?: number;
}

export interface UpkeepOutcome {
  /** Segments before and after. */
  before: number;
  after: number;
  /** Merge steps run (each one write transaction). */
  steps: number;
  /** Stopped by shouldStop before the index was merged. */
  stopped: boolean;
}

/**
 * More segments than this are merged (into one). On the two-million-entry profile a search's
 * CPU p95 was 8 ms in one segment and in three (one large, two small), 25 ms in 11. After a
 * merge each import adds one segment, so the index is merged again at the third import after
 * it, not after each: a small import into an index of one or two segments writes nothing more.
 */
export const MAX_SEGMENTS = 3;
/**
 * Pages per step. On the two-million-entry profile (load ~4): 92 steps of 50 pages, median
 * 20–33 ms each, 5.9–6.0 s of CPU in all; steps of 200 pages took as much CPU (6.3 s) but ~200 ms
 * each. The longest step is ~1 s either way (a step ends at a word, and a word in a million
 * readings has a long list of entries): the most the main thread waits for the write lock,
 * within its busy timeout (5 s).
 */
export const STEP_PAGES = 50;

/** The index's segments, from its %_idx table (~1,200 rows on the large profile, a fraction of a millisecond). */
export function segmentShape(db: Connection): SegmentShape {
  const rows = db.prepare('SELECT count(*) AS pages FROM entries_fts_idx GROUP BY segid ORDER BY pages DESC').pluck().all() as number[];
  return { segments: rows.length, pages: rows };
}

/** Whether the index needs merging: more than MAX_SEGMENTS segments, whatever their sizes (each costs a seek per word). */
export function needsMerge(shape: SegmentShape): boolean {
  return shape.segments > MAX_SEGMENTS;
}

/** One step: merges about `pages` pages (to the next word past them). False when there was nothing left to merge. */
export function mergeStep(db: Connection, pages: number): boolean {
  const changes = db.prepare('SELECT total_changes()').pluck();
  const before = changes.get() as number;
  // Negative: every segment joins one merge, whatever its level (FTS5's incremental 'optimize').
  db.prepare("INSERT INTO entries_fts(entries_fts, rank) VALUES('merge', ?)").run(-Math.max(1, Math.floor(pages)));
  // FTS5's documented signal: a 'merge' that did work changes two or more rows.
  return (changes.get() as number) - before >= 2;
}

/**
 * Merges the index when needsMerge says so, step by step until it is one segment, there is
 * nothing left to merge, or shouldStop answers true. Each step is its own write transaction: a
 * step that meets the lock (SQLITE_BUSY) throws, and the caller leaves the rest to the next
 * import's upkeep.
 */
export function upkeepSearchIndex(db: Connection, options: UpkeepOptions = {}): UpkeepOutcome {
  const stepPages = options.stepPages ?? STEP_PAGES;
  const shape = segmentShape(db);
  const outcome: UpkeepOutcome = { before: shape.segments, after: shape.segments, steps: 0, stopped: false };
  if (!needsMerge(shape)) return outcome;
  for (;;) {
    if (options.shouldStop?.()) {
      outcome.stopped = true;
      break;
    }
    const worked = mergeStep(db, stepPages);
    outcome.steps++;
    if (!worked) break;
  }
  outcome.after = segmentShape(db).segments;
  return outcome;
}

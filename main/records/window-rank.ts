// Ranking the newest matches of a search that matches too many entries to rank them all (a word
// in every reading of a device). Pure; the vault supplies the window's text.
//
// FTS5's bm25() is not used for the window: before scoring it counts every entry holding each
// searched word (the words' weights), which for such a word is the walk over hundreds of
// thousands of matches that the window is there to avoid. Within the window every entry holds
// every word, so the words weigh alike; what orders the entries is BM25's term frequency with
// length normalisation, a hit in the title counting five times one in the body as in the full
// ranking (timeline.ts), then the newest date.

export interface WindowRow {
  id: number;
  title: string;
  body: string;
  sortDate: string;
}

const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 5;

/** Words as FTS5's unicode61 tokenizer indexes them: letters and digits, lower case, no diacritics. */
export function indexTokens(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

const ASCII = /^[\x00-\x7f]*$/;

function fold(text: string): string {
  return ASCII.test(text) ? text.toLowerCase() : text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/**
 * Adds `weight` to `counts[p]` for each word of `text` starting with `prefixes[p]`; returns how
 * many words the text has. A window is thousands of entries, so ASCII text (nearly all of it)
 * is scanned in place rather than split into arrays.
 */
function countHits(text: string, prefixes: readonly string[], weight: number, counts: number[]): number {
  const lower = fold(text);
  if (!ASCII.test(lower)) {
    const tokens = indexTokens(lower);
    for (const token of tokens) prefixes.forEach((prefix, p) => token.startsWith(prefix) && (counts[p]! += weight));
    return tokens.length;
  }
  let words = 0;
  let i = 0;
  const n = lower.length;
  while (i < n) {
    while (i < n && !isAsciiWordChar(lower.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && isAsciiWordChar(lower.charCodeAt(i))) i++;
    words++;
    for (let p = 0; p < prefixes.length; p++) {
      const prefix = prefixes[p]!;
      if (i - start >= prefix.length && lower.startsWith(prefix, start)) counts[p]! += weight;
    }
  }
  return words;
}

/** A row of the window with its score: higher is better. */
export interface RankedRow {
  id: number;
  date: string;
  score: number;
}

/**
 * Every row scored for the searched words (each matched as a prefix, in index form), best
 * first; equal scores newest first, then the most recently added.
 */
export function rankedWindow(rows: readonly WindowRow[], prefixes: readonly string[]): RankedRow[] {
  const freq = rows.map(() => prefixes.map(() => 0));
  const lengths = rows.map((row, r) => countHits(row.title, prefixes, TITLE_WEIGHT, freq[r]!) + countHits(row.body, prefixes, 1, freq[r]!));
  const average = lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, lengths.length) || 1;
  const scored = rows.map((row, r) => {
    const norm = K1 * (1 - B + (B * lengths[r]!) / average);
    let score = 0;
    for (const f of freq[r]!) score += (f * (K1 + 1)) / (f + norm);
    return { id: row.id, date: row.sortDate, score };
  });
  return scored.sort((a, b) => b.score - a.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id));
}

/** The ids of the best `limit` rows, in rankedWindow's order. */
export function rankWindow(rows: readonly WindowRow[], prefixes: readonly string[], limit: number): number[] {
  return rankedWindow(rows, prefixes)
    .slice(0, limit)
    .map((s) => s.id);
}

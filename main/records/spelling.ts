// One-letter typos in a search ("penicilin" for penicillin): which indexed words a typed word
// could have meant. Pure; the vault supplies the candidate words from its full-text index.

/** True when a becomes b by one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // One substitution, or one swap of neighbours.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // One letter more in the longer word.
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Shorter words have too many neighbours one letter away to guess from. */
export const MIN_TYPO_LENGTH = 5;

/** The indexed words one edit from `word` (lower case), closest in length first; none for short words. */
export function typoCandidates(word: string, indexed: Iterable<string>): string[] {
  const w = word.toLowerCase();
  if (w.length < MIN_TYPO_LENGTH) return [];
  const out: string[] = [];
  for (const term of indexed) if (term !== w && withinOneEdit(w, term)) out.push(term);
  return out.sort((a, b) => Math.abs(a.length - w.length) - Math.abs(b.length - w.length) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Letters and digits a word in the full-text index may start with (unicode61 folds accents away). */
const INDEX_FIRST_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The words one edit from `word` that differ in its first letter ("benicillin", "enicillin",
 * "epnicillin" → penicillin): a typo there cannot be found by reading the index's words that
 * start with the same letter, so each is looked up by itself. None for short words.
 */
export function firstLetterVariants(word: string): string[] {
  const w = word.toLowerCase();
  if (w.length < MIN_TYPO_LENGTH) return [];
  const rest = w.slice(1);
  const out = new Set<string>([rest, `${w[1]}${w[0]}${w.slice(2)}`]);
  for (const c of INDEX_FIRST_CHARACTERS) {
    out.add(c + rest);
    out.add(c + w);
  }
  out.delete(w);
  return [...out];
}

// The merges a caregiver made by hand in their copy of a profile, carried into another copy when
// it is merged in. Entry ids differ between vaults, so a merge travels as the keys of the entry
// it made (each source statement's file and original record: entryKeys); here, the entries that
// hold those keys are merged the same way. A merge is carried only where both sides' entries
// are here, never over this copy's own word that two entries are different (kept apart, or a
// merge of them undone here), and a second merge of the same copy finds them already one entry.
import type { Connection } from './sqlite.ts';
import { getEntry } from './entries.ts';
import { mergeEntries } from './merges.ts';
import { entryKeys } from './shared-statements.ts';

/** One hand merge of the shared copy: the keys of the entry it made there. */
export type SharedMerge = string[];

/** The entries the copy's standing hand merges made, by their keys. */
export function handMergesOf(db: Connection): SharedMerge[] {
  const rows = db.prepare('SELECT provenance_ids FROM merges WHERE undone_at IS NULL ORDER BY id').pluck().all() as string[];
  if (rows.length === 0) return [];
  const holders = new Set<number>();
  const holder = db.prepare('SELECT entry_id FROM provenance WHERE id = ?').pluck();
  for (const row of rows) {
    for (const linkId of JSON.parse(row) as number[]) {
      const entryId = holder.get(linkId) as number | undefined;
      if (entryId !== undefined) holders.add(entryId);
    }
  }
  const keys = entryKeys(db);
  return [...holders].map((id) => keys.get(id) ?? []).filter((k) => k.length > 1);
}

export interface SharedMergesOutcome {
  /** Merges made here because the shared copy had made them. */
  carried: number;
  /** Merges the copy made that were already one entry here. */
  alreadyThere: number;
  /** Merges not carried because this copy's keeper had said the entries are different (kept apart, or undid that merge). */
  keptApart: number;
}

/** True when the person here merged some of these entries and undid it: their word stands. */
function undoneHere(db: Connection, entries: readonly number[]): boolean {
  const rows = db.prepare('SELECT kept_id, provenance_ids FROM merges WHERE undone_at IS NOT NULL').all() as { kept_id: number; provenance_ids: string }[];
  const holder = db.prepare('SELECT entry_id FROM provenance WHERE id = ?').pluck();
  return rows.some((row) => {
    if (!entries.includes(row.kept_id)) return false;
    return (JSON.parse(row.provenance_ids) as number[]).some((linkId) => {
      const at = holder.get(linkId) as number | undefined;
      return at !== undefined && at !== row.kept_id && entries.includes(at);
    });
  });
}

/** Makes the copy's hand merges here. Call inside the caller's write transaction. */
export function carrySharedMerges(db: Connection, merges: readonly SharedMerge[], now: string): SharedMergesOutcome {
  const outcome: SharedMergesOutcome = { carried: 0, alreadyThere: 0, keptApart: 0 };
  if (merges.length === 0) return outcome;
  const keptApart = db.prepare('SELECT 1 FROM possible_duplicates WHERE dismissed = 1 AND ((entry_id = ? AND other_id = ?) OR (entry_id = ? AND other_id = ?))').pluck();
  const byKey = new Map<string, number>();
  for (const [id, keys] of entryKeys(db)) for (const key of keys) if (!byKey.has(key)) byKey.set(key, id);
  for (const merge of merges) {
    const here = [...new Set(merge.map((k) => byKey.get(k)).filter((id): id is number => id !== undefined))].sort((a, b) => a - b);
    // Only one side's entries here (or none): nothing to merge.
    if (here.length < 2) {
      if (here.length === 1 && merge.every((k) => byKey.has(k))) outcome.alreadyThere++;
      continue;
    }
    const [keep, ...others] = here as [number, ...number[]];
    const kind = getEntry(db, keep)?.kind;
    const apart =
      others.some((other) => getEntry(db, other)?.kind !== kind) ||
      here.some((a, i) => here.slice(i + 1).some((b) => keptApart.get(a, b, b, a) !== undefined)) ||
      undoneHere(db, here);
    if (apart) {
      outcome.keptApart++;
      continue;
    }
    for (const other of others) mergeEntries(db, keep, other, now);
    // The merged entries' keys are the kept entry's now, for the merges that follow.
    const gone = new Set(others);
    for (const [key, id] of byKey) if (gone.has(id)) byKey.set(key, keep);
    outcome.carried++;
  }
  return outcome;
}

// Rows ↔ domain for the person's own statements about entries (migration 008). They live in
// their own table: adding, superseding or withdrawing one never rewrites an entry, a provenance
// link or anything else a source said.
import type { PersonalCorrection, PersonalKind, PersonalStatement } from '../records/model.ts';
import { cachedStatement, type Connection } from './sqlite.ts';

/**
 * Whether the file has the table: a damaged profile is opened read-only and never migrated, so
 * one written before migration 008 has none (and, read-only, holds no statement either).
 */
const ready = new WeakMap<Connection, boolean>();
export function hasPersonalStatements(db: Connection): boolean {
  let known = ready.get(db);
  if (known === undefined) {
    known = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'personal_statements'").get() !== undefined;
    // Only a yes is kept: a file migrated later on this connection gains the table.
    if (known) ready.set(db, known);
  }
  return known;
}

/** Statements of one slot replace each other: the person's newest word on the same question stands. */
export const PERSONAL_SLOTS: Record<PersonalKind, readonly PersonalKind[]> = {
  'no-longer': ['no-longer', 'still', 'wrong'],
  still: ['no-longer', 'still', 'wrong'],
  wrong: ['no-longer', 'still', 'wrong'],
  hidden: ['hidden'],
  correction: ['correction'],
};

export interface Body {
  note?: string;
  correction?: PersonalCorrection;
  /** Another caregiver's copy this statement came from (main/vault/shared-statements.ts): who, and that profile's id there. */
  by?: string;
  from?: string;
}

interface Row {
  id: number;
  entry_id: number;
  kind: PersonalKind;
  said_on: string;
  made_at: string;
  body_json: string;
}

function toStatement(row: Row): PersonalStatement {
  const body = JSON.parse(row.body_json) as Body;
  return {
    id: row.id,
    kind: row.kind,
    date: row.said_on,
    madeAt: row.made_at,
    ...(body.note ? { note: body.note } : {}),
    ...(body.correction ? { correction: body.correction } : {}),
    ...(body.by ? { by: body.by } : {}),
  };
}

/**
 * Records a statement about an entry, withdrawing (as of `now`) the standing statements it
 * replaces. Returns the new statement's id.
 */
export function addPersonalStatement(db: Connection, entryId: number, kind: PersonalKind, saidOn: string, now: string, body: Body): number {
  const slot = PERSONAL_SLOTS[kind];
  db.prepare(`UPDATE personal_statements SET withdrawn_at = ? WHERE entry_id = ? AND withdrawn_at IS NULL AND kind IN (${slot.map(() => '?').join(',')})`).run(now, entryId, ...slot);
  const info = db
    .prepare('INSERT INTO personal_statements (entry_id, kind, said_on, made_at, body_json) VALUES (?, ?, ?, ?, ?)')
    .run(entryId, kind, saidOn, now, JSON.stringify(body));
  return Number(info.lastInsertRowid);
}

/** Withdraws a standing statement; the entry it was about, or undefined when there is no such standing statement. */
export function withdrawPersonalStatement(db: Connection, statementId: number, now: string): number | undefined {
  const row = db.prepare('SELECT entry_id FROM personal_statements WHERE id = ? AND withdrawn_at IS NULL').get(statementId) as { entry_id: number } | undefined;
  if (!row) return undefined;
  db.prepare('UPDATE personal_statements SET withdrawn_at = ? WHERE id = ?').run(now, statementId);
  return row.entry_id;
}

/** The standing statements of each of `ids`, oldest first (chunked under SQLite's parameter limit). */
export function standingStatements(db: Connection, ids: readonly number[]): Map<number, PersonalStatement[]> {
  const out = new Map<number, PersonalStatement[]>();
  if (!hasPersonalStatements(db)) return out;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = cachedStatement(
      db,
      `SELECT id, entry_id, kind, said_on, made_at, body_json FROM personal_statements INDEXED BY personal_statements_standing
         WHERE withdrawn_at IS NULL AND entry_id IN (${chunk.map(() => '?').join(',')}) ORDER BY id`,
    ).all(...chunk) as Row[];
    for (const row of rows) {
      const list = out.get(row.entry_id);
      if (list) list.push(toStatement(row));
      else out.set(row.entry_id, [toStatement(row)]);
    }
  }
  return out;
}

/**
 * Two entries became one (a merge): the person's statements about the one that goes now
 * belong to the one that stays. Where both had a standing statement of one slot, the newer
 * stands and the older counts as withdrawn when the newer was made, as if said one after the
 * other.
 */
export function movePersonalStatements(db: Connection, fromEntryId: number, toEntryId: number): void {
  if (!hasPersonalStatements(db)) return;
  db.prepare('UPDATE personal_statements SET entry_id = ? WHERE entry_id = ?').run(toEntryId, fromEntryId);
  const standing = standingStatements(db, [toEntryId]).get(toEntryId) ?? [];
  const newestOfSlot = new Map<string, PersonalStatement>();
  const withdraw = db.prepare('UPDATE personal_statements SET withdrawn_at = ? WHERE id = ?');
  for (const s of standing) {
    const slot = PERSONAL_SLOTS[s.kind].join();
    const known = newestOfSlot.get(slot);
    if (!known) {
      newestOfSlot.set(slot, s);
      continue;
    }
    const [older, newer] = known.madeAt > s.madeAt ? [s, known] : [known, s];
    withdraw.run(newer.madeAt, older.id);
    newestOfSlot.set(slot, newer);
  }
}

/** The ids of the entries the person hid or said are wrong (a handful: the table holds only their statements). */
export function hiddenEntryIds(db: Connection): Set<number> {
  if (!hasPersonalStatements(db)) return new Set();
  return new Set(db.prepare(`SELECT entry_id FROM personal_statements WHERE withdrawn_at IS NULL AND kind IN ('wrong', 'hidden')`).pluck().all() as number[]);
}

/**
 * SQL that is true for an entry (by its id column, e.g. `e.id`) the person hid or said is
 * wrong; undefined when the file has no statements table (nothing is hidden).
 */
export function hiddenEntrySql(db: Connection, idColumn: string): string | undefined {
  if (!hasPersonalStatements(db)) return undefined;
  // The newest standing "no longer / still / wrong" statement is the only one of its slot, so a
  // standing "wrong" is the person's current word.
  return `EXISTS (SELECT 1 FROM personal_statements ps INDEXED BY personal_statements_standing
    WHERE ps.entry_id = ${idColumn} AND ps.withdrawn_at IS NULL AND ps.kind IN ('wrong', 'hidden'))`;
}

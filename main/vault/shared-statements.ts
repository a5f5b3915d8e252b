// What a person typed by hand in another caregiver's copy of a profile (notes, medications,
// "I no longer take this"), brought into this profile marked with whose copy it came from.
// Each copy has its own source row, so the entries read as that copy's hand entries, count as
// the person's own statements in the current rule (format 'manual'), and a second merge of the
// same copy finds them already there. Statements keep their origin across copies: what Ruth
// typed, merged into Sam's copy and shared back, is recognised as Ruth's and not added twice.
import type { PersonalKind, RecordDraft } from '../records/model.ts';
import { ENTRY_KINDS } from '../records/model.ts';
import { blockingKeys } from '../records/reconcile.ts';
import { insertEntry, listEntries, originalsOfSource } from './entries.ts';
import { addPersonalStatement, hasPersonalStatements, PERSONAL_SLOTS as SLOTS_OF, type Body } from './personal-statements.ts';
import { getProfileSetting } from './profile-settings.ts';
import { MANUAL_PROVIDER } from './sources.ts';
import type { Connection } from './sqlite.ts';

/** Whose hand entries: a copy of the profile (its id in its own vault) and who keeps it. */
export interface StatementOrigin {
  id: string;
  /** The caregiver who keeps that copy, when they said ("Ruth"); else the profile's name there. */
  label: string;
}

/** The setting where a copy's keeper names themselves when sharing it. */
export const KEEPER_SETTING = 'share.keeper';

/** Every statement typed by hand in a profile, by origin: this copy's own, and those of copies merged in. */
export function handStatements(db: Connection, self: { id: string; name: string }): { origin: StatementOrigin; drafts: RecordDraft[] }[] {
  const selfLabel = getProfileSetting(db, KEEPER_SETTING) ?? self.name;
  const origins = new Map<number, StatementOrigin>();
  for (const row of db.prepare("SELECT id, kind, document_json FROM sources WHERE format = 'manual'").all() as { id: number; kind: string; document_json: string | Buffer }[]) {
    if (row.kind === 'manual') {
      origins.set(row.id, { id: self.id, label: selfLabel });
      continue;
    }
    const meta = typeof row.document_json === 'string' ? (JSON.parse(row.document_json) as { sharedFrom?: string; sharedLabel?: string }) : {};
    if (meta.sharedFrom) origins.set(row.id, { id: meta.sharedFrom, label: meta.sharedLabel ?? '' });
  }
  const byOrigin = new Map<string, { origin: StatementOrigin; drafts: RecordDraft[] }>();
  for (const entry of listEntries(db, ENTRY_KINDS)) {
    for (const link of entry.sources) {
      const origin = link.format === 'manual' ? origins.get(link.sourceId) : undefined;
      if (!origin) continue;
      let group = byOrigin.get(origin.id);
      if (!group) byOrigin.set(origin.id, (group = { origin, drafts: [] }));
      group.drafts.push(structuredClone(link.original));
    }
  }
  return [...byOrigin.values()];
}

/** The provider a copy's hand entries are shown under. */
export function sharedHandProvider(label: string): string {
  return `${MANUAL_PROVIDER} (${label}, shared copy)`;
}

/** A draft's identity for "already brought over": everything it says, in a fixed key order. */
function fingerprint(draft: RecordDraft): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]))
        : value;
  return JSON.stringify(sorted(draft));
}

export interface SharedStatementsOutcome {
  added: number;
  alreadyThere: number;
}

/** Adds one origin's hand entries to this profile. Call inside the caller's write transaction. */
export function addSharedStatements(db: Connection, origin: StatementOrigin, drafts: readonly RecordDraft[], now: string): SharedStatementsOutcome {
  const provider = sharedHandProvider(origin.label);
  const existing = db
    .prepare("SELECT id FROM sources WHERE kind = 'document' AND format = 'manual' AND file_id IS NULL AND json_extract(document_json, '$.sharedFrom') = ?")
    .get(origin.id) as { id: number } | undefined;
  const sourceId =
    existing?.id ??
    Number(
      db
        .prepare("INSERT INTO sources (file_id, kind, format, provider, title, document_json, imported_at) VALUES (NULL, 'document', 'manual', ?, ?, ?, ?)")
        .run(provider, provider, JSON.stringify({ sharedFrom: origin.id, sharedLabel: origin.label, sections: [], attachments: [] }), now).lastInsertRowid,
    );
  // What this copy's source said, not the entries it now sits in: one merged with another
  // entry since (here or in the copy) reads as the merge, which the copy's draft never equals.
  const already = new Set(originalsOfSource(db, sourceId).map(fingerprint));
  let added = 0;
  let alreadyThere = 0;
  for (const draft of drafts) {
    const key = fingerprint(draft);
    if (already.has(key)) {
      alreadyThere++;
      continue;
    }
    insertEntry(db, draft, blockingKeys(draft), true, now, { creator: { sourceId, provider } });
    already.add(key);
    added++;
  }
  return { added, alreadyThere };
}

// ---------------------------------------------------------------- the person's word on entries

/**
 * Keys naming an entry by what its sources said, the same in every copy of the profile: for each
 * provenance link, the original file's SHA-256 (or "hand" for what was typed in) and the link's
 * original draft. Entry ids differ between vaults; these do not.
 */
export function entryKeys(db: Connection): Map<number, string[]> {
  const fileOf = new Map(
    (db.prepare('SELECT s.id, f.sha256 FROM sources s LEFT JOIN files f ON f.id = s.file_id').all() as { id: number; sha256: string | null }[]).map((r) => [r.id, r.sha256]),
  );
  const keys = new Map<number, string[]>();
  for (const entry of listEntries(db, ENTRY_KINDS)) {
    keys.set(
      entry.id,
      entry.sources.map((link) => `${link.format === 'manual' ? 'hand' : (fileOf.get(link.sourceId) ?? `source ${link.sourceId}`)}|${fingerprint(link.original)}`),
    );
  }
  return keys;
}

/** One statement of a shared copy, by the keys of the entry it is about. */
export interface SharedPersonalStatement {
  keys: string[];
  kind: PersonalKind;
  saidOn: string;
  madeAt: string;
  body: Body;
}

/** The standing statements of a copy, each with its entry's keys and who said it. */
export function personalStatementsOf(db: Connection, self: { id: string; label: string }): SharedPersonalStatement[] {
  if (!hasPersonalStatements(db)) return [];
  const keys = entryKeys(db);
  const rows = db
    .prepare('SELECT entry_id, kind, said_on, made_at, body_json FROM personal_statements WHERE withdrawn_at IS NULL ORDER BY id')
    .all() as { entry_id: number; kind: PersonalKind; said_on: string; made_at: string; body_json: string }[];
  return rows.map((r) => {
    const body = JSON.parse(r.body_json) as Body;
    // Said in that copy by its keeper, or brought there from a third copy: who said it stays.
    return { keys: keys.get(r.entry_id) ?? [], kind: r.kind, saidOn: r.said_on, madeAt: r.made_at, body: { ...body, by: body.by ?? self.label, from: body.from ?? self.id } };
  });
}

/**
 * Attaches a copy's statements to the entries here that hold the same source statements. One
 * already here is not added again; one older than the person's own word on the same question
 * is kept, as already superseded, so nothing said is lost and nothing said later is overruled.
 */
export function addSharedPersonalStatements(db: Connection, self: { id: string }, statements: readonly SharedPersonalStatement[], now: string): SharedStatementsOutcome {
  const outcome = { added: 0, alreadyThere: 0 };
  if (statements.length === 0 || !hasPersonalStatements(db)) return outcome;
  const byKey = new Map<string, number>();
  for (const [id, keys] of entryKeys(db)) for (const key of keys) if (!byKey.has(key)) byKey.set(key, id);
  const rowsOf = db.prepare('SELECT kind, said_on, made_at, body_json, withdrawn_at FROM personal_statements WHERE entry_id = ?');
  for (const statement of statements) {
    // This profile's own word, come back through the other copy: already here.
    if (statement.body.from === self.id) {
      outcome.alreadyThere++;
      continue;
    }
    const entryId = statement.keys.map((k) => byKey.get(k)).find((id) => id !== undefined);
    if (entryId === undefined) continue;
    const here = rowsOf.all(entryId) as { kind: PersonalKind; said_on: string; made_at: string; body_json: string; withdrawn_at: string | null }[];
    const body = JSON.stringify(statement.body);
    if (here.some((r) => r.kind === statement.kind && r.said_on === statement.saidOn && r.body_json === body)) {
      outcome.alreadyThere++;
      continue;
    }
    const newer = here.find((r) => r.withdrawn_at === null && SLOTS_OF[statement.kind].includes(r.kind) && r.said_on > statement.saidOn);
    if (newer) {
      db.prepare('INSERT INTO personal_statements (entry_id, kind, said_on, made_at, body_json, withdrawn_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        entryId,
        statement.kind,
        statement.saidOn,
        statement.madeAt,
        body,
        newer.made_at,
      );
    } else {
      addPersonalStatement(db, entryId, statement.kind, statement.saidOn, now, statement.body);
    }
    outcome.added++;
  }
  return outcome;
}

// What a person typed by hand in another caregiver's copy of a profile (notes, medications,
// "I no longer take this"), brought into this profile marked with whose copy it came from.
// Each copy has its own source row, so the entries read as that copy's hand entries, count as
// the person's own statements in the current rule (format 'manual'), and a second merge of the
// same copy finds them already there. Statements keep their origin across copies: what Ruth
// typed, merged into Sam's copy and shared back, is recognised as Ruth's and not added twice.
import type { RecordDraft } from '../records/model.ts';
import { ENTRY_KINDS } from '../records/model.ts';
import { blockingKeys } from '../records/reconcile.ts';
import { insertEntry, listEntries, readDraft } from './entries.ts';
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
  const already = new Set(
    (db.prepare('SELECT entry_id FROM provenance WHERE source_id = ?').all(sourceId) as { entry_id: number }[])
      .map((r) => readDraft(db, r.entry_id))
      .filter((d): d is RecordDraft => d !== undefined)
      .map(fingerprint),
  );
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

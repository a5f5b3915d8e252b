// Writes one parsed file into a profile in a single transaction: the original bytes, one
// source per document, and every record reconciled against what the profile already holds.
// Either all of it lands or none of it does.
import { REPORT_KIND_OF, type FormatId, type ParsedFile, type RecordDraft, type ReportKind } from '../records/model.ts';
import { blockingKeys, decide, mergeDrafts } from '../records/reconcile.ts';
import { addProvenance, insertEntry, readDraft, updateEntry } from './entries.ts';
import type { Connection, Statement } from './sqlite.ts';

export interface KindCount {
  read: number;
  new: number;
  merged: number;
  skipped: number;
}

export interface WriteOutcome {
  alreadyImported: boolean;
  counts: Partial<Record<ReportKind, KindCount>>;
  skipped: { kind: ReportKind; reason: string }[];
  possibleDuplicates: number;
}

export interface IncomingFile {
  name: string;
  bytes: Uint8Array;
  sha256: string;
}

/** The provider a document stands for in the timeline ("Good Health Clinic"). */
export function providerOf(doc: ParsedFile['documents'][number], format: FormatId): string {
  const meta = doc.document;
  return meta.authorOrganization?.trim() || meta.custodian?.trim() || meta.authorName?.trim() || defaultProvider(format);
}

function defaultProvider(format: FormatId): string {
  switch (format) {
    case 'va-text':
      return 'VA (My HealtheVet)';
    case 'cms-text':
    case 'cms-fhir':
      return 'Medicare (CMS)';
    default:
      return 'Unknown provider';
  }
}

function bump(counts: Partial<Record<ReportKind, KindCount>>, kind: ReportKind, field: keyof KindCount): void {
  const c = (counts[kind] ??= { read: 0, new: 0, merged: 0, skipped: 0 });
  c[field] += 1;
}

interface Candidate {
  id: number;
  entry: RecordDraft;
}

/** Finds existing entries that share a blocking key with the draft (the reconcile candidates). */
function candidatesFor(db: Connection, byKey: Statement, keys: readonly string[], kind: string): Candidate[] {
  const seen = new Set<number>();
  const result: Candidate[] = [];
  for (const key of keys) {
    for (const row of byKey.all(key) as { id: number; kind: string; draft_json: string; manual: number }[]) {
      if (seen.has(row.id) || row.kind !== kind) continue;
      seen.add(row.id);
      result.push({ id: row.id, entry: JSON.parse(row.draft_json) as RecordDraft });
    }
  }
  return result;
}

export function writeImport(db: Connection, file: IncomingFile, parsed: ParsedFile, now: string): WriteOutcome {
  const existing = db.prepare('SELECT id FROM files WHERE sha256 = ?').get(file.sha256);
  if (existing) return { alreadyImported: true, counts: {}, skipped: [], possibleDuplicates: 0 };

  const counts: Partial<Record<ReportKind, KindCount>> = {};
  const skipped: { kind: ReportKind; reason: string }[] = [];
  let possibleDuplicates = 0;

  const insertFile = db.prepare('INSERT INTO files (name, format, sha256, size, bytes, imported_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertSource = db.prepare(
    `INSERT INTO sources (file_id, kind, format, provider, title, document_date, patient_json, document_json, imported_at)
     VALUES (?, 'document', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byKey = db.prepare(
    'SELECT e.id, e.kind, e.draft_json, e.manual FROM entry_keys k JOIN entries e ON e.id = k.entry_id WHERE k.key = ?',
  );
  const insertDuplicate = db.prepare('INSERT OR IGNORE INTO possible_duplicates (entry_id, other_id, reason) VALUES (?, ?, ?)');

  // An entry seen twice in one document (the same result in two sections) has one source.
  const linked = new Set<string>();
  const firstLink = (entryId: number, sourceId: number): boolean => {
    const key = `${entryId}:${sourceId}`;
    if (linked.has(key)) return false;
    linked.add(key);
    return true;
  };

  db.transaction(() => {
    const fileId = Number(
      insertFile.run(file.name, parsed.format, file.sha256, file.bytes.byteLength, Buffer.from(file.bytes), now).lastInsertRowid,
    );
    for (const doc of parsed.documents) {
      const provider = providerOf(doc, parsed.format);
      const sourceId = Number(
        insertSource.run(
          fileId,
          parsed.format,
          provider,
          doc.document.title ?? null,
          doc.document.date ?? null,
          JSON.stringify(doc.patient),
          JSON.stringify(doc.document),
          now,
        ).lastInsertRowid,
      );
      for (const problem of doc.problems) {
        if (!problem.kind) continue;
        bump(counts, problem.kind, 'read');
        bump(counts, problem.kind, 'skipped');
        skipped.push({ kind: problem.kind, reason: problem.reason });
      }
      for (const draft of doc.records) {
        const reportKind = REPORT_KIND_OF[draft.kind];
        if (reportKind) bump(counts, reportKind, 'read');
        const keys = blockingKeys(draft);
        const decision = decide(draft, candidatesFor(db, byKey, keys, draft.kind));
        if (decision.action === 'merge') {
          const current = readDraft(db, decision.entryId);
          if (current) {
            const merged = mergeDrafts(current, draft);
            updateEntry(db, decision.entryId, merged, [...new Set([...blockingKeys(merged), ...keys])], now);
            addProvenance(db, decision.entryId, sourceId, provider, draft, firstLink(decision.entryId, sourceId));
            if (reportKind) bump(counts, reportKind, 'merged');
            continue;
          }
        }
        const id = insertEntry(db, draft, keys, false, now);
        addProvenance(db, id, sourceId, provider, draft, firstLink(id, sourceId));
        if (reportKind) bump(counts, reportKind, 'new');
        if (decision.action === 'possible-duplicate') {
          insertDuplicate.run(id, decision.ofEntryId, decision.reason);
          possibleDuplicates += 1;
        }
      }
    }
  }).immediate();

  return { alreadyImported: false, counts, skipped, possibleDuplicates };
}

// Writes parsed files into a profile: the original bytes, one source per document, and every
// record reconciled against what the profile already holds. Each file is one transaction (a
// savepoint when it is part of an ImportBatch): either all of it lands or none of it does.
import type { PreparedOriginal } from '../importers/original-file.ts';
import { storeDocuments, storedValue, type DocumentHeader, type StoredDocument } from '../importers/stored-document.ts';
import { REPORT_KIND_OF, type EntryKind, type FormatId, type ImportNotice, type ImportProblem, type ParsedFile, type RecordDraft, type ReportKind } from '../records/model.ts';
import { KEPT_DOCUMENT_PROVIDER, UNKNOWN_PROVIDER } from '../records/readable/titles.ts';
import { blockingKeys, decide, DEVICE_FORMATS, documentDayReadings, isStreamReading, medicationDoseKey, mergeDrafts, momentKeys, seriesReadings, type Candidate, type DayReadings } from '../records/reconcile.ts';
import { insertEntry, linkMerged } from './entries.ts';
import { recordNoneKnown } from './none-known.ts';
import { preparedPerConnection, type Connection, type Statement } from './sqlite.ts';
import { StoredStreams } from './stream-readings.ts';

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
  /** Every sentence an importer wrote without a kind, so none goes unsaid. */
  notes: ImportNote[];
  possibleDuplicates: number;
}

/** A document's sentence that is not about a skipped entry of a kind. */
export interface ImportNote {
  reason: string;
  where?: string;
  notice?: ImportNotice;
}

/** The provider a document stands for in the timeline ("Good Health Clinic"). */
export function providerOf(meta: DocumentHeader, format: FormatId): string {
  return meta.authorOrganization?.trim() || meta.custodian?.trim() || meta.authorName?.trim() || defaultProvider(format);
}

function defaultProvider(format: FormatId): string {
  switch (format) {
    case 'va-text':
      return 'VA (My HealtheVet)';
    case 'cms-text':
    case 'cms-fhir':
      return 'Medicare (CMS)';
    case 'kept-document':
      return KEPT_DOCUMENT_PROVIDER;
    default:
      return UNKNOWN_PROVIDER;
  }
}

function bump(counts: Partial<Record<ReportKind, KindCount>>, kind: ReportKind, field: keyof KindCount): void {
  const c = (counts[kind] ??= { read: 0, new: 0, merged: 0, skipped: 0 });
  c[field] += 1;
}

interface WriterStatements {
  findFile: Statement;
  insertFile: Statement;
  insertSource: Statement;
  keyEntries: Statement;
  keyEntriesBefore: Statement;
  lastEntryId: Statement;
  entryDraft: Statement;
  insertDuplicate: Statement;
  newestDocumentDate: Statement;
  linkOriginals: Statement;
  totalChanges: Statement;
}

const statements = preparedPerConnection<WriterStatements>((db) => ({
  findFile: db.prepare('SELECT id FROM files WHERE sha256 = ?'),
  insertFile: db.prepare('INSERT INTO files (name, format, sha256, size, bytes, encoding, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
  insertSource: db.prepare(
    `INSERT INTO sources (file_id, kind, format, provider, title, document_date, patient_json, document_json, document_encoding, imported_at)
     VALUES (?, 'document', ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  keyEntries: db.prepare('SELECT entry_id FROM entry_keys WHERE key = ?').pluck(),
  keyEntriesBefore: db.prepare('SELECT entry_id FROM entry_keys WHERE key = ? AND entry_id < ?').pluck(),
  lastEntryId: db.prepare('SELECT coalesce(max(id), 0) FROM entries').pluck(),
  entryDraft: db.prepare('SELECT draft_json FROM entries WHERE id = ?').pluck(),
  insertDuplicate: db.prepare('INSERT OR IGNORE INTO possible_duplicates (entry_id, other_id, reason) VALUES (?, ?, ?)'),
  newestDocumentDate: db.prepare(
    'SELECT MAX(s.document_date) AS date FROM provenance p JOIN sources s ON s.id = p.source_id WHERE p.entry_id = ?',
  ),
  linkOriginals: db.prepare('SELECT original_json FROM provenance WHERE entry_id = ? ORDER BY id').pluck(),
  totalChanges: db.prepare('SELECT total_changes()').pluck(),
}));

/**
 * What the writer knows of entries it has read or written during one import (a batch of
 * files), by id: their JSON as stored and the draft it parses to. Candidates recur from file
 * to file (the same medication in every visit), and reading and parsing their JSON again each
 * time was the writer's largest cost. The drafts are trusted only while nothing else has
 * written through the connection since this writer's last file (SQLite's total_changes()
 * says so; no other connection can write while the import holds the write lock): an entry
 * changed meanwhile (the user merging it) is then read afresh, as is every other.
 */
export class DraftCache {
  readonly drafts = new Map<number, KnownDraft>();
  /**
   * Entries whose links this writer has given their originals (keepOriginals, updateEntry):
   * none of their links stands for the entry's draft any more, as a link a merge adds always
   * carries its own original.
   */
  readonly originalsKept = new Set<number>();
  /**
   * Medication entries' source records (Candidate.sources): an entry seen in every visit's
   * document was read and parsed again, every link of it, for each new visit.
   */
  readonly sources = new Map<number, SourceRecords>();
  #changes = -1;

  /** Forgets everything if anything was written since `remember`. */
  validate(db: Connection): void {
    if (statements(db).totalChanges.get() === this.#changes) return;
    this.drafts.clear();
    this.originalsKept.clear();
    this.sources.clear();
  }

  /** After this writer's own writes: the drafts are current as of now. */
  remember(db: Connection): void {
    this.#changes = statements(db).totalChanges.get() as number;
  }
}

interface KnownDraft {
  json: string;
  draft: RecordDraft;
}

interface DraftLookup {
  get(id: number): KnownDraft | undefined;
  set(id: number, value: KnownDraft): void;
}

/**
 * The readings written from the document being written, filed by blocking key and minute
 * (`momentKeys`; '' for a reading without a time). Entries from before the document are
 * read from `entry_keys`; the document's own are looked up here by minute, because one
 * document's readings at two different times of a day are never merged nor flagged
 * (`compareObservations`): a 5-minute sensor stream compared each reading with every
 * earlier reading of its day, 41,000 comparisons a day. Candidates from the document at
 * another minute are left out; a reading without a time still meets its whole day.
 */
interface DocumentReadings {
  sourceId: number;
  /** Every entry with a smaller id was in the profile before the document's first record. */
  firstNewId: number;
  byMinute: Map<string, number[]>;
}

function fileReading(doc: DocumentReadings, id: number, draft: RecordDraft, keys: readonly string[]): void {
  if (draft.kind !== 'result' && draft.kind !== 'vital') return;
  const minutes = momentKeys(draft) ?? [''];
  for (const key of keys) {
    for (const minute of minutes) {
      const at = `${key}\u0000${minute}`;
      const ids = doc.byMinute.get(at);
      if (!ids) doc.byMinute.set(at, [id]);
      else if (!ids.includes(id)) ids.push(id);
    }
  }
}

/** The ids sharing a blocking key with the draft that can be its match (see DocumentReadings). */
function candidateIds(s: WriterStatements, keys: readonly string[], draft: RecordDraft, doc: DocumentReadings): Iterable<number> {
  const minutes = momentKeys(draft);
  if (!minutes) return keys.flatMap((key) => s.keyEntries.all(key) as number[]);
  const ids: number[] = [];
  for (const key of keys) {
    ids.push(...(s.keyEntriesBefore.all(key, doc.firstNewId) as number[]));
    for (const minute of [...minutes, '']) ids.push(...(doc.byMinute.get(`${key}\u0000${minute}`) ?? []));
  }
  return ids;
}

/** Finds existing entries that share a blocking key with the draft (the reconcile candidates). */
function candidatesFor(s: WriterStatements, ids: Iterable<number>, kind: string, lookup: DraftLookup): Candidate[] {
  const seen = new Set<number>();
  const result: Candidate[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    let known = lookup.get(id);
    if (!known) {
      const json = s.entryDraft.get(id) as string | undefined;
      if (json === undefined) continue;
      known = { json, draft: JSON.parse(json) as RecordDraft };
      lookup.set(id, known);
    }
    if (known.draft.kind === kind) result.push({ id, entry: known.draft });
  }
  return result;
}

/**
 * What the sources linked to a medication entry said of its dose (Candidate.sources): each
 * record with another dose key once (`medicationDoseKey`), oldest link first.
 */
interface SourceRecords {
  records: RecordDraft[];
  keys: Set<string>;
}

function addSourceRecord(to: SourceRecords, draft: RecordDraft): void {
  const key = medicationDoseKey(draft);
  if (to.keys.has(key)) return;
  to.keys.add(key);
  to.records.push(draft);
}

/** An entry's source records as its links hold them; a link storing '' holds the entry's own draft (entries.ts, AS_ENTRY). */
function readSourceRecords(s: WriterStatements, id: number, entry: RecordDraft): SourceRecords {
  const records: SourceRecords = { records: [], keys: new Set() };
  for (const json of new Set(s.linkOriginals.all(id) as string[])) addSourceRecord(records, json === '' ? entry : (JSON.parse(json) as RecordDraft));
  return records;
}

/** Its documents' content as stored and their headers, as the import worker hands them over (storeFile). */
export interface StoredContent {
  documents: readonly StoredDocument[];
  headers: readonly DocumentHeader[];
}

/**
 * Writes one parsed file. `stored`: its documents' content already compressed by the import
 * worker; otherwise that happens here.
 */
export function writeImport(db: Connection, file: PreparedOriginal, parsed: ParsedFile, now: string, cache = new DraftCache(), stored?: StoredContent): WriteOutcome {
  const documents = stored?.documents ?? storeDocuments(parsed);
  const s = statements(db);
  cache.validate(db);
  if (s.findFile.get(file.sha256)) return { alreadyImported: true, counts: {}, skipped: [], notes: [], possibleDuplicates: 0 };
  const writer = new RecordWriter(db, now, cache);
  db.transaction(() => {
    const fileId = insertFile(db, file, parsed.format, now);
    for (const [index, doc] of parsed.documents.entries()) {
      // Read from the header when there is one: reading doc.document would restore its content.
      const header = stored?.headers[index] ?? doc.document;
      const source = insertSource(db, fileId, parsed.format, header, doc.patient, documents[index]!, now);
      writer.problems(doc.problems);
      const series = seriesReadings(doc.records);
      const dayReadings = documentDayReadings(doc.records);
      for (const draft of doc.records) writer.write(draft, source, [], series.has(draft), dayReadings);
    }
  }).immediate();
  return writer.finish();
}

/**
 * Writes documents read from a file the profile already keeps (results read from a kept lab
 * report): each is a source of that file, its records reconciled like any import's.
 */
export function writeFromKeptFile(db: Connection, fileId: number, parsed: ParsedFile, now: string): WriteOutcome {
  const documents = storeDocuments(parsed);
  const writer = new RecordWriter(db, now, new DraftCache());
  db.transaction(() => {
    for (const [index, doc] of parsed.documents.entries()) {
      const source = insertSource(db, fileId, parsed.format, doc.document, doc.patient, documents[index]!, now);
      writer.problems(doc.problems);
      const series = seriesReadings(doc.records);
      const dayReadings = documentDayReadings(doc.records);
      for (const draft of doc.records) writer.write(draft, source, [], series.has(draft), dayReadings);
    }
  }).immediate();
  return writer.finish();
}

/** Inserts the files row of an original (its bytes as prepared); returns its id. */
export function insertFile(db: Connection, file: PreparedOriginal, format: FormatId, now: string): number {
  return Number(
    statements(db).insertFile.run(file.name, format, file.sha256, file.size, Buffer.from(file.stored.buffer, file.stored.byteOffset, file.stored.byteLength), file.encoding, now)
      .lastInsertRowid,
  );
}

/** The source a document stands for, as records written from it are linked to. */
export interface SourceRef {
  sourceId: number;
  provider: string;
  header: DocumentHeader;
  /** A device's export: its results and vitals are stream readings (`isStreamReading`). */
  device?: boolean;
}

export function insertSource(db: Connection, fileId: number, format: FormatId, header: DocumentHeader, patient: ParsedFile['documents'][number]['patient'], content: StoredDocument, now: string): SourceRef {
  const provider = providerOf(header, format);
  const sourceId = Number(
    statements(db).insertSource.run(fileId, format, provider, header.title ?? null, header.date ?? null, JSON.stringify(patient), storedValue(content), content.encoding, now).lastInsertRowid,
  );
  recordNoneKnown(db, sourceId, header.statements ?? []);
  return { sourceId, provider, header, device: DEVICE_FORMATS.has(format) };
}

/**
 * Writes records into a profile one by one, each reconciled against what the profile holds
 * (merged, new, or new and flagged as a possible duplicate), and keeps the file's report.
 * Used inside the caller's transaction; `finish` hands the drafts it wrote to the cache.
 */
export class RecordWriter {
  readonly counts: Partial<Record<ReportKind, KindCount>> = {};
  readonly skipped: { kind: ReportKind; reason: string }[] = [];
  readonly notes: ImportNote[] = [];
  possibleDuplicates = 0;
  readonly #db: Connection;
  readonly #s: WriterStatements;
  readonly #now: string;
  readonly #cache: DraftCache;
  // An entry seen twice in one document (the same result in two sections) has one source.
  readonly #linked = new Set<string>();
  // Entries written by this file go into the cache only once the file's savepoint is released.
  readonly #touched = new Map<number, KnownDraft>();
  // Likewise the entries whose originals were kept by this file (DraftCache.originalsKept).
  readonly #keptHere = new Set<number>();
  // Likewise the source records of entries this file read or linked (DraftCache.sources).
  readonly #sourcesHere = new Map<number, SourceRecords>();
  readonly #lookup: DraftLookup;
  readonly #streams: StoredStreams;
  #doc: DocumentReadings | undefined;
  /** Sources this writer linked records to; with `interleaved`, none of them is known complete. */
  readonly #written = new Set<number>();
  readonly #interleaved: boolean;
  readonly #unseen: ReadonlySet<number> | undefined;

  /**
   * `remember`: at most this many drafts written are kept for the next lookups and files (a
   * stream of readings would keep them all); past it they are read again from the profile,
   * which holds them, when a later record needs them. `interleaved`: records of several
   * sources come mixed (an Apple Health export's apps), so a source is not complete when the
   * next source's records begin. `unseen`: entries this import wrote that its records are not
   * reconciled with (an Apple export's daily summaries, written during the read: reading in
   * one go, its spot readings never met them).
   */
  constructor(
    db: Connection,
    now: string,
    cache: DraftCache,
    remember = Number.POSITIVE_INFINITY,
    { interleaved = false, unseen }: { interleaved?: boolean; unseen?: ReadonlySet<number> } = {},
  ) {
    this.#interleaved = interleaved;
    this.#unseen = unseen;
    this.#db = db;
    this.#s = statements(db);
    this.#now = now;
    this.#cache = cache;
    this.#streams = new StoredStreams(db);
    this.#lookup = {
      get: (id) => this.#touched.get(id) ?? cache.drafts.get(id),
      set: (id, value) => {
        if (this.#touched.size >= remember) this.#touched.clear();
        this.#touched.set(id, value);
      },
    };
  }

  #firstLink(entryId: number, sourceId: number): boolean {
    const key = `${entryId}:${sourceId}`;
    if (this.#linked.has(key)) return false;
    this.#linked.add(key);
    return true;
  }

  /** The readings of the document being written, begun afresh when another source's records come. */
  #documentOf(sourceId: number): DocumentReadings {
    if (this.#doc?.sourceId !== sourceId) {
      this.#doc = { sourceId, firstNewId: (this.#s.lastEntryId.get() as number) + 1, byMinute: new Map() };
    }
    return this.#doc;
  }

  /** A document's problems: those of a kind count as items read and not imported. */
  problems(problems: readonly ImportProblem[]): void {
    for (const problem of problems) {
      if (!problem.kind) {
        this.notes.push({ reason: problem.reason, ...(problem.where ? { where: problem.where } : {}), ...(problem.notice ? { notice: problem.notice } : {}) });
        continue;
      }
      // Rows only in a section's text: each row is an item read and not imported.
      for (let i = 0; i < (problem.textOnly ?? 1); i++) {
        bump(this.counts, problem.kind, 'read');
        bump(this.counts, problem.kind, 'skipped');
      }
      this.skipped.push({ kind: problem.kind, reason: problem.reason });
    }
  }

  /** Counts a record of `kind` read (and, with `as`, what became of it) without writing it. */
  count(kind: EntryKind, as?: keyof KindCount): void {
    const reportKind = REPORT_KIND_OF[kind];
    if (!reportKind) return;
    bump(this.counts, reportKind, 'read');
    if (as) bump(this.counts, reportKind, as);
  }

  /**
   * The entry written for `draft`; `extraKeys` are stored beside its blocking keys. `inSeries`:
   * its document gives its measurement at several times of its day (`seriesReadings`).
   */
  write(
    draft: RecordDraft,
    { sourceId, provider, header, device }: SourceRef,
    extraKeys: readonly string[] = [],
    inSeries = false,
    documentReadings?: (draft: RecordDraft) => number,
  ): number {
    const { counts } = this;
    const db = this.#db;
    const s = this.#s;
    const lookup = this.#lookup;
    const now = this.#now;
    const reportKind = REPORT_KIND_OF[draft.kind];
    if (reportKind) bump(counts, reportKind, 'read');
    const blocking = blockingKeys(draft);
    const keys = extraKeys.length > 0 ? [...blocking, ...extraKeys] : blocking;
    const doc = this.#documentOf(sourceId);
    const ids = candidateIds(s, blocking, draft, doc);
    const unseen = this.#unseen;
    const candidates = candidatesFor(s, unseen && unseen.size > 0 ? [...ids].filter((id) => !unseen.has(id)) : ids, draft.kind, lookup);
    const streams = this.#streams;
    this.#written.add(sourceId);
    const stream = isStreamReading(draft, device === true, inSeries);
    // A source's readings of a day are all known once it is written, unless sources come mixed.
    const complete = (id: number) => id !== sourceId && !(this.#interleaved && this.#written.has(id));
    for (const candidate of candidates) {
      candidate.sameDocument = this.#linked.has(`${candidate.id}:${sourceId}`);
      const { id, entry } = candidate;
      candidate.stream = () => streams.isStream(id, entry);
      // Only two device readings of one minute ask how many readings their sources hold.
      if (stream) candidate.readings = () => streams.readings(id, entry, complete);
      if (draft.kind === 'medication') candidate.sources = () => this.#sourceRecords(id, entry);
    }
    let readings: DayReadings | undefined;
    const incomingReadings = stream
      ? (): DayReadings => {
          if (readings) return readings;
          // The document's own count when it is known whole; else what the source holds so far, and this reading.
          const whole = documentReadings?.(draft);
          const soFar = streams.sourceDay(sourceId, draft, false) + 1;
          return (readings = whole === undefined ? { atLeast: soFar } : { atLeast: Math.max(whole, 1), atMost: whole });
        }
      : undefined;
    const decision = decide(draft, candidates, stream, incomingReadings);
    const json = JSON.stringify(draft);
    if (decision.action === 'merge') {
      const known = lookup.get(decision.entryId)!;
      const current = known.draft;
      // What the entry was before this record joins it (see StoredStreams.note).
      if (stream) streams.isStream(decision.entryId, current);
      streams.note(decision.entryId, stream);
      // Only a disagreement on status needs to know which source is newer.
      const dates =
        current.status !== draft.status
          ? { existing: (s.newestDocumentDate.get(decision.entryId) as { date: string | null } | undefined)?.date ?? undefined, incoming: header.date }
          : {};
      const merged = mergeDrafts(current, draft, dates);
      const currentKeys = blockingKeys(current);
      const mergedKeys = [...new Set([...blockingKeys(merged), ...keys])];
      const mergedJson = JSON.stringify(merged);
      const link = { sourceId, provider, original: json, firstLinkFromSource: this.#firstLink(decision.entryId, sourceId) };
      // The same entry arriving again from another document usually adds nothing but a
      // provenance link; rewriting its row would be a wasted write.
      // known.json is the stored JSON of `current` (JSON.stringify's output parses back to a
      // draft that serializes to it again).
      if (mergedJson !== known.json || !mergedKeys.every((k) => currentKeys.includes(k))) {
        const originalsKept = this.#keptHere.has(decision.entryId) || this.#cache.originalsKept.has(decision.entryId);
        linkMerged(db, decision.entryId, link, { draft: merged, keys: mergedKeys, now, previous: { draft: current, keys: currentKeys }, json: mergedJson, originalsKept });
        this.#keptHere.add(decision.entryId);
        lookup.set(decision.entryId, { json: mergedJson, draft: merged });
        if (decision.entryId >= doc.firstNewId) fileReading(doc, decision.entryId, merged, mergedKeys);
      } else {
        linkMerged(db, decision.entryId, link);
      }
      if (draft.kind === 'medication') this.#addSourceRecord(decision.entryId, draft);
      if (reportKind) bump(counts, reportKind, 'merged');
      return decision.entryId;
    }
    const id = insertEntry(db, draft, keys, false, now, { creator: { sourceId, provider }, json });
    lookup.set(id, { json, draft });
    fileReading(doc, id, draft, blocking);
    streams.note(id, stream);
    if (draft.kind === 'medication') this.#sourcesHere.set(id, { records: [draft], keys: new Set([medicationDoseKey(draft)]) });
    this.#firstLink(id, sourceId); // so a second copy in this document adds no second count
    if (reportKind) bump(counts, reportKind, 'new');
    if (decision.action === 'possible-duplicate') {
      s.insertDuplicate.run(id, decision.ofEntryId, decision.reason);
      this.possibleDuplicates += 1;
    }
    return id;
  }

  #sourceRecords(id: number, entry: RecordDraft): readonly RecordDraft[] {
    let known = this.#sourcesHere.get(id) ?? this.#cache.sources.get(id);
    if (!known) this.#sourcesHere.set(id, (known = readSourceRecords(this.#s, id, entry)));
    return known.records;
  }

  /** A record linked to an entry whose source records are known: they are known with it (the cache's list is copied, not changed, until the file is released). */
  #addSourceRecord(id: number, draft: RecordDraft): void {
    let here = this.#sourcesHere.get(id);
    if (!here) {
      const cached = this.#cache.sources.get(id);
      if (!cached) return;
      if (cached.keys.has(medicationDoseKey(draft))) return;
      this.#sourcesHere.set(id, (here = { records: [...cached.records], keys: new Set(cached.keys) }));
    }
    addSourceRecord(here, draft);
  }

  /** After the caller's transaction is released: what was written, and the drafts into the cache. */
  finish(): WriteOutcome {
    for (const [id, value] of this.#touched) this.#cache.drafts.set(id, value);
    for (const [id, records] of this.#sourcesHere) this.#cache.sources.set(id, records);
    for (const id of this.#keptHere) this.#cache.originalsKept.add(id);
    this.#cache.remember(this.#db);
    return { alreadyImported: false, counts: this.counts, skipped: this.skipped, notes: this.notes, possibleDuplicates: this.possibleDuplicates };
  }
}

export interface ImportItem {
  original: PreparedOriginal;
  parsed: ParsedFile;
  /** From the import worker (storeFile, restoreFile); computed by the writer when absent. */
  documents?: readonly StoredDocument[] | undefined;
  headers?: readonly DocumentHeader[] | undefined;
}

/**
 * Several files imported as one transaction, written one by one as they arrive, each in its
 * own savepoint, and made durable by one commit at the end. A commit is the expensive part
 * of an encrypted write: every page it touched is encrypted, authenticated and written to the
 * WAL, then flushed to disk; per file, the same index pages were written over and over. The
 * whole batch lands or none of it does, so nothing is half-imported if the app stops midway.
 */
export class ImportBatch {
  readonly #db: Connection;
  readonly #drafts = new DraftCache();
  #open: boolean;

  constructor(db: Connection) {
    this.#db = db;
    db.prepare('BEGIN IMMEDIATE').run();
    this.#open = true;
  }

  /** Writes one file (its own savepoint inside the batch). */
  write(item: ImportItem, now: string): WriteOutcome {
    if (!this.#open) throw new Error('The import batch is already finished.');
    const stored = item.documents && item.headers ? { documents: item.documents, headers: item.headers } : undefined;
    return writeImport(this.#db, item.original, item.parsed, now, this.#drafts, stored);
  }

  commit(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#db.prepare('COMMIT').run();
  }

  /** Undoes every file of the batch (safe to call after a failed commit or a closed connection). */
  rollback(): void {
    this.#open = false;
    if (this.#db.open && this.#db.inTransaction) this.#db.prepare('ROLLBACK').run();
  }
}

/** Writes files in one batch (see ImportBatch). */
export function writeImports(db: Connection, items: readonly ImportItem[], now: string): WriteOutcome[] {
  const batch = new ImportBatch(db);
  try {
    const outcomes = items.map((item) => batch.write(item, now));
    batch.commit();
    return outcomes;
  } catch (error) {
    batch.rollback();
    throw error;
  }
}

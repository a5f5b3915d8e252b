// Writes device readings that carry a stable key (the same reading has the same key in every
// export of the same phone), so that importing a newer export adds only what is new:
// - a reading whose key is already in the profile is not written again;
// - a daily summary whose key is there is replaced only by one of more readings (a newer
//   export holds the day's later readings too); the summary it replaces stays in the
//   provenance as what the earlier export said. One of fewer readings (samples deleted on
//   the phone since) leaves the stored one, and the report says so. Never two entries for
//   one day, never a reading lost.
// A day's summary may come during the read and again at its end, grown by a late reading (an
// unsorted file; see ReaderOptions.summariesAtEnd): the entry this import wrote for it is
// rewritten in place (the same entry, its one link), and a summary of a day the profile held
// before is decided only at `finish`, on the day's last figures. Summaries this import wrote
// are `unseen` by its spot readings' reconciling, as when every summary came after them.
import type { KeyedDraft } from '../importers/apple-health/reader.ts';
import type { RecordDraft } from '../records/model.ts';
import { addProvenance, insertEntry, updateEntry } from './entries.ts';
import type { RecordWriter, SourceRef } from './import-writer.ts';
import { preparedPerConnection, type Connection, type Statement } from './sqlite.ts';

export interface ReadingOutcome {
  /** Readings (or summaries) already in the profile from an earlier import. */
  alreadyThere: number;
  /** Daily summaries replaced by the newer export's, which counts more readings. */
  summariesGrown: number;
  /** Daily summaries of fewer readings than the stored one: the stored one was kept. */
  summariesSmaller: number;
}

interface Statements {
  entryOfKey: Statement;
  draftOf: Statement;
}

const statements = preparedPerConnection<Statements>((db) => ({
  entryOfKey: db.prepare('SELECT entry_id FROM entry_keys WHERE key = ? LIMIT 1').pluck(),
  draftOf: db.prepare('SELECT draft_json FROM entries WHERE id = ?').pluck(),
}));

export class ReadingWriter {
  readonly outcome: ReadingOutcome = { alreadyThere: 0, summariesGrown: 0, summariesSmaller: 0 };
  readonly #db: Connection;
  readonly #records: RecordWriter;
  readonly #sourceOf: (name: string) => SourceRef;
  readonly #now: string;
  /** Entries of daily summaries this import wrote: hidden from its reconciling (give the same set to RecordWriter as `unseen`). */
  readonly #unseen: Set<number>;
  /** The entry of each daily summary this import wrote, by key. */
  readonly #mine = new Map<string, number>();
  /** Summaries of days the profile held before this import, decided at `finish`, by key. */
  readonly #pending = new Map<string, KeyedDraft>();

  /** `sourceOf`: the source row readings of one app or device are linked to. */
  constructor(db: Connection, records: RecordWriter, sourceOf: (name: string) => SourceRef, now: string, unseen = new Set<number>()) {
    this.#unseen = unseen;
    this.#db = db;
    this.#records = records;
    this.#sourceOf = sourceOf;
    this.#now = now;
  }

  write(items: readonly KeyedDraft[]): void {
    const s = statements(this.#db);
    for (const item of items) {
      const source = this.#sourceOf(item.source);
      if (item.draft.details.summaryOf !== undefined && !item.reconcile) {
        this.#summary(item, source);
        continue;
      }
      this.#one(item, source, s.entryOfKey.get(item.key) as number | undefined);
    }
  }

  /** After the last batch: the summaries of days the profile held before, on their last figures. */
  finish(): void {
    const s = statements(this.#db);
    for (const item of this.#pending.values()) this.#one(item, this.#sourceOf(item.source), s.entryOfKey.get(item.key) as number | undefined);
    this.#pending.clear();
  }

  #summary(item: KeyedDraft, source: SourceRef): void {
    const mine = this.#mine.get(item.key);
    if (mine !== undefined) {
      // Its one link stands for the entry's draft (insertEntry's creator link): nothing to keep.
      updateEntry(this.#db, mine, item.draft, [item.key], this.#now, undefined, { originalsKept: true });
      return;
    }
    if (this.#pending.has(item.key) || statements(this.#db).entryOfKey.get(item.key) !== undefined) {
      this.#pending.set(item.key, item);
      return;
    }
    const id = insertEntry(this.#db, item.draft, [item.key], false, this.#now, { creator: { sourceId: source.sourceId, provider: source.provider } });
    this.#records.count(item.draft.kind, 'new');
    this.#mine.set(item.key, id);
    this.#unseen.add(id);
  }

  #one(item: KeyedDraft, source: SourceRef, existing: number | undefined): void {
    const s = statements(this.#db);
    if (existing === undefined) {
      if (item.reconcile) this.#records.write(item.draft, source, [item.key]);
      else {
        insertEntry(this.#db, item.draft, [item.key], false, this.#now, { creator: { sourceId: source.sourceId, provider: source.provider } });
        this.#records.count(item.draft.kind, 'new');
      }
      return;
    }
    const incoming = item.draft.details.summaryOf;
    if (incoming === undefined) {
      this.#records.count(item.draft.kind, 'merged');
      this.outcome.alreadyThere += 1;
      return;
    }
    const stored = JSON.parse(s.draftOf.get(existing) as string) as RecordDraft;
    const had = stored.details.summaryOf ?? 0;
    if (incoming > had) {
      addProvenance(this.#db, existing, source.sourceId, source.provider, item.draft, true);
      updateEntry(this.#db, existing, item.draft, [item.key], this.#now, { draft: stored, keys: [item.key] });
      this.#records.count(item.draft.kind, 'merged');
      this.outcome.summariesGrown += 1;
    } else {
      this.#records.count(item.draft.kind, 'merged');
      if (incoming < had) this.outcome.summariesSmaller += 1;
      else this.outcome.alreadyThere += 1;
    }
  }
}

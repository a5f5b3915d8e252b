// Whether a stored result or vital is a reading of a device's stream (`isStreamReading` in
// main/records/reconcile.ts), read from the vault as the import writer and migration 023 need
// it: a daily summary, or an entry every source of which is a device's export or gives its
// measurement at STREAM_MOMENTS different times of its day. A clinic's reading that a watch's
// sample of the same minute merged into is still the clinic's reading. Nothing is stored for
// it: the entry's sources say it, in vaults written before the rule too.
import type { RecordDraft } from '../records/model.ts';
import { DEVICE_FORMATS, holdsSeries, isStreamReading, minutesIn, seriesKeys, type DayReadings } from '../records/reconcile.ts';
import { preparedPerConnection, type Connection, type Statement } from './sqlite.ts';

interface Statements {
  sourcesOf: Statement;
  formatOf: Statement;
  datesUnder: Statement;
}

const statements = preparedPerConnection<Statements>((db) => ({
  sourcesOf: db.prepare('SELECT DISTINCT source_id FROM provenance WHERE entry_id = ?').pluck(),
  formatOf: db.prepare('SELECT format FROM sources WHERE id = ?').pluck(),
  datesUnder: db
    .prepare(
      // The key's entries (one measurement on one day) first, then their links: left to
      // itself SQLite read every link of the source for each key (a document's hundreds, an
      // export's hundreds of thousands) and looked each one up under the key.
      `SELECT e.sort_date FROM entry_keys k
       CROSS JOIN provenance p INDEXED BY provenance_entry_provider ON p.entry_id = k.entry_id AND p.source_id = ?
       CROSS JOIN entries e ON e.id = k.entry_id
       WHERE k.key = ?`,
    )
    .pluck(),
}));

/** Answers for one import (or one migration): what it learns of sources is kept while it runs. */
export class StoredStreams {
  readonly #s: Statements;
  readonly #device = new Map<number, boolean>();
  readonly #series = new Map<string, boolean>();
  readonly #entries = new Map<number, boolean>();
  /** Readings per source and key of sources whose writing is over (counts of an open source still grow). */
  readonly #dayCounts = new Map<string, number>();

  constructor(db: Connection) {
    this.#s = statements(db);
  }

  /**
   * What the writer knows of an entry it created (`stream`: whether its record is a stream's
   * reading) or merged a record into: a record that is not makes the entry not one; one that
   * is leaves it as it was, so the writer asks `isStream` before it links such a record.
   */
  note(entryId: number, stream: boolean): void {
    if (!stream || !this.#entries.has(entryId)) this.#entries.set(entryId, stream);
  }

  /** Whether the stored entry `entryId`, whose draft is `draft`, is a stream's reading. */
  isStream(entryId: number, draft: RecordDraft): boolean {
    const known = this.#entries.get(entryId);
    if (known !== undefined) return known;
    let stream = isStreamReading(draft, false, false);
    if (!stream && (draft.kind === 'result' || draft.kind === 'vital')) {
      const keys = seriesKeys(draft);
      const sources = this.#s.sourcesOf.all(entryId) as number[];
      stream = sources.length > 0 && sources.every((sourceId) => this.#fromDevice(sourceId) || keys.some((key) => this.#holdsSeries(sourceId, key)));
    }
    this.#entries.set(entryId, stream);
    return stream;
  }

  /**
   * How many readings of the draft's measurement, on its day, the stored entry's sources hold
   * (`DayReadings`): at least the fewest any source holds so far; at most the most any holds,
   * known only when every source is `complete` (not being written by this import).
   */
  readings(entryId: number, draft: RecordDraft, complete: (sourceId: number) => boolean): DayReadings {
    const sources = this.#s.sourcesOf.all(entryId) as number[];
    let atLeast = Number.POSITIVE_INFINITY;
    let atMost: number | undefined = 0;
    for (const sourceId of sources) {
      const done = complete(sourceId);
      const count = this.sourceDay(sourceId, draft, done);
      atLeast = Math.min(atLeast, count);
      atMost = done && atMost !== undefined ? Math.max(atMost, count) : undefined;
    }
    return sources.length === 0 ? { atLeast: 0 } : atMost === undefined ? { atLeast } : { atLeast, atMost };
  }

  /** The different minutes of the draft's day at which the source holds its measurement (the most over its codes). */
  sourceDay(sourceId: number, draft: RecordDraft, complete: boolean): number {
    let most = 0;
    for (const key of seriesKeys(draft)) {
      const at = `${sourceId}\u0000${key}`;
      let count = this.#dayCounts.get(at);
      if (count === undefined) {
        count = minutesIn(this.#s.datesUnder.all(sourceId, key) as string[]);
        if (complete) this.#dayCounts.set(at, count);
      }
      most = Math.max(most, count);
    }
    return most;
  }

  #fromDevice(sourceId: number): boolean {
    let device = this.#device.get(sourceId);
    if (device === undefined) this.#device.set(sourceId, (device = DEVICE_FORMATS.has(this.#s.formatOf.get(sourceId) as string)));
    return device;
  }

  #holdsSeries(sourceId: number, key: string): boolean {
    const at = `${sourceId}\u0000${key}`;
    let series = this.#series.get(at);
    if (series === undefined) this.#series.set(at, (series = holdsSeries(this.#s.datesUnder.all(sourceId, key) as string[])));
    return series;
  }
}

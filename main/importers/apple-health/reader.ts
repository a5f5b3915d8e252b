// Reads an Apple Health export.xml as a stream of text chunks (saxes), never whole: spot
// readings are handed on in batches as they are read; high-frequency streams are reduced to
// one summary per type, source and day as they pass; blood pressure waits for the end, where
// Correlations and the top-level copies Apple also writes of their readings are matched so
// that no reading counts twice. Workouts and their routes are counted and never kept.
import crypto from 'node:crypto';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { EntryKind, ImportProblem, PatientIdentity, RecordDraft, ReportKind } from '../../records/model.ts';
import { ImportError } from '../errors.ts';
import { DailyStats, decimalsOf, own, type DailyStatsData } from '../readings/daily.ts';
import { readProlog } from './prolog.ts';
import {
  BP_CORRELATION,
  BP_DIASTOLIC_TYPE,
  BP_PANEL,
  BP_SYSTOLIC_TYPE,
  BP_UNITS,
  deviceName,
  DIASTOLIC,
  isoTime,
  keptType,
  keptTypeById,
  numberOf,
  shortType,
  SYSTOLIC,
  type KeptType,
} from './types.ts';

/** A draft with the key that finds the same reading in a later export of the same phone. */
export interface KeyedDraft {
  draft: RecordDraft;
  key: string;
  /** The app or device that wrote it into Apple Health (the record's sourceName). */
  source: string;
  /**
   * Whether the reading may be the same as one from another source (a cuff's reading also
   * in its own app's file): spot readings are reconciled; summaries and every-sample streams,
   * which no other source has, are not (reconciling millions of samples of one day against
   * each other would take hours).
   */
  reconcile: boolean;
}

export interface ReaderOptions {
  /** Keep every heart-rate, step and watch oxygen sample instead of daily summaries. */
  everySample?: boolean;
  /** The file as sentences name it: "export.xml". */
  what: string;
  /** Spot readings in batches of about this many (default 2,000). */
  batchSize?: number;
  /** Called once the person's characteristics (<Me>, near the top) are read: an import for someone else can stop there. */
  onPatient?: (patient: PatientIdentity) => void;
  /**
   * Reading one piece of the file (pieces.ts), not the whole: its text is wrapped by the caller
   * in `<HealthData>` … `</HealthData>` where the file's own tags are in another piece, its
   * lines follow the `lineOffset` lines of the pieces before it, and `endPiece` hands over what
   * it read for `absorb`.
   */
  piece?: { lineOffset: number };
  /**
   * Hand every daily summary on after the last byte (as a piece's own reader must: a piece sees
   * part of a day). Otherwise a day's summary goes out with the spot readings as soon as the
   * stream of its type has moved to a later day (for the reader absorbing pieces, once a piece
   * has taken it there), and again at the end if a reading of that day came later after all
   * (an unsorted file): the writer then rewrites it in place.
   */
  summariesAtEnd?: boolean;
}

/** One Health Records file the export lists (ClinicalRecord), with the health system that sent it. */
export interface ClinicalRecordRef {
  path: string;
  sourceName?: string;
  fhirVersion?: string;
  type?: string;
}

export interface AppleHealthReport {
  /** Readings kept one by one, per type. */
  kept: Record<string, number>;
  /** Readings kept as daily summaries: how many readings, into how many summaries. */
  summarised: Record<string, { readings: number; summaries: number }>;
  /** What the export holds that Chartkeeper does not keep, per type or element. */
  leftOut: Record<string, number>;
  /** Readings of kept types refused for a reason (each in `problems`). */
  refused: number;
}

export interface ReaderResult {
  patient: PatientIdentity;
  exportDate?: string;
  locale?: string;
  /**
   * Blood pressure, and the daily summaries not handed on during the read (each type's last
   * days, days that got a reading after they were handed on), known only at the end of the
   * file. Made one by one as they are taken, so they are never all in memory at once; read
   * them once.
   */
  drafts: Iterable<KeyedDraft>;
  report: AppleHealthReport;
  problems: ImportProblem[];
  clinicalRecords: ClinicalRecordRef[];
}

/** Refusals listed one by one; past this they are counted in one line, so a broken file cannot fill the report. */
const LISTED_REFUSALS = 200;

/** The MetadataEntry keys the reader reads: typed in by the person, a glucose reading's meal time. */
const WAS_USER_ENTERED = 'HKWasUserEntered';
const MEAL_TIME = 'HKBloodGlucoseMealTime';

interface RecordData {
  attrs: Record<string, string>;
  /** Its MetadataEntry values of the keys the reader reads (WAS_USER_ENTERED, MEAL_TIME), no others. */
  meta: Record<string, string>;
  line: number;
  /** A top-level record's kept type, as found when it opened. */
  kept?: KeptType | undefined;
}

interface DayGroup {
  type: KeptType;
  source: string;
  unit: string;
  day: string;
  stats: DailyStats;
  line: number;
  /** In a piece: the numbers added, in order, so a day begun in an earlier piece sums them as a whole-file read would. */
  numbers?: number[];
  /** Its summary was handed on and no reading has come since: not handed on again at the end. */
  done?: boolean;
}

/** The days of one stream type not yet handed on, and the latest day its readings reached. */
interface OpenDays {
  day: string;
  groups: DayGroup[];
}

/** What one piece of the file read, handed to the reader of the whole file (`absorb`), in file order. */
export interface PieceResult {
  batches: KeyedDraft[][];
  /** The characteristics its <Me> gave, when it holds one. */
  patient?: PatientIdentity;
  exportDate?: string;
  locale?: string;
  days: { key: string; typeId: string; source: string; unit: string; day: string; line: number; stats: DailyStatsData; numbers: Float64Array }[];
  bpTop: BpReading[];
  bpInCorrelation: string[];
  bpDrafts: KeyedDraft[];
  report: AppleHealthReport;
  problems: ImportProblem[];
  unlisted: [ReportKind, number][];
  clinical: ClinicalRecordRef[];
}

interface BpReading {
  type: string;
  source: string;
  start: string;
  value: string;
  unit: string;
  line: number;
  record: RecordData;
}

const REPORT_KIND: Partial<Record<EntryKind, ReportKind>> = { vital: 'vitals', result: 'results' };

function stableKey(...parts: string[]): string {
  return `apple-health:${crypto.createHash('sha1').update(parts.join('\u0000')).digest('base64url').slice(0, 24)}`;
}

function sexOf(value: string | undefined): string | undefined {
  const m = /^HKBiologicalSex(Female|Male|Other)$/.exec(value ?? '');
  return m ? m[1]!.toLowerCase() : undefined;
}

export class ExportReader {
  readonly #options: ReaderOptions;
  readonly #emit: (batch: KeyedDraft[]) => void;
  readonly #parser: SaxesParser<object>;
  #prolog = '';
  #started = false;
  #batch: KeyedDraft[] = [];
  /** How many elements are open around the one being read. */
  #depth = 0;
  #record: RecordData | undefined;
  #correlation: { attrs: Record<string, string>; children: RecordData[]; line: number } | undefined;
  #me: Record<string, string> | undefined;
  #meChild: string | undefined;
  #patient: PatientIdentity = {};
  #meSeen = false;
  /** Reading pieces' results rather than text (absorb). */
  #absorbing = false;
  readonly #lineOffset: number;
  #exportDate: string | undefined;
  #locale: string | undefined;
  readonly #days = new Map<string, DayGroup>();
  #lastGroup: DayGroup | undefined;
  /**
   * The day group before the last one: a type's records from two sources often alternate
   * (a phone's and a watch's steps, one after the other), and each switch found the group
   * again by building its key and hashing it.
   */
  #otherGroup: DayGroup | undefined;
  /** Per stream type, its days still open (see ReaderOptions.summariesAtEnd); undefined when all wait for the end. */
  readonly #openDays: Map<KeptType, OpenDays> | undefined;
  readonly #bpTop: BpReading[] = [];
  readonly #bpInCorrelation = new Set<string>();
  readonly #bpDrafts: KeyedDraft[] = [];
  readonly #report: AppleHealthReport = { kept: {}, summarised: {}, leftOut: {}, refused: 0 };
  readonly #problems: ImportProblem[] = [];
  readonly #unlisted = new Map<ReportKind, number>();
  readonly #clinical: ClinicalRecordRef[] = [];

  constructor(options: ReaderOptions, emit: (batch: KeyedDraft[]) => void) {
    this.#options = options;
    this.#emit = emit;
    this.#lineOffset = options.piece?.lineOffset ?? 0;
    this.#openDays = options.piece || options.summariesAtEnd ? undefined : new Map();
    this.#parser = new SaxesParser({ position: true });
    this.#parser.on('opentag', (tag) => this.#open(tag as SaxesTagPlain));
    this.#parser.on('closetag', (tag) => this.#close(tag as SaxesTagPlain));
    this.#parser.on('error', (error) => {
      const at = /^[^:]*:(\d+):/.exec(error.message)?.[1];
      const line = at === undefined ? this.#line : Number(at) + this.#lineOffset;
      throw new ImportError(`${options.what} is damaged or incomplete (the XML breaks off or is malformed near line ${line}), so it was not imported.`);
    });
  }

  get #line(): number {
    return this.#parser.line + this.#lineOffset;
  }

  /** The next piece of the file's text, in order. */
  write(text: string): void {
    if (!this.#started) {
      this.#prolog += text;
      const prolog = readProlog(this.#prolog, this.#options.what);
      if (!prolog.done) return;
      if (prolog.root !== 'HealthData') throw new ImportError(`${this.#options.what} is not an Apple Health export (its document element is ${prolog.root}).`);
      this.#started = true;
      text = this.#prolog;
      this.#prolog = '';
    }
    this.#parser.write(text);
  }

  /** After the last chunk: everything only the whole file could tell. */
  end(): ReaderResult {
    if (this.#absorbing) {
      this.#flush();
      return this.#result();
    }
    if (!this.#started) {
      if (this.#prolog.trim() === '') throw new ImportError(`${this.#options.what} is empty.`);
      throw new ImportError(`${this.#options.what} holds no XML document element, so it was not imported.`);
    }
    this.#parser.close();
    this.#flush();
    return this.#result();
  }

  #result(): ReaderResult {
    const bp = [...this.#bpDrafts, ...this.#pairTopLevelBp()];
    for (const { type, stats } of this.#days.values()) {
      const s = (this.#report.summarised[type.id] ??= { readings: 0, summaries: 0 });
      s.readings += stats.count;
      s.summaries += 1;
    }
    const summaries = this.#summaries();
    const drafts = (function* () {
      yield* bp;
      yield* summaries;
    })();
    for (const [kind, count] of this.#unlisted) {
      this.#problems.push({ kind, reason: `${count} more ${count === 1 ? 'reading was' : 'readings were'} refused for reasons like those above.`, textOnly: count });
    }
    return {
      patient: this.#patient,
      ...(this.#exportDate ? { exportDate: this.#exportDate } : {}),
      ...(this.#locale ? { locale: this.#locale } : {}),
      drafts,
      report: this.#report,
      problems: this.#problems,
      clinicalRecords: this.#clinical,
    };
  }

  /** After a piece's last text: what it read, for the whole file's reader (absorb). */
  endPiece(): Omit<PieceResult, 'batches'> {
    this.#parser.close();
    this.#flush();
    return {
      ...(this.#meSeen ? { patient: this.#patient } : {}),
      ...(this.#exportDate ? { exportDate: this.#exportDate } : {}),
      ...(this.#locale ? { locale: this.#locale } : {}),
      days: [...this.#days].map(([key, g]) => ({ key, typeId: g.type.id, source: g.source, unit: g.unit, day: g.day, line: g.line, stats: g.stats.data(), numbers: Float64Array.from(g.numbers ?? []) })),
      bpTop: this.#bpTop,
      bpInCorrelation: [...this.#bpInCorrelation],
      bpDrafts: this.#bpDrafts,
      report: this.#report,
      problems: this.#problems,
      unlisted: [...this.#unlisted],
      clinical: this.#clinical,
    };
  }

  /**
   * The next piece's results, in file order: everything comes out as if this reader had read
   * the piece's text itself (the same batches, days, blood pressure, report and refusals, in
   * the same order), then `end()` as usual.
   */
  absorb(piece: PieceResult): void {
    this.#absorbing = true;
    if (piece.locale) this.#locale = piece.locale;
    if (piece.exportDate) this.#exportDate = piece.exportDate;
    if (piece.patient) {
      Object.assign(this.#patient, piece.patient);
      this.#options.onPatient?.(this.#patient);
    }
    for (const batch of piece.batches) this.#emit(batch);
    const open = this.#openDays;
    // Per stream type, the latest day this piece reached: its earlier days are handed on now,
    // as the reading in one go hands them on when the stream moves to a later day.
    const latest = open && new Map<KeptType, string>();
    for (const d of piece.days) {
      let group = this.#days.get(d.key);
      let opened = false;
      if (!group) {
        this.#days.set(d.key, (group = { type: keptTypeById(d.typeId)!, source: d.source, unit: d.unit, day: d.day, stats: new DailyStats(), line: d.line }));
        opened = true;
      } else if (group.done) {
        // A day handed on already has a later reading (an unsorted file): handed on again.
        group.done = false;
        opened = true;
      }
      group.stats.merge(d.stats, d.numbers);
      if (!open || !latest) continue;
      if (opened) {
        const days = open.get(group.type);
        if (days) days.groups.push(group);
        else open.set(group.type, { day: group.day, groups: [group] });
      }
      const seen = latest.get(group.type);
      if (seen === undefined || group.day > seen) latest.set(group.type, group.day);
    }
    // Handed on in batches of batchSize as #pass fills them, the rest at the end: a batch per
    // piece would make the reading wait for the writer at every piece (IN_FLIGHT in worker.ts).
    if (latest) for (const [type, day] of latest) this.#pass(type, day);
    for (const r of piece.bpTop) this.#bpTop.push(r);
    for (const k of piece.bpInCorrelation) this.#bpInCorrelation.add(k);
    for (const d of piece.bpDrafts) this.#bpDrafts.push(d);
    const report = this.#report;
    for (const [id, n] of Object.entries(piece.report.kept)) report.kept[id] = (report.kept[id] ?? 0) + n;
    for (const [what, n] of Object.entries(piece.report.leftOut)) report.leftOut[what] = (report.leftOut[what] ?? 0) + n;
    report.refused += piece.report.refused;
    // A piece lists its first refusals; the file lists its first LISTED_REFUSALS and counts the rest.
    for (const problem of piece.problems) {
      if (this.#problems.length < LISTED_REFUSALS) this.#problems.push(problem);
      else this.#unlisted.set(problem.kind!, (this.#unlisted.get(problem.kind!) ?? 0) + 1);
    }
    for (const [kind, n] of piece.unlisted) this.#unlisted.set(kind, (this.#unlisted.get(kind) ?? 0) + n);
    for (const c of piece.clinical) this.#clinical.push(c);
  }

  readonly #shortTypes = new Map<string, string>();

  #lastType = '';
  #lastShort = '';

  #short(type: string): string {
    // Records of one type come one after another: the last one answers without hashing.
    if (type === this.#lastType) return this.#lastShort;
    let short = this.#shortTypes.get(type);
    if (short === undefined) this.#shortTypes.set(own(type), (short = own(shortType(type) || 'Record')));
    this.#lastType = type;
    this.#lastShort = short;
    return short;
  }

  /** The type of the last top-level Record opened, its kept type, and whether it is read at all. */
  #openType = '';
  #openKept: KeptType | undefined;
  #openRead = false;

  #leaveOut(what: string, count = 1): void {
    this.#report.leftOut[what] = (this.#report.leftOut[what] ?? 0) + count;
  }

  #open(tag: SaxesTagPlain): void {
    const depth = this.#depth++;
    const name = tag.name;
    if (depth === 0) {
      if (name !== 'HealthData') throw new ImportError(`${this.#options.what} is not an Apple Health export.`);
      const locale = tag.attributes['locale'];
      if (locale) this.#locale = own(locale);
      return;
    }
    if (this.#me && depth === 2) {
      this.#meChild = name;
      return;
    }
    if (name === 'Record') {
      if (depth === 2 && this.#correlation) this.#record = { attrs: tag.attributes, meta: {}, line: this.#line };
      else if (depth === 1) {
        // Most of an export is types left out (energy, distance, sleep): counted at once, no more.
        const type = tag.attributes['type'] ?? '';
        // Records of one type come one after another: the last one's answer, without hashing the type.
        if (type !== this.#openType) {
          this.#openType = own(type);
          this.#openKept = keptType(type);
          this.#openRead = this.#openKept !== undefined || type === BP_SYSTOLIC_TYPE || type === BP_DIASTOLIC_TYPE;
        }
        if (this.#openRead) this.#record = { attrs: tag.attributes, meta: {}, line: this.#line, kept: this.#openKept };
        else this.#leaveOut(this.#short(type));
      }
      return;
    }
    if (name === 'MetadataEntry') {
      const key = tag.attributes['key'];
      // Only the keys the reader reads are kept: a key stored is a string made a property name
      // (hashed, looked up), and a watch writes a motion context on every heart-rate reading.
      if (this.#record && (key === WAS_USER_ENTERED || key === MEAL_TIME)) this.#record.meta[key] = tag.attributes['value'] ?? '';
      return;
    }
    if (depth !== 1) {
      // Inside a workout: routes are counted, never read further.
      if (name === 'WorkoutRoute') this.#leaveOut('WorkoutRoute');
      else if (name === 'Location') this.#leaveOut('RouteLocation');
      return;
    }
    switch (name) {
      case 'ExportDate':
        if (tag.attributes['value']) this.#exportDate = own(tag.attributes['value']);
        return;
      case 'Me':
        this.#me = { ...tag.attributes };
        // Text is read only inside <Me> (older exports write characteristics as child
        // elements): with a text handler saxes hands on the whitespace between every two
        // records, strings made and joined for nothing.
        this.#parser.on('text', this.#meText);
        return;
      case 'Correlation':
        this.#correlation = { attrs: tag.attributes, children: [], line: this.#line };
        return;
      case 'ClinicalRecord': {
        const path = tag.attributes['resourceFilePath'];
        if (path) {
          this.#clinical.push(copied({
            path: path.replace(/^\/+/, ''),
            ...(tag.attributes['sourceName'] ? { sourceName: tag.attributes['sourceName'] } : {}),
            ...(tag.attributes['fhirVersion'] ? { fhirVersion: tag.attributes['fhirVersion'] } : {}),
            ...(tag.attributes['type'] ? { type: tag.attributes['type'] } : {}),
          }));
        }
        return;
      }
      default:
        this.#leaveOut(name);
    }
  }

  #close(tag: SaxesTagPlain): void {
    const depth = --this.#depth;
    if (this.#me) {
      if (depth === 2) this.#meChild = undefined;
      if (depth === 1 && tag.name === 'Me') this.#readMe();
      return;
    }
    if (tag.name === 'Record' && this.#record && (depth === 1 || depth === 2)) {
      const record = this.#record;
      this.#record = undefined;
      if (depth === 2 && this.#correlation) this.#correlation.children.push(record);
      else this.#topLevel(record);
      return;
    }
    if (tag.name === 'Correlation' && depth === 1 && this.#correlation) {
      const correlation = this.#correlation;
      this.#correlation = undefined;
      this.#readCorrelation(correlation);
    }
  }

  readonly #meText = (text: string): void => {
    if (this.#meChild && this.#me) this.#me[this.#meChild] = (this.#me[this.#meChild] ?? '') + text;
  };

  #readMe(): void {
    const me = this.#me!;
    this.#me = undefined;
    this.#parser.off('text');
    const birth = me['HKCharacteristicTypeIdentifierDateOfBirth']?.trim();
    if (birth && /^\d{4}-\d{2}-\d{2}$/.test(birth)) this.#patient.birthDate = own(birth);
    const sex = sexOf(me['HKCharacteristicTypeIdentifierBiologicalSex']?.trim());
    if (sex) this.#patient.sex = sex;
    this.#meSeen = true;
    this.#options.onPatient?.(this.#patient);
  }

  #refuse(kind: EntryKind, reason: string, line: number): void {
    this.#report.refused += 1;
    const reportKind = REPORT_KIND[kind] ?? 'vitals';
    if (this.#problems.length < LISTED_REFUSALS) this.#problems.push(copied({ kind: reportKind, reason: `Line ${line}: ${reason}`, where: `${this.#options.what} line ${line}` }));
    else this.#unlisted.set(reportKind, (this.#unlisted.get(reportKind) ?? 0) + 1);
  }

  /** The reading's time and value, or a refusal said for a person. */
  #readable(record: RecordData, title: string, kind: EntryKind, units: Readonly<Record<string, string>>): { start: string; end?: string; value: string; number: number; unit: string } | undefined {
    const a = record.attrs;
    // Only a refusal names the reading (readingTitled): a closure made per reading for it was
    // an allocation per reading for nothing.
    // Each attribute looked up once: saxes' attribute objects are dictionaries.
    const startDate = a['startDate'];
    const start = isoTime(startDate);
    if (!start) {
      this.#refuse(kind, startDate ? `${readingTitled(title)} has an unreadable start date ("${startDate}"), so it was not imported.` : `${readingTitled(title)} has no start date, so it was not imported.`, record.line);
      return undefined;
    }
    const endDate = a['endDate'];
    const end = isoTime(endDate);
    if (endDate && !end) {
      this.#refuse(kind, `${readingTitled(title)} has an unreadable end date ("${endDate}"), so it was not imported.`, record.line);
      return undefined;
    }
    const value = a['value'];
    const number = numberOf(value);
    if (value === undefined || number === undefined) {
      this.#refuse(kind, value === undefined ? `${readingTitled(title)} has no value, so it was not imported.` : `${readingTitled(title)} has the value "${value}", which is not a number, so it was not imported.`, record.line);
      return undefined;
    }
    const unitName = a['unit'];
    const unit = unitName === undefined ? undefined : units[unitName];
    if (!unit) {
      this.#refuse(
        kind,
        unitName === undefined ? `${readingTitled(title)} (${value}) gives no unit, so it cannot be read safely and was not imported.` : `${readingTitled(title)} (${value}) is in a unit Chartkeeper does not know ("${unitName}"), so it was not imported.`,
        record.line,
      );
      return undefined;
    }
    const read: { start: string; end?: string; value: string; number: number; unit: string } = { start, value, number, unit };
    if (end && end !== start) read.end = end;
    return read;
  }

  #topLevel(record: RecordData): void {
    const type = record.attrs['type'] ?? '';
    if (type === BP_SYSTOLIC_TYPE || type === BP_DIASTOLIC_TYPE) {
      // Kept to the end of the file: copied, so it holds no chunk of the file alive.
      const kept = copied(record);
      this.#bpTop.push({ type: kept.attrs['type']!, source: kept.attrs['sourceName'] ?? '', start: kept.attrs['startDate'] ?? '', value: kept.attrs['value'] ?? '', unit: kept.attrs['unit'] ?? '', line: record.line, record: kept });
      return;
    }
    const kept = record.kept ?? keptType(type)!;
    const read = this.#readable(record, kept.title, kept.kind, kept.units);
    if (!read) return;
    const typed = record.meta[WAS_USER_ENTERED] === '1';
    // The device is read only where it decides something: a stream summarised whatever its
    // device (heart rate, most of an export) never needs it.
    const summarise =
      !this.#options.everySample &&
      !typed &&
      (kept.mode === 'stream' || (kept.mode === 'watch-stream' && /\bWatch\b/i.test(deviceName(record.attrs['device']) ?? record.attrs['sourceName'] ?? '')));
    const number = kept.fraction ? Number((read.number * 100).toFixed(Math.max(0, decimalsOf(read.value) - 2))) : read.number;
    const source = record.attrs['sourceName'] ?? '';
    if (summarise) {
      // A stream's readings come one after another: most belong to the previous one's day.
      let group = this.#lastGroup;
      if (!group || !holds(group, kept, source, read.unit, read.start)) {
        const other = this.#otherGroup;
        if (other && !other.done && holds(other, kept, source, read.unit, read.start)) {
          // What the lookup below gives: a group stays in #days under its key, its day was
          // passed (#pass) when it was made, and one handed on since (done) goes the long way.
          this.#otherGroup = group;
          this.#lastGroup = group = other;
        } else {
          const day = read.start.slice(0, 10);
          const key = `${kept.id}\u0000${source}\u0000${read.unit}\u0000${day}`;
          const open = this.#openDays && this.#pass(kept, day);
          group = this.#days.get(key);
          if (!group) {
            group = { type: kept, source: own(source), unit: read.unit, day: own(day), stats: new DailyStats(), line: record.line };
            if (this.#options.piece) group.numbers = [];
            this.#days.set(own(key), group);
            open?.groups.push(group);
          } else if (group.done) {
            // A day handed on already has a later reading (an unsorted file): handed on again.
            group.done = false;
            open?.groups.push(group);
          }
          this.#otherGroup = this.#lastGroup;
          this.#lastGroup = group;
        }
      }
      // The time is isoTime's, a string of its own: it holds no chunk of the file (see own()).
      group.stats.add(read.start, read.value, number, kept.fraction ? Math.max(0, decimalsOf(read.value) - 2) : decimalsOf(read.value), true);
      group.numbers?.push(number);
      return;
    }
    this.#report.kept[kept.id] = (this.#report.kept[kept.id] ?? 0) + 1;
    const draft: RecordDraft = {
      kind: kept.kind,
      title: kept.title,
      codes: [kept.code(read.unit)],
      start: read.start,
      ...(read.end ? { end: read.end } : {}),
      value: { number, text: read.value, unit: read.unit },
      details: { comment: withMealTime(recordedBy(source, deviceName(record.attrs['device']), typed, kept.fraction ? read.value : undefined), kept.id === 'BloodGlucose' ? record.meta[MEAL_TIME] : undefined) },
      sourceLocation: `${this.#options.what} line ${record.line}`,
    };
    const key = stableKey(type, source, record.attrs['startDate']!, record.attrs['endDate'] ?? '', read.value, record.attrs['unit']!);
    // Copied: the writer's cache keeps drafts for the rest of the import.
    this.#batch.push(copied({ draft, key, source, reconcile: kept.mode === 'spot' || typed }));
    if (this.#batch.length >= (this.#options.batchSize ?? 2000)) this.#flush();
  }

  /**
   * A reading of `type` on `day`: the type's days before it are complete in a file sorted by
   * date, and their summaries go out with the spot readings. The type's open days. (Not when
   * the type's records end: the bench export, like some real ones, alternates two types in
   * runs of a dozen records, and every run would reopen a day.)
   */
  #pass(type: KeptType, day: string): OpenDays {
    const open = this.#openDays!;
    let days = open.get(type);
    if (!days) open.set(type, (days = { day: own(day), groups: [] }));
    else if (day > days.day) {
      days.day = own(day);
      const still: DayGroup[] = [];
      for (const group of days.groups) {
        if (group.day >= day) still.push(group);
        else this.#handOn(group);
      }
      days.groups = still;
      if (this.#batch.length >= (this.#options.batchSize ?? 2000)) this.#flush();
    }
    return days;
  }

  #handOn(group: DayGroup): void {
    group.done = true;
    this.#batch.push(this.#summaryOf(group));
  }

  #flush(): void {
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    this.#emit(batch);
  }

  #readCorrelation(c: { attrs: Record<string, string>; children: RecordData[]; line: number }): void {
    if (c.attrs['type'] !== BP_CORRELATION) {
      // Its readings are also top-level records, read (or left out) there.
      this.#leaveOut(shortType(c.attrs['type'] ?? 'Correlation'));
      return;
    }
    const sys = c.children.find((r) => r.attrs['type'] === BP_SYSTOLIC_TYPE);
    const dia = c.children.find((r) => r.attrs['type'] === BP_DIASTOLIC_TYPE);
    for (const child of [sys, dia]) {
      if (child) this.#bpInCorrelation.add(own(bpKey(child.attrs)));
    }
    if (!sys || !dia) {
      this.#refuse('vital', `a blood pressure reading gives only its ${sys ? 'systolic' : dia ? 'diastolic' : 'correlation, no'} pressure, so it was not imported.`, c.line);
      return;
    }
    this.#bpPair(sys, dia, c.line);
  }

  /** One reading as two vitals (systolic, diastolic) in the blood pressure panel, as the other importers write it. */
  #bpPair(sys: RecordData, dia: RecordData, line: number): void {
    const s = this.#readable(sys, 'Systolic blood pressure', 'vital', BP_UNITS);
    const d = s && this.#readable(dia, 'Diastolic blood pressure', 'vital', BP_UNITS);
    if (!s || !d) return;
    const source = sys.attrs['sourceName'] ?? '';
    const typed = sys.meta[WAS_USER_ENTERED] === '1' || dia.meta[WAS_USER_ENTERED] === '1';
    const comment = `Reading ${s.value}/${d.value}. ${recordedBy(source, deviceName(sys.attrs['device']), typed)}`;
    const key = stableKey('BloodPressure', source, sys.attrs['startDate']!, s.value, d.value);
    const where = `${this.#options.what} line ${line}`;
    const vital = (title: string, code: typeof SYSTOLIC, r: NonNullable<typeof s>): RecordDraft => copied({
      kind: 'vital',
      title,
      codes: [code],
      start: r.start,
      ...(r.end ? { end: r.end } : {}),
      value: { number: r.number, text: r.value, unit: r.unit },
      details: { panel: 'Blood pressure', panelCodes: [BP_PANEL], comment },
      sourceLocation: where,
    });
    this.#bpDrafts.push({ draft: vital('Systolic blood pressure', SYSTOLIC, s), key: `${key}:s`, source, reconcile: true }, { draft: vital('Diastolic blood pressure', DIASTOLIC, d), key: `${key}:d`, source, reconcile: true });
    this.#report.kept['BloodPressure'] = (this.#report.kept['BloodPressure'] ?? 0) + 1;
  }

  /** Top-level readings not in any Correlation, paired by source and time (an app that writes no Correlation). */
  #pairTopLevelBp(): KeyedDraft[] {
    const before = this.#bpDrafts.length;
    const pending = new Map<string, { sys?: BpReading; dia?: BpReading }>();
    let copies = 0;
    for (const r of this.#bpTop) {
      if (this.#bpInCorrelation.has(bpKey(r.record.attrs))) {
        copies += 1;
        continue;
      }
      const at = `${r.source}\u0000${r.start}`;
      const pair = pending.get(at) ?? {};
      if (r.type === BP_SYSTOLIC_TYPE && !pair.sys) pair.sys = r;
      else if (r.type === BP_DIASTOLIC_TYPE && !pair.dia) pair.dia = r;
      else {
        this.#refuse('vital', `a second ${r.type === BP_SYSTOLIC_TYPE ? 'systolic' : 'diastolic'} pressure from ${r.source} at ${r.start} has no partner, so it was not imported.`, r.line);
        continue;
      }
      pending.set(at, pair);
    }
    for (const { sys, dia } of pending.values()) {
      if (sys && dia) this.#bpPair(sys.record, dia.record, sys.line);
      else {
        const alone = (sys ?? dia)!;
        this.#refuse('vital', `a ${alone.type === BP_SYSTOLIC_TYPE ? 'systolic' : 'diastolic'} pressure (${alone.value}) from ${alone.source} at ${alone.start} has no ${alone.type === BP_SYSTOLIC_TYPE ? 'diastolic' : 'systolic'} partner, so it was not imported.`, alone.line);
      }
    }
    if (copies > 0) this.#report.leftOut['BloodPressureCopies'] = copies;
    return this.#bpDrafts.splice(before);
  }

  *#summaries(): Generator<KeyedDraft> {
    this.#lastGroup = undefined;
    this.#otherGroup = undefined;
    for (const [groupKey, group] of this.#days) {
      this.#days.delete(groupKey);
      if (!group.done) yield this.#summaryOf(group);
    }
  }

  #summaryOf({ type, source, unit, day, stats, line }: DayGroup): KeyedDraft {
    const mean = stats.mean()!;
    const total = type.additive ? stats.total() : undefined;
    const figures = `minimum ${stats.min}, mean ${mean}, maximum ${stats.max}${total !== undefined ? `, total ${total}` : ''}`;
    const draft: RecordDraft = {
      kind: type.kind,
      title: total !== undefined ? `${type.title}, daily total` : `${type.title}, daily mean`,
      codes: [total !== undefined ? { system: 'LOINC', code: '41950-7', display: 'Number of steps in 24 hour Measured' } : type.code(unit)],
      start: day,
      value: total !== undefined ? { number: total, text: String(total), unit } : { number: mean, text: String(mean), unit },
      details: {
        comment: `Daily summary of ${stats.count} ${stats.count === 1 ? 'reading' : 'readings'} from ${source} (${stats.first} to ${stats.last}): ${figures} ${unit}.`,
        summaryOf: stats.count,
        // A day's mean is drawn as the range of its readings; a total (steps) is one figure.
        ...(total === undefined ? { readings: { count: stats.numbers, min: stats.min, max: stats.max, first: stats.first, last: stats.last } } : {}),
      },
      sourceLocation: `${this.#options.what} from line ${line}`,
    };
    return { draft, key: stableKey('day', type.id, source, unit, day), source, reconcile: false };
  }
}

/** A deep copy whose strings hold no chunk of the file alive (see own()). */
function copied<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Whether a reading of `type` from `source` in `unit` at `start` (an ISO time) belongs to the day `group`. */
function holds(group: DayGroup, type: KeptType, source: string, unit: string, start: string): boolean {
  return group.type === type && start.startsWith(group.day) && group.source === source && group.unit === unit;
}

/** "a heart rate reading": how a refusal names the reading. */
function readingTitled(title: string): string {
  return `a ${title.toLowerCase()} reading`;
}

function bpKey(attrs: Record<string, string>): string {
  return [attrs['type'], attrs['sourceName'], attrs['startDate'], attrs['endDate'], attrs['value'], attrs['unit']].join('\u0000');
}

/**
 * Whether a glucose reading was taken before or after a meal changes how it reads (fasting 110
 * is high, two hours after a meal it is not): HealthKit's meal time, said with its own value.
 */
function withMealTime(comment: string, mealTime: string | undefined): string {
  const value = mealTime?.trim();
  if (!value) return comment;
  const said = value === '1' ? 'Before a meal' : value === '2' ? 'After a meal' : undefined;
  return `${comment} ${said ? `${said} (Apple Health meal time ${value}, ${value === '1' ? 'preprandial' : 'postprandial'}).` : `Apple Health meal time "${value}".`}`;
}

function recordedBy(source: string, device: string | undefined, typed: boolean, fraction?: string): string {
  const from = device && device !== source ? `${source} (${device})` : source || 'an unnamed app';
  const how = typed ? `Typed in by the person in ${from}.` : `Recorded by ${from}.`;
  return fraction ? `${how} Apple Health gives it as the fraction ${fraction}.` : how;
}

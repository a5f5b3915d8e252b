// The one IPC contract. Every channel is declared here once: its input schema (zod, parsed in
// main before any handler runs), its output type and the error kinds it may return. The main
// handlers, the preload bridge, the test bridge and the renderer client are all derived from
// this file; no channel string appears anywhere else.
//
// This file is imported by the renderer (types) and by main (values), so it must not use
// Node or DOM APIs.
import { z } from 'zod';
import type { DueNotice, ImmunizationChoices, ImmunizationForecast, ImmunizationProfileForecast } from '../main/immunizations/types.ts';
import { DOCUMENT_KINDS, DOCUMENT_LIMITS } from '../main/documents/kinds.ts';
import type { KeptDocument, KeptDocumentHit, RecognitionProgress } from '../main/documents/types.ts';
import type { ProposedResult } from '../main/documents/lab-lines/index.ts';
import { ENTRY_KINDS, PERSONAL_KINDS } from '../main/records/model.ts';
import type { AbnormalFlag } from '../main/records/readable/flags.ts';
import type { Glance } from '../main/glance/select.ts';
import type { SourceNoneKnown } from '../main/records/readable/left-out.ts';
import { MEASURE_IDS } from '../main/records/readable/measures.ts';
import type { CsvLayout, CsvMapping } from '../main/importers/csv-mapping/types.ts';
import type {
  Code,
  DocumentSection,
  NoneKnownStatement,
  EntryKind,
  FormatId,
  NarrativeNode,
  PartialDate,
  PatientIdentity,
  Quantity,
  ReferenceRange,
  ImportNotice,
  ReportKind,
  StoredEntry,
  HealthCardCheck,
} from '../main/records/model.ts';

// ---------------------------------------------------------------- results and errors

export const ERROR_KINDS = [
  'invalid-input',
  'no-vault',
  'vault-exists',
  'locked',
  'wrong-passphrase',
  'corrupt',
  'too-new',
  'not-found',
  'conflict',
  'unreadable-file',
  'identity-mismatch',
  'duplicate-file',
  'offline',
  'disk-full',
  'unavailable',
  /** Another Chartkeeper process holds what this request needs (a lock, the vault open); try again. */
  'busy',
  'internal',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ContractError {
  kind: ErrorKind;
  /** One sentence a person can act on. */
  message: string;
  /** Extra facts the UI needs to ask a follow-up question (identity mismatch). */
  detail?: { patient?: PatientIdentity };
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

// ---------------------------------------------------------------- shared schemas

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date written as YYYY-MM-DD.')
  // Round-tripped: Date.parse takes 1950-02-30 for 2 March.
  .refine((s) => {
    const time = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === s;
  }, 'That date does not exist.');
const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/, 'Use a date like 2024-03-01.');
const id = z.number().int().positive();
const profileId = z.string().regex(/^[a-z0-9]{16,40}$/, 'That is not a profile id.');
const MAX_PASSPHRASE = 'Use a passphrase of at most 1,024 characters.';
const passphrase = z.string().min(1, 'Enter a passphrase.').max(1024, MAX_PASSPHRASE);
const newPassphrase = z
  .string()
  .min(8, 'Use at least 8 characters for the passphrase.')
  .max(1024, MAX_PASSPHRASE)
  .refine((s) => /\S/u.test(s), 'A passphrase cannot be only spaces; use words or other characters too.');
const personName = z.string().trim().min(1, 'Enter a name.').max(200);
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Colours are written as #RRGGBB.');
const language = z.enum(['en', 'es']);
const codeSchema = z.object({
  system: z.string().min(1).max(200),
  code: z.string().min(1).max(200),
  display: z.string().max(1000).optional(),
});
const entryKind = z.enum(ENTRY_KINDS);
const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** A file the renderer read itself (drag and drop) or a token for a file picked in a dialog. */
const fileInput = z.union([
  z.object({
    name: z.string().min(1).max(500),
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_FILE_BYTES, 'Files over 100 MB cannot be imported.'),
  }),
  z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'That file is no longer available; choose it again.') }),
]);
// A column mapping for a CSV layout Chartkeeper does not know (main/importers/csv-mapping).
const column = z.number().int().min(0).max(199);
const csvMapping = z
  .object({
    name: z.string().trim().min(1, 'Give the mapping a name.').max(100, 'Use a name of at most 100 characters.'),
    header: z.array(z.string().max(500)).min(2).max(200),
    delimiter: z.enum([',', ';', '\t']),
    date: z.object({ column, order: z.enum(['ymd', 'dmy', 'mdy', 'epoch-s', 'epoch-ms']) }).strict(),
    time: z.object({ column }).strict().optional(),
    zone: z
      .union([
        z.object({ local: z.literal(true) }).strict(),
        z.object({ utc: z.literal(true) }).strict(),
        z.object({ offset: z.string().regex(/^[+-]\d{2}:?\d{2}$/, 'Write a time zone offset like +01:00.') }).strict(),
        z.object({ iana: z.string().min(1).max(100) }).strict(),
        z.object({ column }).strict(),
      ])
      .optional(),
    decimal: z.enum(['.', ',']).optional(),
    values: z
      .array(
        z
          .object({
            column,
            measure: z.enum(MEASURE_IDS),
            unit: z.union([z.object({ fixed: z.string().max(40) }).strict(), z.object({ column }).strict()]),
          })
          .strict(),
      )
      .min(1, 'Choose at least one column that holds a measurement.')
      .max(50),
  })
  .strict();
// The schema and the importer's type describe the same thing.
true satisfies z.infer<typeof csvMapping> extends CsvMapping ? (CsvMapping extends z.infer<typeof csvMapping> ? true : false) : false;
const finite = z.number().finite().min(-1e9).max(1e9);
/** A reading or lab result the person typed in: the number, its unit, and the range the lab gave. */
const manualValue = z.object({ number: finite, text: z.string().max(40).optional(), unit: z.string().trim().max(40) }).strict();
const manualRange = z
  .object({ low: finite.optional(), high: finite.optional(), unit: z.string().max(40).optional(), text: z.string().max(100).optional() })
  .strict()
  .refine((r) => r.low === undefined || r.high === undefined || r.low <= r.high, 'The low end of the normal range is above its high end.');
const manualEntry = z.object({
  kind: z.enum(['medication', 'allergy', 'problem', 'immunization', 'note', 'appointment', 'question', 'result', 'vital']),
  value: manualValue.optional(),
  referenceRange: manualRange.optional(),
  title: z.string().trim().min(1, 'Enter a name.').max(500),
  status: z.string().max(50).optional(),
  start: partialDate.optional(),
  end: partialDate.optional(),
  codes: z.array(codeSchema).max(20).default([]),
  details: z
    .object({
      dose: z.string().max(200).optional(),
      route: z.string().max(200).optional(),
      frequency: z.string().max(200).optional(),
      instructions: z.string().max(2000).optional(),
      asNeeded: z.literal(true).optional(),
      asNeededFor: z.string().max(500).optional(),
      reactions: z.array(z.string().max(200)).max(20).optional(),
      severity: z.string().max(100).optional(),
      location: z.string().max(500).optional(),
      plannedFor: partialDate.optional(),
      comment: z.string().max(10_000).optional(),
      forClinician: z.boolean().optional(),
    })
    .strict()
    .default({}),
});
const shortText = (max: number) => z.string().trim().min(1).max(max);
/** The person's own values for some fields of an entry (model.ts CORRECTABLE_FIELDS). */
const personalCorrection = z
  .object({
    title: shortText(500).optional(),
    start: partialDate.optional(),
    end: partialDate.optional(),
    dose: shortText(200).optional(),
    frequency: shortText(200).optional(),
    instructions: shortText(2000).optional(),
    severity: shortText(100).optional(),
    asNeeded: z.enum(['yes', 'no']).optional(),
    asNeededFor: shortText(500).optional(),
  })
  .strict();
const personalStatement = z
  .object({
    profileId,
    entryId: id,
    kind: z.enum(PERSONAL_KINDS),
    /** The day the person says it; today when left out. */
    date: isoDay.optional(),
    note: z.string().trim().max(2000).optional(),
    correction: personalCorrection.optional(),
  })
  .strict()
  .refine((s) => (s.kind === 'correction') === (s.correction !== undefined && Object.keys(s.correction).length > 0), {
    message: 'A correction needs at least one corrected value, and only a correction carries values.',
  });
const timelineFilter = z
  .object({
    kinds: z.array(entryKind).max(20).optional(),
    providers: z.array(z.string().max(500)).max(100).optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
    text: z.string().max(500).optional(),
    /** Entries the person hid or said are wrong are left out unless this is set. */
    showHidden: z.boolean().optional(),
  })
  .strict()
  .default({});
const summarySections = z
  .object({
    medications: z.boolean(),
    allergies: z.boolean(),
    problems: z.boolean(),
    results: z.boolean(),
    immunizations: z.boolean(),
    // What is due by CDC's schedule (issue #18); a summary saved before it existed leaves it out.
    vaccinesDue: z.boolean().default(false),
    encounters: z.boolean(),
    procedures: z.boolean(),
    // The relatives' conditions; a summary saved before it existed leaves it out.
    familyHistory: z.boolean().default(false),
    questions: z.boolean(),
    notes: z.boolean(),
    education: z.boolean(),
  })
  .strict();
const summaryOptions = z
  .object({
    profileId,
    sections: summarySections,
    language,
    paper: z.enum(['A4', 'Letter']),
    preparedBy: z.string().max(200).optional(),
    notesForClinician: z.string().max(10_000).optional(),
    chosenTrendTests: z.array(z.string().max(50)).max(20).default([]),
    educationEntryIds: z.array(id).max(50).default([]),
    /** Items the person unticked (ids as summary.items lists them); allergies are always printed. */
    excludedEntryIds: z.array(id).max(10_000).default([]),
  })
  .strict();

// The emergency card (main/card). Phone numbers: digits and the punctuation people write.
const emergencyContact = z
  .object({
    name: z.string().trim().min(1, "Enter the contact's name.").max(200, 'Use at most 200 characters for the name.'),
    relation: z.string().trim().max(100, 'Use at most 100 characters for the relation.').optional(),
    phone: z
      .string()
      .trim()
      .min(1, 'Enter a phone number.')
      .max(40, 'Use at most 40 characters for the phone number.')
      .regex(/^\+?[0-9 ().\-/]*[0-9][0-9 ().\-/]*(\s*(ext\.?|x)\s*[0-9]+)?$/i, 'Write the phone number with digits, spaces, +, -, ( and ) only.'),
  })
  .strict();
const cardOptions = z
  .object({
    profileId,
    layout: z.enum(['page', 'wallet']).default('page'),
    language: language.optional(),
    paper: z.enum(['A4', 'Letter']).default('Letter'),
  })
  .strict();

// ---------------------------------------------------------------- output types

export interface VaultStatus {
  exists: boolean;
  unlocked: boolean;
  /** The vault folder currently in use (the user's choice or the default); shown on the create and unlock screens. */
  location: string;
}
/** A profile's file as far as Chartkeeper knows: fine, damaged (read-only until restored), or missing/empty. */
export type ProfileFileState = 'ok' | 'damaged' | 'missing';
export interface Profile {
  id: string;
  name: string;
  birthDate: string;
  sex?: string;
  colour: string;
  initials: string;
  createdAt: string;
  /** The profile's file inside the vault folder (profiles/<random id>.db), named when it is damaged or missing. */
  file: string;
  state: ProfileFileState;
}
/** What the check of every file after unlock found (vault.checkFiles). */
export interface FileCheckReport {
  /** The vault's own file (chartkeeper-vault.db). */
  vaultFile: 'ok' | 'damaged';
  profiles: Profile[];
}
export interface Settings {
  language: 'en' | 'es';
  idleLockMinutes: number;
  onlineLookups: boolean;
  updateChecks: boolean;
  /** Weights, temperatures and lengths in US (lb, °F, in) or metric (kg, °C, cm) units; stored values never change. */
  units: 'us' | 'metric';
  /**
   * Glucose (lab, meter, sensor) in mg/dL, in mmol/L, or "auto": a chart in the unit most of its
   * values were written in and every other value as written. Stored values never change.
   */
  glucoseUnit: 'auto' | 'mg/dL' | 'mmol/L';
  /** Tell the person when a vaccine dose becomes due (desktop notification, or in the app in browser mode); off until turned on. */
  dueNotifications: boolean;
}
/** A profile's file being brought up to this version's schema (profiles.prepare), as far as it can be known. */
export interface ProfileUpdateProgress {
  profileId: string;
  profileName: string;
  /** Migrations done, of `total`: each is one step, however long (the longest take tens of seconds on millions of readings). */
  done: number;
  total: number;
  /** The migration running, by its name. */
  running?: string;
  startedAt: string;
}
/** What the first screen of an unlocked vault needs (session.start). */
export interface SessionStart {
  settings: Settings;
  profiles: Profile[];
  /** The newest timeline page of the first profile, the one the app opens on. */
  firstTimeline?: { profileId: string; page: TimelinePage };
  /** The first profile's file must be updated for this version first (profiles.prepare); no page is brought then. */
  firstNeedsUpdate?: string;
}
export interface KindCounts {
  read: number;
  new: number;
  merged: number;
  skipped: number;
}
export interface FileImportReport {
  file: string;
  format?: FormatId;
  patient?: { name?: string; birthDate?: string };
  documents?: number;
  counts?: Partial<Record<ReportKind, KindCounts>>;
  skipped?: { kind: ReportKind; reason: string }[];
  /**
   * Every other sentence the importer wrote (entries of a type not read yet, readings kept as
   * summaries, values to check): `notice` lets the screen word it in the reader's language.
   */
  notes?: { reason: string; where?: string; notice?: ImportNotice }[];
  /** Same bytes imported before: nothing changed. */
  alreadyImported?: boolean;
  possibleDuplicates?: number;
  error?: string;
  errorKind?: ErrorKind;
  /** Set with errorKind 'identity-mismatch' so the UI can ask. */
  mismatchPatient?: PatientIdentity;
  /** A PDF or image, not a structured record: kept as a document of its own (papers.*). */
  keptDocument?: { id: number; title: string; mediaType: string; pageCount: number; pagesWithText: number; recognising?: boolean };
  /** An Apple Health export: what was kept, summarised and left out. */
  appleHealth?: AppleHealthImport;
  /** The person cancelled the import: nothing of it was written. */
  cancelled?: boolean;
  /** Set on a refused file that is a table of unknown layout: its columns can be mapped (csv.*), and the saved mappings made for this header. */
  csvLayout?: { header: string[]; mappings: string[] };
  /** Each SMART Health Card's issuer and what its signature check found. */
  cards?: HealthCardCheck[];
  /**
   * A card file imported before: the indices in `cards` of the cards whose document took a new
   * title on this import (its signature checked since, or found revoked).
   */
  cardsUpdated?: number[];
}
/**
 * What an Apple Health export held and what became of it, per HealthKit type as Apple names
 * it without its prefix ("HeartRate"; "BloodPressure" for a systolic/diastolic pair).
 */
export interface AppleHealthImport {
  /** Readings kept one by one. */
  kept: Record<string, number>;
  /** Readings kept as daily summaries (count, minimum, mean, maximum): how many, into how many. */
  summarised: Record<string, { readings: number; summaries: number }>;
  /**
   * Not kept, per type or element: "Workout", "WorkoutRoute" (a route), "RouteLocation" (a
   * point of a route), "BloodPressureCopies" (a Correlation's readings Apple also writes alone),
   * and files: "workout-routes", "electrocardiograms", "export_cda.xml", "other".
   */
  leftOut: Record<string, number>;
  /** Readings of kept types refused for a reason (listed in `skipped`). */
  refused: number;
  /** Readings or summaries already in the profile from an earlier export. */
  alreadyThere: number;
  /** Daily summaries replaced by this export's, which counts more readings. */
  summariesGrown: number;
  /** Daily summaries of fewer readings than the one kept before, which stays. */
  summariesSmaller: number;
  /** clinical-records/*.json: files read through the FHIR importer, and those it could not read (with the sentence). */
  clinicalRecords: { imported: number; failed: { file: string; error: string }[] };
}
/** An import running for a profile: how far it has read. */
export interface ImportProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  /** From the speed so far; absent until there is one. */
  secondsLeft?: number;
  finished: boolean;
  cancelled?: boolean;
}
export type { HealthCardCheck, HealthCardKeysMissing, HealthCardRevocationNote, HealthCardSignature, IssuerFetchFailure } from '../main/records/model.ts';
/** What the column-mapping dialog shows of a file (csv.layout). */
export interface CsvLayoutView extends CsvLayout {
  /** Saved mappings made for this same header, newest first. */
  mappings: CsvMapping[];
}
/** One line of a file as a mapping would store it. */
export interface CsvPreviewRow {
  line: number;
  cells: string[];
  readings: { title: string; code: string; value: string; unit: string; date: string }[];
  refused?: string;
  check?: string;
}
export interface CsvPreview {
  rows: CsvPreviewRow[];
  total: number;
}
export type { CsvMapping } from '../main/importers/csv-mapping/types.ts';
/** An issuer's signature keys kept in the vault (health cards), and its revocation list when one was given. */
export interface KeptIssuerKeys {
  issuer: string;
  keyIds: string[];
  addedAt: string;
  /** Revoked card ids (rid) per key id, with the list's version. */
  revocations: { kid: string; ctr: number; rids: number }[];
  /** When keys were fetched from the issuer's address (online lookups on): where, when, which key ids. */
  fetchedFrom?: string;
  fetchedAt?: string;
  fetchedKeyIds?: string[];
}
export interface ImportReport {
  files: FileImportReport[];
}
export interface TimelineItem {
  id: number;
  kind: EntryKind;
  title: string;
  date?: PartialDate;
  end?: PartialDate;
  status?: string;
  /** The value as stored for search ("7.2 %"); screens read `quantity` instead. */
  value?: string;
  /** The value, reference range and interpretation code as the source gave them. */
  quantity?: Quantity;
  referenceRange?: ReferenceRange;
  interpretation?: string;
  /** A lab panel's name and code, and the entry's primary code: what groups rows when shown (main/records/readable/groups.ts). */
  panel?: string;
  panelCodes?: Code[];
  codes?: Code[];
  providers: string[];
  sourceCount: number;
  manual: boolean;
  /** Set when the person hid the entry or said it is wrong (only listed with `showHidden`). */
  hiddenBy?: 'wrong' | 'hidden';
  /** The name the person corrected the entry to; `title` stays the sources'. */
  correctedTitle?: string;
}
export interface TimelinePage {
  items: TimelineItem[];
  /** Opaque keyset cursor for the next page; absent at the end. */
  nextCursor?: string;
}
/** A page of search results, best first. */
export interface EntrySearch {
  items: TimelineItem[];
  /** Opaque keyset cursor for the next page of the same search; absent at the end. */
  nextCursor?: string;
  /**
   * How many entries match, counted from the search index; on the first page only, and absent
   * when `newestOnly` is set (more matched than were counted).
   */
  total?: number;
  /**
   * Set when a searched word is in so many entries (a word of every reading of a device) that
   * only this many matches, those added most recently, were ranked; more matched.
   */
  newestOnly?: number;
}
/** Two entries flagged as possibly the same thing (the Possible duplicates page). */
export interface DuplicatePair {
  entry: StoredEntry;
  other: StoredEntry;
  /** Why they were flagged, as reconciliation wrote it (worded for the reader by readable/duplicate-reasons.ts). */
  reason: string;
  /** Kept apart by the person. */
  keptApart: boolean;
}
/** A merge made by the person, which can be undone until something else has moved its sources. */
export interface MergeRecord {
  id: number;
  keptEntryId: number;
  kind: EntryKind;
  /** The titles of the two entries as they were merged: the kept one first. */
  titles: [string, string];
  mergedAt: string;
  undoneAt?: string;
  /** Why it cannot be undone any more, when it cannot. */
  cannotUndo?: 'merged-again' | 'sources-moved';
}
export interface MergeResult {
  entry: StoredEntry;
  mergeId: number;
}
export interface SourceSummary {
  id: number;
  fileName?: string;
  format: FormatId | 'manual';
  provider: string;
  documentTitle?: string;
  documentDate?: PartialDate;
  importedAt: string;
  patient?: PatientIdentity;
  entryCount: number;
}
export interface SourceDocument extends SourceSummary {
  sections: DocumentSection[];
  /** What the document says there is none of ("No known medications"), not entries. */
  statements: NoneKnownStatement[];
  attachments: { index: number; title?: string; mediaType: string; size: number }[];
}
export interface TrendPoint {
  entryId: number;
  date: PartialDate;
  /** In the series' display unit. */
  value: number;
  originalValue: number;
  originalUnit?: string;
  low?: number;
  high?: number;
  outOfRange: boolean;
  flag?: AbnormalFlag;
  sources: string[];
  /** A daily summary of many readings: how many, lowest and highest in the display unit (`value` is the mean). */
  readings?: { count: number; min: number; max: number };
  /** Glucose in the fluid under the skin (a sensor) or another body fluid, not blood. */
  specimen?: 'fluid';
}
/** Why a value is not drawn (main/records/trends.ts UndrawnWhy); the renderer words it. */
export type TrendUndrawnWhy = 'no-date' | 'no-value' | 'not-a-number' | 'no-unit' | 'unit-vs-none' | 'unknown-unit' | 'needs-molecular-weight' | 'not-convertible';
export interface TrendUndrawn {
  entryId: number;
  /** The same in one English sentence. */
  reason: string;
  why: TrendUndrawnWhy;
  date?: PartialDate;
  /** The value and its unit as the source wrote them. */
  value?: string;
  unit?: string;
  /** The series' display unit (UCUM) it could not be shown in. */
  displayUnit?: string;
  sources: string[];
}
export interface TrendSeries {
  /** A LOINC code, or a name key ("name:…") for results the source gave no LOINC code. */
  code: string;
  /** Every LOINC code the series draws from (eGFR has several); none for a name key. */
  loincs: string[];
  /** Grouped by the test's name as the source wrote it (no LOINC code given). */
  byName: boolean;
  /** The specimen such a group is for, when the source named one (lower case). */
  specimen?: string;
  title: string;
  /** Display unit as UCUM ('' when none) and as a person writes it. */
  unit: string;
  unitLabel: string;
  /** Oldest first. */
  points: TrendPoint[];
  referenceBands: { from: PartialDate; to: PartialDate; low?: number; high?: number }[];
  /** Every value not drawn, with why, oldest first. */
  skipped: TrendUndrawn[];
  /** Points of the series in the range asked for, before reduction for the screen. */
  total: number;
  /** `points` are each pixel column's first, last, lowest and highest point, not every point. */
  reduced: boolean;
  /** The whole series' first and last date (for zooming out). */
  first?: PartialDate;
  last?: PartialDate;
}
/** One page of the table of every point of a series in a range, newest first. */
export interface TrendTablePage {
  total: number;
  offset: number;
  points: TrendPoint[];
}
export interface TrendTest {
  code: string;
  title: string;
  /** Grouped by the test's name as the source wrote it (no LOINC code given). */
  byName: boolean;
  /** The specimen such a group is for, when the source named one (lower case). */
  specimen?: string;
  count: number;
  latestDate: PartialDate;
  latestValue: number;
  latestUnit?: string;
}
export interface EducationTopicView {
  title: string;
  url: string;
  summary: NarrativeNode[];
  source?: string;
  language: 'en' | 'es';
}
export interface EducationView {
  status: 'found' | 'empty' | 'unavailable';
  topics: EducationTopicView[];
  fromCache: boolean;
  fetchedAt?: string;
  message?: string;
}
export interface EducationCacheRow {
  system: string;
  code: string;
  language: 'en' | 'es';
  fetchedAt: string;
  titles: string[];
  links: string[];
}
/** Why a prefetch run ended before its last topic. */
export type PrefetchStop = 'online-off' | 'offline' | 'refused' | 'malformed' | 'cancelled' | 'error';
export interface PrefetchProgress {
  done: number;
  total: number;
  failed: number;
  finished: boolean;
  message?: string;
  /** Set on a finished run that stopped early; the caller words it (the app and the CLI differ). */
  stoppedBecause?: PrefetchStop;
  /** When MedlinePlus lookups are paused after a failed request: the moment the pause ends (ISO). */
  retryAfter?: string;
}
/** Someone to call in an emergency, printed on the emergency card. */
export interface EmergencyContact {
  name: string;
  relation?: string;
  phone: string;
}
/** What "Add a shared profile" did: a new profile, or a merge with an import report per file. */
export interface ShareReceiveReport {
  profile: Profile;
  created: boolean;
  files: FileImportReport[];
  /** What was typed by hand in the shared copy (entries, and statements such as "I no longer take this"): added now, or already here. */
  handEntries: { added: number; alreadyThere: number };
  /**
   * The merges of entries made by hand in the shared copy: made here too, already one entry
   * here, or not made because this copy said the entries are different (kept apart).
   */
  merges: { carried: number; alreadyThere: number; keptApart: number };
  /** Emergency contacts of the shared copy added here, and those a card had no room for. */
  contacts: { added: number; notAdded: EmergencyContact[] };
}
export interface AuditRow {
  id: number;
  at: string;
  action: string;
  profileId?: string;
  detail: string;
}

export type { KeptDocument, KeptDocumentHit, KeptFileInfo, RecognitionProgress } from '../main/documents/types.ts';
export type { DocumentKind } from '../main/documents/kinds.ts';
export type { ProposedResult } from '../main/documents/lab-lines/index.ts';

/** Results read from a kept document's text, for the person to review ("Add these results"). */
export interface ResultProposals {
  proposals: ProposedResult[];
  /** The document's date, the default date of each result. */
  date?: string;
}

export type { Glance, GlanceItem, GlanceResult, ProviderImport } from '../main/glance/select.ts';
export interface SummaryItemSection {
  section: 'clinicianNotes' | 'medications' | 'problems' | 'results' | 'immunizations' | 'encounters' | 'procedures' | 'familyHistory' | 'questions' | 'notes';
  items: { id: number; title: string; date?: string }[];
}
export type {
  ConfirmedObservation,
  DueNotice,
  HandChosenVaccine,
  ImmunizationChoices,
  ProposedObservation,
  ScheduleObservation,
  ImmunizationDoseEvaluation,
  ImmunizationForecast,
  ImmunizationGroupForecast,
  ImmunizationProfileForecast,
  NotCountedDose,
  NotCountedWhy,
} from '../main/immunizations/types.ts';

// ---------------------------------------------------------------- channels

interface ChannelDef<I extends z.ZodType, O> {
  input: I;
  /** Phantom: the output type, carried for the mapped types below. */
  output: O;
  errors: readonly ErrorKind[];
}
function channel<O>() {
  return <I extends z.ZodType>(input: I, errors: readonly ErrorKind[]): ChannelDef<I, O> => ({
    input,
    output: undefined as unknown as O,
    errors,
  });
}
const none = z.object({}).strict().default({});
const profileOnly = z.object({ profileId }).strict();
const trendCode = z.string().min(1).max(230);
const trendDay = isoDay;
const LOCKED = ['locked', 'invalid-input', 'busy'] as const;
const codeText = z.union([z.string().max(20), z.number().int().min(0).max(999)]);
// The engine checks dates and codes and says in one sentence what is wrong; this bounds the size.
const immunizationHistory = z
  .object({
    birthDate: z.string().max(20),
    sex: z.string().max(10).nullish(),
    assessmentDate: z.string().max(20).nullish(),
    doses: z.array(z.object({ date: z.string().max(20), cvx: codeText, mvx: z.string().max(20).nullish() }).strict()).max(1000).default([]),
    observations: z.array(z.object({ code: codeText, date: z.string().max(20).nullish() }).strict()).max(200).default([]),
  })
  .strict();
// Kept documents (a person's own PDFs, scans and photos).
const documentId = id;
const documentKind = z.enum(DOCUMENT_KINDS);
/** A document's date as the person knows it: a year, a month or a day. */
const documentDate = z.union([isoDay, z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'Use a date like 2024-03-01, 2024-03 or 2024.')]);
const documentDetails = {
  title: z.string().trim().min(1, 'Enter a title.').max(300, 'Use a title of at most 300 characters.').optional(),
  date: documentDate.nullable().optional(),
  kind: documentKind.optional(),
  notes: z.string().max(10_000, 'The notes are too long; use at most 10,000 characters.').optional(),
  entryIds: z.array(id).max(200).optional(),
};
const documentFiles = z.array(fileInput).min(1, 'Choose at least one file.').max(DOCUMENT_LIMITS.maxFilesPerDocument, `A document holds at most ${DOCUMENT_LIMITS.maxFilesPerDocument} files.`);
const documentFile = { profileId, documentId, position: z.number().int().min(0).max(1000) };
/** Start finding the words in the document's pictures once it is kept (papers.recognizeProgress follows it). */
const recognise = z.boolean().optional();
const DOCUMENT_WRITE = [...LOCKED, 'not-found', 'unreadable-file', 'duplicate-file', 'disk-full'] as const;
/** A result read from a document as the person confirmed it; `index` is its place in papers.proposeResults' answer. */
const confirmedResult = z
  .object({
    index: z.number().int().min(0).max(10_000),
    name: z.string().trim().min(1, 'Enter the name of each result to add.').max(200, 'Use a name of at most 200 characters.'),
    value: z.string().trim().min(1, 'Enter the value of each result to add.').max(60, 'Use a value of at most 60 characters.'),
    unit: z.string().trim().max(40, 'Use a unit of at most 40 characters.').optional(),
    range: z.string().trim().max(120, 'Use a range of at most 120 characters.').optional(),
    flag: z.enum(['H', 'L', 'HH', 'LL', 'A', 'AA']).optional(),
    date: documentDate.optional(),
  })
  .strict();

const sessionStartInput = z.object({ timelineLimit: z.number().int().min(1).max(500).default(100) }).strict();

export const CONTRACT = {
  'vault.status': channel<VaultStatus>()(none, []),
  'vault.create': channel<VaultStatus>()(
    z.object({ passphrase: newPassphrase }).strict(),
    ['vault-exists', 'invalid-input', 'disk-full', 'busy'],
  ),
  /**
   * With `session`, the answer also carries what session.start would return, so the first
   * screen needs no further round trip after the key derivation.
   */
  'vault.unlock': channel<VaultStatus & { session?: SessionStart }>()(z.object({ passphrase, session: sessionStartInput.optional() }).strict(), [
    'no-vault',
    'wrong-passphrase',
    'corrupt',
    'too-new',
    'invalid-input',
    'busy',
  ]),
  'vault.lock': channel<VaultStatus>()(none, []),
  /** Shows a folder dialog (only while locked); null when the user cancels. */
  'vault.chooseFolder': channel<VaultStatus | null>()(none, ['unavailable', 'invalid-input']),
  /**
   * Waits for the check of every file that starts after unlock (page authentication in the
   * background) and answers with what it found; asked for after the first screen is shown.
   */
  'vault.checkFiles': channel<FileCheckReport>()(none, LOCKED),
  'vault.changePassphrase': channel<null>()(
    z.object({ current: passphrase, next: newPassphrase }).strict(),
    ['locked', 'wrong-passphrase', 'disk-full', 'invalid-input', 'busy'],
  ),

  'settings.get': channel<Settings>()(none, LOCKED),
  'settings.set': channel<Settings>()(
    z
      .object({
        language: language.optional(),
        idleLockMinutes: z.number().int().min(1).max(240).optional(),
        onlineLookups: z.boolean().optional(),
        updateChecks: z.boolean().optional(),
        units: z.enum(['us', 'metric']).optional(),
        glucoseUnit: z.enum(['auto', 'mg/dL', 'mmol/L']).optional(),
        dueNotifications: z.boolean().optional(),
      })
      .strict(),
    LOCKED,
  ),

  /**
   * Settings, profiles and the first profile's newest timeline page in one answer: one round
   * trip between unlocking and the first rows instead of three. The page is left out when
   * there is no profile or its file cannot be read; the timeline then asks for it itself.
   */
  'session.start': channel<SessionStart>()(sessionStartInput, LOCKED),

  'profiles.list': channel<Profile[]>()(none, LOCKED),
  /**
   * Opens a profile's file and, after an update of Chartkeeper, brings it to this version's
   * schema (one transaction; tens of seconds on a very large profile). Answers how many
   * migrations ran. profiles.updateProgress says meanwhile how far it has come.
   */
  'profiles.prepare': channel<{ migrations: number }>()(profileOnly, [...LOCKED, 'not-found', 'too-new', 'corrupt', 'disk-full']),
  'profiles.updateProgress': channel<ProfileUpdateProgress | null>()(none, LOCKED),
  'profiles.add': channel<Profile>()(
    z.object({ name: personName, birthDate: isoDay, sex: z.string().max(40).optional(), colour: colour.optional() }).strict(),
    [...LOCKED, 'conflict', 'disk-full'],
  ),
  'profiles.update': channel<Profile>()(
    z
      .object({
        profileId,
        name: personName.optional(),
        birthDate: isoDay.optional(),
        sex: z.string().max(40).optional(),
        colour: colour.optional(),
      })
      .strict(),
    [...LOCKED, 'not-found', 'conflict'],
  ),
  'profiles.delete': channel<null>()(
    z.object({ profileId, confirmName: z.string().max(200) }).strict(),
    [...LOCKED, 'not-found'],
  ),

  'import.files': channel<ImportReport>()(
    z
      .object({
        profileId,
        files: z.array(fileInput).min(1).max(200),
        force: z.boolean().default(false),
        recognise,
        /** Read CSVs of unknown layout with this column mapping (the dialog's, or a saved one). */
        mapping: csvMapping.optional(),
        /** Keep every sensor reading of a glucose file, and every heart-rate, step and watch oxygen sample of an Apple Health export, instead of daily summaries. */
        everySample: z.boolean().default(false),
        /** Health card key sets (jwks.json) and revocation lists chosen together with these files: used to check cards, not imported. */
        keyFiles: z.array(fileInput).max(20).default([]),
      })
      .strict(),
    [...LOCKED, 'not-found'],
  ),
  // The import running for this profile (null when none has run since the app started), and cancelling it.
  'import.progress': channel<ImportProgress | null>()(profileOnly, [...LOCKED, 'not-found']),
  'import.cancel': channel<ImportProgress | null>()(profileOnly, [...LOCKED, 'not-found']),

  /** What a CSV of unknown layout holds (header, first rows, decimal commas) and the saved mappings for its header. */
  'csv.layout': channel<CsvLayoutView>()(z.object({ file: fileInput }).strict(), [...LOCKED, 'not-found', 'unreadable-file']),
  /** The first lines of a file as a mapping would store them, each reading or the reason a line is refused. */
  'csv.preview': channel<CsvPreview>()(
    z.object({ file: fileInput, mapping: csvMapping, limit: z.number().int().min(1).max(100).default(12) }).strict(),
    [...LOCKED, 'not-found', 'unreadable-file'],
  ),
  /** Saved column mappings (kept in the vault, offered for any profile's next file with the same header). */
  'csv.mappings': channel<CsvMapping[]>()(none, LOCKED),
  'csv.saveMapping': channel<CsvMapping[]>()(z.object({ mapping: csvMapping, replace: z.boolean().default(false) }).strict(), [...LOCKED, 'conflict']),
  'csv.deleteMapping': channel<CsvMapping[]>()(z.object({ name: z.string().min(1).max(100) }).strict(), [...LOCKED, 'not-found']),

  /** Health card issuers' keys kept in the vault, used to check later cards (fetched from an issuer only with online lookups on: main/issuer-keys). */
  'cardKeys.list': channel<KeptIssuerKeys[]>()(none, LOCKED),
  /** Keeps an issuer's key set (a jwks.json) or a revocation list (a .crl JSON) the person chose. */
  'cardKeys.add': channel<KeptIssuerKeys[]>()(
    z
      .object({
        issuer: z.string().trim().regex(/^https:\/\/\S+$/, 'Give the issuer as the address the card names (https://…).').max(500),
        file: fileInput.optional(),
        /** Public keys offered by an import report (a jwks.json found beside a card). */
        keys: z.array(z.record(z.string(), z.unknown())).min(1).max(50).optional(),
      })
      .strict()
      .refine((v) => (v.file === undefined) !== (v.keys === undefined), { message: 'Choose a key file (jwks.json) or a revocation list.' }),
    [...LOCKED, 'not-found', 'unreadable-file'],
  ),
  'cardKeys.remove': channel<KeptIssuerKeys[]>()(z.object({ issuer: z.string().min(1).max(500) }).strict(), [...LOCKED, 'not-found']),
  /** Fetches and keeps an issuer's key set from `<issuer>/.well-known/jwks.json`; only with online lookups on. */
  'cardKeys.fetch': channel<KeptIssuerKeys[]>()(
    z.object({ issuer: z.string().trim().regex(/^https:\/\/\S+$/, 'Give the issuer as the address the card names (https://…).').max(500) }).strict(),
    [...LOCKED, 'unavailable', 'offline'],
  ),

  'timeline.page': channel<TimelinePage>()(
    z
      .object({
        profileId,
        filter: timelineFilter,
        cursor: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    [...LOCKED, 'not-found'],
  ),
  'timeline.providers': channel<string[]>()(profileOnly, [...LOCKED, 'not-found']),
  'search.entries': channel<EntrySearch>()(
    z
      .object({
        profileId,
        text: z.string().trim().min(1, 'Type something to search for.').max(500),
        cursor: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    [...LOCKED, 'not-found'],
  ),

  'records.list': channel<StoredEntry[]>()(
    z.object({ profileId, kinds: z.array(entryKind).min(1).max(20) }).strict(),
    [...LOCKED, 'not-found'],
  ),
  'records.get': channel<StoredEntry>()(z.object({ profileId, entryId: id }).strict(), [...LOCKED, 'not-found']),
  'records.save': channel<StoredEntry>()(
    z
      .object({ profileId, entryId: id.optional(), entry: manualEntry })
      .strict()
      .refine((v) => (v.entry.kind === 'result' || v.entry.kind === 'vital') === (v.entry.value !== undefined), {
        message: 'A reading or a lab result needs its value, and only those carry one.',
      })
      .refine((v) => v.entry.referenceRange === undefined || v.entry.kind === 'result' || v.entry.kind === 'vital', { message: 'Only a reading or a lab result has a normal range.' })
      .refine((v) => v.entry.kind !== 'vital' || v.entry.start !== undefined, { message: 'Enter the date of the reading.' }),
    [...LOCKED, 'not-found', 'conflict'],
  ),
  // The documents' "no known allergies / medications / problems" statements (kept with each
  // document, not as entries), for a list that has nothing current.
  'records.noneKnown': channel<SourceNoneKnown[]>()(
    z.object({ profileId, kinds: z.array(z.enum(['allergies', 'medications', 'problems'])).min(1).max(3) }).strict(),
    [...LOCKED, 'not-found'],
  ),
  'records.delete': channel<null>()(z.object({ profileId, entryId: id }).strict(), [...LOCKED, 'not-found', 'conflict']),
  'records.merge': channel<MergeResult>()(
    z.object({ profileId, keepEntryId: id, mergeEntryId: id }).strict(),
    [...LOCKED, 'not-found', 'conflict'],
  ),
  'records.split': channel<StoredEntry[]>()(
    z.object({ profileId, entryId: id, sourceId: id }).strict(),
    [...LOCKED, 'not-found', 'conflict'],
  ),
  'records.dismissDuplicate': channel<null>()(
    z.object({ profileId, entryId: id, otherEntryId: id }).strict(),
    [...LOCKED, 'not-found'],
  ),

  /**
   * The person's own statement about an entry ("I no longer take this", "This is wrong", hide,
   * a correction), kept beside what the sources said; answers with the entry as it now reads.
   */
  'statements.add': channel<StoredEntry>()(personalStatement, [...LOCKED, 'not-found', 'conflict']),
  /** Withdraws one of the person's statements (undo); answers with the entry. */
  'statements.withdraw': channel<StoredEntry>()(z.object({ profileId, statementId: id }).strict(), [...LOCKED, 'not-found']),

  'duplicates.list': channel<DuplicatePair[]>()(
    z.object({ profileId, keptApart: z.boolean().default(false) }).strict(),
    [...LOCKED, 'not-found'],
  ),
  'duplicates.count': channel<number>()(profileOnly, [...LOCKED, 'not-found']),
  'duplicates.ofEntry': channel<DuplicatePair[]>()(z.object({ profileId, entryId: id }).strict(), [...LOCKED, 'not-found']),
  'duplicates.reviewAgain': channel<null>()(
    z.object({ profileId, entryId: id, otherEntryId: id }).strict(),
    [...LOCKED, 'not-found'],
  ),
  'duplicates.merges': channel<MergeRecord[]>()(profileOnly, [...LOCKED, 'not-found']),
  'duplicates.undoMerge': channel<StoredEntry[]>()(
    z.object({ profileId, mergeId: id }).strict(),
    [...LOCKED, 'not-found', 'conflict'],
  ),

  'documents.list': channel<SourceSummary[]>()(profileOnly, [...LOCKED, 'not-found']),
  'documents.get': channel<SourceDocument>()(z.object({ profileId, sourceId: id }).strict(), [...LOCKED, 'not-found']),

  'documents.attachment': channel<{ title?: string; mediaType: string; text?: string }>()(
    z.object({ profileId, sourceId: id, index: z.number().int().min(0).max(1000) }).strict(),
    [...LOCKED, 'not-found'],
  ),
  'documents.saveAttachment': channel<{ savedTo: string } | null>()(
    z.object({ profileId, sourceId: id, index: z.number().int().min(0).max(1000) }).strict(),
    [...LOCKED, 'not-found', 'disk-full'],
  ),

  /** Kept documents, newest first. */
  'papers.list': channel<KeptDocument[]>()(profileOnly, [...LOCKED, 'not-found']),
  'papers.get': channel<KeptDocument>()(z.object({ profileId, documentId }).strict(), [...LOCKED, 'not-found']),
  /** Keeps one document made of the files given (pages, front and back); each is checked first, and one refused file keeps nothing. */
  'papers.add': channel<KeptDocument>()(z.object({ profileId, files: documentFiles, ...documentDetails, recognise }).strict(), DOCUMENT_WRITE),
  'papers.addFiles': channel<KeptDocument>()(z.object({ profileId, documentId, files: documentFiles, recognise }).strict(), DOCUMENT_WRITE),
  'papers.update': channel<KeptDocument>()(z.object({ profileId, documentId, ...documentDetails }).strict(), [...LOCKED, 'not-found']),
  'papers.delete': channel<null>()(z.object({ profileId, documentId }).strict(), [...LOCKED, 'not-found', 'conflict']),
  /** One file's bytes for the viewer; where a photo was taken is left out unless includeLocation. */
  'papers.file': channel<{ name: string; mediaType: string; bytes: Uint8Array; locationRemoved: boolean }>()(
    z.object({ ...documentFile, includeLocation: z.boolean().default(false) }).strict(),
    [...LOCKED, 'not-found'],
  ),
  /** Saves a copy of one file where the person chooses; without its location unless includeLocation. */
  'papers.saveCopy': channel<{ savedTo: string } | null>()(
    z.object({ ...documentFile, includeLocation: z.boolean().default(false) }).strict(),
    [...LOCKED, 'not-found', 'disk-full', 'unavailable'],
  ),
  /** A small picture of the first page the viewer made, kept so the list need not render every file. */
  'papers.saveThumbnail': channel<null>()(
    z
      .object({
        ...documentFile,
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= DOCUMENT_LIMITS.maxThumbnailBytes, 'That picture is too large for a thumbnail.'),
      })
      .strict(),
    [...LOCKED, 'not-found'],
  ),
  /** The JPEG picture main drew of a HEIC or TIFF page (1-based): what the viewer shows for those formats. */
  'papers.picture': channel<{ mediaType: string; bytes: Uint8Array }>()(
    z.object({ ...documentFile, page: z.number().int().min(1).max(DOCUMENT_LIMITS.maxPdfPages) }).strict(),
    [...LOCKED, 'not-found'],
  ),
  /** Pages of kept documents holding every word (their own text), best first. */
  'papers.search': channel<KeptDocumentHit[]>()(
    z.object({ profileId, text: z.string().trim().min(1, 'Type something to search for.').max(500), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    [...LOCKED, 'not-found'],
  ),
  /**
   * Starts finding the words in the document's photos and scans on this computer (tesseract.js,
   * the person's language), or answers with the run already going; follow it with
   * papers.recognizeProgress, stop it with papers.recognizeCancel.
   */
  'papers.recognize': channel<RecognitionProgress>()(z.object({ profileId, documentId }).strict(), [...LOCKED, 'not-found']),
  'papers.recognizeProgress': channel<RecognitionProgress | null>()(z.object({ profileId, documentId }).strict(), [...LOCKED, 'not-found']),
  'papers.recognizeCancel': channel<RecognitionProgress | null>()(z.object({ profileId, documentId }).strict(), [...LOCKED, 'not-found']),
  'papers.forEntry': channel<KeptDocument[]>()(z.object({ profileId, entryId: id }).strict(), [...LOCKED, 'not-found']),
  /** Lines of the document's text that read as results (test, value, unit, range), proposed, never added. */
  'papers.proposeResults': channel<ResultProposals>()(z.object({ profileId, documentId }).strict(), [...LOCKED, 'not-found']),
  /** Adds the results the person confirmed, the document as their source; answers with how many are new and how many were already in the record. */
  'papers.addResults': channel<{ added: number; merged: number }>()(
    z
      .object({
        profileId,
        documentId,
        results: z.array(confirmedResult).min(1, 'Tick at least one result to add.').max(500),
      })
      .strict(),
    [...LOCKED, 'not-found', 'disk-full'],
  ),
  /** The kept document an entry's source is, when it is one (results added from it). */
  'papers.ofSource': channel<{ documentId: number; position: number; title: string } | null>()(z.object({ profileId, sourceId: id }).strict(), [...LOCKED, 'not-found']),

  'trends.tests': channel<TrendTest[]>()(profileOnly, [...LOCKED, 'not-found']),
  'trends.series': channel<TrendSeries>()(
    // A LOINC code, or a name key: "name:", a test's name and its specimen (trendKeysOf).
    // With `columns` (the chart's width in pixels), a long series comes reduced for the
    // screen; `from`/`to` (days) zoom in.
    z.object({ profileId, code: trendCode, from: trendDay.optional(), to: trendDay.optional(), columns: z.number().int().min(20).max(4000).optional() }).strict(),
    [...LOCKED, 'not-found'],
  ),
  'trends.table': channel<TrendTablePage>()(
    z.object({ profileId, code: trendCode, from: trendDay.optional(), to: trendDay.optional(), offset: z.number().int().min(0).max(100_000_000), limit: z.number().int().min(1).max(500) }).strict(),
    [...LOCKED, 'not-found'],
  ),

  'education.lookup': channel<EducationView>()(
    z.object({ profileId, entryId: id, language }).strict(),
    [...LOCKED, 'not-found', 'offline', 'unavailable'],
  ),
  'education.prefetch': channel<PrefetchProgress>()(
    z.object({ profileId, languages: z.array(language).min(1).max(2) }).strict(),
    [...LOCKED, 'not-found', 'offline', 'unavailable'],
  ),
  // The run started by education.prefetch for this profile (running or ended), without starting one.
  'education.prefetchProgress': channel<PrefetchProgress | null>()(profileOnly, [...LOCKED, 'not-found']),
  'education.prefetchCancel': channel<PrefetchProgress | null>()(profileOnly, [...LOCKED, 'not-found']),
  'education.cached': channel<EducationCacheRow[]>()(profileOnly, [...LOCKED, 'not-found']),

  'summary.html': channel<string>()(summaryOptions, [...LOCKED, 'not-found']),
  'summary.pdf': channel<{ savedTo: string } | null>()(summaryOptions, [...LOCKED, 'not-found', 'unavailable', 'disk-full']),
  'summary.print': channel<null>()(summaryOptions, [...LOCKED, 'not-found', 'unavailable']),
  /** What each section of the summary would print, for choosing items one by one. */
  'summary.items': channel<SummaryItemSection[]>()(
    z.object({ profileId, language, chosenTrendTests: z.array(z.string().max(50)).max(20).default([]) }).strict(),
    [...LOCKED, 'not-found'],
  ),
  'summary.lastChoice': channel<z.infer<typeof summaryOptions> | null>()(profileOnly, [...LOCKED, 'not-found']),

  'card.contacts': channel<EmergencyContact[]>()(profileOnly, [...LOCKED, 'not-found']),
  'card.setContacts': channel<EmergencyContact[]>()(
    z.object({ profileId, contacts: z.array(emergencyContact).max(5, 'A card holds at most 5 emergency contacts.') }).strict(),
    [...LOCKED, 'not-found', 'disk-full'],
  ),
  'card.html': channel<string>()(cardOptions, [...LOCKED, 'not-found']),
  'card.pdf': channel<{ savedTo: string } | null>()(cardOptions, [...LOCKED, 'not-found', 'unavailable', 'disk-full']),

  /** Kept documents travel as DocumentReferences; a photo's location only with includeLocation. */
  'export.fhir': channel<{ savedTo: string } | null>()(z.object({ profileId, includeLocation: z.boolean().default(false) }).strict(), [...LOCKED, 'not-found', 'disk-full', 'unavailable']),
  'export.ips': channel<{ savedTo: string } | null>()(
    z.object({ profileId, language: language.optional() }).strict(),
    [...LOCKED, 'not-found', 'disk-full', 'unavailable'],
  ),
  /** Every original and kept file; a photo's location only with includeLocation. */
  'export.originals': channel<{ savedTo: string } | null>()(z.object({ profileId, includeLocation: z.boolean().default(false) }).strict(), [...LOCKED, 'not-found', 'disk-full', 'unavailable']),
  'backup.create': channel<{ savedTo: string } | null>()(
    z.object({ profileId: profileId.optional(), passphrase: newPassphrase }).strict(),
    [...LOCKED, 'not-found', 'disk-full', 'unavailable'],
  ),
  'backup.restore': channel<{ profiles: Profile[] }>()(
    z.object({ file: fileInput, passphrase }).strict(),
    [...LOCKED, 'wrong-passphrase', 'corrupt', 'too-new', 'conflict'],
  ),

  // Another caregiver's copy (main/api/share.ts): a one-profile backup under the recipient's passphrase.
  'share.create': channel<{ savedTo: string } | null>()(
    z.object({ profileId, passphrase: newPassphrase, keeper: z.string().trim().min(1).max(200).optional() }).strict(),
    [...LOCKED, 'not-found', 'disk-full', 'unavailable'],
  ),
  'share.receive': channel<ShareReceiveReport>()(
    z.object({ file: fileInput, passphrase, intoProfileId: profileId.optional(), force: z.boolean().default(false) }).strict(),
    [...LOCKED, 'not-found', 'wrong-passphrase', 'corrupt', 'too-new', 'conflict', 'identity-mismatch', 'disk-full'],
  ),

  'audit.list': channel<AuditRow[]>()(z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(), LOCKED),

  // A forecast from a history given as data (the CLI's `immunizations forecast`); needs no vault.
  'immunizations.forecast': channel<ImmunizationForecast>()(immunizationHistory, ['invalid-input']),
  // A forecast from the profile's immunizations (completed doses with a CVX code).
  'immunizations.profile': channel<ImmunizationProfileForecast>()(
    z.object({ profileId, assessmentDate: isoDay.optional() }).strict(),
    [...LOCKED, 'not-found'],
  ),
  // CDC's vaccines (CVX) and coded observations by name, for choosing by hand; needs no vault.
  'immunizations.choices': channel<ImmunizationChoices>()(none, []),
  /**
   * The person's answer about one CDSi observation: "yes" (it applies; the forecast uses it),
   * "no" (a proposal from the record that does not apply), or null to take an answer back.
   * `entryId` names the record entry a proposal came from; without it, the person adds it.
   */
  'immunizations.observation': channel<null>()(
    z
      .object({
        profileId,
        code: z.string().regex(/^\d{1,3}$/, "That is not one of CDC's coded observations."),
        entryId: id.nullish(),
        answer: z.enum(['yes', 'no']).nullable(),
      })
      .strict(),
    [...LOCKED, 'not-found'],
  ),
  // The vaccine the person chose for a dose the record gave no usable CVX code for; null takes it back.
  'immunizations.chooseVaccine': channel<null>()(
    z.object({ profileId, entryId: id, cvx: z.string().regex(/^\d{1,3}$/, 'That is not a CVX code.').nullable() }).strict(),
    [...LOCKED, 'not-found'],
  ),
  // Doses that have become due across the profiles and were not told about yet; none while dueNotifications is off.
  'immunizations.notices': channel<DueNotice[]>()(none, LOCKED),
  // The notices the person has been told about (a desktop notification shown, or the in-app one dismissed).
  'immunizations.noticesSeen': channel<null>()(z.object({ keys: z.array(z.string().min(1).max(300)).min(1).max(500) }).strict(), LOCKED),

  // At a glance: current problems, medications and allergies, abnormal latest results, what is
  // coming up and the last imports. `today` is the reader's calendar day (the renderer's clock).
  'glance.get': channel<Glance>()(z.object({ profileId, today: isoDay.optional(), language: language.optional() }).strict(), [...LOCKED, 'not-found']),

  'dialog.openFiles': channel<{ token: string; name: string }[]>()(
    z.object({ purpose: z.enum(['import', 'restore', 'share']) }).strict(),
    ['unavailable'],
  ),
} as const;

// ---------------------------------------------------------------- derived types

export type Contract = typeof CONTRACT;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(CONTRACT) as Channel[];
/** What the caller passes (defaults may be omitted). */
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives after the schema has parsed it. */
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = Contract[C]['output'];

type DomainOf<C extends string> = C extends `${infer D}.${string}` ? D : never;
type MethodOf<C extends string, D extends string> = C extends `${D}.${infer M}` ? M : never;
export type Domain = DomainOf<Channel>;

/** The object the preload exposes as `window.chartkeeper` and the test bridge imitates. */
export type ChartkeeperApi = {
  [D in Domain]: {
    [M in MethodOf<Channel, D>]: `${D}.${M}` extends infer C extends Channel
      ? (input: InputOf<C>) => Promise<Result<OutputOf<C>>>
      : never;
  };
};

export function splitChannel(c: Channel): [string, string] {
  const dot = c.indexOf('.');
  return [c.slice(0, dot), c.slice(dot + 1)];
}

// ---------------------------------------------------------------- events from main

/** The one event channel main uses to push to the renderer: a menu command the user chose. */
export const MENU_EVENT = 'chartkeeper:menu';
/** The only commands that may cross MENU_EVENT; anything else is dropped by the preload. */
export const MENU_COMMANDS = ['import', 'print-summary', 'lock'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** What the preload exposes as `window.chartkeeper`: the contract's calls plus menu events. */
export type ChartkeeperWindowApi = ChartkeeperApi & {
  /** Subscribes to menu commands; returns the unsubscribe function. Absent in browser mode. */
  onMenuCommand?: (callback: (command: MenuCommand) => void) => () => void;
};

// What each resource mapper returns, and helpers they share.
import type { ImportProblem, NoneKnownStatement, RecordDraft, ReportKind } from '../../records/model.ts';
import type { JsonObject } from './json.ts';
import { arr, obj, str } from './json.ts';
import { conceptText } from './codes.ts';

export interface Mapped {
  records: RecordDraft[];
  problems: ImportProblem[];
  /** What the document states there is none of (none-known.ts). */
  statements?: NoneKnownStatement[];
}

export const none = (): Mapped => ({ records: [], problems: [] });
export const ok = (...records: RecordDraft[]): Mapped => ({ records, problems: [] });
export const skip = (kind: ReportKind | undefined, reason: string, where?: string): Mapped => {
  const problem: ImportProblem = { reason };
  if (kind) problem.kind = kind;
  if (where) problem.where = where;
  return { records: [], problems: [problem] };
};

export function whereOf(resource: JsonObject): string {
  const type = str(resource['resourceType']) ?? 'Resource';
  const id = str(resource['id']);
  return id ? `${type}/${id}` : type;
}

/** FHIR status codes → the normalized statuses of the record model. */
const STATUS: Record<string, string> = {
  active: 'active',
  recurrence: 'active',
  relapse: 'active',
  'in-progress': 'active',
  arrived: 'active',
  triaged: 'active',
  onleave: 'active',
  'on-hold': 'inactive',
  inactive: 'inactive',
  remission: 'inactive',
  resolved: 'resolved',
  completed: 'completed',
  finished: 'completed',
  final: 'completed',
  amended: 'completed',
  corrected: 'completed',
  preliminary: 'active',
  registered: 'planned',
  stopped: 'stopped',
  // DSTU2 and STU3 Procedure: "terminated without completing successfully", R4's stopped.
  aborted: 'stopped',
  cancelled: 'cancelled',
  revoked: 'cancelled',
  // Not done is not refused: why it was not done is for the resource's reason to say.
  'not-done': 'not-done',
  'not-taken': 'refused',
  draft: 'planned',
  planned: 'planned',
  proposed: 'planned',
  accepted: 'planned',
  intended: 'planned',
  preparation: 'planned',
  booked: 'planned',
  unknown: 'unknown',
};

/** A status given as a code string (R4 resources) or a CodeableConcept (R4 clinicalStatus). */
export function normalizeStatus(value: unknown): string | undefined {
  const code = str(value) ?? (obj(value) ? conceptText(value)?.toLowerCase() : undefined);
  const fromCoding = obj(value)
    ? str(obj((obj(value)?.['coding'] as unknown[] | undefined)?.[0])?.['code'])
    : undefined;
  const key = (fromCoding ?? code)?.toLowerCase();
  if (!key) return undefined;
  return STATUS[key] ?? 'unknown';
}

/** True when the source withdrew the entry; such entries are skipped, never shown. */
/**
 * Chartkeeper's own export marks a finding or visit its source said is not so (C-CDA
 * negationInd) with this modifier extension (main/export/fhir-resources.ts); read back as
 * status `not-done`, as the C-CDA importer stores it.
 */
export const NEGATED_EXTENSION = 'urn:chartkeeper:fhir:negated';

export function saysNotSoByExtension(resource: JsonObject): boolean {
  return arr(resource['modifierExtension']).some((x) => str(obj(x)?.['url']) === NEGATED_EXTENSION && obj(x)?.['valueBoolean'] === true);
}

/**
 * A modifier extension on the resource that Chartkeeper does not know: by FHIR's rules it may
 * change what the resource means (that a finding is absent, that something did not happen), so
 * the resource is not read as if it were not there. Its URL, for the import report.
 */
export function unknownModifier(resource: JsonObject): string | undefined {
  for (const x of arr(resource['modifierExtension'])) {
    const url = str(obj(x)?.['url']);
    if (url !== NEGATED_EXTENSION) return url ?? '(no URL)';
  }
  return undefined;
}

export function enteredInError(resource: JsonObject): boolean {
  const direct = str(resource['status']);
  if (direct === 'entered-in-error') return true;
  const verification = resource['verificationStatus'];
  const code = str(verification) ?? str(obj((obj(verification)?.['coding'] as unknown[] | undefined)?.[0])?.['code']);
  return code === 'entered-in-error';
}

export function dropEmpty<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    const v = value[key];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) delete value[key];
  }
  return value;
}

// The person's own statements for the vaccine forecast, kept in the profile's encrypted file:
// which CDSi observations apply to them (a proposal from the record confirmed or declined, or one
// they added) and which vaccine a dose the record could not code was. Statements sit beside the
// record, never inside an entry, so the sources' words stay as they were and every statement can
// be taken back.
import { getProfileSetting, setProfileSetting } from './profile-settings.ts';
import type { Connection } from './sqlite.ts';

const KEY = 'immunizations.statements';

export interface ObservationStatement {
  code: string;
  /** The entry the proposal came from; null for one the person added. */
  entryId: number | null;
  answer: 'yes' | 'no';
  statedAt: string;
}

export interface VaccineStatement {
  entryId: number;
  cvx: string;
  statedAt: string;
}

export interface ImmunizationStatements {
  observations: ObservationStatement[];
  vaccines: VaccineStatement[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads what was stored, keeping only well-formed statements (a damaged value reads as none). */
export function readImmunizationStatements(db: Connection): ImmunizationStatements {
  const raw = getProfileSetting(db, KEY);
  const empty: ImmunizationStatements = { observations: [], vaccines: [] };
  if (!raw) return empty;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return empty;
  }
  if (!isObject(parsed)) return empty;
  const observations = (Array.isArray(parsed['observations']) ? parsed['observations'] : []).filter(
    (o): o is ObservationStatement =>
      isObject(o) &&
      typeof o['code'] === 'string' &&
      (o['entryId'] === null || typeof o['entryId'] === 'number') &&
      (o['answer'] === 'yes' || o['answer'] === 'no') &&
      typeof o['statedAt'] === 'string',
  );
  const vaccines = (Array.isArray(parsed['vaccines']) ? parsed['vaccines'] : []).filter(
    (v): v is VaccineStatement => isObject(v) && typeof v['entryId'] === 'number' && typeof v['cvx'] === 'string' && typeof v['statedAt'] === 'string',
  );
  return { observations, vaccines };
}

function write(db: Connection, statements: ImmunizationStatements): void {
  setProfileSetting(db, KEY, JSON.stringify(statements));
}

/** Records the person's answer about one observation (replacing an earlier one), or withdraws it with `null`. */
export function stateObservation(db: Connection, code: string, entryId: number | null, answer: 'yes' | 'no' | null, now: Date): void {
  const statements = readImmunizationStatements(db);
  const others = statements.observations.filter((o) => !(o.code === code && o.entryId === entryId));
  if (answer !== null) others.push({ code, entryId, answer, statedAt: now.toISOString() });
  write(db, { ...statements, observations: others });
}

/** Records the vaccine the person chose for a dose (replacing an earlier choice), or withdraws it with `null`. */
export function stateVaccine(db: Connection, entryId: number, cvx: string | null, now: Date): void {
  const statements = readImmunizationStatements(db);
  const others = statements.vaccines.filter((v) => v.entryId !== entryId);
  if (cvx !== null) others.push({ entryId, cvx, statedAt: now.toISOString() });
  write(db, { ...statements, vaccines: others });
}

// The entry and report kinds the UI lists, in display order. Kept here (not imported as values
// from main) so the renderer bundle holds nothing from main; the types check they stay complete.
import type { EntryKind, ReportKind } from '../main/records/model.ts';

type Exhaustive<All, Listed> = [All] extends [Listed] ? true : never;

export const ENTRY_KINDS = [
  'problem',
  'medication',
  'allergy',
  'immunization',
  'result',
  'vital',
  'encounter',
  'procedure',
  'plan',
  'social',
  'functional',
  'family',
  'coverage',
  'claim',
  'note',
  'appointment',
  'question',
  'directive',
] as const satisfies readonly EntryKind[];
export const ALL_ENTRY_KINDS_LISTED: Exhaustive<EntryKind, (typeof ENTRY_KINDS)[number]> = true;

export const REPORT_KINDS = [
  'problems',
  'medications',
  'allergies',
  'immunizations',
  'results',
  'vitals',
  'encounters',
  'procedures',
  'plans',
  'social',
  'functional',
  'family',
  'coverage',
  'claims',
  'directives',
] as const satisfies readonly ReportKind[];
export const ALL_REPORT_KINDS_LISTED: Exhaustive<ReportKind, (typeof REPORT_KINDS)[number]> = true;

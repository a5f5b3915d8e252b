// CDC's CDSi test cases (../shared/cdsi/test-cases, JSON Lines) turned into engine input, and the
// comparison of the engine's answer with CDC's expected one. Used by the conformance test and the
// benchmark.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseIsoDate } from '../../main/immunizations/dates.ts';
import type { EngineInput, ForecastOutput } from '../../main/immunizations/engine.ts';

export const kitRoot = path.resolve(import.meta.dirname, '../../../shared/cdsi');
export const kitPresent = existsSync(path.join(kitRoot, 'test-cases'));

export const SUITES = [
  { suite: 'healthy', file: 'healthy-childhood-adult-v4.45.jsonl' },
  { suite: 'underlying-conditions', file: 'underlying-conditions-v4.6.jsonl' },
] as const;

export interface CdsiCase {
  id: string;
  suite: string;
  name: string;
  vaccine_group: string;
  assessment_date: string;
  patient: { dob: string; gender: string };
  observations?: { code: string; date: string | null }[];
  doses: {
    date_administered: string | null;
    cvx: string | null;
    mvx: string | null;
    expected_evaluation_status: string | null;
    expected_series_type?: string | null;
  }[];
  expected: {
    series_status: string | null;
    forecast_dose_number: string | null;
    earliest_date: string | null;
    recommended_date: string | null;
    past_due_date: string | null;
  };
}

export function loadCases(file: string): CdsiCase[] {
  return readFileSync(path.join(kitRoot, 'test-cases', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CdsiCase);
}

/** Workbook labels that differ from the supporting data's vaccine-group names (kit README). */
const LABELS: Record<string, string> = {
  DTAP: 'DTaP/Tdap/Td',
  POL: 'Polio',
  IPOL: 'Polio',
  PCV: 'Pneumococcal',
  MCV: 'Meningococcal',
  MENINGOCOCCAL: 'Meningococcal',
  MENB: 'Meningococcal B',
  VAR: 'Varicella',
  ROTA: 'Rotavirus',
  FLU: 'Influenza',
  HIB: 'Hib',
  ZOSTER: 'Zoster',
};

export function groupName(label: string): string {
  const trimmed = label.trim();
  return LABELS[trimmed.toUpperCase()] ?? trimmed;
}

function day(text: string): number {
  const value = parseIsoDate(text);
  if (value === null) throw new Error(`bad date ${text}`);
  return value;
}

export function caseInput(c: CdsiCase): EngineInput {
  return {
    birthDate: day(c.patient.dob),
    sex: c.patient.gender === 'F' ? 'female' : c.patient.gender === 'M' ? 'male' : 'unknown',
    assessmentDate: day(c.assessment_date),
    // A slot with no date and no vaccine (one underlying-conditions case) is an empty row, not a dose.
    doses: c.doses.flatMap((d) => (d.date_administered && d.cvx ? [{ date: day(d.date_administered), cvx: d.cvx, mvx: d.mvx }] : [])),
    observations: (c.observations ?? []).map((o) => ({ code: o.code, date: o.date ? day(o.date) : null })),
  };
}

function norm(text: string | null | undefined): string {
  return (text ?? '').trim().toLowerCase().replace(/[\s-]+/g, ' ');
}

/**
 * A dose's status for a vaccine group: the antigens' statuses, the least favourable first, from
 * the series of the type the case names (underlying-conditions cases say standard or risk).
 */
export function groupDoseStatus(
  evaluations: { antigen: string; group: string; status: string; seriesType: string }[],
  group: string,
  seriesType: string | null = null,
): string | null {
  // A dose of another group (a varicella dose in an MMR case) is checked in its own group.
  const inGroup = evaluations.filter((e) => e.group === group);
  let pool = inGroup.length > 0 ? inGroup : evaluations;
  if (seriesType) {
    const wanted = seriesType.toLowerCase() === 'risk' ? 'Risk' : 'Standard';
    const typed = pool.filter((e) => (e.seriesType === 'Risk' ? 'Risk' : 'Standard') === wanted);
    if (typed.length > 0) pool = typed;
  }
  const firstPerAntigen = new Map<string, string>();
  for (const e of pool) if (!firstPerAntigen.has(e.antigen)) firstPerAntigen.set(e.antigen, e.status);
  const statuses = [...firstPerAntigen.values()];
  if (statuses.length === 0) return null;
  for (const status of ['Not Valid', 'Sub-standard', 'Valid', 'Extraneous']) if (statuses.includes(status)) return status;
  return statuses[0] ?? null;
}

/** Differences between the engine's answer and CDC's, as short texts; empty when the case passes. */
export function compareCase(c: CdsiCase, output: ForecastOutput): string[] {
  const group = groupName(c.vaccine_group);
  const forecast = output.groups.find((g) => g.group === group);
  const problems: string[] = [];
  const expected = c.expected;
  const status = forecast?.status ?? null;
  if (norm(status) !== norm(expected.series_status)) problems.push(`status ${status} ≠ ${expected.series_status}`);
  const expectedNumber = expected.forecast_dose_number && /^\d+$/.test(expected.forecast_dose_number) ? expected.forecast_dose_number : null;
  const number = forecast?.doseNumber ?? null;
  if (number !== expectedNumber) problems.push(`dose number ${number} ≠ ${expectedNumber}`);
  const dates: [string, string | null, string | null][] = [
    ['earliest', forecast?.earliest ?? null, expected.earliest_date],
    ['recommended', forecast?.recommended ?? null, expected.recommended_date],
    ['past due', forecast?.pastDue ?? null, expected.past_due_date],
  ];
  for (const [label, got, want] of dates) if (got !== want) problems.push(`${label} ${got} ≠ ${want}`);
  c.doses.filter((d) => d.date_administered && d.cvx).forEach((dose, index) => {
    if (!dose.expected_evaluation_status) return;
    const got = groupDoseStatus(output.doses[index]?.evaluations ?? [], group, dose.expected_series_type ?? null);
    if (norm(got) !== norm(dose.expected_evaluation_status)) problems.push(`dose ${index + 1} ${got} ≠ ${dose.expected_evaluation_status}`);
  });
  return problems;
}

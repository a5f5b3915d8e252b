// The CDSi processing model (logic specification 4.6, chapter 4): organize the history, create
// relevant patient series (5.1), evaluate and forecast each, select the best series (8), and
// identify and evaluate each vaccine group (9).
import { formatIsoDate, MAX_DAY, MIN_DAY, type Day } from './dates.ts';
import { evaluateHistory, newState, type EvaluationContext } from './evaluate.ts';
import { antigenFacts, forecastSeries, type SeriesForecast, type SeriesStatus } from './forecast.ts';
import { ageDate, organize, type DoseGiven, type Gender, type Observation, type Patient } from './patient.ts';
import { bestSeries, type PatientSeries } from './select.ts';
import { cvxKey, type AntigenSeries, type SupportingData, type VaccineGroupData } from './supporting-data.ts';
import type { ImmunizationDoseEvaluation, ImmunizationForecast, ImmunizationGroupForecast } from './types.ts';

export interface EngineInput {
  readonly birthDate: Day;
  readonly sex: Gender;
  readonly assessmentDate: Day;
  readonly doses: readonly { date: Day; cvx: string; mvx: string | null }[];
  readonly observations: readonly Observation[];
}

export type GroupForecast = ImmunizationGroupForecast;
export type DoseEvaluation = ImmunizationDoseEvaluation;
export type ForecastOutput = ImmunizationForecast;

function relevant(series: AntigenSeries, patient: Patient): boolean {
  if (series.requiredGenders.length > 0 && !series.requiredGenders.includes(patient.gender)) return false;
  if (series.type !== 'Risk') return true;
  return series.indications.some((indication) => {
    if (!patient.observations.has(indication.code)) return false;
    const begin = ageDate(patient.birth, indication.beginAge, MIN_DAY);
    const end = ageDate(patient.birth, indication.endAge, MAX_DAY);
    return patient.assessment >= begin && patient.assessment < end;
  });
}

/** The date of the dose that satisfied the last satisfied target dose. */
function completionDate(series: PatientSeries): Day | null {
  let date: Day | null = null;
  for (const target of series.state.targets) {
    if (target.satisfiedBy === null) continue;
    const day = series.state.evaluations[target.satisfiedBy]?.record.dose.date ?? null;
    if (day !== null && (date === null || day > date)) date = day;
  }
  return date;
}

/** Evaluate and forecast every relevant series of one antigen, then select its best series. */
function runAntigen(data: SupportingData, patient: Patient, antigenName: string): { all: PatientSeries[]; best: PatientSeries[] } {
  const antigen = data.antigens.get(antigenName);
  if (!antigen) return { all: [], best: [] };
  const records = patient.byAntigen.get(antigenName) ?? [];
  const facts = antigenFacts(antigen, patient);
  const done: PatientSeries[] = [];
  const context: EvaluationContext = {
    data,
    patient,
    completedGroups: (group, reference, inclusive) =>
      done.some((s) => {
        if (s.state.series.seriesGroup !== group || s.forecast.status !== 'Complete') return false;
        const completed = completionDate(s);
        return completed !== null && (inclusive ? completed <= reference : completed < reference);
      }),
  };
  const series = antigen.series.filter((s) => relevant(s, patient));
  // Series whose skips ask whether another series group is complete run after the others.
  const ordered = [...series.filter((s) => !s.hasCompletedSeriesSkip), ...series.filter((s) => s.hasCompletedSeriesSkip)];
  for (const one of ordered) {
    const state = newState(one, records);
    const first = evaluateHistory(context, state);
    const forecast = forecastSeries(context, state, first, facts);
    done.push({ state, forecast });
  }
  return { all: done, best: bestSeries(done, patient.birth) };
}

// Table 9-4 puts Contraindicated first; CDC's expected result for 2016-UC-0003 (pertussis
// contraindicated, diphtheria and tetanus still due) is Not Complete with the DT dates, so a
// dose still due for another antigen of the group comes first here.
const STATUS_ORDER: SeriesStatus[] = ['Not Complete', 'Contraindicated', 'Aged Out', 'Not Recommended', 'Immune', 'Complete'];

function earliestOf(days: (Day | null)[]): Day | null {
  const present = days.filter((d): d is Day => d !== null);
  return present.length === 0 ? null : Math.min(...present);
}

function latestOf(days: (Day | null)[]): Day | null {
  const present = days.filter((d): d is Day => d !== null);
  return present.length === 0 ? null : Math.max(...present);
}

function iso(day: Day | null): string | null {
  return day === null ? null : formatIsoDate(day);
}

/** Chapter 9 for one vaccine group and one series type. */
function groupForecast(
  data: SupportingData,
  patient: Patient,
  group: VaccineGroupData,
  members: PatientSeries[],
  seriesType: string,
  allBest: readonly PatientSeries[],
): GroupForecast {
  const forecasts = members.map((m) => m.forecast);
  let status: SeriesStatus;
  if (group.antigens.length <= 1 || forecasts.length === 1) {
    status = forecasts[0]?.status ?? 'Not Recommended';
  } else if (forecasts.every((f) => f.status === 'Immune')) {
    status = 'Immune';
  } else if (forecasts.every((f) => f.status === 'Complete' || f.status === 'Immune')) {
    status = 'Complete';
  } else {
    status = STATUS_ORDER.find((s) => forecasts.some((f) => f.status === s)) ?? 'Not Complete';
  }
  const open: SeriesForecast[] = status === 'Not Complete' ? forecasts.filter((f) => f.status === 'Not Complete') : [];
  let earliest: Day | null = null;
  if (open.length > 0) {
    if (group.antigens.length <= 1) {
      earliest = earliestOf(open.map((f) => f.earliest));
    } else if (open.some((f) => f.priority)) {
      // MULTIANTVG-1: with a priority forecast, not before the last dose given of the group.
      const groupAntigens = new Set(group.antigens);
      const lastGiven = latestOf(
        patient.doses.filter((d) => (data.cvx.get(d.key)?.associations ?? []).some((a) => groupAntigens.has(a.antigen))).map((d) => d.date),
      );
      earliest = latestOf([earliestOf(open.map((f) => f.earliest)), lastGiven]);
    } else {
      earliest = latestOf(open.map((f) => f.earliest));
    }
  }
  const recommended = earliest === null ? null : latestOf([earliestOf(open.map((f) => f.recommended)), earliest]);
  const pastDueBase = earliestOf(open.map((f) => f.pastDue));
  const pastDue = earliest === null || pastDueBase === null ? null : Math.max(pastDueBase, earliest);
  const latest = earliestOf(open.map((f) => f.latest));
  // A risk series numbers its next dose after every dose already valid for the antigen in any
  // best series (CDC's expected results: four polio doses, then the risk booster is dose 5;
  // PCV doses plus a PPSV23, then dose 6), not after its own satisfied target doses alone.
  const numbers = members
    .filter((m) => m.forecast.status === 'Not Complete' && m.forecast.doseNumber !== null)
    .map((m) => {
      // A risk series that counted its own doses from the start (a revaccination) keeps its own number.
      const ownStart = m.state.targets.some((t) => t.status === 'Satisfied') && !m.state.targets.some((t) => t.status === 'Skipped');
      if (m.state.series.type !== 'Risk' || ownStart) return m.forecast.doseNumber ?? 1;
      const valid = new Set<DoseGiven>();
      for (const b of allBest) {
        if (b.state.series.antigen !== m.state.series.antigen) continue;
        for (const e of b.state.evaluations) if (e.status === 'Valid') valid.add(e.record.dose);
      }
      return Math.max(m.forecast.doseNumber ?? 1, valid.size + 1);
    });
  const doseNumber = numbers.length === 0 ? null : group.administerFull === false ? Math.max(...numbers) : Math.min(...numbers);
  const vaccines = new Map<string, { cvx: string; name: string }>();
  for (const forecast of open) {
    for (const vaccine of forecast.vaccines) {
      if (!vaccines.has(vaccine.cvx)) {
        const entry = data.cvx.get(vaccine.cvx);
        vaccines.set(vaccine.cvx, { cvx: entry?.cvx ?? vaccine.cvx, name: entry?.name ?? vaccine.type });
      }
    }
  }
  const reasons = [...new Set(forecasts.map((f) => f.reason).filter((r) => r !== ''))];
  return {
    group: group.name,
    status,
    doseNumber: doseNumber === null ? null : String(doseNumber),
    earliest: iso(earliest),
    recommended: iso(recommended),
    pastDue: iso(pastDue),
    latest: iso(latest),
    vaccines: [...vaccines.values()],
    reason: reasons.join('; '),
    seriesType,
  };
}

/**
 * Where a vaccine group has forecasts from several series groups (e.g. a child's and an adult's
 * pneumococcal series), the one to show first: a dose due now, then one a risk condition calls
 * for, then a finished or immune series, then the next dose of a series under way, then a series
 * that ended without being finished, then one that starts later in life.
 */
function chooseForecast<T extends { forecast: GroupForecast }>(candidates: T[], assessment: string): T | undefined {
  const tier = (f: GroupForecast): number => {
    if (f.status === 'Contraindicated') return 0;
    if (f.status === 'Not Complete' && f.earliest !== null && f.earliest <= assessment) return 1;
    if (f.status === 'Not Complete' && f.seriesType === 'Risk') return 2;
    if (f.status === 'Complete' || f.status === 'Immune') return 3;
    // A series started but not yet due comes before one that aged out; one not even started
    // (an adult series for a child) comes after it (CDC 2015-0022, 2023-0034).
    if (f.status === 'Not Complete' && f.doseNumber !== '1') return 4;
    if (f.status === 'Not Recommended') return 5;
    return f.status === 'Not Complete' ? 7 : 6;
  };
  return [...candidates].sort((a, b) => tier(a.forecast) - tier(b.forecast) || (a.forecast.earliest ?? '').localeCompare(b.forecast.earliest ?? ''))[0];
}

export interface Analysis {
  readonly patient: Patient;
  readonly perAntigen: ReadonlyMap<string, { all: PatientSeries[]; best: PatientSeries[] }>;
}

/** Chapters 4-8: every relevant series of every antigen, evaluated and forecast, with its best series. */
export function analyse(data: SupportingData, input: EngineInput): Analysis {
  const doses: DoseGiven[] = input.doses.map((d, index) => ({ index, date: d.date, cvx: d.cvx, key: cvxKey(d.cvx), mvx: d.mvx }));
  const observations = new Map<string, Observation>();
  for (const observation of input.observations) observations.set(observation.code, observation);
  const patient = organize(data, {
    birth: input.birthDate,
    gender: input.sex,
    assessment: input.assessmentDate,
    observations,
    doses,
  });

  const perAntigen = new Map<string, { all: PatientSeries[]; best: PatientSeries[] }>();
  for (const name of data.antigens.keys()) perAntigen.set(name, runAntigen(data, patient, name));
  return { patient, perAntigen };
}

export function runEngine(data: SupportingData, input: EngineInput): ForecastOutput {
  const { patient, perAntigen } = analyse(data, input);
  const doses = patient.doses;

  const groups: GroupForecast[] = [];
  // The series whose evaluations a dose shows, per antigen: those behind the group's forecast first.
  const shown = new Map<string, PatientSeries[]>();
  for (const group of data.vaccineGroups) {
    const best = group.antigens.flatMap((a) => perAntigen.get(a)?.best ?? []);
    if (best.length === 0) continue;
    // FORECASTVG-1 / chapter 9: best series are blended only with those of the same type and series group.
    const sets = new Map<string, PatientSeries[]>();
    for (const series of best) {
      const key = `${series.state.series.type === 'Risk' ? 'Risk' : 'Standard'}|${series.state.series.seriesGroup}`;
      sets.set(key, [...(sets.get(key) ?? []), series]);
    }
    const candidates = [...sets.entries()].map(([key, members]) => ({
      members,
      forecast: groupForecast(data, patient, group, members, key.split('|')[0] ?? 'Standard', best),
    }));
    const chosen = chooseForecast(candidates, formatIsoDate(patient.assessment));
    if (!chosen) continue;
    groups.push(chosen.forecast);
    for (const antigen of group.antigens) {
      const ordered = [
        ...chosen.members.filter((m) => m.state.series.antigen === antigen),
        ...(perAntigen.get(antigen)?.best ?? []).filter((m) => !chosen.members.includes(m)),
      ];
      shown.set(antigen, ordered);
    }
  }

  const perDose = new Map<DoseGiven, DoseEvaluation[]>();
  for (const [antigen, result] of perAntigen) {
    const preferred = shown.get(antigen) ?? [];
    // One evaluation per best series of the antigen (a standard and a risk series can both be
    // best), the series behind the group's forecast first; without a best series, the first
    // relevant series that evaluated the dose.
    const pool = preferred.length > 0 ? preferred : result.all;
    const seen = new Set<DoseGiven>();
    for (const series of pool) {
      for (const evaluation of series.state.evaluations) {
        const dose = evaluation.record.dose;
        if (evaluation.status === null || (preferred.length === 0 && seen.has(dose))) continue;
        seen.add(dose);
        const list = perDose.get(dose) ?? [];
        list.push({
          antigen,
          group: series.state.series.vaccineGroup,
          status: evaluation.status,
          reason: evaluation.reasons.join('; '),
          series: series.state.series.name,
          seriesType: series.state.series.type,
        });
        perDose.set(dose, list);
      }
    }
  }
  const outDoses = doses.map((dose) => ({ date: formatIsoDate(dose.date), cvx: dose.cvx, evaluations: perDose.get(dose) ?? [] }));

  return { supportingData: data.version, groups, doses: outDoses };
}

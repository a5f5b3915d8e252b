// Select the best patient series of an antigen (logic specification 4.6, chapter 8): pre-filter,
// one prioritized series per series group (scoring when needed), then the best series across
// equivalent series groups.
import { addDuration, MAX_DAY, type Day } from './dates.ts';
import type { SeriesState } from './evaluate.ts';
import type { SeriesForecast } from './forecast.ts';

export interface PatientSeries {
  readonly state: SeriesState;
  readonly forecast: SeriesForecast;
}

function validCount(series: PatientSeries): number {
  return series.state.targets.filter((t) => t.status === 'Satisfied').length;
}

function notSatisfiedCount(series: PatientSeries): number {
  return series.state.targets.filter((t) => t.status === 'Not Satisfied').length;
}

function firstValidDate(series: PatientSeries): Day | null {
  const valid = series.state.evaluations.find((e) => e.status === 'Valid');
  return valid ? valid.record.dose.date : null;
}

function isComplete(series: PatientSeries): boolean {
  return series.forecast.status === 'Complete';
}

function isInProcess(series: PatientSeries): boolean {
  return validCount(series) > 0 && series.forecast.status === 'Not Complete';
}

/** +win when true for exactly this one, 0 when true for several, -win otherwise. */
function award(candidates: readonly PatientSeries[], holds: (s: PatientSeries) => boolean, win: number): Map<PatientSeries, number> {
  const holders = candidates.filter(holds);
  return new Map(candidates.map((s) => [s, holds(s) ? (holders.length > 1 ? 0 : win) : -win]));
}

function flat(candidates: readonly PatientSeries[], holds: (s: PatientSeries) => boolean, yes: number, no: number): Map<PatientSeries, number> {
  return new Map(candidates.map((s) => [s, holds(s) ? yes : no]));
}

function best(candidates: readonly PatientSeries[], scores: Map<PatientSeries, number>[]): PatientSeries | undefined {
  let chosen: PatientSeries | undefined;
  let chosenScore = -Infinity;
  for (const candidate of candidates) {
    const score = scores.reduce((sum, map) => sum + (map.get(candidate) ?? 0), 0);
    if (score > chosenScore || (score === chosenScore && chosen && candidate.state.series.preference < chosen.state.series.preference)) {
      chosen = candidate;
      chosenScore = score;
    }
  }
  return chosen;
}

function scoreComplete(candidates: readonly PatientSeries[]): PatientSeries | undefined {
  const most = Math.max(...candidates.map(validCount));
  return best(candidates, [award(candidates, (s) => validCount(s) === most, 1)]);
}

function scoreInProcess(candidates: readonly PatientSeries[]): PatientSeries | undefined {
  const most = Math.max(...candidates.map(validCount));
  const fewest = Math.min(...candidates.map(notSatisfiedCount));
  const completable = candidates.filter((s) => s.forecast.completable && s.forecast.finish !== null);
  const soonest = Math.min(...completable.map((s) => s.forecast.finish ?? MAX_DAY));
  return best(candidates, [
    flat(candidates, (s) => s.state.series.productPath && s.state.evaluations.every((e) => e.target === null || e.status === 'Valid'), 2, -2),
    flat(candidates, (s) => s.forecast.completable, 3, -3),
    award(candidates, (s) => validCount(s) === most, 2),
    award(candidates, (s) => notSatisfiedCount(s) === fewest, 2),
    award(candidates, (s) => s.forecast.completable && s.forecast.finish === soonest, 1),
  ]);
}

function scoreNoValidDoses(candidates: readonly PatientSeries[]): PatientSeries | undefined {
  // SELECTB-14 compares start dates; a series whose candidate earliest date is empty has none.
  const starts = candidates.map((s) => s.forecast.start).filter((d): d is Day => d !== null);
  const start = Math.min(...starts);
  return best(candidates, [
    award(candidates, (s) => s.forecast.start !== null && s.forecast.start === start, 1),
    flat(candidates, (s) => s.forecast.completable, 1, -1),
    flat(candidates, (s) => s.state.series.productPath, -1, 1),
  ]);
}

function priorityRank(priority: string): number {
  return priority.toUpperCase().charCodeAt(0);
}

/** 8.1-8.7 for one series group. */
export function prioritizedSeries(group: readonly PatientSeries[], birth: Day): PatientSeries | undefined {
  const allContraindicated = group.every((s) => s.forecast.status === 'Contraindicated');
  const candidate = (s: PatientSeries): boolean => s.forecast.status !== 'Contraindicated' || allContraindicated;
  const topPriority = Math.min(...group.map((s) => priorityRank(s.state.series.priority)));
  const noneValid = group.every((s) => validCount(s) === 0);
  const defaults = group.filter((s) => s.state.series.isDefault);
  const scorable = group.filter((s) => {
    const { series } = s.state;
    if (series.type === 'Risk') return priorityRank(series.priority) <= topPriority && candidate(s);
    if (series.type === 'Evaluation Only') return isComplete(s);
    if (!candidate(s)) return false;
    if (validCount(s) > 0) {
      const first = firstValidDate(s);
      const maxStart = series.maxAgeToStart ? addDuration(birth, series.maxAgeToStart) : MAX_DAY;
      return first !== null && first < maxStart;
    }
    return noneValid && defaults.length === 0;
  });
  const fallback = defaults[0];
  if (scorable.length === 0) return fallback;
  if (scorable.length === 1) return scorable[0];
  const complete = scorable.filter(isComplete);
  const inProcess = scorable.filter(isInProcess);
  if (complete.length === 1) return complete[0];
  if (complete.length === 0 && inProcess.length === 1) return inProcess[0];
  if (complete.length === 0 && inProcess.length === 0 && fallback) return fallback;
  if (complete.length >= 2) return scoreComplete(complete);
  if (inProcess.length >= 2) return scoreInProcess(inProcess);
  if (scorable.every((s) => validCount(s) === 0)) return scoreNoValidDoses(scorable);
  return scoreInProcess(scorable);
}

/** 8.8: the best patient series of an antigen, from one prioritized series per series group. */
export function bestSeries(all: readonly PatientSeries[], birth: Day): PatientSeries[] {
  const groups = new Map<string, PatientSeries[]>();
  for (const series of all) {
    const key = series.state.series.seriesGroup;
    const members = groups.get(key) ?? [];
    members.push(series);
    groups.set(key, members);
  }
  const prioritized = new Map<string, PatientSeries>();
  for (const [key, members] of groups) {
    const chosen = prioritizedSeries(members, birth);
    if (chosen) prioritized.set(key, chosen);
  }
  const result: PatientSeries[] = [];
  for (const [key, series] of prioritized) {
    if (isComplete(series)) {
      result.push(series);
      continue;
    }
    const type = series.state.series.type;
    if (type === 'Evaluation Only') continue;
    const equivalents = series.state.series.equivalentGroups.filter((g) => g !== key);
    const others = equivalents.map((g) => prioritized.get(g)).filter((s): s is PatientSeries => s !== undefined);
    if (others.some(isComplete)) continue;
    if (type === 'Risk') result.push(series);
    else if (!others.some((s) => s.state.series.type === 'Risk')) result.push(series);
  }
  return result;
}

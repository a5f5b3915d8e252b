// Evaluate each antigen administered record against the target doses of one relevant patient
// series (logic specification 4.6, section 4.4 and chapter 6), and conditional skip (6.2), which
// the forecast (7.1, 7.6) uses as well.
import { addDuration, MAX_DAY, MIN_DAY, type Day } from './dates.ts';
import { ageDate, between, type AntigenDose, type Patient } from './patient.ts';
import type { AgeRule, AntigenSeries, ConditionalSkip, Interval, SeriesDose, SkipCondition, SupportingData } from './supporting-data.ts';

import type { EvaluationStatus } from './types.ts';

export type { EvaluationStatus } from './types.ts';
export type TargetStatus = 'Not Satisfied' | 'Satisfied' | 'Skipped';

export interface TargetDose {
  readonly dose: SeriesDose;
  status: TargetStatus;
  /** Index in the series' records of the dose that satisfied it. */
  satisfiedBy: number | null;
  /** Whether it was skipped because another series group is complete. */
  skippedForCompletedSeries?: boolean;
}

export interface Evaluation {
  readonly record: AntigenDose;
  status: EvaluationStatus | null;
  reasons: string[];
  /** 1-based number of the target dose the record was evaluated against; null when none was left. */
  target: number | null;
  inadvertent: boolean;
}

export interface SeriesState {
  readonly series: AntigenSeries;
  readonly targets: TargetDose[];
  readonly evaluations: Evaluation[];
}

/**
 * Answers "was some relevant patient series of this series group complete on this date?" (the
 * Completed Series skip condition): a series completed by a later dose does not skip a target
 * dose evaluated before it. `inclusive` counts a series completed on the date itself (forecast).
 */
export type CompletedGroups = (seriesGroup: string, reference: Day, inclusive: boolean) => boolean;

export interface EvaluationContext {
  readonly data: SupportingData;
  readonly patient: Patient;
  readonly completedGroups: CompletedGroups;
}

/** RELEVANT-1/2: the component instance in effect on the anchor date. */
export function inEffect<T extends { effective: Day | null; cessation: Day | null }>(items: readonly T[], anchor: Day): T[] {
  return items.filter((item) => between(anchor, item.effective, item.cessation));
}

export function ageRule(dose: SeriesDose, anchor: Day): AgeRule | null {
  return inEffect(dose.ages, anchor)[0] ?? null;
}

function countsAsPrevious(evaluation: Evaluation): boolean {
  return (evaluation.status === 'Valid' || evaluation.status === 'Not Valid') && !evaluation.inadvertent;
}

/** CALCDTINT-1/2/8/9: the date an interval is measured from, or null when there is none. */
export function referenceDate(state: SeriesState, interval: Interval, before: number, patient: Patient): Day | null {
  if (interval.fromPrevious) {
    for (let j = before - 1; j >= 0; j--) {
      const evaluation = state.evaluations[j];
      if (evaluation && countsAsPrevious(evaluation)) return evaluation.record.dose.date;
    }
    return null;
  }
  if (interval.fromTargetDose !== null) {
    const target = state.targets[interval.fromTargetDose - 1];
    if (!target || target.satisfiedBy === null || target.satisfiedBy >= before) return null;
    return state.evaluations[target.satisfiedBy]?.record.dose.date ?? null;
  }
  if (interval.fromMostRecent !== null) {
    for (let j = before - 1; j >= 0; j--) {
      const evaluation = state.evaluations[j];
      if (evaluation && !evaluation.inadvertent && interval.fromMostRecent.has(evaluation.record.dose.key)) {
        return evaluation.record.dose.date;
      }
    }
    return null;
  }
  if (interval.fromRelevantObs !== null) {
    return patient.observations.get(interval.fromRelevantObs)?.date ?? null;
  }
  return null;
}

function conditionMet(
  context: EvaluationContext,
  state: SeriesState,
  condition: SkipCondition,
  reference: Day,
  before: number,
  use: 'evaluation' | 'forecast',
): boolean {
  const { birth } = context.patient;
  switch (condition.type) {
    case 'age': {
      const begin = ageDate(birth, condition.beginAge, MIN_DAY);
      const end = ageDate(birth, condition.endAge, MAX_DAY);
      return reference >= begin && reference < end;
    }
    case 'completed series':
      return condition.seriesGroups.some((group) => context.completedGroups(group, reference, use === 'forecast'));
    case 'interval': {
      const previous = state.evaluations[before - 1];
      if (!previous || !condition.interval) return false;
      return reference >= addDuration(previous.record.dose.date, condition.interval);
    }
    default: {
      // Vaccine Count by Age / by Date / by Date and Age (CONDSKIP-1).
      const beginAge = ageDate(birth, condition.beginAge, MIN_DAY);
      const endAge = ageDate(birth, condition.endAge, MAX_DAY);
      const start = condition.startDate ?? MIN_DAY;
      const end = condition.endDate ?? MAX_DAY;
      let count = 0;
      for (let j = 0; j < before; j++) {
        const evaluation = state.evaluations[j];
        if (!evaluation) continue;
        const { date, key } = evaluation.record.dose;
        if (condition.vaccineTypes.size > 0 && !condition.vaccineTypes.has(key)) continue;
        if (date < beginAge || date >= endAge || date < start || date >= end) continue;
        if (condition.countValidOnly && evaluation.status !== 'Valid') continue;
        count += 1;
      }
      if (condition.countLogic === 'greater') return count > condition.doseCount;
      if (condition.countLogic === 'less') return count < condition.doseCount;
      return count === condition.doseCount;
    }
  }
}

/** 6.2 / 7.1 / 7.6: can the target dose be skipped on this reference date? Marks the target when it can. */
export function canSkip(
  context: EvaluationContext,
  state: SeriesState,
  target: TargetDose,
  use: 'evaluation' | 'forecast',
  reference: Day,
  before: number,
): boolean {
  for (const skip of target.dose.skips) {
    if (!appliesTo(skip, use)) continue;
    const sets = inEffect(skip.sets, reference);
    if (sets.length === 0) continue;
    let met = 0;
    let completedSeries = false;
    for (const set of sets) {
      const results = set.conditions.map((condition) => conditionMet(context, state, condition, reference, before, use));
      const setMet = set.all ? results.every(Boolean) : results.some(Boolean);
      if (setMet && results.length > 0) {
        met += 1;
        if (set.conditions.some((c) => c.type === 'completed series')) completedSeries = true;
      }
    }
    if (skip.all ? met === sets.length : met > 0) {
      target.skippedForCompletedSeries = completedSeries;
      return true;
    }
  }
  return false;
}

function appliesTo(skip: ConditionalSkip, use: 'evaluation' | 'forecast'): boolean {
  return skip.context === 'both' || skip.context === use;
}

function intervalsSatisfied(
  state: SeriesState,
  intervals: readonly Interval[],
  date: Day,
  before: number,
  patient: Patient,
  allowable: boolean,
): { ok: boolean; grace: boolean } {
  let grace = false;
  for (const interval of intervals) {
    const reference = referenceDate(state, interval, before, patient);
    if (reference === null) continue;
    const absMin = interval.absMinInt ? addDuration(reference, interval.absMinInt) : MIN_DAY;
    if (date < absMin) return { ok: false, grace };
    if (!allowable) {
      const min = interval.minInt ? addDuration(reference, interval.minInt) : MIN_DAY;
      if (date < min) grace = true;
    }
  }
  return { ok: true, grace };
}

/** 6.7: is the dose an impacted vaccine dose administered (live virus conflict)? */
function inConflict(context: EvaluationContext, state: SeriesState, record: AntigenDose): boolean {
  const conflicts = context.data.conflicts.get(record.dose.key);
  if (!conflicts) return false;
  for (const previous of context.patient.doses) {
    if (previous === record.dose || previous.date >= record.dose.date) continue;
    for (const conflict of conflicts) {
      if (conflict.previousCvx !== previous.key) continue;
      const begin = addDuration(previous.date, conflict.begin);
      // CALCDTCONFLICT-2: the shorter end applies unless the earlier dose is known not to be valid.
      const evaluated = state.evaluations.find((e) => e.record.dose === previous);
      const valid = !evaluated || evaluated.status === null || evaluated.status === 'Valid';
      const end = addDuration(previous.date, valid ? conflict.minEnd : conflict.end);
      if (record.dose.date >= begin && record.dose.date < end) return true;
    }
  }
  return false;
}

function vaccineFits(birth: Day, date: Day, vaccine: { beginAge: AgeRule['minAge']; endAge: AgeRule['minAge'] }): boolean {
  return date >= ageDate(birth, vaccine.beginAge, MIN_DAY) && date < ageDate(birth, vaccine.endAge, MAX_DAY);
}

/** Chapter 6 for one record against one target dose; returns whether the target dose is satisfied. */
function evaluateAgainst(context: EvaluationContext, state: SeriesState, index: number, target: TargetDose): boolean {
  const evaluation = state.evaluations[index];
  if (!evaluation) return false;
  const { birth } = context.patient;
  const { date, key } = evaluation.record.dose;
  const dose = target.dose;
  const reasons: string[] = [];

  // 6.3 Inadvertent vaccine.
  if (dose.inadvertent.has(key)) {
    evaluation.status = 'Not Valid';
    evaluation.inadvertent = true;
    evaluation.reasons = ['Inadvertent administration'];
    return false;
  }

  // 6.4 Age.
  let ageValid = true;
  let extraneous = false;
  const age = ageRule(dose, date);
  if (age) {
    const absMin = ageDate(birth, age.absMinAge, MIN_DAY);
    const min = ageDate(birth, age.minAge, MIN_DAY);
    const max = ageDate(birth, age.maxAge, MAX_DAY);
    if (date < absMin) {
      ageValid = false;
      reasons.push('Too young');
    } else if (date >= max) {
      extraneous = true;
      reasons.push('Too old');
    } else if (date < min) {
      reasons.push('Grace period');
    }
  }

  // 6.5 / 6.6 Intervals.
  const preferable = inEffect(dose.intervals, date);
  const prefResult = intervalsSatisfied(state, preferable, date, index, context.patient, false);
  let intervalValid = prefResult.ok;
  if (prefResult.ok && prefResult.grace) reasons.push('Grace period');
  if (!prefResult.ok) {
    const allowable = inEffect(dose.allowableIntervals, date);
    intervalValid = allowable.length > 0 && intervalsSatisfied(state, allowable, date, index, context.patient, true).ok;
    if (!intervalValid) reasons.push('Too soon');
  }

  // 6.7 Live virus conflict.
  const conflict = inConflict(context, state, evaluation.record);
  if (conflict) reasons.push('Live virus conflict');

  // 6.8 / 6.9 Preferable or allowable vaccine.
  const isPreferable = dose.preferable.some((v) => v.cvx === key && vaccineFits(birth, date, v));
  const isAllowable = !isPreferable && dose.allowable.some((v) => v.cvx === key && vaccineFits(birth, date, v));
  if (!isPreferable && !isAllowable) reasons.push('Not a preferable or allowable vaccine');

  // 6.10 Satisfy target dose.
  evaluation.reasons = reasons;
  if (extraneous) {
    evaluation.status = 'Extraneous';
    return false;
  }
  if (ageValid && intervalValid && !conflict && (isPreferable || isAllowable)) {
    evaluation.status = 'Valid';
    return true;
  }
  evaluation.status = 'Not Valid';
  return false;
}

export function newState(series: AntigenSeries, records: readonly AntigenDose[]): SeriesState {
  return {
    series,
    targets: series.doses.map((dose) => ({ dose, status: 'Not Satisfied', satisfiedBy: null })),
    evaluations: records.map((record) => ({ record, status: null, reasons: [], target: null, inadvertent: false })),
  };
}

/** Figure 4-6: walk the records and the target doses together. Returns the index of the first unsatisfied target dose. */
export function evaluateHistory(context: EvaluationContext, state: SeriesState): number {
  let t = 0;
  for (let i = 0; i < state.evaluations.length; i++) {
    const evaluation = state.evaluations[i];
    if (!evaluation) continue;
    // Conditional skip (evaluation context) may pass over several target doses.
    while (t < state.targets.length) {
      const target = state.targets[t];
      if (!target || !canSkip(context, state, target, 'evaluation', evaluation.record.dose.date, i)) break;
      target.status = 'Skipped';
      t += 1;
    }
    const target = state.targets[t];
    if (!target) {
      evaluation.status = 'Extraneous';
      evaluation.reasons = ['Series already complete'];
      continue;
    }
    evaluation.target = t + 1;
    if (evaluateAgainst(context, state, i, target)) {
      target.status = 'Satisfied';
      target.satisfiedBy = i;
      if (target.dose.recurring) {
        state.targets.splice(t + 1, 0, { dose: target.dose, status: 'Not Satisfied', satisfiedBy: null });
      }
      t += 1;
    }
  }
  return t;
}

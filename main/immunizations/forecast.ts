// Forecast dates and reasons for one relevant patient series (logic specification 4.6, chapter 7):
// conditional skip, evidence of immunity, contraindications, forecast need, dates and
// recommended vaccines, and the validation of the recommendation.
import { addDays, addDuration, MAX_DAY, MIN_DAY, type Day, type Duration } from './dates.ts';
import { ageRule, canSkip, inEffect, referenceDate, type EvaluationContext, type SeriesState } from './evaluate.ts';
import { ageDate, type Patient } from './patient.ts';
import type { AntigenData, Contraindication, SeriesDose, SeriesVaccine } from './supporting-data.ts';

import type { SeriesStatus } from './types.ts';

export type { SeriesStatus } from './types.ts';

export interface SeriesForecast {
  status: SeriesStatus;
  reason: string;
  /** Index of the forecast target dose, null when none is forecast. */
  target: number | null;
  doseNumber: number | null;
  earliest: Day | null;
  /**
   * The candidate earliest date when FORECASTDTCAN-1 had a date to take it from; null when the
   * target dose has no minimum age, interval, conflict, season or earlier dose (the spec leaves
   * such a date empty, so the series has no start date for SELECTB-14 and no finish date for
   * SELECTB-12/SELECTB-3). `earliest` then shows the birth date.
   */
  start: Day | null;
  recommended: Day | null;
  pastDue: Day | null;
  latest: Day | null;
  unadjustedRecommended: Day | null;
  unadjustedPastDue: Day | null;
  vaccines: SeriesVaccine[];
  /** FORECASTPRIORITY-1. */
  priority: boolean;
  /** SELECTB-12 / SELECTB-3. */
  finish: Day | null;
  completable: boolean;
}

export interface AntigenFacts {
  readonly immune: boolean;
  readonly antigenContraindications: readonly Contraindication[];
  readonly vaccineContraindications: readonly Contraindication[];
}

function applies(patient: Patient, contraindication: { code: string; beginAge: Duration | null; endAge: Duration | null }): boolean {
  if (!patient.observations.has(contraindication.code)) return false;
  const begin = ageDate(patient.birth, contraindication.beginAge, MIN_DAY);
  const end = ageDate(patient.birth, contraindication.endAge, MAX_DAY);
  return patient.assessment >= begin && patient.assessment < end;
}

/** 7.2 and 7.3 for an antigen: evidence of immunity and the contraindications that apply. */
export function antigenFacts(antigen: AntigenData, patient: Patient): AntigenFacts {
  let immune = false;
  for (const immunity of antigen.immunity) {
    if ([...immunity.guidelineCodes].some((code) => patient.observations.has(code))) immune = true;
    // The engine has no country of birth: a birth-country condition is taken as met (documented).
    if (
      immunity.birthDate !== null &&
      patient.birth < immunity.birthDate &&
      ![...immunity.exclusionCodes].some((code) => patient.observations.has(code))
    ) {
      immune = true;
    }
  }
  return {
    immune,
    antigenContraindications: antigen.antigenContraindications.filter((c) => applies(patient, c)),
    vaccineContraindications: antigen.vaccineContraindications.filter((c) => applies(patient, c)),
  };
}

function vaccineContraindicated(facts: AntigenFacts, vaccine: SeriesVaccine, patient: Patient): boolean {
  return facts.vaccineContraindications.some((contraindication) =>
    contraindication.vaccines.some((v) => {
      if (v.cvx !== vaccine.cvx) return false;
      const begin = ageDate(patient.birth, v.beginAge, MIN_DAY);
      const end = ageDate(patient.birth, v.endAge, MAX_DAY);
      return patient.assessment >= begin && patient.assessment < end;
    }),
  );
}

function latest(days: readonly (Day | null)[]): Day | null {
  let result: Day | null = null;
  for (const day of days) if (day !== null && (result === null || day > result)) result = day;
  return result;
}

interface TargetDates {
  earliest: Day;
  /** FORECASTDTCAN-1 found a date (see SeriesForecast.start). */
  startKnown: boolean;
  unadjustedRecommended: Day | null;
  unadjustedPastDue: Day | null;
  latest: Day | null;
  maxAge: Day;
  priority: boolean;
}

function targetDates(context: EvaluationContext, state: SeriesState, dose: SeriesDose, assessment: Day): TargetDates {
  const { patient, data } = context;
  const before = state.evaluations.length;
  const age = ageRule(dose, assessment);
  const minAge = age?.minAge ? addDuration(patient.birth, age.minAge) : null;
  const earliestRecAge = age?.earliestRecAge ? addDuration(patient.birth, age.earliestRecAge) : null;
  const latestRecAge = age?.latestRecAge ? addDuration(patient.birth, age.latestRecAge) : null;
  const maxAge = age?.maxAge ? addDuration(patient.birth, age.maxAge) : null;

  const intervals = inEffect(dose.intervals, assessment);
  const minInts: Day[] = [];
  const earliestRecInts: Day[] = [];
  const latestRecInts: Day[] = [];
  for (const interval of intervals) {
    const reference = referenceDate(state, interval, before, patient);
    if (reference === null) continue;
    if (interval.minInt) minInts.push(addDuration(reference, interval.minInt));
    if (interval.earliestRecInt) earliestRecInts.push(addDuration(reference, interval.earliestRecInt));
    if (interval.latestRecInt) latestRecInts.push(addDuration(reference, interval.latestRecInt));
  }

  // CALCDTCONFLICT-3: a live virus given earlier pushes the earliest date of a conflicting vaccine.
  const conflictEnds: Day[] = [];
  for (const vaccine of dose.preferable) {
    const conflicts = data.conflicts.get(vaccine.cvx);
    if (!conflicts) continue;
    for (const given of patient.doses) {
      for (const conflict of conflicts) {
        if (conflict.previousCvx === given.key) conflictEnds.push(addDuration(given.date, conflict.end));
      }
    }
  }

  const evaluated = state.evaluations.filter((e) => e.target !== null);
  const inadvertent = evaluated.filter((e) => e.inadvertent).map((e) => e.record.dose.date);
  const mostRecent = evaluated.length > 0 ? (evaluated[evaluated.length - 1]?.record.dose.date ?? null) : null;

  const candidate = latest([minAge, latest(minInts), latest(conflictEnds), dose.seasonStart, latest(inadvertent), mostRecent]);
  const earliest = candidate ?? patient.birth;
  const unadjustedRecommended = earliestRecAge ?? latest(earliestRecInts);
  const pastDueBase = latestRecAge ?? latest(latestRecInts);
  return {
    earliest,
    startKnown: candidate !== null,
    unadjustedRecommended,
    unadjustedPastDue: pastDueBase === null ? null : addDays(pastDueBase, -1),
    latest: maxAge === null ? null : addDays(maxAge, -1),
    maxAge: maxAge ?? MAX_DAY,
    priority: intervals.length > 0 && intervals.every((i) => i.priority),
  };
}

/** SELECTB-12: the earliest date plus the minimum intervals of the target doses still to come. */
function finishDate(state: SeriesState, from: number, earliest: Day, assessment: Day): Day {
  let finish = earliest;
  for (let t = from + 1; t < state.targets.length; t++) {
    const target = state.targets[t];
    if (!target) continue;
    let step: Day = finish;
    for (const interval of inEffect(target.dose.intervals, assessment)) {
      if (interval.fromPrevious && interval.minInt) step = Math.max(step, addDuration(finish, interval.minInt));
    }
    finish = step;
  }
  return finish;
}

function emptyForecast(status: SeriesStatus, reason: string): SeriesForecast {
  return {
    status,
    reason,
    target: null,
    doseNumber: null,
    earliest: null,
    start: null,
    recommended: null,
    pastDue: null,
    latest: null,
    unadjustedRecommended: null,
    unadjustedPastDue: null,
    vaccines: [],
    priority: false,
    finish: null,
    completable: false,
  };
}

function doseNumber(state: SeriesState): number {
  let count = 0;
  for (const target of state.targets) {
    if (target.status !== 'Satisfied') continue;
    if (target.dose.seasonStart !== null && target.satisfiedBy !== null) {
      const date = state.evaluations[target.satisfiedBy]?.record.dose.date ?? MIN_DAY;
      if (date < target.dose.seasonStart) continue;
    }
    count += 1;
  }
  return count + 1;
}

/** Chapter 7 for one evaluated series; `first` is the first target dose left unsatisfied by evaluation. */
export function forecastSeries(context: EvaluationContext, state: SeriesState, first: number, facts: AntigenFacts): SeriesForecast {
  const { patient } = context;
  const assessment = patient.assessment;
  const before = state.evaluations.length;
  let t = first;
  for (;;) {
    // 7.1 Conditional skip on the assessment date.
    while (t < state.targets.length) {
      const target = state.targets[t];
      if (!target || !canSkip(context, state, target, 'forecast', assessment, before)) break;
      target.status = 'Skipped';
      t += 1;
    }
    if (facts.immune) return emptyForecast('Immune', 'Patient has evidence of immunity');
    const target = state.targets[t];
    // Table 7-7: every preferable vaccine of the series (all its doses, so a series that goes on
    // with Td after pertussis is contraindicated is not contraindicated as a whole).
    const preferable = state.series.doses.flatMap((d) => d.preferable);
    if (
      facts.antigenContraindications.length > 0 ||
      (facts.vaccineContraindications.length > 0 &&
        preferable.length > 0 &&
        preferable.every((v) => vaccineContraindicated(facts, v, patient)))
    ) {
      return emptyForecast('Contraindicated', 'Patient has a contraindication');
    }
    if (!target) {
      return state.targets.some((td) => td.status === 'Satisfied')
        ? emptyForecast('Complete', 'Patient series is complete')
        : emptyForecast('Not Recommended', 'Not recommended at this time due to past immunization history');
    }
    const dates = targetDates(context, state, target.dose, assessment);
    if (target.dose.seasonEnd !== null && assessment > target.dose.seasonEnd) {
      return emptyForecast('Not Recommended', 'Past seasonal recommendation end date');
    }
    if (assessment >= dates.maxAge) return emptyForecast('Aged Out', 'Patient has exceeded the maximum age');
    if (dates.earliest >= dates.maxAge) {
      return emptyForecast('Aged Out', 'Patient is unable to finish the series prior to the maximum age');
    }
    // 7.6 Validate the recommendation: would the dose be skipped on its earliest date?
    if (canSkip(context, state, target, 'forecast', dates.earliest, before)) {
      target.status = 'Skipped';
      t += 1;
      continue;
    }
    const recommended =
      dates.unadjustedRecommended !== null && dates.unadjustedRecommended > dates.earliest ? dates.unadjustedRecommended : dates.earliest;
    const pastDue = dates.unadjustedPastDue === null ? null : Math.max(dates.earliest, dates.unadjustedPastDue);
    const vaccines = target.dose.preferable.filter((vaccine) => {
      if (!vaccine.forecast || vaccineContraindicated(facts, vaccine, patient)) return false;
      const begin = ageDate(patient.birth, vaccine.beginAge, MIN_DAY);
      const end = ageDate(patient.birth, vaccine.endAge, MAX_DAY);
      return (dates.earliest >= begin && dates.earliest < end) || (recommended >= begin && recommended < end);
    });
    const finish = dates.startKnown ? finishDate(state, t, dates.earliest, assessment) : null;
    const lastTarget = state.targets[state.targets.length - 1];
    const lastAge = lastTarget ? ageRule(lastTarget.dose, assessment) : null;
    const lastMax = lastAge?.maxAge ? addDuration(patient.birth, lastAge.maxAge) : MAX_DAY;
    return {
      status: 'Not Complete',
      reason: '',
      target: t,
      doseNumber: doseNumber(state),
      earliest: dates.earliest,
      start: dates.startKnown ? dates.earliest : null,
      recommended,
      pastDue,
      latest: dates.latest,
      unadjustedRecommended: dates.unadjustedRecommended ?? dates.earliest,
      unadjustedPastDue: dates.unadjustedPastDue,
      vaccines,
      priority: dates.priority,
      finish,
      completable: finish !== null && finish < lastMax,
    };
  }
}

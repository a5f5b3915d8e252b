// The forecaster's answer, shared with the IPC contract (preload/contract.ts) and so with the
// renderer: plain types only, no imports.

export type SeriesStatus = 'Not Complete' | 'Complete' | 'Immune' | 'Contraindicated' | 'Aged Out' | 'Not Recommended';
export type EvaluationStatus = 'Valid' | 'Not Valid' | 'Extraneous' | 'Sub-standard';

export interface ImmunizationGroupForecast {
  /** The vaccine group as CDC's supporting data names it. */
  group: string;
  status: SeriesStatus;
  doseNumber: string | null;
  earliest: string | null;
  recommended: string | null;
  pastDue: string | null;
  latest: string | null;
  vaccines: { cvx: string; name: string }[];
  reason: string;
  /** 'Standard' or 'Risk': which kind of series the forecast comes from. */
  seriesType: string;
}

export interface ImmunizationDoseEvaluation {
  antigen: string;
  group: string;
  status: EvaluationStatus;
  reason: string;
  series: string;
  seriesType: string;
}

export interface ImmunizationForecast {
  /** e.g. "4.64": the CDC supporting data release the forecast was calculated with. */
  supportingData: string;
  groups: ImmunizationGroupForecast[];
  doses: { date: string; cvx: string; evaluations: ImmunizationDoseEvaluation[] }[];
}

/** Why a record's immunization was not counted (the screen words it in the person's language). */
export type NotCountedWhy = 'not-given' | 'no-day' | 'no-date' | 'before-birth' | 'no-cvx' | 'unknown-cvx';

export interface NotCountedDose {
  entryId: number;
  title: string;
  date: string | null;
  why: NotCountedWhy;
  /** What the record said that the reason quotes: the status, the partial date or the CVX code. */
  detail: string | null;
  /** The reason in one English sentence (the CLI prints it). */
  reason: string;
}

/** One of CDSi's coded observations (ScheduleSupportingData.xml), e.g. 007 "Pregnant". */
export interface ScheduleObservation {
  code: string;
  title: string;
}

/** A record entry whose code is one CDSi lists for an observation: offered, never used until the person confirms it. */
export interface ProposedObservation extends ScheduleObservation {
  entryId: number;
  entryTitle: string;
  entryKind: 'problem' | 'allergy' | 'procedure';
  entryDate: string | null;
  /** The code of the entry that matched, with CDC's text for it. */
  matched: { system: string; code: string; text: string };
}

/** An observation the person said applies (confirming a proposal, or adding it under "Things that change the schedule"). */
export interface ConfirmedObservation extends ScheduleObservation {
  /** The record entry it was proposed from (and its title); null when the person added it themselves. */
  entryId: number | null;
  entryTitle: string | null;
  statedAt: string;
}

/** A vaccine the person chose by hand for a dose the record gave without a usable CVX code. */
export interface HandChosenVaccine {
  entryId: number;
  title: string;
  date: string | null;
  cvx: string;
  name: string;
  statedAt: string;
}

/** What the person can choose from: CDC's vaccines (CVX) and coded observations, by name. */
export interface ImmunizationChoices {
  supportingData: string;
  vaccines: { cvx: string; name: string }[];
  observations: ScheduleObservation[];
}

/** A dose that has become due (or overdue) and has not been notified yet. */
export interface DueNotice {
  /** Stable for one dose of one group due from one day: a notice is shown once. */
  key: string;
  profileId: string;
  profileName: string;
  group: string;
  doseNumber: string | null;
  dueFrom: string;
  overdue: boolean;
}

/** A forecast from a profile's record, with the immunizations that could not be counted. */
export interface ImmunizationProfileForecast {
  /** The day the forecast was calculated for, YYYY-MM-DD. */
  assessmentDate: string;
  forecast: ImmunizationForecast;
  notCounted: NotCountedDose[];
  /** Doses without a CVX code, counted because their name is exactly one vaccine's name in CDC's list. */
  matchedByName: { entryId: number; title: string; cvx: string; name: string }[];
  /** CDC's short name of each CVX code among the doses counted. */
  vaccineNames: Record<string, string>;
  /** Doses the person chose the vaccine for by hand (counted like the record's own). */
  handChosen: HandChosenVaccine[];
  /** The observations the forecast used (the person's), the record's proposals still unanswered, and those the person said do not apply. */
  observations: { confirmed: ConfirmedObservation[]; proposed: ProposedObservation[]; declined: ProposedObservation[] };
}

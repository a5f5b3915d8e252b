// The patient as the engine sees it (logic specification 4.6, chapter 4.1-4.2): birth date, sex,
// assessment date, active observations, and the doses broken into antigen administered records.
import { addDuration, MAX_DAY, MIN_DAY, type Day, type Duration } from './dates.ts';
import { cvxKey, type SupportingData } from './supporting-data.ts';

export type Gender = 'male' | 'female' | 'unknown';

export interface Observation {
  readonly code: string;
  readonly date: Day | null;
}

/** One vaccine dose administered, as given. */
export interface DoseGiven {
  readonly index: number;
  readonly date: Day;
  readonly cvx: string;
  readonly key: string;
  readonly mvx: string | null;
}

/** A dose broken down to one antigen it contains (4.2, organize immunization history). */
export interface AntigenDose {
  readonly dose: DoseGiven;
  readonly antigen: string;
}

export interface Patient {
  readonly birth: Day;
  readonly gender: Gender;
  readonly assessment: Day;
  readonly observations: ReadonlyMap<string, Observation>;
  readonly doses: readonly DoseGiven[];
  /** Per antigen, its records sorted by date (then by the order given). */
  readonly byAntigen: ReadonlyMap<string, readonly AntigenDose[]>;
}

export function ageDate(birth: Day, age: Duration | null, fallback: Day): Day {
  return age ? addDuration(birth, age) : fallback;
}

export function between(day: Day, begin: Day | null, end: Day | null): boolean {
  return day >= (begin ?? MIN_DAY) && day <= (end ?? MAX_DAY);
}

export function organize(data: SupportingData, patient: Omit<Patient, 'byAntigen'>): Patient {
  const byAntigen = new Map<string, AntigenDose[]>();
  const sorted = [...patient.doses].sort((a, b) => a.date - b.date || a.index - b.index);
  for (const dose of sorted) {
    const entry = data.cvx.get(cvxKey(dose.cvx));
    if (!entry) continue;
    for (const association of entry.associations) {
      const begin = ageDate(patient.birth, association.beginAge, MIN_DAY);
      const end = ageDate(patient.birth, association.endAge, MAX_DAY);
      if (dose.date < begin || dose.date >= end) continue;
      const records = byAntigen.get(association.antigen) ?? [];
      if (!records.some((r) => r.dose === dose)) records.push({ dose, antigen: association.antigen });
      byAntigen.set(association.antigen, records);
    }
  }
  return { ...patient, byAntigen };
}

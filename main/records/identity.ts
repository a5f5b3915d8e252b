// Is this file about the person whose profile it is being imported into? Files from
// different portals write the same name differently ("SMITH, MARY A", "Mary Ann Smith"), so
// names match on shared words; a birth date, when both sides have one, must agree exactly.
import type { PatientIdentity } from './model.ts';

export interface ProfileIdentity {
  name: string;
  birthDate: string;
}

export type IdentityVerdict =
  | { match: true }
  | { match: false; reason: 'birth-date' | 'name' }
  | { match: 'unknown' };

function nameWords(name: string): Set<string> {
  return new Set(
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1),
  );
}

function patientName(patient: PatientIdentity): string {
  return [patient.name, ...(patient.given ?? []), patient.family].filter(Boolean).join(' ');
}

export function compareIdentity(patient: PatientIdentity, profile: ProfileIdentity): IdentityVerdict {
  const fileDay = patient.birthDate?.slice(0, 10);
  const name = patientName(patient);
  if (!fileDay && !name) return { match: 'unknown' };
  if (fileDay && fileDay.length === 10 && fileDay !== profile.birthDate) return { match: false, reason: 'birth-date' };
  if (name) {
    const profileWords = nameWords(profile.name);
    const shared = [...nameWords(name)].some((w) => profileWords.has(w));
    if (!shared) return { match: false, reason: 'name' };
  }
  return { match: true };
}

/** "John Smith, born 1948-03-02" as the file wrote it. */
export function describePatient(patient: PatientIdentity): string {
  const name = patient.name ?? ([...(patient.given ?? []), patient.family].filter(Boolean).join(' ') || 'someone without a name');
  return patient.birthDate ? `${name}, born ${patient.birthDate.slice(0, 10)}` : name;
}

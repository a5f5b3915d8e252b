// Conformance with CDC's own CDSi test cases (../shared/cdsi/test-cases: 826 healthy
// childhood/adult cases, 274 underlying-condition cases). Each case is run through the engine on
// the shipped supporting data and compared on series status, forecast dose number, earliest,
// recommended and past-due dates, and every dose's evaluation status. The pass rate is printed
// per suite and per vaccine group; the suite fails below its floor.
import { describe, expect, test } from 'vitest';
import { runEngine } from '../../main/immunizations/engine.ts';
import { defaultSupportingData } from '../../main/immunizations/supporting-data.ts';
import { caseInput, compareCase, groupName, kitPresent, loadCases, SUITES } from './cdsi-cases.ts';

// Floors: the share of passing cases among those not listed in KNOWN_DIFFERENCES (the issue's
// targets are 99.5% healthy and 97% underlying conditions; see the readme note for the cases
// still failing).
const FLOORS: Record<string, number> = {
  healthy: 1.0,
  'underlying-conditions': 0.98,
};

/**
 * Cases where the logic specification 4.6 and supporting data 4.64 give an answer other than
 * CDC's expected one (the underlying-conditions workbook v4.6 of September 2025 predates data
 * 4.64 of November 2025). Each entry names the fields that differ; the test fails when such a
 * case passes (the entry is stale) or differs in any other field, so the list cannot hide a
 * new difference. Listed cases are left out of the floor's count and reported apart.
 */
interface KnownDifference {
  id: string;
  /** Problem labels of compareCase allowed to differ: 'status', 'dose number', 'earliest', 'recommended', 'past due', 'dose N'. */
  fields: string[];
  citation: string;
}
const RSV_SEASON =
  'Spec 7.4 FORECASTDTCAN-1 (the candidate earliest date is at least the seasonal recommendation start date) and Table 7-10 (a candidate earliest date not before the maximum age date gives Aged Out, "unable to finish the series prior to the maximum age"); data 4.64 AntigenSupportingData- RSV: seasonalRecommendation startDate 20251001 / endDate 20260331 (20250901 for the pregnant series), so no 2023 season exists; CDC expects the 2023-24 season of older data.';
const BEGIN_AGE =
  'Spec 5.1 Table 5-4 (an indication applies only when indication begin age date <= assessment date) and Table 5-5;';
const KNOWN_DIFFERENCES: KnownDifference[] = [
  { id: '2023-UC-0047', fields: ['status', 'dose number', 'earliest', 'recommended'], citation: RSV_SEASON },
  { id: '2023-UC-0048', fields: ['status', 'dose number', 'earliest', 'recommended'], citation: RSV_SEASON },
  { id: '2023-UC-0050', fields: ['status', 'dose number', 'earliest', 'recommended'], citation: RSV_SEASON },
  { id: '2023-UC-0051', fields: ['earliest', 'recommended', 'past due'], citation: RSV_SEASON },
  {
    id: '2017-UC-0015',
    fields: ['earliest', 'recommended'],
    citation:
      'Spec 7.5 FORECASTDT-1/FORECASTDT-2 (earliest and recommended dates from the minimum and earliest recommended age); data 4.64 AntigenSupportingData- Cholera, "Cholera 1-dose series" dose 1: minAge "2 years", earliestRecAge "2 years" (birth 1982-02-17 gives 1984-02-17); CDC expects 18 years (2000-02-17), the age of older data.',
  },
  {
    id: '2022-UC-0030',
    fields: ['status', 'dose number', 'earliest', 'recommended', 'dose 1'],
    citation:
      'Spec 5.1 Table 5-4/5-5 (a risk series is relevant only through an indication that applies); data 4.64: observation 235 (healthcare personnel caring for patients with more virulent orthopoxviruses) is an indication of no Orthopoxvirus series (indications are 232-234, 236-239, 241, 242, 247, 248), so the patient has no relevant Orthopoxvirus series.',
  },
  {
    id: '2022-UC-0031',
    fields: ['status', 'dose number', 'earliest', 'recommended', 'past due', 'dose 1', 'dose 2'],
    citation:
      'Spec 5.1 Table 5-4/5-5; data 4.64: observation 235 is an indication of no Orthopoxvirus series (as 2022-UC-0030).',
  },
  {
    id: '2025-UC-0015',
    fields: ['past due'],
    citation:
      'Spec 7.5 FORECASTDT-3 (unadjusted past due date = latest recommended interval date minus 1 day); data 4.64 AntigenSupportingData- HPV, "HPV risk 3-dose series" dose 3: latestRecInt "7 months + 4 weeks" from target dose 1 (2024-11-02 gives 2025-06-30, past due 2025-06-29); CDC gives the interval date itself.',
  },
  {
    id: '2016-UC-0032',
    fields: ['past due'],
    citation:
      'Spec 7.5 FORECASTDT-3 (past due date blank when there is no latest recommended age or interval); data 4.64 AntigenSupportingData- Measles/Mumps/Rubella, "<antigen> risk 2-dose series" dose 2: latestRecAge and latestRecInt empty; CDC expects 2021-05-27.',
  },
  {
    id: '2016-UC-0165',
    fields: ['earliest', 'recommended'],
    citation:
      'Spec 7.4 FORECASTDTCAN-1 (latest of all minimum interval dates) and 6.5 CALCDTINT; data 4.64 AntigenSupportingData- Pneumococcal, "Pneumococcal risk 19+ years CSF Leaks or Cochlear Implants PPSV-PCV series" dose 3: one interval, fromPrevious Y, minInt "5 years" (dose 2 2017-08-01 gives 2022-08-01); CDC counts 5 years from dose 1.',
  },
  {
    id: '2016-UC-0178',
    fields: ['earliest', 'recommended'],
    citation:
      'Spec 7.4 FORECASTDTCAN-1 and 6.5 CALCDTINT; data 4.64 AntigenSupportingData- Pneumococcal, "Pneumococcal risk 19+ years immunocompromised PPSV-PPSV-PCV series" dose 4: one interval, fromPrevious Y, minInt "5 years" (dose 3 2012-08-03 gives 2017-08-03); CDC counts 5 years from dose 2.',
  },
  {
    id: '2016-UC-0129',
    fields: ['dose number', 'earliest', 'recommended', 'dose 1'],
    citation:
      'Spec 8.1 SELECTSCORE-2 (a risk series is scorable only when its series priority is the same as or greater than that of every relevant series of its series group); data 4.64 AntigenSupportingData- Meningococcal: "Meningococcal ACWY risk 2-23 month" (series group 2, priority A) has indication 070 with beginAge "2 months" and an empty endAge (and no maxAgeToStart), so it is relevant at 60 years and leaves out "Meningococcal ACWY risk 1-dose series" (group 2, priority B), the only series where the MPSV4 dose (CVX 32) is allowable; in the priority-A series CVX 32 is neither preferable nor allowable (6.8/6.9: Not Valid). CDC evaluates the dose in the 1-dose series.',
  },
  {
    id: '2016-UC-0110',
    fields: ['earliest'],
    citation:
      'Spec 7.4 FORECASTDTCAN-1 (the candidate earliest date is at least the minimum age date) and 6.2 CONDSKIP-2; data 4.64 AntigenSupportingData- Meningococcal, "Meningococcal ACWY risk 2-23 month": dose 4 is skipped when more than 2 valid doses were given between 2 and 7 months (three were), and dose 5 has minAge "12 months" (birth 2015-02-14 gives 2016-02-14, which CDC gives as the recommended date); dose 4 unskipped would give 2015-09-29 (8 weeks after dose 3). CDC\'s earliest 2016-02-04 is before the minimum age and follows from no target dose of the data.',
  },
  {
    id: '2020-UC-0003',
    fields: ['dose number', 'dose 2'],
    citation:
      'Spec 5.1 Table 5-4/5-5 and 8.5 Table 8-9 (in-process scoring: product series with all valid doses +2/-2, completable +3, most valid doses +2/0/-2, closest to completion +2 and finish earliest +1, 0 when tied); data 4.64 AntigenSupportingData- Meningococcal B: observation 177 (seeks MenB protection) is an indication of no series (the risk series list 002, 050, 070, 151, 160, 259), so the relevant series are the four standard Shared Clinical Decision Making series (group 1, priority A, productPath Yes, no preference). "3-dose series MenB-FHbp" (dose 2, four months after dose 1, is valid there) scores 7 and "2-dose series MenB-FHbp" (dose 2 needs 6 months from dose 1: not valid) scores -1, so dose 2 is Valid and the next is dose 3 (dates 2019-02-01 agree). CDC evaluates in a risk 2-dose MenB-FHbp series that data 4.64 does not have.',
  },
  {
    id: '2022-UC-0001',
    fields: ['status', 'dose number', 'earliest', 'recommended'],
    citation: `${BEGIN_AGE} data 4.64 AntigenSupportingData- Dengue: the only indication (211, positive dengue test) has beginAge "9 years"; the patient is 8 at the assessment date, so no Dengue series is relevant.`,
  },
  {
    id: '2022-UC-0005',
    fields: ['status', 'dose number', 'earliest', 'recommended'],
    citation: `${BEGIN_AGE} data 4.64 AntigenSupportingData- Dengue: indication 211 beginAge "9 years"; the patient is 8 at the assessment date.`,
  },
  {
    id: '2016-UC-0057',
    fields: ['earliest', 'recommended', 'past due'],
    citation: `${BEGIN_AGE} data 4.64 AntigenSupportingData- Hib, "Hib risk child 2-dose series": indication 151 beginAge "12 months"; the patient is 5 months at the assessment date, so the standard PRP-OMP series forecasts dose 2 at its 4-week interval; CDC forecasts the risk series from 12 months.`,
  },
];

function knownDifferenceProblems(entry: KnownDifference, problems: string[]): string[] {
  if (problems.length === 0) return [`${entry.id} is listed as a known difference but now passes: remove the entry`];
  return problems
    .filter((p) => !entry.fields.some((field) => p.startsWith(`${field} `)))
    .map((p) => `${entry.id} differs outside its known difference: ${p}`);
}

describe.skipIf(!kitPresent)('CDSi conformance (CDC test cases, supporting data 4.64)', () => {
  const data = kitPresent ? defaultSupportingData() : null;
  for (const { suite, file } of SUITES) {
    test(`${suite}: pass rate at or above ${(FLOORS[suite]! * 100).toFixed(1)}%`, () => {
      const cases = loadCases(file);
      const perGroup = new Map<string, { pass: number; total: number }>();
      const failures: string[] = [];
      const known: string[] = [];
      const staleOrWider: string[] = [];
      const knownById = new Map(KNOWN_DIFFERENCES.map((k) => [k.id, k]));
      for (const c of cases) {
        const problems = compareCase(c, runEngine(data!, caseInput(c)));
        const entry = knownById.get(c.id.trim());
        if (entry) {
          known.push(`${c.id.trim()}: ${problems.join('; ')}\n      because ${entry.citation}`);
          staleOrWider.push(...knownDifferenceProblems(entry, problems));
          continue;
        }
        const group = groupName(c.vaccine_group);
        const tally = perGroup.get(group) ?? { pass: 0, total: 0 };
        tally.total += 1;
        if (problems.length === 0) tally.pass += 1;
        else failures.push(`${c.id} [${group}]: ${problems.join('; ')}`);
        perGroup.set(group, tally);
      }
      const counted = cases.length - known.length;
      const pass = counted - failures.length;
      const rate = pass / counted;
      const groups = [...perGroup.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([g, t]) => `  ${g}: ${t.pass}/${t.total} (${((100 * t.pass) / t.total).toFixed(1)}%)`);
      console.log(
        `CDSi ${suite}: ${pass}/${counted} passed (${(rate * 100).toFixed(1)}%), ${known.length} known differences left out` +
          ` (${pass}/${cases.length} of all cases)\n${groups.join('\n')}`,
      );
      if (known.length > 0) console.log(`Known differences (${suite}):\n  ${known.join('\n  ')}`);
      if (failures.length > 0) console.log(`Failing ${suite} cases:\n  ${failures.join('\n  ')}`);
      expect(staleOrWider).toEqual([]);
      expect(cases.length).toBeGreaterThan(200);
      expect(rate).toBeGreaterThanOrEqual(FLOORS[suite]!);
    }, 120_000);
  }
});

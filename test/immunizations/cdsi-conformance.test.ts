// Conformance with CDC's own CDSi test cases (../shared/cdsi/test-cases: 826 healthy
// childhood/adult cases, 274 underlying-condition cases). Each case is run through the engine on
// the shipped supporting data and compared on series status, forecast dose number, earliest,
// recommended and past-due dates, and every dose's evaluation status. The pass rate is printed
// per suite and per vaccine group; the suite fails below its floor.
import { describe, expect, test } from 'vitest';
import { runEngine } from '../../main/immunizations/engine.ts';
import { defaultSupportingData } from '../../main/immunizations/supporting-data.ts';
import { caseInput, compareCase, groupName, kitPresent, loadCases, SUITES } from './cdsi-cases.ts';

// Floors are what the engine reaches today (a regression guard), below the targets of
// 99.5% healthy and 97% underlying conditions; see the readme note for the cases still failing.
const FLOORS: Record<string, number> = {
  healthy: 1.0,
  'underlying-conditions': 0.912,
};

describe.skipIf(!kitPresent)('CDSi conformance (CDC test cases, supporting data 4.64)', () => {
  const data = kitPresent ? defaultSupportingData() : null;
  for (const { suite, file } of SUITES) {
    test(`${suite}: pass rate at or above ${(FLOORS[suite]! * 100).toFixed(1)}%`, () => {
      const cases = loadCases(file);
      const perGroup = new Map<string, { pass: number; total: number }>();
      const failures: string[] = [];
      for (const c of cases) {
        const problems = compareCase(c, runEngine(data!, caseInput(c)));
        const group = groupName(c.vaccine_group);
        const tally = perGroup.get(group) ?? { pass: 0, total: 0 };
        tally.total += 1;
        if (problems.length === 0) tally.pass += 1;
        else failures.push(`${c.id} [${group}]: ${problems.join('; ')}`);
        perGroup.set(group, tally);
      }
      const pass = cases.length - failures.length;
      const rate = pass / cases.length;
      const groups = [...perGroup.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([g, t]) => `  ${g}: ${t.pass}/${t.total} (${((100 * t.pass) / t.total).toFixed(1)}%)`);
      console.log(`CDSi ${suite}: ${pass}/${cases.length} passed (${(rate * 100).toFixed(1)}%)\n${groups.join('\n')}`);
      if (failures.length > 0) console.log(`Failing ${suite} cases:\n  ${failures.join('\n  ')}`);
      expect(cases.length).toBeGreaterThan(200);
      expect(rate).toBeGreaterThanOrEqual(FLOORS[suite]!);
    }, 120_000);
  }
});

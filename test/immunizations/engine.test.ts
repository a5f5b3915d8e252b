// Key steps of the CDSi engine on the shipped supporting data 4.64: age and interval evaluation
// with the grace period, inadvertent vaccines, live-virus conflicts, evidence of immunity,
// contraindications, forecast dates, input validation, the API channel, and that the schedule
// comes from the XML files alone.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseIsoDate } from '../../main/immunizations/dates.ts';
import {
  defaultSupportingData,
  forecastFromJson,
  ImmunizationInputError,
  loadSupportingData,
  supportingDataLabel,
  type ForecastOutput,
} from '../../main/immunizations/index.ts';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const TODAY = parseIsoDate('2026-01-01')!;

interface History {
  birthDate: string;
  sex?: string;
  assessmentDate: string;
  doses?: { date: string; cvx: string }[];
  observations?: { code: string; date?: string }[];
}

function run(history: History, data = defaultSupportingData()): ForecastOutput {
  return forecastFromJson({ doses: [], observations: [], sex: 'F', ...history }, data, TODAY);
}

function group(output: ForecastOutput, name: string) {
  const found = output.groups.find((g) => g.group === name);
  if (!found) throw new Error(`no ${name} forecast`);
  return found;
}

function evaluation(output: ForecastOutput, dose: number, antigen: string) {
  const found = output.doses[dose]?.evaluations.find((e) => e.antigen === antigen);
  if (!found) throw new Error(`dose ${dose} has no ${antigen} evaluation`);
  return found;
}

describe('CDSi engine', () => {
  test('names the supporting data it used', () => {
    expect(supportingDataLabel()).toBe('supporting data 4.64');
    expect(run({ birthDate: '2025-11-10', assessmentDate: '2025-11-10' }).supportingData).toBe('4.64');
  });

  test('forecasts a newborn\'s first DTaP from the age rules: 6 weeks, 2 months, past due before 3 months + 4 weeks', () => {
    const dtap = group(run({ birthDate: '2025-11-10', assessmentDate: '2025-11-10' }), 'DTaP/Tdap/Td');
    expect(dtap).toMatchObject({ status: 'Not Complete', doseNumber: '1', earliest: '2025-12-22', recommended: '2026-01-10', pastDue: '2026-03-09' });
    // The data flags no DTaP product for forecasting (forecast vaccine type 'N'), so none is named.
    expect(dtap.vaccines).toEqual([]);
  });

  test('recommends the vaccines the data flags for forecasting, with their CVX names', () => {
    const pcv = group(run({ birthDate: '2025-11-10', assessmentDate: '2025-11-10' }), 'Pneumococcal');
    expect(pcv.vaccines).toContainEqual({ cvx: '216', name: 'Pneumococcal conjugate PCV 20' });
  });

  test('a dose 4 days early counts (grace period); 5 days early is too young and must be repeated', () => {
    // Born 2025-01-01: 6 weeks is 2025-02-12, so 2025-02-08 is 6 weeks - 4 days.
    const inGrace = run({ birthDate: '2025-01-01', assessmentDate: '2025-03-01', doses: [{ date: '2025-02-08', cvx: '20' }] });
    expect(evaluation(inGrace, 0, 'Diphtheria')).toMatchObject({ status: 'Valid', reason: expect.stringContaining('Grace period') });
    const tooYoung = run({ birthDate: '2025-01-01', assessmentDate: '2025-03-01', doses: [{ date: '2025-02-07', cvx: '20' }] });
    expect(evaluation(tooYoung, 0, 'Diphtheria')).toMatchObject({ status: 'Not Valid', reason: expect.stringContaining('Too young') });
    expect(group(tooYoung, 'DTaP/Tdap/Td').doseNumber).toBe('1');
  });

  test('a second dose before the absolute minimum interval is too soon', () => {
    const output = run({
      birthDate: '2025-01-01',
      assessmentDate: '2025-06-01',
      doses: [
        { date: '2025-03-01', cvx: '20' },
        { date: '2025-03-22', cvx: '20' },
      ],
    });
    expect(evaluation(output, 1, 'Pertussis')).toMatchObject({ status: 'Not Valid', reason: expect.stringContaining('Too soon') });
    // The next dose is measured from the invalid dose too (CALCDTINT-1): 2025-03-22 + 4 weeks.
    expect(group(output, 'DTaP/Tdap/Td')).toMatchObject({ doseNumber: '2', earliest: '2025-04-19' });
  });

  test('Td given to an infant is an inadvertent vaccine for the diphtheria series', () => {
    const output = run({ birthDate: '2025-01-01', assessmentDate: '2025-04-01', doses: [{ date: '2025-03-01', cvx: '09' }] });
    expect(evaluation(output, 0, 'Diphtheria')).toMatchObject({ status: 'Not Valid', reason: 'Inadvertent administration' });
  });

  test('a live vaccine within 28 days of another is not valid, and the next is forecast after the conflict', () => {
    const output = run({
      birthDate: '2024-01-01',
      assessmentDate: '2025-03-01',
      doses: [
        { date: '2025-01-02', cvx: '03' },
        { date: '2025-01-20', cvx: '21' },
      ],
    });
    expect(evaluation(output, 0, 'Measles').status).toBe('Valid');
    expect(evaluation(output, 1, 'Varicella')).toMatchObject({ status: 'Not Valid', reason: expect.stringContaining('Live virus conflict') });
    expect(group(output, 'Varicella')).toMatchObject({ status: 'Not Complete', doseNumber: '1' });
  });

  test('conditional skip: one Hib dose after 15 months completes the series; live vaccines on one day do not conflict', () => {
    const output = run({
      birthDate: '2023-01-01',
      assessmentDate: '2024-08-01',
      doses: [
        { date: '2024-05-10', cvx: '49' },
        { date: '2024-05-10', cvx: '03' },
        { date: '2024-05-10', cvx: '21' },
      ],
    });
    expect(group(output, 'Hib')).toMatchObject({ status: 'Complete', doseNumber: null, earliest: null });
    expect(evaluation(output, 1, 'Measles').status).toBe('Valid');
    expect(evaluation(output, 2, 'Varicella').status).toBe('Valid');
    // MMR dose 2 from 28 days; varicella dose 2 from 12 weeks (the data's intervals).
    expect(group(output, 'MMR')).toMatchObject({ doseNumber: '2', earliest: '2024-06-07' });
    expect(group(output, 'Varicella')).toMatchObject({ doseNumber: '2', earliest: '2024-08-02' });
  });

  test('born before 1957 is evidence of measles immunity, except for health care personnel', () => {
    expect(group(run({ birthDate: '1950-05-01', assessmentDate: '2025-01-01' }), 'MMR').status).toBe('Immune');
    const hcp = run({ birthDate: '1950-05-01', assessmentDate: '2025-01-01', observations: [{ code: '055' }] });
    expect(group(hcp, 'MMR').status).toBe('Not Complete');
  });

  test('pregnancy contraindicates MMR', () => {
    const output = run({ birthDate: '1995-05-01', assessmentDate: '2025-01-01', observations: [{ code: '007' }] });
    expect(group(output, 'MMR').status).toBe('Contraindicated');
    expect(group(output, 'MMR').earliest).toBeNull();
  });

  test('a risk condition adds its series: asplenia asks for meningococcal B from 10 years', () => {
    const healthy = run({ birthDate: '2010-01-01', assessmentDate: '2025-01-01' });
    const asplenia = run({ birthDate: '2010-01-01', assessmentDate: '2025-01-01', observations: [{ code: '160' }] });
    expect(group(asplenia, 'Meningococcal B').seriesType).toBe('Risk');
    expect(group(healthy, 'Meningococcal B').seriesType).toBe('Standard');
  });

  test('bad input gets one sentence', () => {
    const cases: [unknown, RegExp][] = [
      [[], /JSON object/],
      [{ birthDate: '2025-02-30' }, /birth date "2025-02-30" is not a date/],
      [{ birthDate: '2025-01-01', sex: 'X' }, /sex "X"/],
      [{ birthDate: '2025-01-01', doses: [{ date: '2024-12-01', cvx: '20' }] }, /before the birth date/],
      [{ birthDate: '2025-01-01', doses: [{ date: '2025-02-01', cvx: 'DTaP' }] }, /not a CVX code/],
      [{ birthDate: '2025-01-01', observations: [{ code: 'pregnant' }] }, /not a CDSi observation code/],
      [{ birthDate: '2025-01-01', assessmentDate: '2024-01-01' }, /before the birth date/],
    ];
    for (const [input, message] of cases) {
      let error: unknown;
      try {
        forecastFromJson(input, defaultSupportingData(), TODAY);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ImmunizationInputError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/^[A-Z"].*\.$/);
    }
  });

  test('the schedule comes from the XML: a changed minimum age changes the forecast without a code change', () => {
    const folder = tempDir();
    cpSync(path.resolve(import.meta.dirname, '../../resources/cdsi'), folder, { recursive: true });
    for (const antigen of ['Diphtheria', 'Tetanus', 'Pertussis']) {
      const file = path.join(folder, `AntigenSupportingData- ${antigen}-508.xml`);
      // Only the first series' dose 1 minimum age (6 weeks) is moved to 8 weeks.
      writeFileSync(file, readFileSync(file, 'utf8').replace('<minAge>6 weeks</minAge>', '<minAge>8 weeks</minAge>'));
    }
    writeFileSync(path.join(folder, 'version.txt'), '4.64-test\n');
    const changed = loadSupportingData(folder);
    const output = run({ birthDate: '2025-11-10', assessmentDate: '2025-11-10' }, changed);
    expect(output.supportingData).toBe('4.64-test');
    expect(group(output, 'DTaP/Tdap/Td').earliest).toBe('2026-01-05');
  });

  test('a DOCTYPE in the supporting data is refused', () => {
    const folder = tempDir();
    cpSync(path.resolve(import.meta.dirname, '../../resources/cdsi'), folder, { recursive: true });
    const file = path.join(folder, 'ScheduleSupportingData.xml');
    writeFileSync(file, `<!DOCTYPE x [<!ENTITY a "b">]>\n${readFileSync(file, 'utf8')}`);
    expect(() => loadSupportingData(folder)).toThrow(/DOCTYPE/);
  });

  test('the immunizations.forecast channel answers without a vault and refuses bad input in one sentence', async () => {
    const api = testApi(tempDir());
    const forecast = await ok(api, 'immunizations.forecast', {
      birthDate: '2025-11-10',
      sex: 'M',
      assessmentDate: '2025-11-10',
      doses: [],
      observations: [],
    });
    expect(forecast.supportingData).toBe('4.64');
    expect(forecast.groups.find((g) => g.group === 'HepB')).toMatchObject({ status: 'Not Complete', doseNumber: '1', earliest: '2025-11-10' });
    const error = await fails(api, 'immunizations.forecast', { birthDate: 'yesterday' });
    expect(error).toMatchObject({ kind: 'invalid-input', message: 'The birth date "yesterday" is not a date written as YYYY-MM-DD.' });
  });
});

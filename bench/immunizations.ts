// Immunization forecasts (main/immunizations, CDC's CDSi logic): reading the supporting data at
// first use, all of CDC's test cases (../shared/cdsi/test-cases) in one pass, and one forecast
// for a 60-dose history across every vaccine group.
//   node bench/immunizations.ts      (this section alone)
import { parseIsoDate } from '../main/immunizations/dates.ts';
import { runEngine, type EngineInput } from '../main/immunizations/engine.ts';
import { loadSupportingData } from '../main/immunizations/supporting-data.ts';
import { caseInput, kitPresent, loadCases, SUITES } from '../test/immunizations/cdsi-cases.ts';
import { distribution, round, type Distribution } from './stats.ts';
import path from 'node:path';

export interface ImmunizationFigures {
  loadMs: number;
  cases: number;
  allCasesMs: number | null;
  sixtyDoses: Distribution;
  /** CPU time of the same calls: on a shared machine the wall time also holds waiting for a core. */
  sixtyDosesCpu: Distribution;
}

function day(text: string): number {
  const value = parseIsoDate(text);
  if (value === null) throw new Error(text);
  return value;
}

/** An adult's lifetime record: the childhood series, boosters, 20 flu seasons, COVID-19, MenB: 60 doses. */
export function sixtyDoseHistory(): EngineInput {
  const doses: { date: number; cvx: string; mvx: null }[] = [];
  const add = (date: string, cvx: string) => doses.push({ date: day(date), cvx, mvx: null });
  for (const d of ['1990-03-01', '1990-05-01', '1990-07-01', '1991-04-01', '1994-01-15']) add(d, '20');
  for (const d of ['1990-03-01', '1990-05-01', '1991-01-01', '1994-01-15']) add(d, '10');
  for (const d of ['1991-01-05', '1994-01-20']) add(d, '03');
  for (const d of ['1991-02-10', '1994-03-01']) add(d, '21');
  for (const d of ['1990-01-02', '1990-03-01', '1990-08-01']) add(d, '08');
  for (const d of ['1990-03-01', '1990-05-01', '1990-07-01', '1991-04-01']) add(d, '49');
  for (const d of ['1990-03-01', '1990-05-01', '1990-07-01', '1991-04-01']) add(d, '133');
  for (const d of ['1991-01-10', '1991-08-01']) add(d, '83');
  add('2001-02-01', '115');
  for (const d of ['2011-02-01', '2021-02-01']) add(d, '09');
  for (const d of ['2001-03-01', '2001-05-01', '2001-09-01']) add(d, '165');
  for (const d of ['2001-03-01', '2006-03-01']) add(d, '114');
  for (const d of ['2006-04-01', '2006-05-01']) add(d, '163');
  for (let year = 2005; year < 2025; year++) add(`${year}-10-01`, year < 2013 ? '141' : '150');
  for (const d of ['2021-03-01', '2021-03-29', '2021-10-01', '2022-10-01']) add(d, '208');
  return { birthDate: day('1990-01-01'), sex: 'female', assessmentDate: day('2025-06-01'), doses, observations: [] };
}

export function measureImmunizations(log: (line: string) => void): ImmunizationFigures {
  const folder = path.resolve(import.meta.dirname, '../resources/cdsi');
  const loadStart = performance.now();
  const data = loadSupportingData(folder);
  const loadMs = performance.now() - loadStart;

  let cases = 0;
  let allCasesMs: number | null = null;
  if (kitPresent) {
    const all = SUITES.flatMap(({ file }) => loadCases(file)).map(caseInput);
    const start = performance.now();
    for (const input of all) runEngine(data, input);
    allCasesMs = performance.now() - start;
    cases = all.length;
  }

  const history = sixtyDoseHistory();
  if (history.doses.length !== 60) throw new Error(`the history has ${history.doses.length} doses`);
  for (let i = 0; i < 10; i++) runEngine(data, history);
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    const usage = process.cpuUsage();
    runEngine(data, history);
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
    samples.push(performance.now() - start);
  }
  const sixtyDoses = distribution(samples);
  const sixtyDosesCpu = distribution(cpu);
  log(
    `    supporting data read in ${round(loadMs)} ms; ${cases ? `${cases} CDC cases in ${round(allCasesMs ?? 0)} ms` : 'CDC cases absent (../shared/cdsi)'}; ` +
      `60-dose forecast wall p50 ${round(sixtyDoses.p50, 2)} ms, p95 ${round(sixtyDoses.p95, 2)} ms; CPU p50 ${round(sixtyDosesCpu.p50, 2)} ms, p95 ${round(sixtyDosesCpu.p95, 2)} ms`,
  );
  return { loadMs, cases, allCasesMs, sixtyDoses, sixtyDosesCpu };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  measureImmunizations(console.log);
}

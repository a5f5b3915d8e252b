// The immunization forecaster's entry point: validates the JSON history (one sentence for a person
// when it is wrong) and runs CDC's CDSi logic on the shipped supporting data.
import { parseIsoDate, type Day } from './dates.ts';
import { runEngine, type EngineInput, type ForecastOutput } from './engine.ts';
import type { Gender } from './patient.ts';
import { defaultSupportingData, type SupportingData } from './supporting-data.ts';

export type { ForecastOutput, GroupForecast, DoseEvaluation } from './engine.ts';
export { defaultSupportingData, loadSupportingData } from './supporting-data.ts';

export class ImmunizationInputError extends Error {
  override readonly name = 'ImmunizationInputError';
}

/** The supporting data version shown beside every forecast, e.g. "supporting data 4.64". */
export function supportingDataLabel(data: SupportingData = defaultSupportingData()): string {
  return `supporting data ${data.version}`;
}

function fail(message: string): never {
  throw new ImmunizationInputError(message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function requiredDate(value: unknown, what: string): Day {
  if (typeof value !== 'string') fail(`The ${what} is missing; give it as YYYY-MM-DD.`);
  const day = parseIsoDate(value);
  if (day === null) fail(`The ${what} "${value}" is not a date written as YYYY-MM-DD.`);
  return day;
}

function sex(value: unknown): Gender {
  if (value === undefined || value === null || value === '') return 'unknown';
  if (typeof value !== 'string') fail('The sex must be "F", "M" or "U".');
  const lower = value.trim().toLowerCase();
  if (lower === 'f' || lower === 'female') return 'female';
  if (lower === 'm' || lower === 'male') return 'male';
  if (lower === 'u' || lower === 'unknown') return 'unknown';
  return fail(`The sex "${value}" is not one of "F", "M" or "U".`);
}

/** Checks the `{ birthDate, sex, assessmentDate, doses, observations }` shape and turns it into engine input. */
export function parseForecastInput(json: unknown, today: Day): EngineInput {
  if (!isRecord(json)) fail('The input must be a JSON object with birthDate, sex, assessmentDate, doses and observations.');
  const birthDate = requiredDate(json['birthDate'], 'birth date');
  const assessmentDate = json['assessmentDate'] === undefined || json['assessmentDate'] === null ? today : requiredDate(json['assessmentDate'], 'assessment date');
  if (assessmentDate < birthDate) fail('The assessment date is before the birth date.');
  const rawDoses = json['doses'] ?? [];
  if (!Array.isArray(rawDoses)) fail('"doses" must be a list of { "date", "cvx", "mvx" }.');
  const doses = rawDoses.map((dose: unknown, index: number) => {
    if (!isRecord(dose)) fail(`Dose ${index + 1} must be an object with "date" and "cvx".`);
    const date = requiredDate(dose['date'], `date of dose ${index + 1}`);
    const cvx = dose['cvx'];
    if (typeof cvx !== 'string' && typeof cvx !== 'number') fail(`Dose ${index + 1} has no CVX code.`);
    const code = String(cvx).trim();
    if (!/^\d{1,3}$/.test(code)) fail(`Dose ${index + 1} has the CVX code "${code}", which is not a CVX code (one to three digits).`);
    if (date < birthDate) fail(`Dose ${index + 1} is dated before the birth date.`);
    const mvx = dose['mvx'];
    return { date, cvx: code, mvx: typeof mvx === 'string' && mvx.trim() !== '' ? mvx.trim() : null };
  });
  const rawObservations = json['observations'] ?? [];
  if (!Array.isArray(rawObservations)) fail('"observations" must be a list of { "code" }.');
  const observations = rawObservations.map((observation: unknown, index: number) => {
    if (!isRecord(observation)) fail(`Observation ${index + 1} must be an object with a "code".`);
    const code = observation['code'];
    if (typeof code !== 'string' && typeof code !== 'number') fail(`Observation ${index + 1} has no code.`);
    const text = String(code).trim();
    if (!/^\d{1,3}$/.test(text)) fail(`Observation ${index + 1} has the code "${text}", which is not a CDSi observation code.`);
    const date = observation['date'];
    return {
      code: text.padStart(3, '0'),
      date: date === undefined || date === null || date === '' ? null : requiredDate(date, `date of observation ${index + 1}`),
    };
  });
  return { birthDate, sex: sex(json['sex']), assessmentDate, doses, observations };
}

function todayUtc(): Day {
  return Math.floor(Date.now() / 86_400_000);
}

/** Forecast from a JSON history; throws ImmunizationInputError (one sentence) for bad input. */
export function forecastFromJson(json: unknown, data: SupportingData = defaultSupportingData(), today: Day = todayUtc()): ForecastOutput {
  return runEngine(data, parseForecastInput(json, today));
}

export function forecast(input: EngineInput, data: SupportingData = defaultSupportingData()): ForecastOutput {
  return runEngine(data, input);
}

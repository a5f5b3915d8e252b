// Reads CDC's CDSi supporting data (the XML files in resources/cdsi/) into the typed tables the
// engine uses. Every rule of the schedule comes from these files; nothing here knows a vaccine.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseDataDate, parseDuration, type Day, type Duration } from './dates.ts';

export interface Interval {
  readonly fromPrevious: boolean;
  readonly fromTargetDose: number | null;
  readonly fromMostRecent: ReadonlySet<string> | null;
  readonly fromRelevantObs: string | null;
  readonly absMinInt: Duration | null;
  readonly minInt: Duration | null;
  readonly earliestRecInt: Duration | null;
  readonly latestRecInt: Duration | null;
  readonly priority: boolean;
  readonly effective: Day | null;
  readonly cessation: Day | null;
}

export interface AgeRule {
  readonly absMinAge: Duration | null;
  readonly minAge: Duration | null;
  readonly earliestRecAge: Duration | null;
  readonly latestRecAge: Duration | null;
  readonly maxAge: Duration | null;
  readonly effective: Day | null;
  readonly cessation: Day | null;
}

export interface SeriesVaccine {
  readonly cvx: string;
  readonly type: string;
  readonly beginAge: Duration | null;
  readonly endAge: Duration | null;
  readonly forecast: boolean;
}

export interface SkipCondition {
  readonly type: string;
  readonly startDate: Day | null;
  readonly endDate: Day | null;
  readonly beginAge: Duration | null;
  readonly endAge: Duration | null;
  readonly interval: Duration | null;
  readonly doseCount: number;
  readonly countValidOnly: boolean;
  readonly countLogic: 'greater' | 'equal' | 'less';
  readonly vaccineTypes: ReadonlySet<string>;
  readonly seriesGroups: readonly string[];
}

export interface SkipSet {
  readonly description: string;
  readonly effective: Day | null;
  readonly cessation: Day | null;
  readonly all: boolean;
  readonly conditions: readonly SkipCondition[];
}

export interface ConditionalSkip {
  readonly context: 'evaluation' | 'forecast' | 'both';
  readonly all: boolean;
  readonly sets: readonly SkipSet[];
}

export interface SeriesDose {
  readonly doseNumber: number;
  readonly ages: readonly AgeRule[];
  readonly intervals: readonly Interval[];
  readonly allowableIntervals: readonly Interval[];
  readonly preferable: readonly SeriesVaccine[];
  readonly allowable: readonly SeriesVaccine[];
  readonly inadvertent: ReadonlySet<string>;
  readonly skips: readonly ConditionalSkip[];
  readonly recurring: boolean;
  readonly seasonStart: Day | null;
  readonly seasonEnd: Day | null;
}

export interface Indication {
  readonly code: string;
  readonly text: string;
  readonly beginAge: Duration | null;
  readonly endAge: Duration | null;
  readonly guidance: string;
}

export type SeriesType = 'Standard' | 'Risk' | 'Evaluation Only';

export interface AntigenSeries {
  readonly name: string;
  readonly antigen: string;
  readonly vaccineGroup: string;
  readonly type: SeriesType;
  readonly requiredGenders: readonly string[];
  readonly isDefault: boolean;
  readonly productPath: boolean;
  readonly seriesGroup: string;
  readonly priority: string;
  readonly preference: number;
  readonly minAgeToStart: Duration | null;
  readonly maxAgeToStart: Duration | null;
  readonly equivalentGroups: readonly string[];
  readonly indications: readonly Indication[];
  readonly doses: readonly SeriesDose[];
  readonly hasCompletedSeriesSkip: boolean;
}

export interface Contraindication {
  readonly code: string;
  readonly title: string;
  readonly text: string;
  readonly beginAge: Duration | null;
  readonly endAge: Duration | null;
  /** Empty for a contraindication of the whole antigen. */
  readonly vaccines: readonly SeriesVaccine[];
}

export interface Immunity {
  readonly guidelineCodes: ReadonlySet<string>;
  readonly birthDate: Day | null;
  readonly birthCountry: string;
  readonly exclusionCodes: ReadonlySet<string>;
}

export interface AntigenData {
  readonly name: string;
  readonly immunity: readonly Immunity[];
  readonly antigenContraindications: readonly Contraindication[];
  readonly vaccineContraindications: readonly Contraindication[];
  readonly series: readonly AntigenSeries[];
}

export interface LiveVirusConflict {
  readonly previousCvx: string;
  readonly begin: Duration;
  readonly minEnd: Duration;
  readonly end: Duration;
}

export interface VaccineGroupData {
  readonly name: string;
  readonly antigens: readonly string[];
  /** null when the data leaves the flag empty (single-antigen groups). */
  readonly administerFull: boolean | null;
}

export interface CvxAssociation {
  readonly antigen: string;
  readonly beginAge: Duration | null;
  readonly endAge: Duration | null;
}

export interface CvxEntry {
  readonly cvx: string;
  readonly name: string;
  readonly associations: readonly CvxAssociation[];
}

export interface ObservationData {
  readonly code: string;
  readonly title: string;
  readonly codedValues: readonly { code: string; system: string; text: string }[];
}

export interface SupportingData {
  readonly version: string;
  readonly antigens: ReadonlyMap<string, AntigenData>;
  /** Keyed by the current (impacted) vaccine's CVX. */
  readonly conflicts: ReadonlyMap<string, readonly LiveVirusConflict[]>;
  readonly vaccineGroups: readonly VaccineGroupData[];
  readonly cvx: ReadonlyMap<string, CvxEntry>;
  readonly observations: ReadonlyMap<string, ObservationData>;
}

/** CVX codes are compared without leading zeros ("09" and "9" are one vaccine). */
export function cvxKey(code: string): string {
  const trimmed = code.trim();
  return /^\d+$/.test(trimmed) ? String(Number(trimmed)) : trimmed.toUpperCase();
}

const REPEATING = new Set([
  'series', 'seriesDose', 'age', 'interval', 'allowableInterval', 'preferableVaccine', 'allowableVaccine',
  'inadvertentVaccine', 'conditionalSkip', 'set', 'condition', 'indication', 'contraindication',
  'contraindicatedVaccine', 'clinicalHistory', 'exclusion', 'requiredGender', 'liveVirusConflict',
  'vaccineGroup', 'vaccineGroupMap', 'antigen', 'cvxMap', 'association', 'observation', 'codedValue',
  'equivalentSeriesGroups', 'dateOfBirth', 'seasonalRecommendation', 'vaccine', 'immunity',
]);

type Node = Record<string, unknown>;

function parser(): XMLParser {
  return new XMLParser({
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreAttributes: true,
    processEntities: true,
    // CDC writes "≥" as a character reference (&#x2265;); without this it reaches the screen as typed.
    htmlEntities: true,
    jPath: false,
    isArray: (name: string) => REPEATING.has(name),
  });
}

function parseXml(text: string, file: string): Node {
  if (/<!DOCTYPE/i.test(text)) throw new Error(`The supporting data file ${file} declares a DOCTYPE and is refused.`);
  return parser().parse(text) as Node;
}

function list(node: unknown, key: string): Node[] {
  if (node === null || typeof node !== 'object') return [];
  const value = (node as Node)[key];
  if (Array.isArray(value)) return value.filter((item): item is Node => item !== null && typeof item === 'object');
  if (value !== null && typeof value === 'object') return [value as Node];
  return [];
}

function text(node: unknown, key: string): string {
  if (node === null || typeof node !== 'object') return '';
  let value = (node as Node)[key];
  if (Array.isArray(value)) value = value[0];
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return '';
}

function texts(node: unknown, key: string): string[] {
  if (node === null || typeof node !== 'object') return [];
  const value = (node as Node)[key];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((item): item is string => typeof item === 'string').map((item) => item.trim()).filter((item) => item !== '');
}

function date(node: unknown, key: string): Day | null {
  const value = text(node, key);
  return value === '' ? null : parseDataDate(value);
}

function duration(node: unknown, key: string): Duration | null {
  return parseDuration(text(node, key));
}

function yes(value: string): boolean {
  return /^(y|yes|true|override)$/i.test(value);
}

function codeList(value: string): Set<string> {
  return new Set(value.split(/[;,]/).map((item) => item.trim()).filter((item) => item !== '').map(cvxKey));
}

function readInterval(node: Node): Interval {
  const fromTarget = text(node, 'fromTargetDose');
  const mostRecent = text(node, 'fromMostRecent');
  const obs = list(node, 'fromRelevantObs')[0];
  return {
    fromPrevious: yes(text(node, 'fromPrevious')),
    fromTargetDose: /^\d+$/.test(fromTarget) ? Number(fromTarget) : null,
    fromMostRecent: mostRecent === '' ? null : codeList(mostRecent),
    fromRelevantObs: obs ? text(obs, 'code') || null : null,
    absMinInt: duration(node, 'absMinInt'),
    minInt: duration(node, 'minInt'),
    earliestRecInt: duration(node, 'earliestRecInt'),
    latestRecInt: duration(node, 'latestRecInt'),
    priority: yes(text(node, 'intervalPriority')),
    effective: date(node, 'effectiveDate'),
    cessation: date(node, 'cessationDate'),
  };
}

function intervalPresent(node: Node): boolean {
  return (
    yes(text(node, 'fromPrevious')) ||
    text(node, 'fromTargetDose') !== '' ||
    text(node, 'fromMostRecent') !== '' ||
    list(node, 'fromRelevantObs').length > 0
  );
}

function readVaccine(node: Node): SeriesVaccine {
  return {
    cvx: cvxKey(text(node, 'cvx')),
    type: text(node, 'vaccineType'),
    beginAge: duration(node, 'beginAge'),
    endAge: duration(node, 'endAge'),
    forecast: yes(text(node, 'forecastVaccineType')),
  };
}

function countLogic(value: string): SkipCondition['countLogic'] {
  const lower = value.toLowerCase();
  if (lower.startsWith('equal')) return 'equal';
  if (lower.startsWith('less')) return 'less';
  return 'greater';
}

function readCondition(node: Node): SkipCondition {
  const count = text(node, 'doseCount');
  return {
    type: text(node, 'conditionType').toLowerCase(),
    startDate: date(node, 'startDate'),
    endDate: date(node, 'endDate'),
    beginAge: duration(node, 'beginAge'),
    endAge: duration(node, 'endAge'),
    interval: duration(node, 'interval'),
    doseCount: /^\d+$/.test(count) ? Number(count) : 0,
    countValidOnly: text(node, 'doseType').toLowerCase() === 'valid',
    countLogic: countLogic(text(node, 'doseCountLogic')),
    vaccineTypes: codeList(text(node, 'vaccineTypes')),
    seriesGroups: text(node, 'seriesGroups').split(/[;,]/).map((item) => item.trim()).filter((item) => item !== ''),
  };
}

function readSkip(node: Node): ConditionalSkip {
  const context = text(node, 'context').toLowerCase();
  return {
    context: context === 'evaluation' ? 'evaluation' : context === 'forecast' ? 'forecast' : 'both',
    all: text(node, 'setLogic').toUpperCase() === 'AND',
    sets: list(node, 'set').map((set) => ({
      description: text(set, 'setDescription'),
      effective: date(set, 'effectiveDate'),
      cessation: date(set, 'cessationDate'),
      all: text(set, 'conditionLogic').toUpperCase() !== 'OR',
      conditions: list(set, 'condition').map(readCondition),
    })),
  };
}

function readDose(node: Node): SeriesDose {
  const season = list(node, 'seasonalRecommendation')[0];
  return {
    doseNumber: Number(/\d+/.exec(text(node, 'doseNumber'))?.[0] ?? '0'),
    ages: list(node, 'age').map((age) => ({
      absMinAge: duration(age, 'absMinAge'),
      minAge: duration(age, 'minAge'),
      earliestRecAge: duration(age, 'earliestRecAge'),
      latestRecAge: duration(age, 'latestRecAge'),
      maxAge: duration(age, 'maxAge'),
      effective: date(age, 'effectiveDate'),
      cessation: date(age, 'cessationDate'),
    })),
    intervals: list(node, 'interval').filter(intervalPresent).map(readInterval),
    allowableIntervals: list(node, 'allowableInterval').filter(intervalPresent).map(readInterval),
    preferable: list(node, 'preferableVaccine').filter((v) => text(v, 'cvx') !== '').map(readVaccine),
    allowable: list(node, 'allowableVaccine').filter((v) => text(v, 'cvx') !== '').map(readVaccine),
    inadvertent: new Set(list(node, 'inadvertentVaccine').map((v) => text(v, 'cvx')).filter((c) => c !== '').map(cvxKey)),
    skips: list(node, 'conditionalSkip').filter((skip) => list(skip, 'set').length > 0).map(readSkip),
    recurring: yes(text(node, 'recurringDose')),
    seasonStart: season ? date(season, 'startDate') : null,
    seasonEnd: season ? date(season, 'endDate') : null,
  };
}

function seriesType(value: string): SeriesType {
  if (/^risk$/i.test(value)) return 'Risk';
  if (/evaluation/i.test(value)) return 'Evaluation Only';
  return 'Standard';
}

function readSeries(node: Node): AntigenSeries {
  const select = list(node, 'selectSeries')[0] ?? {};
  const doses = list(node, 'seriesDose').map(readDose);
  return {
    name: text(node, 'seriesName'),
    antigen: text(node, 'targetDisease'),
    vaccineGroup: text(node, 'vaccineGroup'),
    type: seriesType(text(node, 'seriesType')),
    requiredGenders: texts(node, 'requiredGender').map((g) => g.toLowerCase()),
    isDefault: yes(text(select, 'defaultSeries')),
    productPath: yes(text(select, 'productPath')),
    seriesGroup: text(select, 'seriesGroup'),
    priority: text(select, 'seriesPriority') || 'A',
    preference: Number(text(select, 'seriesPreference') || '99'),
    minAgeToStart: duration(select, 'minAgeToStart'),
    maxAgeToStart: duration(select, 'maxAgeToStart'),
    equivalentGroups: texts(node, 'equivalentSeriesGroups').flatMap((g) => g.split(/[;,]/).map((s) => s.trim())),
    indications: list(node, 'indication').map((indication) => {
      const observation = list(indication, 'observationCode')[0];
      return {
        code: observation ? text(observation, 'code') : text(indication, 'observationCode'),
        text: observation ? text(observation, 'text') : '',
        beginAge: duration(indication, 'beginAge'),
        endAge: duration(indication, 'endAge'),
        guidance: text(indication, 'guidance'),
      };
    }),
    doses,
    hasCompletedSeriesSkip: doses.some((d) => d.skips.some((s) => s.sets.some((set) => set.conditions.some((c) => c.type === 'completed series')))),
  };
}

function readContraindication(node: Node): Contraindication {
  return {
    code: text(node, 'observationCode'),
    title: text(node, 'observationTitle'),
    text: text(node, 'contraindicationText'),
    beginAge: duration(node, 'beginAge'),
    endAge: duration(node, 'endAge'),
    vaccines: list(node, 'contraindicatedVaccine').filter((v) => text(v, 'cvx') !== '').map(readVaccine),
  };
}

function readAntigen(root: Node): AntigenData {
  const data = list(root, 'antigenSupportingData')[0] ?? (root['antigenSupportingData'] as Node);
  const series = list(data, 'series').map(readSeries);
  const immunity = list(data, 'immunity')[0];
  const contraindications = list(data, 'contraindications')[0];
  const guidelineCodes = new Set(list(immunity, 'clinicalHistory').map((c) => text(c, 'guidelineCode')).filter((c) => c !== ''));
  const births = list(immunity, 'dateOfBirth');
  const immunities: Immunity[] = births.length > 0
    ? births.map((birth) => ({
        guidelineCodes,
        birthDate: date(birth, 'immunityBirthDate'),
        birthCountry: text(birth, 'birthCountry'),
        exclusionCodes: new Set(list(birth, 'exclusion').map((e) => text(e, 'exclusionCode'))),
      }))
    : [{ guidelineCodes, birthDate: null, birthCountry: '', exclusionCodes: new Set<string>() }];
  return {
    name: series[0]?.antigen ?? '',
    immunity: immunities,
    antigenContraindications: list(list(contraindications, 'vaccineGroup')[0], 'contraindication').map(readContraindication),
    vaccineContraindications: list(list(contraindications, 'vaccine')[0], 'contraindication').map(readContraindication),
    series,
  };
}

function readSchedule(root: Node, into: {
  conflicts: Map<string, LiveVirusConflict[]>;
  vaccineGroups: VaccineGroupData[];
  cvx: Map<string, CvxEntry>;
  observations: Map<string, ObservationData>;
}): void {
  const data = root['scheduleSupportingData'] as Node;
  for (const conflict of list(list(data, 'liveVirusConflicts')[0], 'liveVirusConflict')) {
    const current = cvxKey(text(list(conflict, 'current')[0], 'cvx'));
    const entry: LiveVirusConflict = {
      previousCvx: cvxKey(text(list(conflict, 'previous')[0], 'cvx')),
      begin: duration(conflict, 'conflictBeginInterval') ?? { months: 0, days: 0 },
      minEnd: duration(conflict, 'minConflictEndInterval') ?? { months: 0, days: 0 },
      end: duration(conflict, 'conflictEndInterval') ?? { months: 0, days: 0 },
    };
    const existing = into.conflicts.get(current);
    if (existing) existing.push(entry);
    else into.conflicts.set(current, [entry]);
  }
  const members = new Map<string, string[]>();
  for (const map of list(list(data, 'vaccineGroupToAntigenMap')[0], 'vaccineGroupMap')) {
    members.set(text(map, 'name'), texts(map, 'antigen'));
  }
  for (const group of list(list(data, 'vaccineGroups')[0], 'vaccineGroup')) {
    const name = text(group, 'name');
    const flag = text(group, 'administerFullVaccineGroup');
    into.vaccineGroups.push({ name, antigens: members.get(name) ?? [], administerFull: flag === '' ? null : yes(flag) });
  }
  for (const map of list(list(data, 'cvxToAntigenMap')[0], 'cvxMap')) {
    const code = cvxKey(text(map, 'cvx'));
    into.cvx.set(code, {
      cvx: text(map, 'cvx'),
      name: text(map, 'shortDescription'),
      associations: list(map, 'association').map((a) => ({
        antigen: text(a, 'antigen'),
        beginAge: duration(a, 'associationBeginAge'),
        endAge: duration(a, 'associationEndAge'),
      })),
    });
  }
  for (const observation of list(list(data, 'observations')[0], 'observation')) {
    into.observations.set(text(observation, 'observationCode'), {
      code: text(observation, 'observationCode'),
      title: text(observation, 'observationTitle'),
      codedValues: list(list(observation, 'codedValues')[0], 'codedValue').map((v) => ({
        code: text(v, 'code'),
        system: text(v, 'codeSystem'),
        text: text(v, 'text'),
      })),
    });
  }
}

/** Reads every supporting-data file of a folder (CDC's file names: `AntigenSupportingData- X-508.xml`, `ScheduleSupportingData.xml`). */
export function loadSupportingData(folder: string): SupportingData {
  const versionFile = path.join(folder, 'version.txt');
  const version = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim() : 'unknown';
  const antigens = new Map<string, AntigenData>();
  const schedule = {
    conflicts: new Map<string, LiveVirusConflict[]>(),
    vaccineGroups: [] as VaccineGroupData[],
    cvx: new Map<string, CvxEntry>(),
    observations: new Map<string, ObservationData>(),
  };
  let scheduleSeen = false;
  for (const file of readdirSync(folder).sort()) {
    if (!file.toLowerCase().endsWith('.xml')) continue;
    const root = parseXml(readFileSync(path.join(folder, file), 'utf8'), file);
    if ('scheduleSupportingData' in root) {
      readSchedule(root, schedule);
      scheduleSeen = true;
    } else if ('antigenSupportingData' in root) {
      const antigen = readAntigen(root);
      if (antigen.name !== '') antigens.set(antigen.name, antigen);
    }
  }
  if (!scheduleSeen || antigens.size === 0) throw new Error(`No CDSi supporting data was found in ${folder}.`);
  return { version, antigens, ...schedule };
}

// From source: resources/cdsi. In the app's bundle (dist/app/main.cjs): the copy beside it,
// which scripts/build-app.mjs makes.
const BUNDLED_FOLDER = path.join(import.meta.dirname, 'cdsi');
const DEFAULT_FOLDER = existsSync(BUNDLED_FOLDER) ? BUNDLED_FOLDER : path.resolve(import.meta.dirname, '../../resources/cdsi');
let cached: SupportingData | null = null;

/** The shipped supporting data, read once at first use. */
export function defaultSupportingData(folder: string = DEFAULT_FOLDER): SupportingData {
  if (folder !== DEFAULT_FOLDER) return loadSupportingData(folder);
  cached ??= loadSupportingData(DEFAULT_FOLDER);
  return cached;
}

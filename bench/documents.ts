// The pure half of the bench-data generator: a deterministic stream of ParsedFiles (one per
// visit) for one person. Same seed, same documents, on every machine. Nothing here touches
// the vault; bench/data.ts writes them through the real import path.
import type { ImportedDocument, ParsedFile, RecordDraft } from '../main/records/model.ts';
import { ENCOUNTER_TYPES, IMMUNIZATIONS, MEDICATIONS, NOTE_PHRASES, PANELS, PROBLEMS, PROCEDURES, PROFILE_PEOPLE, PROVIDERS, VITALS, type LabTest } from './catalog.ts';
import { seededRandom, type Random } from './random.ts';

export const FIRST_DAY = Date.UTC(2006, 0, 1);
export const YEARS = 20;
const DAY_MS = 86_400_000;
const SPAN_DAYS = Math.round((YEARS * 365.25 * DAY_MS) / DAY_MS);

export interface GeneratedVisit {
  /** A stable file name ("visit-000123.json"). */
  name: string;
  /** The original bytes stored in the vault (the document as JSON). */
  bytes: Uint8Array;
  parsed: ParsedFile;
  /** How many of the records are copies of an earlier document of the same day (merges). */
  repeats: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function dayText(dayIndex: number): string {
  return new Date(FIRST_DAY + dayIndex * DAY_MS).toISOString().slice(0, 10);
}

function timeOn(rng: Random, day: string): string {
  return `${day}T${pad(rng.int(7, 17))}:${pad(rng.int(0, 59))}:00-05:00`;
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function interpretation(test: LabTest, value: number): string {
  if (test.high !== undefined && value > test.high) return 'H';
  if (test.low !== undefined && value < test.low) return 'L';
  return 'N';
}

function labResults(rng: Random, at: string, panelIndex: number): RecordDraft[] {
  const panel = PANELS[panelIndex]!;
  return panel.tests.map((test, i) => {
    const value = round(Math.max(0, rng.normal(test.mean, test.sd)), test.decimals);
    const range =
      test.low !== undefined && test.high !== undefined
        ? `${test.low}-${test.high}`
        : test.low !== undefined
          ? `>${test.low}`
          : `<${test.high}`;
    return {
      kind: 'result',
      title: test.title,
      codes: [{ system: 'LOINC', code: test.loinc, display: test.title }],
      status: 'completed',
      start: at,
      value: { number: value, text: String(value), unit: test.unit },
      referenceRange: { ...(test.low !== undefined ? { low: test.low } : {}), ...(test.high !== undefined ? { high: test.high } : {}), unit: test.unit, text: range },
      interpretation: interpretation(test, value),
      details: { panel: panel.title, panelCodes: [{ system: 'LOINC', code: panel.loinc, display: panel.title }], specimen: panel.specimen },
      sourceLocation: `/ClinicalDocument/component/structuredBody/component[3]/section/entry[${panelIndex + 1}]/organizer/component[${i + 1}]`,
    } satisfies RecordDraft;
  });
}

function vitals(rng: Random, at: string): RecordDraft[] {
  const count = rng.int(5, VITALS.length);
  return VITALS.slice(0, count).map((v) => {
    const value = round(rng.normal(v.mean, v.sd), v.decimals);
    return {
      kind: 'vital',
      title: v.title,
      codes: [{ system: 'LOINC', code: v.loinc, display: v.title }],
      status: 'completed',
      start: at,
      value: { number: value, text: String(value), unit: v.unit },
      details: { panel: 'Vital signs', panelCodes: [{ system: 'LOINC', code: '85353-1', display: 'Vital signs panel' }] },
    } satisfies RecordDraft;
  });
}

function note(rng: Random, day: string, provider: string, encounterType: string): RecordDraft {
  const sentences: string[] = [];
  const n = rng.int(4, 9);
  for (let i = 0; i < n; i++) sentences.push(rng.pick(NOTE_PHRASES));
  return {
    kind: 'note',
    title: `${encounterType} note`,
    codes: [{ system: 'LOINC', code: '11506-3', display: 'Progress note' }],
    start: day,
    narrative: sentences.join(' '),
    details: { comment: `Signed at ${provider}` },
  };
}

function medication(rng: Random, day: string, provider: string): RecordDraft {
  const med = rng.pick(MEDICATIONS);
  const strength = rng.pick(med.strengths);
  return {
    kind: 'medication',
    title: `${med.name} ${strength} tablet`,
    codes: [{ system: 'RXNORM', code: med.rxnorm, display: `${med.name} ${strength}` }],
    status: rng.chance(0.6) ? 'active' : 'completed',
    start: day,
    details: { dose: strength, route: med.route, frequency: med.frequency, prescriber: `Dr. ${rng.pick(['Rivera', 'Chen', 'Okafor', 'Smith', 'Novak'])}`, instructions: `Take ${med.frequency}.` },
    narrative: `${med.name} ${strength} ${med.route} ${med.frequency}, prescribed at ${provider}.`,
  };
}

function problem(rng: Random, day: string): RecordDraft {
  const p = rng.pick(PROBLEMS);
  return {
    kind: 'problem',
    title: p.title,
    codes: [
      { system: 'SNOMED', code: p.snomed, display: p.title },
      { system: 'ICD10CM', code: p.icd10, display: p.title },
    ],
    status: rng.chance(0.7) ? 'active' : 'resolved',
    start: day,
    details: {},
  };
}

function immunization(rng: Random, day: string): RecordDraft {
  const imm = rng.pick(IMMUNIZATIONS);
  return {
    kind: 'immunization',
    title: imm.title,
    codes: [{ system: 'CVX', code: imm.cvx, display: imm.title }],
    status: 'completed',
    start: day,
    details: { manufacturer: imm.manufacturer, lotNumber: `L${rng.int(10000, 99999)}`, route: 'intramuscular' },
  };
}

function procedure(rng: Random, day: string, provider: string): RecordDraft {
  const p = rng.pick(PROCEDURES);
  return {
    kind: 'procedure',
    title: p.title,
    codes: [
      { system: 'SNOMED', code: p.snomed, display: p.title },
      { system: 'CPT', code: p.cpt },
    ],
    status: 'completed',
    start: day,
    details: { location: provider, performers: [`Dr. ${rng.pick(['Patel', 'Garcia', 'Kim', 'Johnson'])}`] },
    narrative: `${p.title} performed without complication.`,
  };
}

function encounter(rng: Random, at: string, provider: string, type: string): RecordDraft {
  return {
    kind: 'encounter',
    title: type,
    codes: [{ system: 'CPT', code: rng.pick(['99213', '99214', '99215', '99203', '99285']) }],
    status: 'completed',
    start: at,
    details: { location: provider, encounterType: type, performers: [`Dr. ${rng.pick(['Rivera', 'Chen', 'Okafor', 'Smith', 'Novak'])}`] },
  };
}

function documentFor(person: (typeof PROFILE_PEOPLE)[number], provider: string, day: string, records: RecordDraft[], title: string): ImportedDocument {
  const [given, family] = [person.name.split(' ').slice(0, -1), person.name.split(' ').at(-1)!];
  return {
    patient: { name: person.name, given, family, birthDate: person.birthDate, sex: person.sex },
    document: {
      title,
      type: { system: 'LOINC', code: '34133-9', display: 'Summarization of episode note' },
      variant: 'CCD',
      date: day,
      authorOrganization: provider,
      sections: [{ title: 'Reason for visit', narrative: [{ tag: 'paragraph', children: [title] }] }],
      attachments: [],
    },
    records,
    problems: [],
  };
}

function toVisit(seq: number, doc: ImportedDocument, repeats: number): GeneratedVisit {
  const parsed: ParsedFile = { format: 'ccda', documents: [doc] };
  return {
    name: `visit-${pad(seq, 6)}.json`,
    bytes: new TextEncoder().encode(JSON.stringify({ seq, ...doc })),
    parsed,
    repeats,
  };
}

/**
 * An endless, deterministic stream of visits for one person: lab draws, office visits with
 * vitals and notes, hospital stays, imaging; about one visit in ten is reported again by a
 * second provider on the same day (and one in fifty by a third), which the importer merges.
 */
export function* visitStream(seed: number, personIndex: number): Generator<GeneratedVisit, never, undefined> {
  const rng = seededRandom(seed * 31 + personIndex * 7919);
  const person = PROFILE_PEOPLE[personIndex % PROFILE_PEOPLE.length]!;
  // Each person has a usual clinic and lab, and sees the others now and then.
  const clinic = PROVIDERS[personIndex % 2 === 0 ? 0 : 1]!;
  const lab = PROVIDERS[2]!;
  let seq = 0;
  for (;;) {
    const day = dayText(rng.int(0, SPAN_DAYS - 1));
    const at = timeOn(rng, day);
    const roll = rng.next();
    let provider: string;
    let title: string;
    const records: RecordDraft[] = [];
    if (roll < 0.45) {
      provider = rng.chance(0.8) ? lab : clinic;
      title = 'Laboratory results';
      const panels = rng.int(1, 3);
      const chosen = new Set<number>();
      while (chosen.size < panels) chosen.add(rng.int(0, PANELS.length - 1));
      for (const p of [...chosen].sort()) records.push(...labResults(rng, at, p));
    } else if (roll < 0.87) {
      provider = rng.chance(0.75) ? clinic : rng.pick(PROVIDERS.slice(4, 7));
      const type = rng.pick(ENCOUNTER_TYPES);
      title = type;
      records.push(encounter(rng, at, provider, type));
      records.push(...vitals(rng, at));
      if (rng.chance(0.3)) records.push(...labResults(rng, at, rng.int(0, PANELS.length - 1)));
      if (rng.chance(0.6)) records.push(note(rng, day, provider, type));
      if (rng.chance(0.12)) records.push(medication(rng, day, provider));
      if (rng.chance(0.08)) records.push(problem(rng, day));
      if (rng.chance(0.12)) records.push(immunization(rng, day));
      if (rng.chance(0.05)) records.push(procedure(rng, day, provider));
    } else if (roll < 0.96) {
      provider = PROVIDERS[3]!;
      title = 'Hospital discharge summary';
      records.push(encounter(rng, at, provider, 'Inpatient stay'));
      records.push(...vitals(rng, at));
      records.push(...labResults(rng, at, 0));
      records.push(...labResults(rng, at, 1));
      records.push(procedure(rng, day, provider));
      records.push(note(rng, day, provider, 'Discharge'));
      if (rng.chance(0.5)) records.push(medication(rng, day, provider));
      if (rng.chance(0.5)) records.push(problem(rng, day));
    } else {
      provider = PROVIDERS[7]!;
      title = 'Imaging report';
      records.push(procedure(rng, day, provider));
      records.push(note(rng, day, provider, 'Imaging'));
    }
    const doc = documentFor(person, provider, day, records, title);
    yield toVisit(seq++, doc, 0);

    // The same results, sent again by a hospital exchange or another practice.
    const copies = rng.chance(0.1) ? (rng.chance(0.2) ? 2 : 1) : 0;
    const others = PROVIDERS.filter((p) => p !== provider);
    for (let c = 0; c < copies; c++) {
      const again = records.filter((r) => r.kind !== 'note' && rng.chance(0.7));
      if (again.length === 0) continue;
      const other = others[(rng.int(0, others.length - 1) + c) % others.length]!;
      yield toVisit(seq++, documentFor(person, other, day, again, `${title} (shared record)`), again.length);
    }
  }
}

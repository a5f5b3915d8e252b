// CDSi's coded observations from a profile's record and the person's answers. The supporting
// data lists, for each observation, the SNOMED CT (and other) codes that mean it; a problem,
// allergy or procedure of the record carrying exactly one of those codes is proposed, never
// used on its own: only the person's "yes" (or an observation they add) reaches the forecast.
// Codes are matched exactly; a name is never enough, since a wrong condition moves the schedule.
import { readCurrent } from '../records/current.ts';
import type { StoredEntry } from '../records/model.ts';
import type { SupportingData } from './supporting-data.ts';
import type { ConfirmedObservation, ImmunizationChoices, ProposedObservation, ScheduleObservation } from './types.ts';

/** How the record names SNOMED CT (short name, OID, FHIR URI) and how CDC's data names it. */
const SNOMED_SYSTEMS = new Set(['SNOMED', '2.16.840.1.113883.6.96', 'http://snomed.info/sct', 'SNOMED-CT', 'SNOMEDCT', 'SCT']);
const PROPOSING_KINDS = new Set(['problem', 'allergy', 'procedure']);

export interface ObservationAnswer {
  code: string;
  entryId: number | null;
  answer: 'yes' | 'no';
  statedAt: string;
}

const snomedIndexes = new WeakMap<SupportingData, Map<string, { observation: ScheduleObservation; text: string }[]>>();

/** SNOMED CT code → the observations CDC codes with it (CVX and CDC's own value sets are not in a record's problems). */
function snomedIndex(data: SupportingData) {
  let index = snomedIndexes.get(data);
  if (!index) {
    index = new Map();
    for (const observation of data.observations.values()) {
      for (const value of observation.codedValues) {
        if (value.system !== 'SNOMED' || value.code === '') continue;
        const list = index.get(value.code) ?? [];
        list.push({ observation: { code: observation.code, title: observation.title }, text: value.text });
        index.set(value.code, list);
      }
    }
    snomedIndexes.set(data, index);
  }
  return index;
}

/**
 * Proposals from the record: problems and allergies that are current by the record's rule
 * (main/records/current.ts: a pregnancy that ended is not proposed), and every procedure done (a
 * transplant or a splenectomy stays relevant), whose SNOMED CT code CDC lists for an observation.
 */
export function proposedObservations(entries: readonly StoredEntry[], data: SupportingData, today: string): ProposedObservation[] {
  const index = snomedIndex(data);
  const out: ProposedObservation[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!PROPOSING_KINDS.has(entry.kind)) continue;
    if (entry.kind !== 'procedure' && !readCurrent(entry, today).current) continue;
    // A procedure the source says was not done (C-CDA negationInd) or that was cancelled never happened.
    if (entry.kind === 'procedure' && ['not-done', 'cancelled'].includes(entry.status?.trim().toLowerCase() ?? '')) continue;
    for (const code of entry.codes) {
      if (!SNOMED_SYSTEMS.has(code.system)) continue;
      for (const hit of index.get(code.code.trim()) ?? []) {
        const key = `${hit.observation.code}|${entry.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          ...hit.observation,
          entryId: entry.id,
          entryTitle: entry.title,
          entryKind: entry.kind as ProposedObservation['entryKind'],
          entryDate: entry.start ?? null,
          matched: { system: 'SNOMED CT', code: code.code.trim(), text: hit.text },
        });
      }
    }
  }
  return out.sort((a, b) => a.code.localeCompare(b.code) || a.entryId - b.entryId);
}

export interface ObservationState {
  confirmed: ConfirmedObservation[];
  proposed: ProposedObservation[];
  declined: ProposedObservation[];
}

/**
 * The person's answers laid over the record's proposals. A "yes" counts only while the
 * observation is one CDC's data still has and, for a proposal, while its entry still proposes it
 * (an entry removed or recoded takes its confirmation with it, since the confirmation was about it).
 */
export function observationState(proposals: readonly ProposedObservation[], answers: readonly ObservationAnswer[], data: SupportingData): ObservationState {
  const answerOf = new Map(answers.map((a) => [`${a.code}|${a.entryId ?? ''}`, a]));
  const state: ObservationState = { confirmed: [], proposed: [], declined: [] };
  for (const proposal of proposals) {
    const answer = answerOf.get(`${proposal.code}|${proposal.entryId}`);
    if (!answer) state.proposed.push(proposal);
    else if (answer.answer === 'no') state.declined.push(proposal);
    else state.confirmed.push({ code: proposal.code, title: proposal.title, entryId: proposal.entryId, entryTitle: proposal.entryTitle, statedAt: answer.statedAt });
  }
  for (const answer of answers) {
    if (answer.entryId !== null || answer.answer !== 'yes') continue;
    const observation = data.observations.get(answer.code);
    if (observation) state.confirmed.push({ code: answer.code, title: observation.title, entryId: null, entryTitle: null, statedAt: answer.statedAt });
  }
  state.confirmed.sort((a, b) => a.code.localeCompare(b.code) || (a.entryId ?? 0) - (b.entryId ?? 0));
  return state;
}

/** The codes the engine receives: each confirmed observation once. */
export function engineObservations(state: ObservationState): { code: string; date: null }[] {
  return [...new Set(state.confirmed.map((c) => c.code))].map((code) => ({ code, date: null }));
}

/** CDC's vaccines and observations, by name, for the person to choose from. */
export function immunizationChoices(data: SupportingData): ImmunizationChoices {
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  const vaccines = [...data.cvx.values()]
    .filter((v) => v.name.trim() !== '')
    .map((v) => ({ cvx: v.cvx, name: v.name }))
    .sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.cvx, b.cvx));
  const observations = [...data.observations.values()]
    .map((o) => ({ code: o.code, title: o.title }))
    .sort((a, b) => collator.compare(a.title, b.title) || a.code.localeCompare(b.code));
  return { supportingData: data.version, vaccines, observations };
}

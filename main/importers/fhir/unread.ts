// Entries of a resource type Chartkeeper does not read yet are counted, never dropped in
// silence: the report names the type and what those entries themselves say (a Consent's
// "Do Not Resuscitate"), so the person knows what the vault does not hold as an entry.
import type { ImportProblem } from '../../records/model.ts';
import { arr, obj, str, type JsonObject } from './json.ts';

/** At most this many distinct phrases per type, each cut to WORD_LENGTH characters. */
const MAX_WORDS = 6;
const WORD_LENGTH = 120;

/** A concept's own words: its text, else its codings' displays; a bare code is not words. */
function conceptWords(concept: unknown): string[] {
  const o = obj(concept);
  if (!o) return [];
  const text = str(o['text']);
  if (text) return [text];
  return arr(o['coding']).flatMap((coding) => str(obj(coding)?.['display']) ?? []);
}

function wordsOf(concepts: unknown[]): string[] {
  const words: string[] = [];
  for (const text of concepts.flatMap(conceptWords)) {
    const trimmed = text.trim();
    const word = trimmed.length > WORD_LENGTH ? `${trimmed.slice(0, WORD_LENGTH - 1)}…` : trimmed;
    if (word && !words.includes(word)) words.push(word);
  }
  return words;
}

/** The source's own words for an unread entry, most telling first. */
export function unreadWords(resource: JsonObject): string[] {
  if (resource['resourceType'] === 'Consent') {
    const own = wordsOf([...arr(resource['category']), ...arr(obj(resource['provision'])?.['code'])]);
    // The scope ("Treatment", "Privacy Consent") says only which sort of consent it is: its words when nothing else speaks.
    return own.length > 0 ? own : wordsOf([resource['scope']]);
  }
  return wordsOf([resource['code'], ...arr(resource['category'])]);
}

/**
 * One sentence per unread type, with its count and the words its entries gave. Entries that say
 * `doNotPerform: true` (a ServiceRequest's, an R5 DeviceRequest's) get their own sentence: their
 * words name what must not be done, and listed with the others they would read as ordered.
 */
export function notReadProblems(unread: ReadonlyMap<string, readonly JsonObject[]>): ImportProblem[] {
  const out: ImportProblem[] = [];
  for (const [type, resources] of unread) {
    const prohibitions = resources.filter((r) => r['doNotPerform'] === true);
    const others = resources.filter((r) => r['doNotPerform'] !== true);
    if (others.length > 0) out.push(notReadProblem(type, others, false));
    if (prohibitions.length > 0) out.push(notReadProblem(type, prohibitions, true));
  }
  return out;
}

function notReadProblem(type: string, resources: readonly JsonObject[], doNotPerform: boolean): ImportProblem {
  const count = resources.length;
  const words = [...new Set(resources.flatMap(unreadWords))].slice(0, MAX_WORDS);
  const said = words.length > 0 ? `: ${words.map((w) => `“${w}”`).join(', ')}` : '';
  const not = doNotPerform ? `; ${count === 1 ? 'it was an instruction NOT to do this' : 'they were instructions NOT to do these'}` : '';
  return {
    reason: `${count} ${type} ${count === 1 ? 'entry was' : 'entries were'} not imported because Chartkeeper does not read that kind of entry yet${not}${said}.`,
    notice: {
      kind: 'not-read',
      resourceType: type,
      count,
      ...(words.length > 0 ? { words } : {}),
      ...(doNotPerform ? { doNotPerform: true } : {}),
    },
  };
}

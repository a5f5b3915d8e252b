// Entries of a resource type Chartkeeper does not read yet are counted, never dropped in
// silence: the report names the type and what those entries themselves say (a Consent's
// "Do Not Resuscitate"), so the person knows what the vault does not hold as an entry.
import type { ImportProblem } from '../../records/model.ts';
import { conceptText } from './codes.ts';
import { arr, obj, type JsonObject } from './json.ts';

/** At most this many distinct phrases per type, each cut to WORD_LENGTH characters. */
const MAX_WORDS = 6;
const WORD_LENGTH = 120;

/** The concepts that say what an entry of `type` is about, most telling first. */
function conceptsOf(resource: JsonObject): unknown[] {
  if (resource['resourceType'] === 'Consent') {
    const provision = obj(resource['provision']);
    const own = [...arr(resource['category']), ...arr(provision?.['code'])];
    // The scope ("Treatment", "Privacy") says only which sort of consent it is: its words when nothing else speaks.
    return own.length > 0 ? own : [resource['scope']];
  }
  return [resource['code'], ...arr(resource['category'])];
}

/** The source's own words for an unread entry: texts and displays, not bare codes of a system named by URL. */
export function unreadWords(resource: JsonObject): string[] {
  const words: string[] = [];
  for (const concept of conceptsOf(resource)) {
    const text = conceptText(concept)?.trim();
    if (!text || /^(https?:|urn:)/i.test(text)) continue;
    const word = text.length > WORD_LENGTH ? `${text.slice(0, WORD_LENGTH - 1)}…` : text;
    if (!words.includes(word)) words.push(word);
  }
  return words;
}

/** One sentence per unread type, with its count and the words its entries gave. */
export function notReadProblems(unread: ReadonlyMap<string, readonly JsonObject[]>): ImportProblem[] {
  return [...unread].map(([type, resources]) => {
    const count = resources.length;
    const words = [...new Set(resources.flatMap(unreadWords))].slice(0, MAX_WORDS);
    const said = words.length > 0 ? `: ${words.map((w) => `“${w}”`).join(', ')}` : '';
    return {
      reason: `${count} ${type} ${count === 1 ? 'entry was' : 'entries were'} not imported because Chartkeeper does not read that kind of entry yet${said}.`,
      notice: { kind: 'not-read', resourceType: type, count, ...(words.length > 0 ? { words } : {}) },
    };
  });
}

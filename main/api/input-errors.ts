// How a request that fails its schema is told to a person: one sentence in their words, never
// zod's own text ("Too big: expected string to have <=1024 characters") or a field path
// ("(entry.start)"). Messages written in the contract's schemas win; this fills in the rest,
// for every channel, at the one place inputs are parsed (router.ts).
import type { z } from 'zod';

/** What each input field is called in a sentence; a field not named here is described by its own words. */
const FIELD_NAMES: Record<string, string> = {
  passphrase: 'The passphrase',
  current: 'The current passphrase',
  next: 'The new passphrase',
  name: 'The name',
  confirmName: 'The name typed to confirm',
  birthDate: 'The birth date',
  sex: 'The sex',
  colour: 'The colour',
  title: 'The name',
  status: 'The status',
  start: 'The start date',
  end: 'The end date',
  plannedFor: 'The planned date',
  from: 'The first date',
  to: 'The last date',
  text: 'The search text',
  dose: 'The dose',
  route: 'The route',
  frequency: 'How often',
  instructions: 'The instructions',
  reactions: 'The reactions',
  severity: 'The severity',
  asNeeded: 'Whether it is taken only as needed (yes or no)',
  asNeededFor: 'What it is needed for',
  location: 'The place',
  comment: 'The comment',
  preparedBy: 'The name of who prepared it',
  notesForClinician: 'The notes for the clinician',
  files: 'The list of files',
  kinds: 'The list of kinds',
  providers: 'The list of providers',
  languages: 'The list of languages',
  language: 'The language',
  paper: 'The paper size',
  limit: 'The number of items asked for',
  idleLockMinutes: 'The minutes before locking',
};

type Issue = z.core.$ZodRawIssue;

function fieldName(path: readonly PropertyKey[] | undefined): string {
  const key = [...(path ?? [])].reverse().find((p): p is string => typeof p === 'string');
  if (!key) return 'That request';
  const known = FIELD_NAMES[key];
  if (known) return known;
  // camelCase to words: "timelineLimit" -> "The timeline limit".
  return `The ${key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

function count(n: number | bigint): string {
  return Number(n).toLocaleString('en-US');
}

/** The sentence for one failed check; used as zod's per-parse error map. */
export function inputErrorSentence(issue: Issue): string {
  const field = fieldName(issue.path);
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `${field} is too long; use at most ${count(issue.maximum)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${field} has too many items; use at most ${count(issue.maximum)}.`;
      return `${field} is too large; use at most ${count(issue.maximum)}.`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? `${field} is empty; fill it in.` : `${field} is too short; use at least ${count(issue.minimum)} characters.`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') return `${field} is empty; choose at least ${count(issue.minimum)}.`;
      return `${field} is too small; use at least ${count(issue.minimum)}.`;
    case 'invalid_type':
      return issue.input === undefined ? `${field} is missing.` : `${field} is not the kind of value Chartkeeper expects there.`;
    case 'invalid_format':
      return `${field} is not written the way Chartkeeper expects.`;
    case 'invalid_value':
      return `${field} is not one of the choices Chartkeeper offers.`;
    case 'unrecognized_keys':
      return 'That request has something in it Chartkeeper does not know, so nothing was done.';
    default:
      return `${field} is not valid.`;
  }
}

/** The sentence the person sees for a failed parse: the first problem, as one sentence. */
export function describeInvalid(issues: readonly { message: string }[]): string {
  const first = issues[0]?.message.trim();
  if (!first) return 'That request was not valid.';
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

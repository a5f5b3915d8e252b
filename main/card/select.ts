// What goes on the emergency card: every allergy any source still lists, current medications
// and active problems by the record's one rule of what is current (main/records/current.ts, via
// the visit summary's selection), and the newest blood type the results give. Pure.

import type { Code, StoredEntry } from '../records/model.ts';
import { directivesInForce } from '../records/current.ts';
import { saysNotSo } from '../records/readable/negation.ts';
import { currentItems, newestFirst } from '../summary/select.ts';

/** LOINC codes of a blood group result: ABO and Rh together, ABO alone, Rh alone. */
const BLOOD_TYPE_LOINC = new Map([
  ['882-1', 'abo-rh'],
  ['883-9', 'abo'],
  ['10331-7', 'rh'],
] as const);

export interface BloodType {
  /** As the source wrote it ("A Rh(D) positive", "O+"). */
  text: string;
  date?: string;
  provider?: string;
}

export interface CardContent {
  allergies: StoredEntry[];
  medications: StoredEntry[];
  problems: StoredEntry[];
  /** Advance directives in force (active, or with no status): a DNR order matters first in an emergency. */
  directives: StoredEntry[];
  /** The newest ABO/Rh result, or the newest ABO and Rh results side by side. */
  bloodType: BloodType[];
}

function isLoinc(code: Code): boolean {
  return code.system === 'LOINC' || code.system === 'http://loinc.org' || code.system === '2.16.840.1.113883.6.1';
}

function bloodGroupKind(entry: StoredEntry): 'abo-rh' | 'abo' | 'rh' | undefined {
  // A blood group the source says was not found is no blood group.
  if (entry.kind !== 'result' || saysNotSo(entry)) return undefined;
  for (const code of entry.codes) {
    if (!isLoinc(code)) continue;
    const kind = BLOOD_TYPE_LOINC.get(code.code as '882-1');
    if (kind) return kind;
  }
  return undefined;
}

function valueText(entry: StoredEntry): string {
  const value = entry.value;
  const text = value?.text?.trim() || (value?.number !== undefined ? String(value.number) : '');
  return text;
}

function bloodTypeOf(entries: readonly StoredEntry[]): BloodType[] {
  const newest = (kind: 'abo-rh' | 'abo' | 'rh') =>
    entries
      .filter((e) => bloodGroupKind(e) === kind && valueText(e) !== '')
      .sort(newestFirst)[0];
  const read = (entry: StoredEntry): BloodType => ({
    text: valueText(entry),
    ...(entry.start ? { date: entry.start } : {}),
    ...(entry.sources[0]?.provider ? { provider: entry.sources[0].provider } : {}),
  });
  const both = newest('abo-rh');
  if (both) return [read(both)];
  return [newest('abo'), newest('rh')].filter((e): e is StoredEntry => e !== undefined).map(read);
}

export function cardContent(entries: StoredEntry[], printedOn: string, collator: Intl.Collator): CardContent {
  // Confirmed lately or not, everything current goes on the card: in an emergency an old but
  // unretracted allergy or medication matters more than a tidy list.
  const all = (kind: 'allergy' | 'medication' | 'problem') => {
    const items = currentItems(entries, kind, printedOn, collator);
    return [...items.confirmed, ...items.unconfirmed]
      .map((i) => i.entry)
      .sort((a, b) => collator.compare(a.title, b.title) || a.id - b.id);
  };
  return {
    allergies: all('allergy'),
    medications: all('medication'),
    problems: all('problem'),
    directives: directivesInForce(entries),
    bloodType: bloodTypeOf(entries),
  };
}

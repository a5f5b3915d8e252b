// A FHIR document's Composition (an International Patient Summary, say) is its table of
// contents: each section's narrative restates the entries it references, which are read as
// entries in their own right. What a section says only in words — no entries, no reason given
// for being empty, sub-sections aside — is not read, and the report names it.
import type { JsonObject } from './json.ts';
import { arr, obj, str } from './json.ts';
import { type Mapped, none } from './mapped.ts';

function sectionName(section: JsonObject): string {
  const code = obj(section['code']);
  const coding = obj(arr(code?.['coding'])[0]);
  return str(section['title']) ?? str(code?.['text']) ?? str(coding?.['display']) ?? str(coding?.['code']) ?? 'untitled';
}

function narrativeOnly(sections: unknown[], found: string[]): void {
  for (const item of sections) {
    const section = obj(item);
    if (!section) continue;
    const hasText = !!str(obj(section['text'])?.['div']);
    if (hasText && !arr(section['entry']).length && !obj(section['emptyReason'])) found.push(sectionName(section));
    narrativeOnly(arr(section['section']), found);
  }
}

export function mapComposition(resource: JsonObject): Mapped {
  const found: string[] = [];
  narrativeOnly(arr(resource['section']), found);
  const mapped = none();
  for (const name of found) {
    mapped.problems.push({ reason: `The section "${name}" of this document is text only, so it was not imported as entries; the original file keeps it.` });
  }
  return mapped;
}

// What a C-CDA family history observation says of the relative beyond the condition: that they
// died of it (a CAUS link to "Dead") and how old they were when it began (a SUBJ age
// observation). Kept as the source gave them; worded at read time (readable/family.ts).
import type { OnsetAge } from '../../records/model.ts';
import { attr, child, children, elements, nameOf, type XmlNode } from '../xml/tree.ts';

const DEAD = '419099009';
// SNOMED "Age at onset" (C-CDA's Age Observation 4.31) and "Age" (CCD 1.0's 10.20.1.38, which
// that guide defines as the subject's age at onset).
const AGE_CODES = new Set(['445518008', '397659008']);

function linked(observation: XmlNode, typeCode: string): XmlNode[] {
  return children(observation, 'entryRelationship')
    .filter((link) => attr(link, 'typeCode') === typeCode)
    .flatMap((link) => elements(link).filter((k) => nameOf(k) === 'observation'));
}

/**
 * Whether an observation linked by an entryRelationship of typeCode CAUS says "Dead": CCD 1.0's
 * Family History Cause of Death observation (10.20.1.42) and C-CDA R2's Family History Death
 * Observation (4.47) both link it so.
 */
export function diedOf(observation: XmlNode): boolean {
  return linked(observation, 'CAUS').some((k) => attr(child(k, 'value'), 'code') === DEAD);
}

function number(text: string | undefined): number | undefined {
  if (!text?.trim()) return undefined;
  const n = Number(text.trim());
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The age at onset an SUBJ observation coded "Age at onset" (or CCD 1.0's "Age") gives: a PQ's
 * number and unit ("59" "a"), CCD 1.0's INT (a number, no unit), or an IVL_PQ's low and high.
 * A null-flavoured value says nothing.
 */
export function onsetAgeOf(observation: XmlNode): OnsetAge | undefined {
  for (const k of linked(observation, 'SUBJ')) {
    if (!AGE_CODES.has(attr(child(k, 'code'), 'code') ?? '')) continue;
    const value = child(k, 'value');
    if (!value || attr(value, 'nullFlavor')) continue;
    const low = child(value, 'low');
    const high = child(value, 'high');
    const age: OnsetAge = {};
    const one = number(attr(value, 'value'));
    const from = one ?? number(attr(low, 'value'));
    const to = one === undefined ? number(attr(high, 'value')) : undefined;
    if (from !== undefined) age.value = from;
    if (to !== undefined) age.high = to;
    const unit = (attr(value, 'unit') ?? attr(low, 'unit') ?? attr(high, 'unit'))?.trim();
    if (unit) age.unit = unit;
    if (age.value !== undefined || age.high !== undefined) return age;
  }
  return undefined;
}

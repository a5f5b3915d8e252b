// Values of observations and the small structures around them (quantities, ranges, names).
import type { Code, Quantity, ReferenceRange } from '../../records/model.ts';
import { attr, child, children, kids, isText, textValue, textOf, type XmlNode } from '../xml/tree.ts';
import type { NarrativeIndex } from '../narrative/index.ts';
import { readCoded, referencedOrOwnText } from './codes.ts';
import { tsToIso } from './dates.ts';

/** xsi:type without any prefix the writer gave it ("PQ", "CD", "IVL_PQ"). */
export function xsiType(node: XmlNode | undefined): string | undefined {
  const type = attr(node, 'type');
  if (!type) return undefined;
  const colon = type.indexOf(':');
  return (colon >= 0 ? type.slice(colon + 1) : type).toUpperCase();
}

function toNumber(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

function unitOf(node: XmlNode | undefined): string | undefined {
  const unit = attr(node, 'unit');
  return unit && unit !== '1' ? unit : undefined;
}

export interface ObservationValue {
  value?: Quantity;
  codes: Code[];
}

/** An observation's <value>, whatever its xsi:type. */
export function readValue(node: XmlNode | undefined, index: NarrativeIndex): ObservationValue {
  if (!node) return { codes: [] };
  const type = xsiType(node);
  switch (type) {
    case 'PQ':
    case 'INT':
    case 'REAL':
    case 'MO': {
      const raw = attr(node, 'value');
      const quantity: Quantity = {};
      const number = toNumber(raw);
      if (number !== undefined) quantity.number = number;
      const text = raw?.trim() || referencedOrOwnText(child(node, 'originalText'), index) || textOf(node);
      if (text) quantity.text = text;
      const unit = type === 'MO' ? attr(node, 'currency') : unitOf(node);
      if (unit) quantity.unit = unit;
      return { value: quantity.text === undefined && quantity.number === undefined ? undefined : quantity, codes: [] };
    }
    case 'IVL_PQ': {
      const low = child(node, 'low');
      const high = child(node, 'high');
      const lowText = attr(low, 'value');
      const highText = attr(high, 'value');
      const unit = unitOf(low) ?? unitOf(high);
      const text = lowText && highText ? `${lowText}-${highText}` : lowText ? `>=${lowText}` : highText ? `<=${highText}` : '';
      if (!text) return { codes: [] };
      return { value: unit ? { text, unit } : { text }, codes: [] };
    }
    case 'CD':
    case 'CE':
    case 'CV':
    case 'CO':
    case 'CS': {
      const coded = readCoded(node, index);
      return { value: coded.text ? { text: coded.text } : undefined, codes: coded.codes };
    }
    case 'BL': {
      const raw = attr(node, 'value');
      return { value: raw ? { text: raw } : undefined, codes: [] };
    }
    case 'TS': {
      const iso = tsToIso(attr(node, 'value'));
      return { value: iso ? { text: iso } : undefined, codes: [] };
    }
    case 'RTO':
    case 'RTO_PQ_PQ':
    case 'RTO_INT_INT': {
      const numerator = attr(child(node, 'numerator'), 'value');
      const denominator = attr(child(node, 'denominator'), 'value');
      return { value: numerator && denominator ? { text: `${numerator}/${denominator}` } : undefined, codes: [] };
    }
    default: {
      // ST, ED, or an untyped value: its text (or the narrative it references).
      const text = referencedOrOwnText(node, index) ?? attr(node, 'value');
      if (text) return { value: { text }, codes: [] };
      if (attr(node, 'code')) {
        const coded = readCoded(node, index);
        return { value: coded.text ? { text: coded.text } : undefined, codes: coded.codes };
      }
      return { codes: [] };
    }
  }
}

export function readReferenceRange(observation: XmlNode, index: NarrativeIndex): ReferenceRange | undefined {
  for (const range of children(observation, 'referenceRange')) {
    const observationRange = child(range, 'observationRange');
    if (!observationRange) continue;
    const out: ReferenceRange = {};
    const value = child(observationRange, 'value');
    const low = toNumber(attr(child(value, 'low'), 'value'));
    const high = toNumber(attr(child(value, 'high'), 'value'));
    const unit = unitOf(child(value, 'low')) ?? unitOf(child(value, 'high'));
    if (low !== undefined) out.low = low;
    if (high !== undefined) out.high = high;
    if (unit) out.unit = unit;
    const text = referencedOrOwnText(child(observationRange, 'text'), index);
    if (text) out.text = text;
    else if (low !== undefined && high !== undefined) out.text = `${low}-${high}`;
    else if (low !== undefined) out.text = `>=${low}`;
    else if (high !== undefined) out.text = `<=${high}`;
    else if (value && xsiType(value) !== 'IVL_PQ') {
      const written = referencedOrOwnText(value, index) ?? attr(value, 'displayName');
      if (written) out.text = written;
    }
    if (Object.keys(out).length > 0) return out;
  }
  return undefined;
}

/** A person's name: prefix given family suffix, or the name's own text. */
export function formatName(name: XmlNode | undefined): string | undefined {
  if (!name) return undefined;
  const parts: string[] = [];
  let hasParts = false;
  for (const k of kids(name)) {
    if (isText(k)) continue;
    hasParts = true;
    const text = textOf(k);
    if (text) parts.push(text);
  }
  if (!hasParts) {
    const own = kids(name).map(textValue).join('').replace(/\s+/g, ' ').trim();
    return own || undefined;
  }
  const joined = parts.join(' ').replace(/\s+/g, ' ').trim();
  return joined || undefined;
}

/** The name of a person or organization somewhere under `node` (assignedPerson, representedOrganization…). */
export function entityName(node: XmlNode | undefined): string | undefined {
  if (!node) return undefined;
  const person = child(node, 'assignedPerson') ?? child(node, 'associatedPerson') ?? child(node, 'playingEntity');
  const personName = formatName(child(person, 'name'));
  if (personName) return personName;
  const organization = child(node, 'representedOrganization') ?? child(node, 'scopingOrganization');
  return formatName(child(organization, 'name'));
}

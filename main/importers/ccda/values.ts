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

/** A PQ/INT/REAL-like element's value: the number, the value as written, its unit. */
function quantityOf(node: XmlNode, unit: string | undefined, index: NarrativeIndex): Quantity | undefined {
  const raw = attr(node, 'value');
  const quantity: Quantity = {};
  const number = toNumber(raw);
  if (number !== undefined) quantity.number = number;
  const text = raw?.trim() || referencedOrOwnText(child(node, 'originalText'), index) || textOf(node);
  if (text) quantity.text = text;
  if (unit) quantity.unit = unit;
  return quantity.text === undefined && quantity.number === undefined ? undefined : quantity;
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
      return { value: quantityOf(node, type === 'MO' ? attr(node, 'currency') : unitOf(node), index), codes: [] };
    }
    case 'IVL_PQ':
    case 'IVL_INT':
    case 'IVL_REAL': {
      // Some writers put a plain quantity in an interval type (value="10.2" unit="G/DL"):
      // that is the value. Otherwise the interval is the value, kept as written ("> 60").
      const own = attr(node, 'value') !== undefined ? node : child(node, 'center');
      if (attr(own, 'value') !== undefined) return { value: quantityOf(own as XmlNode, unitOf(own) ?? unitOf(node), index), codes: [] };
      const low = child(node, 'low');
      const high = child(node, 'high');
      const lowText = attr(low, 'value');
      const highText = attr(high, 'value');
      const unit = unitOf(node) ?? unitOf(low) ?? unitOf(high);
      const lowOpen = attr(low, 'inclusive') === 'false';
      const highOpen = attr(high, 'inclusive') === 'false';
      const text =
        lowText && highText
          ? `${lowText}-${highText}`
          : lowText
            ? `${lowOpen ? '>' : '>='}${lowText}`
            : highText
              ? `${highOpen ? '<' : '<='}${highText}`
              : '';
      if (!text) return { codes: [] };
      return { value: unit ? { text, unit } : { text }, codes: [] };
    }
    case 'CD':
    case 'CE':
    case 'CV':
    case 'CO':
    case 'CS': {
      const coded = readCoded(node, index);
      // A code with no words is still the value the source gave: keep it as its code.
      const first = coded.codes[0];
      const text = coded.text ?? (first ? `${first.system} ${first.code}` : undefined);
      return { value: text ? { text } : undefined, codes: coded.codes };
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
    case 'RTO_INT_INT':
    case 'RTO_MO_PQ': {
      const part = (name: string): string | undefined => {
        const term = child(node, name);
        const value = attr(term, 'value');
        const unit = unitOf(term);
        return value ? (unit ? `${value} ${unit}` : value) : undefined;
      };
      const numerator = part('numerator');
      const denominator = part('denominator');
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

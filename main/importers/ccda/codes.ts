// Coded values: CD/CE/CV with translations, originalText and narrative references.
import { CODE_SYSTEMS, type Code } from '../../records/model.ts';
import { attr, child, children, textOf, type XmlNode } from '../xml/tree.ts';
import type { NarrativeIndex } from '../narrative/index.ts';

const NAME_OF_OID = new Map<string, string>(
  Object.entries(CODE_SYSTEMS).map(([name, oid]) => [oid, name]),
);
// OIDs that CDA documents use for the same systems under older or alternate identifiers.
NAME_OF_OID.set('2.16.840.1.113883.6.4', 'ICD10PCS');
NAME_OF_OID.set('2.16.840.1.113883.6.3', 'ICD10');
NAME_OF_OID.set('2.16.840.1.113883.6.2', 'ICD9CM');
NAME_OF_OID.set('2.16.840.1.113883.6.104', 'ICD9CM');
NAME_OF_OID.set('2.16.840.1.113883.6.5', 'SNOMED');

export function systemName(oid: string | undefined): string | undefined {
  if (!oid) return undefined;
  return NAME_OF_OID.get(oid) ?? oid;
}

/**
 * Text that names something. Some writers fill displayName or originalText with "null",
 * "????", "UNK" or a nullFlavor word when they had no name: those are not names.
 */
export function meaningful(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  if (/^(null|undefined|nan|\?+|-+|\.+)$/i.test(trimmed)) return undefined;
  if (/^(NI|UNK|ASKU|NAV|NASK|MSK|NP)$/.test(trimmed)) return undefined;
  // A narrative reference written as text ("#nomeds", MedHost's medication with no name) points, it does not name.
  if (/^#[A-Za-z][\w.-]*$/.test(trimmed)) return undefined;
  return trimmed;
}

/** Plain text of originalText: its own text, or the narrative its <reference> points to. */
export function originalText(node: XmlNode | undefined, index: NarrativeIndex): string | undefined {
  const original = child(node, 'originalText');
  if (!original) return undefined;
  return meaningful(referencedOrOwnText(original, index));
}

/** For <text> and <originalText>: the referenced narrative when there is one, else own text. */
export function referencedOrOwnText(node: XmlNode | undefined, index: NarrativeIndex): string | undefined {
  if (!node) return undefined;
  const reference = attr(child(node, 'reference'), 'value');
  if (reference) {
    const resolved = index.resolve(reference);
    if (resolved) return resolved;
  }
  const own = textOf(node);
  return own || undefined;
}

/** Systems whose codes are never letters alone: "UNK" there is a null flavor written as a code. */
const NUMERIC_SYSTEMS = new Set(['LOINC', 'SNOMED', 'RXNORM', 'CVX', 'NDC']);
export const NULL_FLAVOR_WORD = /^(NI|UNK|ASKU|NAV|NASK|MSK|NP|NA|OTH|NINF|PINF)$/;

function oneCode(node: XmlNode): Code | undefined {
  // Writers that wrap attributes leave line breaks inside them ("20565-8\r\n"): the code is the trimmed text.
  const code = attr(node, 'code')?.trim();
  if (!code || attr(node, 'nullFlavor')) return undefined;
  const system = systemName(attr(node, 'codeSystem')?.trim()) ?? attr(node, 'codeSystemName') ?? 'unknown';
  if (NUMERIC_SYSTEMS.has(system) && NULL_FLAVOR_WORD.test(code)) return undefined;
  const display = meaningful(attr(node, 'displayName'));
  return display ? { system, code, display } : { system, code };
}

/**
 * A displayName on an element with an empty code and no null flavor: Netsmart writes each
 * medicine as `code="" displayName="Metoprolol Tartrate"`. The words name it; there is no code.
 */
function uncodedName(node: XmlNode): string | undefined {
  if (attr(node, 'nullFlavor') || attr(node, 'code')?.trim()) return undefined;
  return meaningful(attr(node, 'displayName'));
}

export interface CodedValue {
  codes: Code[];
  /** displayName, else originalText / referenced narrative, else a translation's displayName. */
  text?: string;
}

/** Reads a coded element: primary code, then translations; text resolved as documented. */
export function readCoded(node: XmlNode | undefined, index: NarrativeIndex): CodedValue {
  if (!node) return { codes: [] };
  const codes: Code[] = [];
  const primary = oneCode(node);
  if (primary) codes.push(primary);
  for (const translation of children(node, 'translation')) {
    const code = oneCode(translation);
    if (code) codes.push(code);
  }
  const text =
    primary?.display || originalText(node, index) || codes.find((c) => c.display)?.display || uncodedName(node) || undefined;
  return text ? { codes, text } : { codes };
}

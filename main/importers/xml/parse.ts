// The one way XML is parsed in the importers. fast-xml-parser silently accepts malformed input
// and would expand internal entities, so every document goes through the same gate: size,
// DOCTYPE/ENTITY refusal, well-formedness, namespace prefixes, element count, then one parse
// into the ordered tree that xml/tree.ts reads. Most documents are parsed by saxes into that
// tree (sax-tree.ts, twice as fast); the rest, and every refusal, take fast-xml-parser's path.
import { XMLParser } from 'fast-xml-parser';
import { LIMITS } from '../limits.ts';
import { ImportError } from '../errors.ts';
import { saxTree, type Prefixes } from './sax-tree.ts';
import { checkStructure } from './structure.ts';
import { elementNode, textNode, type XmlNode } from './tree.ts';

const FORBIDDEN_DECLARATION = /<!(DOCTYPE|ENTITY)\b/i;

export interface ParseXmlOptions {
  /** Shown in error sentences: "This file", "DOC0001.XML in the zip". */
  what?: string;
}

/**
 * Parses XML text into the ordered tree of xml/tree.ts (document order kept, namespace
 * prefixes removed, attributes by local name, every value a string).
 * Throws ImportError with one sentence for anything that is not safe, well-formed XML.
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlNode[] {
  const what = options.what ?? 'This file';
  if (text.length > LIMITS.maxFileBytes) {
    throw new ImportError(`${what} is too large to import (the limit is 100 MB).`);
  }
  const limits = { maxDepth: LIMITS.maxXmlDepth, maxElements: LIMITS.maxXmlElements };
  let prefixes = newPrefixes();
  // saxes steps aside at a DOCTYPE (and fails on an entity declaration outside one), so the
  // search for them is needed only on the original path.
  let nodes = saxTree(text, limits, prefixes);
  if (!nodes) {
    if (FORBIDDEN_DECLARATION.test(text)) {
      throw new ImportError(
        `${what} contains a DOCTYPE or entity declaration, which Chartkeeper refuses for safety.`,
      );
    }
    prefixes = newPrefixes();
    nodes = parseChecked(text, what, prefixes);
  }
  for (const prefix of prefixes.used) {
    if (!prefixes.declared.has(prefix)) {
      throw new ImportError(
        `${what} is malformed XML: it uses the namespace prefix "${prefix}" without declaring it.`,
      );
    }
  }
  return nodes;
}

function newPrefixes(): Prefixes {
  return { used: new Set<string>(), declared: new Set<string>(['xml', 'xmlns']) };
}

/** fast-xml-parser's path: the structure pass first, since that parser accepts malformed XML. */
function parseChecked(text: string, what: string, prefixes: Prefixes): XmlNode[] {
  const problem = checkStructure(text, { maxDepth: LIMITS.maxXmlDepth, maxElements: LIMITS.maxXmlElements });
  if (problem?.kind === 'too-many-elements') throw new ImportError(`${what} has too many XML elements to import safely.`);
  if (problem?.kind === 'too-deep') throw new ImportError(`${what} is nested too deeply to be a real health record.`);
  if (problem) {
    throw new ImportError(
      `${what} is damaged or incomplete (the XML breaks off or is malformed near line ${problem.line}).`,
    );
  }
  const parser = createXmlParser(prefixes);
  let nodes: FastXmlNode[];
  try {
    nodes = parser.parse(text) as FastXmlNode[];
  } catch {
    throw new ImportError(`${what} is damaged or incomplete and could not be read as XML.`);
  }
  return fromFastXmlParser(nodes);
}

/** fast-xml-parser's ordered shape: `{ [localName]: children[], ':@'?: attrs }` or `{ '#text': text }`. */
export type FastXmlNode = Record<string, unknown>;

const ATTRIBUTE_WHITESPACE = /[\t\n\r]/g;

/**
 * fast-xml-parser's ordered output as the importers' tree (xml/tree.ts). XML replaces a tab or
 * line break inside an attribute value with a space (saxes does); fast-xml-parser keeps them.
 * Replaced here too so a file reads the same whichever path it takes (a character reference to
 * a tab, which XML would keep, is replaced too, on both paths). Exported for the differential test.
 */
export function fromFastXmlParser(nodes: readonly FastXmlNode[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of nodes) {
    if ('#text' in node) {
      const value = node['#text'];
      out.push(textNode(typeof value === 'string' ? value : value == null ? '' : String(value)));
      continue;
    }
    let name = '';
    for (const key in node) {
      if (key !== ':@') {
        name = key;
        break;
      }
    }
    const map = node[':@'] as Record<string, unknown> | undefined;
    let attributes: Record<string, string> | undefined;
    if (map) {
      attributes = {};
      for (const key in map) {
        const value = String(map[key]);
        attributes[key] = value.includes('\t') || value.includes('\n') || value.includes('\r') ? value.replace(ATTRIBUTE_WHITESPACE, ' ') : value;
      }
    }
    const inner = node[name];
    out.push(elementNode(name, attributes, Array.isArray(inner) ? fromFastXmlParser(inner as FastXmlNode[]) : []));
  }
  return out;
}

/**
 * fast-xml-parser as the importers use it (ordered tree, attributes unprefixed, namespace
 * prefixes stripped and recorded in `prefixes`, no value parsing). Exported so the import
 * benchmark's baseline parses with exactly these options.
 */
export function createXmlParser(prefixes: { used: Set<string>; declared: Set<string> }): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: LIMITS.maxXmlDepth,
    // No callback here reads the element path; left on, the parser builds that path string
    // for every element anyway, a fifth of its CPU time on the corpus.
    jPath: false,
    transformTagName: (name: string) => localName(name, prefixes.used),
    transformAttributeName: (name: string) => {
      if (name.startsWith('xmlns:')) {
        prefixes.declared.add(name.slice(6));
        return name;
      }
      return localName(name, prefixes.used);
    },
  });
}

function localName(name: string, used: Set<string>): string {
  const colon = name.indexOf(':');
  if (colon < 0) return name;
  used.add(name.slice(0, colon));
  return name.slice(colon + 1);
}

// The fast way to the ordered tree: saxes (a strict, conforming streaming parser) with the tree
// built from its events holding exactly what fast-xml-parser's ordered tree holds (xml/tree.ts). It
// parses the corpus in under half of fast-xml-parser's time and checks well-formedness as it
// goes, so the separate structure pass is not needed either.
//
// It only answers when its tree is certain to be fast-xml-parser's. A document using an entity
// other than XML's five and numeric character references (HTML names, which fast-xml-parser
// decodes its own way), a DOCTYPE, XML 1.1, a name fast-xml-parser guards against, anything
// saxes refuses (fast-xml-parser may still read it) or a limit crossed gets undefined, and
// parse.ts takes the original path, which also words every refusal. The differential test over
// the corpus (test/importers/xml/sax-tree.test.ts) holds both trees equal.
//
// Numeric references read the same on both paths (the code point, for every one saxes accepts:
// fast-xml-parser only removes the ones XML forbids, which saxes refuses). Taking them here
// matters beyond their few files: fast-xml-parser's parse function, used rarely, was optimized
// and thrown away again in every import, ~10% of the corpus import's CPU.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { elementNode, textNode, type XmlNode } from './tree.ts';

export interface SaxTreeLimits {
  maxDepth: number;
  maxElements: number;
}

export interface Prefixes {
  used: Set<string>;
  declared: Set<string>;
}

/** Names fast-xml-parser rewrites or refuses (prototype pollution guards). */
const GUARDED_NAMES = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

const PREDEFINED = ['amp;', 'lt;', 'gt;', 'quot;', 'apos;'];

/**
 * How the text uses '&': only for XML's five predefined entities, also for numeric character
 * references (`&#160;`, `&#xA0;`), or otherwise (an HTML name, a bare '&').
 */
export function entityUse(text: string): 'predefined' | 'numeric' | 'other' {
  let use: 'predefined' | 'numeric' = 'predefined';
  for (let at = text.indexOf('&'); at >= 0; at = text.indexOf('&', at + 1)) {
    if (text.charCodeAt(at + 1) === HASH) {
      if (!isNumericReference(text, at + 2)) return 'other';
      use = 'numeric';
      continue;
    }
    let known = false;
    for (const name of PREDEFINED) {
      if (text.startsWith(name, at + 1)) {
        known = true;
        break;
      }
    }
    if (!known) return 'other';
  }
  return use;
}

const HASH = 0x23;
const SEMICOLON = 0x3b;

/** Whether `text` from `from` (just past "&#") is digits, or 'x' and hex digits, then ';'. */
function isNumericReference(text: string, from: number): boolean {
  const hex = text.charCodeAt(from) === 0x78;
  let at = hex ? from + 1 : from;
  const first = at;
  for (; at < text.length; at++) {
    const c = text.charCodeAt(at);
    const digit = (c >= 0x30 && c <= 0x39) || (hex && ((c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)));
    if (!digit) break;
  }
  return at > first && text.charCodeAt(at) === SEMICOLON;
}

/** parse.ts's fromFastXmlParser turns these into spaces in attribute values; only a character reference leaves one after saxes. */
const ATTRIBUTE_WHITESPACE = /[\t\n\r]/g;

class NotHere extends Error {}

function localName(name: string, prefixes: Prefixes): string {
  const colon = name.indexOf(':');
  const local = colon < 0 ? name : name.slice(colon + 1);
  if (GUARDED_NAMES.has(local)) throw new NotHere();
  if (colon >= 0) prefixes.used.add(name.slice(0, colon));
  return local;
}

/**
 * The ordered tree of `text`, or undefined when this path cannot promise fast-xml-parser's tree
 * (see above). Namespace prefixes used and declared are added to `prefixes` as the original
 * path records them.
 */
export function saxTree(text: string, limits: SaxTreeLimits, prefixes: Prefixes): XmlNode[] | undefined {
  const entities = entityUse(text);
  if (entities === 'other') return undefined;
  const references = entities === 'numeric';
  const top: XmlNode[] = [];
  const stack: XmlNode[][] = [];
  let children = top;
  // fast-xml-parser gathers text up to the next tag, a processing instruction or CDATA section;
  // a comment does not end it, so the text on both sides of a comment is one run.
  let pending = '';
  let elements = 0;
  const parser = new SaxesParser({ xmlns: false, position: false });
  // parse.ts refuses a DOCTYPE on the original path, before anything is parsed.
  parser.on('doctype', () => {
    throw new NotHere();
  });
  // XML 1.1 has line breaks of its own that saxes would turn into '\n'; fast-xml-parser would not.
  parser.on('xmldecl', (decl) => {
    if (decl.version !== undefined && decl.version !== '1.0') throw new NotHere();
  });
  parser.on('text', (t) => {
    pending += t;
  });
  parser.on('processinginstruction', () => {
    if (pending !== '') children.push(textNode(pending));
    pending = '';
  });
  parser.on('cdata', (t) => {
    if (pending !== '') children.push(textNode(pending));
    pending = '';
    children.push(textNode(t));
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    // Text before the root element is dropped, as fast-xml-parser drops it.
    if (pending !== '' && children !== top) children.push(textNode(pending));
    pending = '';
    if (++elements > limits.maxElements || stack.length >= limits.maxDepth) throw new NotHere();
    const own: XmlNode[] = [];
    const name = localName(tag.name, prefixes);
    let map: Record<string, string> | undefined;
    const attributes = tag.attributes;
    for (const qualified in attributes) {
      let key: string;
      if (qualified.startsWith('xmlns:')) {
        prefixes.declared.add(qualified.slice(6));
        key = qualified;
      } else {
        key = localName(qualified, prefixes);
      }
      let value = attributes[qualified]!;
      if (references && (value.includes('\t') || value.includes('\n') || value.includes('\r'))) value = value.replace(ATTRIBUTE_WHITESPACE, ' ');
      (map ??= {})[key] = value;
    }
    children.push(elementNode(name, map, own));
    stack.push(children);
    children = own;
  });
  parser.on('closetag', () => {
    if (pending !== '') children.push(textNode(pending));
    pending = '';
    children = stack.pop()!;
  });
  try {
    parser.write(text).close();
  } catch {
    return undefined;
  }
  return top;
}

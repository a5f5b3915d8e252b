// The fast way to the ordered tree: saxes (a strict, conforming streaming parser) with the tree
// built from its events holding exactly what fast-xml-parser's ordered tree holds (xml/tree.ts). It
// parses the corpus in under half of fast-xml-parser's time and checks well-formedness as it
// goes, so the separate structure pass is not needed either.
//
// It only answers when its tree is certain to be fast-xml-parser's. A document using an entity
// other than XML's five (numeric references and HTML names, which fast-xml-parser decodes its
// own way), a DOCTYPE, XML 1.1, a name fast-xml-parser guards against, anything saxes refuses
// (fast-xml-parser may still read it) or a limit crossed gets undefined, and parse.ts takes the
// original path, which also words every refusal. The differential test over the corpus
// (test/importers/xml/sax-tree.test.ts) holds both trees equal.
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

/** True when every '&' in the text starts one of XML's five predefined entities. */
export function onlyPredefinedEntities(text: string): boolean {
  for (let at = text.indexOf('&'); at >= 0; at = text.indexOf('&', at + 1)) {
    let known = false;
    for (const name of PREDEFINED) {
      if (text.startsWith(name, at + 1)) {
        known = true;
        break;
      }
    }
    if (!known) return false;
  }
  return true;
}

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
  if (!onlyPredefinedEntities(text)) return undefined;
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
      (map ??= {})[key] = attributes[qualified]!;
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

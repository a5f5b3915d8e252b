// The parsed document and small readers over it. Every node, element or text run, is one
// class with the same four fields, so every read of a node is of one hidden class: with
// fast-xml-parser's own shape (`{ [localName]: children[], ':@'?: attrs }`) each tag name was
// a shape of its own, finding a node's name meant a for…in, and building and reading the tree
// of the corpus took ~0.15× of the bare parse more CPU (sax-tree.ts builds this shape directly;
// parse.ts converts fast-xml-parser's output on its path).
// Loops here index the arrays rather than use for…of: V8 did not optimise the iterator away in
// these small, very hot readers, and its result objects were a quarter of what mapping the
// corpus allocated, each young-generation collection then copying the still-live parse tree.

export class XmlNode {
  /** The element's local name (namespace prefix removed), or '#text' for a text run. */
  readonly name: string;
  /** Attributes by local name (`xmlns:` declarations keep their prefix); undefined when none. */
  readonly attrs: Readonly<Record<string, string>> | undefined;
  /** Child nodes in document order; always empty for a text run. */
  readonly kids: readonly XmlNode[];
  /** A text run's text; undefined for an element. */
  readonly text: string | undefined;

  constructor(name: string, attrs: Record<string, string> | undefined, kids: readonly XmlNode[], text: string | undefined) {
    this.name = name;
    this.attrs = attrs;
    this.kids = kids;
    this.text = text;
  }
}

export const TEXT_NAME = '#text';
const NO_ATTRS: Readonly<Record<string, string>> = Object.freeze({});
const NO_NODES: readonly XmlNode[] = Object.freeze([]);

export function elementNode(name: string, attrs: Record<string, string> | undefined, kids: readonly XmlNode[]): XmlNode {
  return new XmlNode(name, attrs, kids, undefined);
}

export function textNode(text: string): XmlNode {
  return new XmlNode(TEXT_NAME, undefined, NO_NODES, text);
}

/** The element's local name, or '#text' for a text run. */
export function nameOf(node: XmlNode): string {
  return node.name;
}

export function isText(node: XmlNode): boolean {
  return node.text !== undefined;
}

export function textValue(node: XmlNode): string {
  return node.text ?? '';
}

export function attrs(node: XmlNode): Readonly<Record<string, string>> {
  return node.attrs ?? NO_ATTRS;
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.attrs?.[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Child nodes (elements and text runs) in document order. */
export function kids(node: XmlNode | undefined): readonly XmlNode[] {
  return node ? node.kids : NO_NODES;
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const list = kids(node);
  for (let i = 0; i < list.length; i++) if (list[i]!.name === name) return list[i];
  return undefined;
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const list = kids(node);
  for (let i = 0; i < list.length; i++) if (list[i]!.name === name) out.push(list[i]!);
  return out;
}

/** Follows a path of child names, taking the first match at each step. */
export function path(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let current = node;
  for (let i = 0; i < names.length && current; i++) current = child(current, names[i]!);
  return current;
}

/** Child elements only (no text runs). */
export function elements(node: XmlNode | undefined): XmlNode[] {
  const out: XmlNode[] = [];
  const list = kids(node);
  for (let i = 0; i < list.length; i++) if (list[i]!.text === undefined) out.push(list[i]!);
  return out;
}

/** All text below the node, whitespace collapsed. */
export function textOf(node: XmlNode | undefined): string {
  if (!node) return '';
  const parts: string[] = [];
  collectText(node, parts);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/**
 * textOf(node) when that is at most `max` characters long, otherwise undefined, without
 * collecting the rest of a long text: a section's narrative can run to many kilobytes, and the
 * mapping only wants it when it is short enough to be one statement ("No known allergies").
 * Elements named in `skip` are left out with their content (a table's headings).
 */
export function shortTextOf(node: XmlNode | undefined, max: number, skip?: ReadonlySet<string>): string | undefined {
  if (!node) return '';
  const state: ShortText = { parts: [], raw: 0, check: max, max, skip };
  if (collectShort(node, state) || tooLong(state)) return undefined;
  return state.parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** shortTextOf's walk: module functions, not closures made per call (see collectShort). */
interface ShortText {
  parts: string[];
  /** Characters collected so far, a space between parts. */
  raw: number;
  /** Collapsing and trimming a prefix never gives more than the whole would, so once a prefix is too long the whole is too: checked when `raw` passes this. */
  check: number;
  max: number;
  skip: ReadonlySet<string> | undefined;
}

function tooLong(state: ShortText): boolean {
  return state.parts.join(' ').replace(/\s+/g, ' ').trim().length > state.max;
}

/**
 * True once the text is known to be too long. A function of the module rather than a closure
 * made per call: V8 keeps a closure's optimized code only while some closure of it lives, so
 * a hot closure made anew for every call was compiled again after every major collection.
 */
function collectShort(current: XmlNode, state: ShortText): boolean {
  const value = current.text;
  if (value !== undefined) {
    state.parts.push(value);
    state.raw += value.length + 1;
    if (state.raw <= state.check) return false;
    state.check = state.raw * 2;
    return tooLong(state);
  }
  if (state.skip?.has(current.name)) return false;
  const list = kids(current);
  for (let i = 0; i < list.length; i++) if (collectShort(list[i]!, state)) return true;
  return false;
}

function collectText(node: XmlNode, parts: string[]): void {
  if (node.text !== undefined) {
    parts.push(node.text);
    return;
  }
  const list = kids(node);
  for (let i = 0; i < list.length; i++) collectText(list[i]!, parts);
}

/** The first element among the top-level nodes (the document element). */
export function rootElement(nodes: readonly XmlNode[]): XmlNode | undefined {
  for (const node of nodes) if (node.text === undefined) return node;
  return undefined;
}

/** templateId roots of an element. */
export function templateIds(node: XmlNode | undefined): string[] {
  const out: string[] = [];
  const list = kids(node);
  for (let i = 0; i < list.length; i++) {
    if (list[i]!.name === 'templateId') {
      const root = attr(list[i], 'root');
      if (root) out.push(root);
    }
  }
  return out;
}

export function hasTemplate(node: XmlNode, roots: ReadonlySet<string>): boolean {
  const list = kids(node);
  for (let i = 0; i < list.length; i++) {
    if (list[i]!.name === 'templateId') {
      const root = attr(list[i], 'root');
      if (root && roots.has(root)) return true;
    }
  }
  return false;
}

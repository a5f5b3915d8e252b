// Small readers over fast-xml-parser's ordered output, where each element is
// `{ [localName]: children[], ':@'?: { attr: value } }` and each text run is `{ '#text': '…' }`.
// Working on that shape directly keeps the import to a single parse with no tree copy.
// Loops here index the arrays rather than use for…of: V8 did not optimise the iterator away in
// these small, very hot readers, and its result objects were a quarter of what mapping the
// corpus allocated, each young-generation collection then copying the still-live parse tree.

export type XmlNode = Record<string, unknown>;

const ATTRS = ':@';
const TEXT = '#text';
const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_NODES: XmlNode[] = Object.freeze([]) as unknown as XmlNode[];

/** The element's local name, or '#text' for a text run. */
export function nameOf(node: XmlNode): string {
  for (const key in node) if (key !== ATTRS) return key;
  return '';
}

export function isText(node: XmlNode): boolean {
  return TEXT in node;
}

export function textValue(node: XmlNode): string {
  const value = node[TEXT];
  return typeof value === 'string' ? value : value == null ? '' : String(value);
}

export function attrs(node: XmlNode): Record<string, string> {
  return (node[ATTRS] as Record<string, string> | undefined) ?? NO_ATTRS;
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  if (!node) return undefined;
  const map = node[ATTRS] as Record<string, string> | undefined;
  const value = map?.[name];
  return value === undefined || value === '' ? undefined : String(value);
}

/** Child nodes (elements and text runs) in document order. */
export function kids(node: XmlNode | undefined): XmlNode[] {
  if (!node) return NO_NODES;
  const value = node[nameOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : NO_NODES;
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const list = kids(node);
  for (let i = 0; i < list.length; i++) if (name in list[i]!) return list[i];
  return undefined;
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const list = kids(node);
  for (let i = 0; i < list.length; i++) if (name in list[i]!) out.push(list[i]!);
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
  for (let i = 0; i < list.length; i++) if (!(TEXT in list[i]!)) out.push(list[i]!);
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
  if (TEXT in current) {
    const value = textValue(current);
    state.parts.push(value);
    state.raw += value.length + 1;
    if (state.raw <= state.check) return false;
    state.check = state.raw * 2;
    return tooLong(state);
  }
  if (state.skip?.has(nameOf(current))) return false;
  const list = kids(current);
  for (let i = 0; i < list.length; i++) if (collectShort(list[i]!, state)) return true;
  return false;
}

function collectText(node: XmlNode, parts: string[]): void {
  if (TEXT in node) {
    parts.push(textValue(node));
    return;
  }
  const list = kids(node);
  for (let i = 0; i < list.length; i++) collectText(list[i]!, parts);
}

/** The first element among the top-level nodes (the document element). */
export function rootElement(nodes: XmlNode[]): XmlNode | undefined {
  for (const node of nodes) if (!(TEXT in node)) return node;
  return undefined;
}

/** templateId roots of an element. */
export function templateIds(node: XmlNode | undefined): string[] {
  const out: string[] = [];
  const list = kids(node);
  for (let i = 0; i < list.length; i++) {
    if ('templateId' in list[i]!) {
      const root = attr(list[i], 'root');
      if (root) out.push(root);
    }
  }
  return out;
}

export function hasTemplate(node: XmlNode, roots: ReadonlySet<string>): boolean {
  const list = kids(node);
  for (let i = 0; i < list.length; i++) {
    if ('templateId' in list[i]!) {
      const root = attr(list[i], 'root');
      if (root && roots.has(root)) return true;
    }
  }
  return false;
}

// Small readers over fast-xml-parser's ordered output, where each element is
// `{ [localName]: children[], ':@'?: { attr: value } }` and each text run is `{ '#text': '…' }`.
// Working on that shape directly keeps the import to a single parse with no tree copy.

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
  for (const k of kids(node)) if (name in k) return k;
  return undefined;
}

export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const k of kids(node)) if (name in k) out.push(k);
  return out;
}

/** Follows a path of child names, taking the first match at each step. */
export function path(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let current = node;
  for (const name of names) {
    current = child(current, name);
    if (!current) return undefined;
  }
  return current;
}

/** Child elements only (no text runs). */
export function elements(node: XmlNode | undefined): XmlNode[] {
  const out: XmlNode[] = [];
  for (const k of kids(node)) if (!(TEXT in k)) out.push(k);
  return out;
}

/** All text below the node, whitespace collapsed. */
export function textOf(node: XmlNode | undefined): string {
  if (!node) return '';
  const parts: string[] = [];
  collectText(node, parts);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

function collectText(node: XmlNode, parts: string[]): void {
  if (TEXT in node) {
    parts.push(textValue(node));
    return;
  }
  for (const k of kids(node)) collectText(k, parts);
}

/** The first element among the top-level nodes (the document element). */
export function rootElement(nodes: XmlNode[]): XmlNode | undefined {
  for (const node of nodes) if (!(TEXT in node)) return node;
  return undefined;
}

/** templateId roots of an element. */
export function templateIds(node: XmlNode | undefined): string[] {
  const out: string[] = [];
  for (const k of kids(node)) {
    if ('templateId' in k) {
      const root = attr(k, 'root');
      if (root) out.push(root);
    }
  }
  return out;
}

export function hasTemplate(node: XmlNode, roots: ReadonlySet<string>): boolean {
  for (const k of kids(node)) {
    if ('templateId' in k) {
      const root = attr(k, 'root');
      if (root && roots.has(root)) return true;
    }
  }
  return false;
}

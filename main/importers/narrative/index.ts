// CDA section narrative (<text>) to the allowlisted NarrativeNode tree. Nothing from the source
// survives unless it is on the list below: unknown elements are unwrapped (their text kept),
// script-like elements are dropped with their content, and every attribute is dropped except
// colspan/rowspan and an https: href on linkHtml.
import type { NarrativeElement, NarrativeNode, NarrativeTag } from '../../records/model.ts';
import { attr, isText, kids, nameOf, textValue, type XmlNode } from '../xml/tree.ts';

/** Plain text of the narrative's ID'd elements, for resolving <reference value="#id">. */
export class NarrativeIndex {
  private readonly texts = new Map<string, string>();
  private readonly rowNames = new Map<string, string>();

  add(id: string, text: string): void {
    if (!this.texts.has(id)) this.texts.set(id, text);
  }

  private readonly unnamedRows = new Set<string>();

  /** For an ID'd table row: its first cell's text, which names what the row is about. */
  addRowName(id: string, text: string): void {
    if (!text) this.unnamedRows.add(id);
    else if (!this.rowNames.has(id)) this.rowNames.set(id, text);
  }

  /** True when the reference is a table row whose first cell is empty: the row names nothing, its text is only its other columns. */
  isUnnamedRow(reference: string): boolean {
    const id = reference.startsWith('#') ? reference.slice(1) : reference;
    return this.unnamedRows.has(id) && !this.rowNames.has(id);
  }

  /** True when the reference is an ID'd table row. */
  isRow(reference: string): boolean {
    const id = reference.startsWith('#') ? reference.slice(1) : reference;
    return this.rowNames.has(id) || this.unnamedRows.has(id);
  }

  /** What a reference names: a row's first cell, else the element's whole text. */
  resolveName(reference: string): string | undefined {
    const id = reference.startsWith('#') ? reference.slice(1) : reference;
    return this.rowNames.get(id) ?? this.resolve(id);
  }

  /** '#id' (or a bare id) to that element's plain text. */
  resolve(reference: string): string | undefined {
    const id = reference.startsWith('#') ? reference.slice(1) : reference;
    const text = this.texts.get(id);
    return text ? text : undefined;
  }
}

const SIMPLE: Record<string, NarrativeTag> = {
  paragraph: 'paragraph',
  item: 'item',
  table: 'table',
  caption: 'caption',
  thead: 'thead',
  tbody: 'tbody',
  tfoot: 'tfoot',
  tr: 'row',
  th: 'header-cell',
  td: 'cell',
  sub: 'sub',
  sup: 'sup',
  content: 'span',
};

/** Dropped with everything inside them. */
const DROPPED = new Set([
  'renderMultiMedia',
  'footnoteRef',
  'col',
  'colgroup',
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'img',
  'svg',
  'math',
  'link',
  'meta',
  'base',
  'frame',
  'frameset',
]);

/** Containers whose whitespace-only text is layout, not content. */
const STRUCTURAL = new Set<NarrativeTag>(['list', 'ordered-list', 'table', 'thead', 'tbody', 'tfoot', 'row']);
const BLOCKS = new Set<NarrativeTag>([
  'paragraph',
  'item',
  'cell',
  'header-cell',
  'caption',
  'row',
  'list',
  'ordered-list',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'break',
]);

/** Converts the children of a section's <text> and records ID'd elements in `index`. */
export function toNarrative(text: XmlNode | undefined, index: NarrativeIndex): NarrativeNode[] {
  if (!text) return [];
  const out: NarrativeNode[] = [];
  const list = kids(text);
  for (let i = 0; i < list.length; i++) convert(list[i]!, out, index);
  return tidy(out, true);
}

/** Whitespace runs as one space, as `.replace(/\s+/g, ' ')` does. */
function collapse(value: string): string {
  // Most text runs of a narrative are the indentation between its elements: ASCII whitespace
  // only, which collapses to one space without running the replace.
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 32 && (c < 9 || c > 13)) return value.replace(/\s+/g, ' ');
  }
  return value.length > 0 ? ' ' : '';
}

function convert(node: XmlNode, out: NarrativeNode[], index: NarrativeIndex): void {
  if (isText(node)) {
    const value = collapse(textValue(node));
    if (value) out.push(value);
    return;
  }
  const name = nameOf(node);
  if (DROPPED.has(name)) return;
  const inner: NarrativeNode[] = [];
  const list = kids(node);
  for (let i = 0; i < list.length; i++) convert(list[i]!, inner, index);
  const element = build(name, node, inner);
  const produced = element ?? inner;
  const id = attr(node, 'ID') ?? attr(node, 'id');
  if (id) {
    index.add(id, plainText(Array.isArray(produced) ? produced : [produced]));
    if (element?.tag === 'row') {
      const first = element.children.find((c) => typeof c !== 'string' && (c.tag === 'cell' || c.tag === 'header-cell'));
      if (first && typeof first !== 'string') index.addRowName(id, plainText([first]));
    }
  }
  if (element) out.push(element);
  else for (const n of inner) out.push(n);
}

function build(name: string, node: XmlNode, inner: NarrativeNode[]): NarrativeElement | undefined {
  if (name === 'br') return { tag: 'break', children: [] };
  if (name === 'list') {
    const ordered = attr(node, 'listType')?.toLowerCase() === 'ordered';
    return styled(node, { tag: ordered ? 'ordered-list' : 'list', children: tidy(inner, true) });
  }
  if (name === 'linkHtml') {
    const href = safeHref(attr(node, 'href'));
    return href ? { tag: 'link', children: tidy(inner, false), href } : { tag: 'span', children: inner };
  }
  const tag = SIMPLE[name];
  if (!tag) return undefined;
  const element: NarrativeElement = { tag, children: tidy(inner, STRUCTURAL.has(tag)) };
  if (tag === 'cell' || tag === 'header-cell') {
    const colspan = span(attr(node, 'colspan'));
    const rowspan = span(attr(node, 'rowspan'));
    if (colspan) element.colspan = colspan;
    if (rowspan) element.rowspan = rowspan;
  }
  return styled(node, element);
}

/** styleCode Bold/Italics/Underline become wrapper elements inside the element. */
function styled(node: XmlNode, element: NarrativeElement): NarrativeElement {
  const styleCode = attr(node, 'styleCode');
  if (!styleCode) return element;
  const styles = styleCode.toLowerCase().split(/\s+/);
  let children = element.children;
  if (styles.includes('underline')) children = [{ tag: 'underline', children }];
  if (styles.includes('italics')) children = [{ tag: 'italic', children }];
  if (styles.includes('bold')) children = [{ tag: 'bold', children }];
  if (children === element.children) return element;
  // A bare content with only a style is just the style.
  if (element.tag === 'span') return children[0] as NarrativeElement;
  return { ...element, children };
}

function span(raw: string | undefined): number | undefined {
  if (!raw || !/^\d{1,4}$/.test(raw.trim())) return undefined;
  const n = Number(raw);
  return n >= 1 && n <= 1000 ? n : undefined;
}

function safeHref(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Drops layout whitespace and trims the edges of block content. Works in place and returns
 * `nodes` (a narrative has an array like this per element; copying each twice was a third of
 * what the mapping allocated).
 */
function tidy(nodes: NarrativeNode[], structural: boolean): NarrativeNode[] {
  let length = 0;
  for (let r = 0; r < nodes.length; r++) {
    const node = nodes[r]!;
    if (typeof node === 'string') {
      if (structural && node.trim() === '') continue;
      const last = length > 0 ? nodes[length - 1] : undefined;
      if (typeof last === 'string') nodes[length - 1] = (last + node).replace(/ {2,}/g, ' ');
      else nodes[length++] = node;
    } else {
      nodes[length++] = node;
    }
  }
  nodes.length = length;
  // Whitespace next to a block element renders as nothing. Each string is trimmed against its
  // neighbours as they were before any was trimmed (an emptied one is dropped afterwards).
  let kept = 0;
  for (let i = 0; i < length; i++) {
    const node = nodes[i]!;
    if (typeof node !== 'string') {
      nodes[kept++] = node;
      continue;
    }
    let value = node;
    const before = i > 0 ? nodes[i - 1] : undefined;
    const after = i + 1 < length ? nodes[i + 1] : undefined;
    if (i === 0 || (typeof before === 'object' && BLOCKS.has(before.tag))) value = value.trimStart();
    if (i === length - 1 || (typeof after === 'object' && BLOCKS.has(after.tag))) value = value.trimEnd();
    if (value !== '') nodes[kept++] = value;
  }
  nodes.length = kept;
  return nodes;
}

/** The plain text of narrative nodes, block boundaries as spaces. */
export function plainText(nodes: NarrativeNode[]): string {
  const parts: string[] = [];
  plainParts(nodes, parts);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

// Not a closure made per call: V8 keeps a closure's optimized code only while some closure of
// it lives, so one made anew for every call was compiled again after every major collection.
function plainParts(list: readonly NarrativeNode[], parts: string[]): void {
  for (const node of list) {
    if (typeof node === 'string') parts.push(node);
    else {
      if (BLOCKS.has(node.tag)) parts.push(' ');
      plainParts(node.children, parts);
      if (BLOCKS.has(node.tag)) parts.push(' ');
    }
  }
}

// Turns the untrusted HTML of a MedlinePlus summary into the NarrativeNode tree through an
// allowlist. Nothing from the HTML survives except text and these shapes:
//   p → paragraph, ul/ol/li → list/ordered-list/item, b/strong → bold, i/em → italic,
//   br → break, h1–h6 → a paragraph in bold, a → link (only to https MedlinePlus pages).
// Every other element keeps its text and loses its markup; scripts and styles lose both;
// no attribute but a link's checked href is ever read.
import type { NarrativeElement, NarrativeNode, NarrativeTag } from '../records/model.ts';
import { tokenizeHtml } from './html-tokens.ts';
import { normalizeEducationUrl } from './safe-url.ts';

export interface SanitizedSummary {
  nodes: NarrativeNode[];
  /** The "NIH: National Institute of …" credit line MedlinePlus marks as NLMattribution. */
  attribution?: string;
}

/** Summaries are a few kilobytes; a larger answer is cut rather than parsed at any size. */
const MAX_HTML_LENGTH = 200_000;
const MAX_DEPTH = 32;

const INLINE_TAGS: Record<string, NarrativeTag> = { b: 'bold', strong: 'bold', i: 'italic', em: 'italic' };
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements that end an open paragraph, as in HTML. */
const CLOSES_PARAGRAPH = new Set([
  'p', 'ul', 'ol', 'li', 'div', 'table', 'blockquote', 'section', 'article', 'aside', 'header',
  'footer', 'nav', 'pre', 'dl', 'dd', 'dt', 'hr', 'form', 'figure', 'address', 'details',
  ...HEADINGS,
]);
/** Markup-free elements whose edges still separate words ("<td>a</td><td>b</td>"). */
const SEPARATES_WORDS = new Set([
  'div', 'table', 'tr', 'td', 'th', 'caption', 'blockquote', 'section', 'article', 'aside',
  'header', 'footer', 'nav', 'pre', 'dl', 'dd', 'dt', 'figure', 'figcaption', 'address', 'hr',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

interface Frame {
  /** The HTML element that opened this frame ('' for an implicit one). */
  source: string;
  /** The allowlisted node, or null when the element keeps only its text. */
  node: NarrativeElement | null;
}

export function sanitizeEducationHtml(html: string): SanitizedSummary {
  const root: NarrativeElement = { tag: 'span', children: [] };
  const stack: Frame[] = [{ source: '#root', node: root }];
  const attributionParagraphs = new WeakSet<NarrativeElement>();

  const container = (): NarrativeNode[] => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const node = stack[i]!.node;
      if (node) return node.children;
    }
    return root.children;
  };
  const appendText = (text: string): void => {
    const children = container();
    const last = children.length - 1;
    if (typeof children[last] === 'string') children[last] = (children[last] as string) + text;
    else children.push(text);
  };
  const push = (source: string, tag: NarrativeTag | null, href?: string): NarrativeElement | null => {
    if (!tag) {
      stack.push({ source, node: null });
      return null;
    }
    const node: NarrativeElement = href ? { tag, children: [], href } : { tag, children: [] };
    container().push(node);
    stack.push({ source, node });
    return node;
  };
  const popThrough = (index: number): void => {
    stack.length = Math.max(1, index);
  };
  /** The nearest open frame from `sources`, searching down but not past `stopAt`. */
  const findOpen = (sources: ReadonlySet<string> | string, stopAt: ReadonlySet<string> = new Set()): number => {
    for (let i = stack.length - 1; i > 0; i--) {
      const source = stack[i]!.source;
      if (typeof sources === 'string' ? source === sources : sources.has(source)) return i;
      if (stopAt.has(source)) return -1;
    }
    return -1;
  };
  const closeParagraph = (): void => {
    const at = findOpen(new Set(['p', ...HEADINGS]), new Set(['li', 'ul', 'ol']));
    if (at !== -1) popThrough(at);
  };

  for (const token of tokenizeHtml(html.slice(0, MAX_HTML_LENGTH))) {
    if (token.type === 'text') {
      appendText(token.text);
      continue;
    }
    const name = token.name;
    if (token.type === 'end') {
      if (SEPARATES_WORDS.has(name)) appendText(' ');
      const at = findOpen(name);
      if (at !== -1) popThrough(at);
      continue;
    }
    if (name === 'br') {
      container().push({ tag: 'break', children: [] });
      continue;
    }
    if (CLOSES_PARAGRAPH.has(name)) closeParagraph();
    if (SEPARATES_WORDS.has(name)) appendText(' ');
    if (VOID.has(name) || token.selfClosing || stack.length > MAX_DEPTH) continue;

    if (name === 'p') {
      const paragraph = push('p', 'paragraph');
      if (paragraph && /\bNLMattribution\b/.test(token.attrs.get('class') ?? '')) {
        attributionParagraphs.add(paragraph);
      }
    } else if (HEADINGS.has(name)) {
      push(name, 'paragraph');
      push('', 'bold');
    } else if (name === 'ul' || name === 'ol') {
      push(name, name === 'ul' ? 'list' : 'ordered-list');
    } else if (name === 'li') {
      const openItem = findOpen('li', new Set(['ul', 'ol']));
      if (openItem !== -1) popThrough(openItem);
      push('li', findOpen(new Set(['ul', 'ol'])) === -1 ? 'paragraph' : 'item');
    } else if (INLINE_TAGS[name]) {
      push(name, INLINE_TAGS[name]);
    } else if (name === 'a') {
      const openLink = findOpen('a');
      if (openLink !== -1) popThrough(openLink);
      const href = normalizeEducationUrl(token.attrs.get('href') ?? '');
      push('a', href ? 'link' : null, href);
    } else {
      push(name, null);
    }
  }

  const state: Cleanup = { attributionParagraphs, attribution: [] };
  const nodes = wrapLooseInline(cleanChildren(root.children, true, state), 'paragraph');
  const attribution = state.attribution.join(' ').trim();
  return attribution ? { nodes, attribution } : { nodes };
}

interface Cleanup {
  attributionParagraphs: WeakSet<NarrativeElement>;
  attribution: string[];
}

const BLOCK_TAGS = new Set<NarrativeTag>(['paragraph', 'list', 'ordered-list', 'item']);

/** Stands where an empty block was dropped, so the text around it stays apart. */
const BOUNDARY: NarrativeElement = { tag: 'span', children: [] };

function isBlock(node: NarrativeNode): boolean {
  return node === BOUNDARY || (typeof node !== 'string' && BLOCK_TAGS.has(node.tag));
}

/** Collapses whitespace, drops empty elements and control characters, trims block edges. */
function cleanChildren(children: NarrativeNode[], isBlockContainer: boolean, state: Cleanup): NarrativeNode[] {
  const out: NarrativeNode[] = [];
  for (const child of children) {
    if (typeof child === 'string') {
       
      const text = child.replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, '').replace(/[ \t\n\r\f]+/g, ' ');
      if (text) out.push(text);
      continue;
    }
    if (state.attributionParagraphs.has(child)) {
      state.attribution.push(plainText(child.children));
      continue;
    }
    if (child.tag === 'break') {
      out.push(child);
      continue;
    }
    const isList = child.tag === 'list' || child.tag === 'ordered-list';
    let inner = cleanChildren(child.children, BLOCK_TAGS.has(child.tag), state);
    if (isList) inner = wrapLooseInline(inner, 'item');
    else if (inner.includes(BOUNDARY)) {
      inner = inner.map((node) => (node === BOUNDARY ? ' ' : node));
      if (BLOCK_TAGS.has(child.tag)) inner = trimEdges(inner);
    }
    if (!inner.some((node) => typeof node !== 'string' || node.trim() !== '')) {
      if (BLOCK_TAGS.has(child.tag)) out.push(BOUNDARY);
      continue;
    }
    out.push(child.href ? { tag: child.tag, children: inner, href: child.href } : { tag: child.tag, children: inner });
  }
  return isBlockContainer ? trimEdges(out) : out;
}

/** In a block, whitespace next to a block boundary is not content. */
function trimEdges(nodes: NarrativeNode[]): NarrativeNode[] {
  const out: NarrativeNode[] = [];
  nodes.forEach((node, index) => {
    if (typeof node !== 'string') {
      out.push(node);
      return;
    }
    let text = node;
    const before = nodes[index - 1];
    const after = nodes[index + 1];
    if (index === 0 || (before !== undefined && isBlock(before))) text = text.replace(/^ +/, '');
    if (index === nodes.length - 1 || (after !== undefined && isBlock(after))) text = text.replace(/ +$/, '');
    if (text) out.push(text);
  });
  return out;
}

/** Runs of inline content at a block-only level become one `wrapper` each. */
function wrapLooseInline(nodes: NarrativeNode[], wrapper: 'paragraph' | 'item'): NarrativeNode[] {
  const out: NarrativeNode[] = [];
  let run: NarrativeNode[] = [];
  const flush = (): void => {
    const trimmed = trimEdges(run);
    if (trimmed.some((node) => typeof node !== 'string' || node.trim() !== '')) {
      out.push({ tag: wrapper, children: trimmed });
    }
    run = [];
  };
  for (const node of nodes) {
    if (node === BOUNDARY) {
      flush();
    } else if (isBlock(node) && !(wrapper === 'item' && typeof node !== 'string' && node.tag === 'paragraph')) {
      flush();
      out.push(node);
    } else if (wrapper === 'item' && typeof node !== 'string' && node.tag === 'paragraph') {
      flush();
      out.push({ tag: 'item', children: node.children });
    } else {
      run.push(node);
    }
  }
  flush();
  return out;
}

/** The text of a tree, for search, accessibility labels and tests. */
export function plainText(nodes: readonly NarrativeNode[]): string {
  let text = '';
  for (const node of nodes) {
    if (typeof node === 'string') text += node;
    else if (node.tag === 'break') text += '\n';
    else {
      const inner = plainText(node.children);
      text += isBlock(node) && text && !text.endsWith(' ') && !text.endsWith('\n') ? ` ${inner}` : inner;
    }
  }
  return text.replace(/[ \t]+/g, ' ').trim();
}

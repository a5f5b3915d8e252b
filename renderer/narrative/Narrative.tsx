// Renders a NarrativeNode tree through an allowlist: each known tag maps to one React element
// and nothing else. Strings become text nodes (React escapes them); unknown tags render only
// their children; links are kept only for https://medlineplus.gov and its subdomains (the shell
// opens those in the system browser); any other link keeps its text and loses its target.
// No HTML string is ever parsed or injected.
import { Fragment, type ReactNode } from 'react';
import type { NarrativeElement, NarrativeNode, NarrativeTag } from '../../main/records/model.ts';

type Simple = Exclude<NarrativeTag, 'link' | 'break' | 'header-cell' | 'cell'>;
const ELEMENT_OF: Record<Simple, keyof HTMLElementTagNameMap> = {
  paragraph: 'p',
  list: 'ul',
  'ordered-list': 'ol',
  item: 'li',
  table: 'table',
  caption: 'caption',
  thead: 'thead',
  tbody: 'tbody',
  tfoot: 'tfoot',
  row: 'tr',
  bold: 'strong',
  italic: 'em',
  underline: 'u',
  sub: 'sub',
  sup: 'sup',
  span: 'span',
};

/** https://medlineplus.gov or a subdomain, without credentials; anything else is dropped. */
export function safeHref(href: string | undefined): string | undefined {
  if (!href) return undefined;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return undefined;
  const host = url.hostname.toLowerCase();
  return host === 'medlineplus.gov' || host.endsWith('.medlineplus.gov') ? url.href : undefined;
}

function clampSpan(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isInteger(n) && n > 1 && n <= 100 ? n : undefined;
}

function renderNode(node: NarrativeNode, key: number, depth: number): ReactNode {
  if (typeof node === 'string') return node;
  if (typeof node !== 'object' || node === null || depth > 60) return null;
  const el = node as NarrativeElement;
  const children = Array.isArray(el.children)
    ? el.children.map((c, i) => renderNode(c, i, depth + 1))
    : null;
  switch (el.tag) {
    case 'break':
      return <br key={key} />;
    case 'link': {
      const href = safeHref(el.href);
      if (!href) return <Fragment key={key}>{children}</Fragment>;
      return (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer">
          {children}
        </a>
      );
    }
    case 'header-cell':
      return (
        <th key={key} colSpan={clampSpan(el.colspan)} rowSpan={clampSpan(el.rowspan)} scope="col">
          {children}
        </th>
      );
    case 'cell':
      return (
        <td key={key} colSpan={clampSpan(el.colspan)} rowSpan={clampSpan(el.rowspan)}>
          {children}
        </td>
      );
    default: {
      const tag = Object.hasOwn(ELEMENT_OF, el.tag) ? ELEMENT_OF[el.tag as Simple] : undefined;
      if (!tag) return <Fragment key={key}>{children}</Fragment>;
      const Tag = tag as 'span';
      return <Tag key={key}>{children}</Tag>;
    }
  }
}

export function Narrative({ nodes }: { nodes: readonly NarrativeNode[] | undefined }) {
  if (!nodes || !Array.isArray(nodes) || nodes.length === 0) return null;
  return <div className="narrative">{nodes.map((n, i) => renderNode(n, i, 0))}</div>;
}

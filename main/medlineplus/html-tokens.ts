// A small, tolerant HTML tokenizer for the summary fragments MedlinePlus sends. It never
// throws: anything that is not a well-formed tag is text. It does not build a tree; see
// sanitize-html.ts for that.

export type HtmlToken =
  | { type: 'text'; text: string }
  | { type: 'start'; name: string; attrs: Map<string, string>; selfClosing: boolean }
  | { type: 'end'; name: string };

/** Elements whose content is never text for a reader, dropped whole. */
const RAW_CONTENT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'template', 'noscript']);

const TAG_NAME = /^[A-Za-z][A-Za-z0-9-]*/;
const ATTR = /^\s*([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/;

export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let text = '';
  let i = 0;
  const flushText = (): void => {
    if (text) tokens.push({ type: 'text', text: decodeEntities(text) });
    text = '';
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt);
    i = lt;
    const next = html[i + 1];
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      flushText();
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    if (next === '!' || next === '?') {
      // Doctype, CDATA or processing instruction: never reader text.
      const close = html.indexOf('>', i);
      flushText();
      i = close === -1 ? html.length : close + 1;
      continue;
    }
    if (next === '/') {
      const name = TAG_NAME.exec(html.slice(i + 2, i + 66))?.[0];
      const close = html.indexOf('>', i);
      if (!name || close === -1) {
        text += '<';
        i += 1;
        continue;
      }
      flushText();
      tokens.push({ type: 'end', name: name.toLowerCase() });
      i = close + 1;
      continue;
    }
    const start = readStartTag(html, i);
    if (!start) {
      text += '<';
      i += 1;
      continue;
    }
    flushText();
    tokens.push(start.token);
    i = start.end;
    if (RAW_CONTENT.has(start.token.name) && !start.token.selfClosing) {
      // Skip to the matching close tag; an unclosed one swallows the rest, as browsers do.
      const closing = new RegExp(`</${start.token.name}`, 'ig');
      closing.lastIndex = i;
      const closeAt = closing.exec(html)?.index;
      i = closeAt ?? html.length;
    }
  }
  flushText();
  return tokens;
}

function readStartTag(
  html: string,
  at: number,
): { token: Extract<HtmlToken, { type: 'start' }>; end: number } | null {
  const name = TAG_NAME.exec(html.slice(at + 1, at + 65))?.[0];
  if (!name) return null;
  let i = at + 1 + name.length;
  const attrs = new Map<string, string>();
  for (;;) {
    const rest = html.slice(i, i + 4096);
    const trimmed = rest.replace(/^\s+/, '');
    const skipped = rest.length - trimmed.length;
    if (trimmed.startsWith('/>')) {
      return { token: { type: 'start', name: name.toLowerCase(), attrs, selfClosing: true }, end: i + skipped + 2 };
    }
    if (trimmed.startsWith('>')) {
      return { token: { type: 'start', name: name.toLowerCase(), attrs, selfClosing: false }, end: i + skipped + 1 };
    }
    const attr = ATTR.exec(rest);
    if (!attr) {
      if (trimmed.startsWith('/')) {
        i += skipped + 1;
        continue;
      }
      return null;
    }
    const attrName = attr[1]!.toLowerCase();
    if (!attrs.has(attrName)) attrs.set(attrName, decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? ''));
    i += attr[0].length;
  }
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
  mdash: '\u2014', ndash: '\u2013', hellip: '\u2026', bull: '\u2022', middot: '\u00b7',
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', laquo: '\u00ab', raquo: '\u00bb',
  copy: '\u00a9', reg: '\u00ae', trade: '\u2122', deg: '\u00b0', plusmn: '\u00b1', micro: '\u00b5',
  times: '\u00d7', divide: '\u00f7', frac12: '\u00bd', frac14: '\u00bc', frac34: '\u00be',
  le: '\u2264', ge: '\u2265', shy: '\u00ad',
  aacute: '\u00e1', eacute: '\u00e9', iacute: '\u00ed', oacute: '\u00f3', uacute: '\u00fa',
  Aacute: '\u00c1', Eacute: '\u00c9', Iacute: '\u00cd', Oacute: '\u00d3', Uacute: '\u00da',
  ntilde: '\u00f1', Ntilde: '\u00d1', uuml: '\u00fc', Uuml: '\u00dc',
  iexcl: '\u00a1', iquest: '\u00bf', ordf: '\u00aa', ordm: '\u00ba',
};

function codePointText(value: number): string {
  const valid = value > 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff);
  return valid ? String.fromCodePoint(value) : '\ufffd';
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?/g, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return codePointText(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return codePointText(parseInt(body.slice(1), 10));
    return NAMED_ENTITIES[body] ?? whole;
  });
}

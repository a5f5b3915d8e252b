// The prolog of an export.xml (everything before <HealthData>): Apple writes an internal DTD
// subset of element and attribute declarations, which must be let through, while the XML
// attacks a DTD carries (entity declarations, external references) are still refused. The
// streaming parser never reads the subset itself: it is checked here, declaration by
// declaration, before the first byte reaches the parser.
import { ImportError } from '../errors.ts';

/** A prolog longer than this is not Apple's (its DTD is about 10 KB). */
export const MAX_PROLOG_CHARS = 1024 * 1024;

export type PrologResult =
  /** The root element starts at `rootAt`; its name is `root`. */
  | { done: true; rootAt: number; root: string }
  /** More text is needed to see the root element. */
  | { done: false };

const REFUSED_DTD = 'contains a document type declaration other than Apple Health’s own, which Chartkeeper refuses for safety';

function refuse(what: string, why: string): never {
  throw new ImportError(`${what} ${why}, so it was not imported.`);
}

/** Index just past `close` from `from`, or -1 when the text ends first. */
function after(text: string, from: number, close: string): number {
  const at = text.indexOf(close, from);
  return at < 0 ? -1 : at + close.length;
}

/** The end of a markup declaration (`<!ELEMENT … >`), quoted strings skipped; -1 if incomplete. */
function declarationEnd(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return -1;
}

/**
 * Checks the internal subset `[ … ]` starting at `from` (just after `[`). Returns the index
 * after the closing `]`, or -1 when the text ends first. Only `<!ELEMENT`, `<!ATTLIST`,
 * comments and white space may appear: an `<!ENTITY`, `<!NOTATION`, processing instruction
 * or parameter-entity reference (`%name;`) is refused.
 */
function checkSubset(text: string, from: number, what: string): number {
  let at = from;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (at >= text.length) return -1;
    if (text[at] === ']') return at + 1;
    if (text.startsWith('<!--', at)) {
      at = after(text, at + 4, '-->');
      if (at < 0) return -1;
      continue;
    }
    if (text.length - at < 10) return -1;
    const head = /^<!(ELEMENT|ATTLIST)\s/.exec(text.slice(at, at + 10));
    if (!head) {
      if (/^<!ENTITY/i.test(text.slice(at, at + 8))) refuse(what, 'declares an entity in its document type, which Chartkeeper refuses for safety');
      if (text[at] === '%') refuse(what, 'uses a parameter entity in its document type, which Chartkeeper refuses for safety');
      refuse(what, REFUSED_DTD);
    }
    const end = declarationEnd(text, at + 2);
    if (end < 0) return -1;
    // Outside quoted defaults a declaration has no business naming an entity.
    const unquoted = text.slice(at, end).replace(/"[^"]*"|'[^']*'/g, '""');
    if (unquoted.includes('%')) refuse(what, 'uses a parameter entity in its document type, which Chartkeeper refuses for safety');
    at = end;
  }
}

/**
 * Reads the prolog of `text` (the start of the file, as much as has arrived). Accepts the XML
 * declaration, comments, processing instructions, white space and at most one
 * `<!DOCTYPE name [ … ]>` whose subset passes checkSubset; refuses an external identifier
 * (SYSTEM, PUBLIC) or any other DOCTYPE form with a sentence.
 */
export function readProlog(text: string, what: string): PrologResult {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let doctypes = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (at >= text.length) return incomplete(text, what);
    if (text[at] !== '<') refuse(what, 'is not XML');
    if (text.startsWith('<?', at)) {
      at = after(text, at + 2, '?>');
    } else if (text.startsWith('<!--', at)) {
      at = after(text, at + 4, '-->');
    } else if (text.startsWith('<!', at)) {
      if (text.length - at < 10) return incomplete(text, what);
      if (!/^<!DOCTYPE\s/.test(text.slice(at, at + 10))) refuse(what, REFUSED_DTD);
      if (++doctypes > 1) refuse(what, REFUSED_DTD);
      const name = /^<!DOCTYPE\s+([A-Za-z_][\w.:-]*)\s*/.exec(text.slice(at, at + 200));
      if (!name) return text.length - at < 200 ? incomplete(text, what) : refuse(what, REFUSED_DTD);
      let next = at + name[0].length;
      if (next >= text.length) return incomplete(text, what);
      if (/^(SYSTEM|PUBLIC)\b/.test(text.slice(next, next + 7))) refuse(what, 'refers to an external document type (SYSTEM or PUBLIC), which Chartkeeper refuses for safety');
      if (text[next] !== '[') refuse(what, REFUSED_DTD);
      next = checkSubset(text, next + 1, what);
      if (next < 0) return incomplete(text, what);
      while (next < text.length && /\s/.test(text[next]!)) next++;
      if (next >= text.length) return incomplete(text, what);
      if (text[next] !== '>') refuse(what, REFUSED_DTD);
      at = next + 1;
      continue;
    } else {
      // The name must be seen to its end: "<Health" may be the start of "<HealthData".
      const root = /^<([A-Za-z_][\w.:-]*)[\s/>]/.exec(text.slice(at, at + 200));
      if (!root) return text.length - at < 200 ? incomplete(text, what) : refuse(what, 'is not XML');
      return { done: true, rootAt: at, root: root[1]! };
    }
    if (at < 0) return incomplete(text, what);
  }
}

function incomplete(text: string, what: string): PrologResult {
  if (text.length > MAX_PROLOG_CHARS) refuse(what, 'has no document element in its first megabyte');
  return { done: false };
}

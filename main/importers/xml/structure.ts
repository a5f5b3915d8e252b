// One pass over the markup before anything is parsed: counts elements, measures nesting and
// checks that tags balance, so a truncated or malformed file fails with a sentence (the parser
// itself accepts malformed XML silently) and a hostile one fails before the parser allocates.
// Text between tags is skipped with indexOf and each tag crossed with one regular expression,
// so the pass costs a twentieth of a parse.

export type StructureProblem =
  | { kind: 'too-deep' }
  | { kind: 'too-many-elements' }
  | { kind: 'malformed'; line: number };

export interface StructureLimits {
  maxDepth: number;
  maxElements: number;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
/** What ends a tag's name: whitespace, '>', '/', or a '<' (malformed there). NaN: the text's end. */
const endsName = (c: number) => isSpace(c) || c === 62 || c === 47 || c === 60 || Number.isNaN(c);

/**
 * From after a tag's name to its closing '>': text without quotes or angle brackets, and
 * quoted values without '<'. Its group repeats once per quoted value, not per character, so
 * V8's backtracking stack stays small.
 */
const TAG_REST = /[^"'<>]*(?:(?:"[^"<]*"|'[^'<]*')[^"'<>]*)*>/y;

/**
 * The index of the '>' that closes a tag whose name ends at `from`, honouring quoted values
 * (which may hold '>'); when there is none, -1 minus where the tag goes wrong (the first '<'
 * in it, quoted or not, else the tag's start: the file ends inside it).
 */
function tagEnd(text: string, from: number, tagStart: number): number {
  TAG_REST.lastIndex = from;
  try {
    // Several times the speed of the loop below, which says where a broken tag goes wrong.
    if (TAG_REST.test(text)) return TAG_REST.lastIndex - 1;
  } catch {
    // Millions of quoted values in one tag (a hostile file) overflow its backtracking stack.
  }
  let quote = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 60 /* < */) return -1 - i;
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62 /* > */) {
      return i;
    }
  }
  return -1 - tagStart;
}

/** Null when the markup is balanced and within the limits; otherwise what is wrong first. */
export function checkStructure(text: string, limits: StructureLimits): StructureProblem | null {
  const open: string[] = [];
  let elements = 0;
  let roots = 0;
  const malformed = (at: number): StructureProblem => ({ kind: 'malformed', line: lineAt(text, at) });
  let at = text.indexOf('<');
  while (at >= 0) {
    const next = text.charCodeAt(at + 1);
    if (next === 63 /* ? */) {
      const end = text.indexOf('?>', at + 2);
      if (end < 0) return malformed(at);
      at = text.indexOf('<', end + 2);
      continue;
    }
    if (next === 33 /* ! */) {
      let end: number;
      if (text.startsWith('<!--', at)) end = text.indexOf('-->', at + 4) + 3;
      else if (text.startsWith('<![CDATA[', at)) end = text.indexOf(']]>', at + 9) + 3;
      else return malformed(at); // DOCTYPE and other declarations are refused before this.
      if (end < 3) return malformed(at);
      if (open.length === 0 && text.startsWith('<![CDATA[', at)) return malformed(at);
      at = text.indexOf('<', end);
      continue;
    }
    const closing = next === 47; /* / */
    let i = closing ? at + 2 : at + 1;
    const nameStart = i;
    // A closing tag is almost always the open element's: its name is compared in place
    // rather than scanned for (only an open tag's name is copied out, for the stack).
    const expected = closing ? open[open.length - 1] : undefined;
    const matches = expected !== undefined && text.startsWith(expected, i) && endsName(text.charCodeAt(i + expected.length));
    if (matches) i += expected.length;
    // A '<' ends the name too: the tag is then malformed on this same line (tagEnd says so).
    else for (let c = text.charCodeAt(i); i < text.length && !endsName(c); ) c = text.charCodeAt(++i);
    const nameEnd = i;
    if (nameEnd === nameStart) return malformed(at);
    i = tagEnd(text, i, at);
    if (i < 0) return malformed(-1 - i);
    if (closing) {
      if (!matches) return malformed(at);
      open.pop();
    } else {
      if (open.length === 0 && ++roots > 1) return malformed(at);
      if (++elements > limits.maxElements) return { kind: 'too-many-elements' };
      if (text.charCodeAt(i - 1) !== 47 /* not self-closing */) {
        open.push(text.slice(nameStart, nameEnd));
        if (open.length > limits.maxDepth) return { kind: 'too-deep' };
      }
    }
    at = text.indexOf('<', i + 1);
  }
  if (open.length > 0 || roots === 0) return malformed(text.length);
  return null;
}

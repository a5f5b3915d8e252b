// One pass over the markup before anything is parsed: counts elements, measures nesting and
// checks that tags balance, so a truncated or malformed file fails with a sentence (the parser
// itself accepts malformed XML silently) and a hostile one fails before the parser allocates.
// Text between tags is skipped with indexOf, so the pass costs a fraction of a parse.

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
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (isSpace(c) || c === 62 /* > */ || c === 47 /* / */) break;
      i++;
    }
    const name = text.slice(nameStart, i);
    if (name.length === 0 || name.includes('<')) return malformed(at);
    // Walk the rest of the tag, honouring quoted attribute values (which may contain '>').
    let quote = 0;
    let selfClosing = false;
    for (;;) {
      if (i >= text.length) return malformed(at);
      const c = text.charCodeAt(i);
      if (quote) {
        if (c === quote) quote = 0;
        else if (c === 60 /* < */) return malformed(i);
      } else if (c === 34 || c === 39) {
        quote = c;
      } else if (c === 60) {
        return malformed(i);
      } else if (c === 62) {
        selfClosing = text.charCodeAt(i - 1) === 47;
        break;
      }
      i++;
    }
    if (closing) {
      if (open.pop() !== name) return malformed(at);
    } else {
      if (open.length === 0 && ++roots > 1) return malformed(at);
      if (++elements > limits.maxElements) return { kind: 'too-many-elements' };
      if (!selfClosing) {
        open.push(name);
        if (open.length > limits.maxDepth) return { kind: 'too-deep' };
      }
    }
    at = text.indexOf('<', i + 1);
  }
  if (open.length > 0 || roots === 0) return malformed(text.length);
  return null;
}

// Results proposed from a lab report's text: lines that read as a test's name, a value, a unit
// and a reference range, as laboratory and portal PDFs print them ("Glucose 105 H mg/dL 70-99",
// "GLUCOSE 105 H 65-99 mg/dL", "Hemoglobin A1c 5.4 % <5.7"). A line is read only when exactly
// one reading of it fits; everything else is left unread, because a value read differently
// from the page is worse than no value. Each proposal keeps the line's own text.
import { readFlag, readRange, readValue, unitLength, type RangeToken, type ValueToken } from './tokens.ts';

export interface PageText {
  /** Which file of the document (0 for the first). */
  position: number;
  /** 1-based page within that file. */
  page: number;
  text: string;
  /** Text found in a picture on this computer (it may be misread), not a PDF's own text. */
  recognized: boolean;
}

export interface ProposedResult {
  name: string;
  value: ValueToken;
  unit?: string;
  range?: RangeToken;
  /** The flag as printed ("H", "High") and the interpretation code it stands for. */
  flag?: { text: string; code: string };
  /** The line as it reads on the page. */
  line: string;
  position: number;
  page: number;
  recognized: boolean;
}

type Reading = Omit<ProposedResult, 'line' | 'position' | 'page' | 'recognized' | 'name'>;

/** Words that begin lines of a report's header and footer, never a test's name. */
const NOT_A_TEST =
  /^(page|pages|phone|ph|tel|telephone|fax|age|dob|date|time|id|account|acct|specimen|collected|received|reported|printed|npi|zip|room|bed|order|accession|mrn|patient|ref|sex|gender|client|physician|provider|lab|control|total pages|p[aá]gina|tel[eé]fono|edad|fecha|hora|paciente|cuenta|muestra)\b/i;

/** A name ending in a column's label ("Ref:", "Range") is the label of what follows, not a test. */
const COLUMN_LABEL = /\b(ref|reference|range|normal|interval|units?|result|value|flag|previous|prior|target|goal|desirable|optimal|borderline|therapeutic|rango|referencia|resultado|valor|objetivo|deseable)\s*:?$/i;

/** The tail after a name: value, then in any printed order a flag, a unit and a range. */
function readTail(tokens: readonly string[]): Reading | undefined {
  const value = readValue(tokens[0]!);
  if (!value) return undefined;
  let at = 1;
  let flag: ProposedResult['flag'];
  let unit: string | undefined;
  let range: RangeToken | undefined;
  const takeFlag = (): boolean => {
    const code = at < tokens.length ? readFlag(tokens[at]!) : undefined;
    if (!code) return true;
    if (flag) return false;
    flag = { text: tokens[at]!, code };
    at += 1;
    return true;
  };
  const takeUnit = (): boolean => {
    const n = unitLength(tokens, at);
    if (n === 0) return true;
    const text = tokens.slice(at, at + n).join(' ');
    // Two different units on one line ("mg/dL … mmol/L") say two things; neither is read.
    if (unit !== undefined && unit.toLowerCase() !== text.toLowerCase()) return false;
    unit ??= text;
    at += n;
    return true;
  };
  if (!takeFlag() || !takeUnit() || !takeFlag()) return undefined;
  const r = readRange(tokens, at);
  if (r.range) {
    range = r.range;
    at += r.length;
    if (!takeUnit() || !takeFlag()) return undefined;
    if (range.unit && unit !== undefined && range.unit.toLowerCase() !== unit.toLowerCase()) return undefined;
    // A unit printed only inside the range ("7.2  4-5.6%") is the value's, as one printed after it is.
    unit ??= range.unit;
  }
  if (at !== tokens.length) return undefined;
  // A number alone could be anything (a page, an account); a test prints a unit or a range.
  if (!unit && !range) return undefined;
  return { value, ...(unit ? { unit } : {}), ...(range ? { range } : {}), ...(flag ? { flag } : {}) };
}

function plausibleName(tokens: readonly string[]): string | undefined {
  const name = tokens.join(' ').replace(/[:=]$/, '').trim();
  const last = tokens[tokens.length - 1]!;
  // A name never ends in a number, a range or a date: those are columns (a previous result, its date).
  if (readValue(last) || readRange(tokens, tokens.length - 1).range || /\d[/.-]\d/.test(last)) return undefined;
  // A token of symbols alone ("~~", "|") is a rule or a speck read as text, not part of a name.
  if (tokens.some((t) => /^[~|_=*•·»«]+$/.test(t))) return undefined;
  if (tokens.some((t) => /^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(t)) || /[-–]$/.test(last)) return undefined;
  // "Ref:" inside a name is a label of another column; a colon ends a name only at its end.
  if (tokens.slice(0, -1).some((t) => t.endsWith(':'))) return undefined;
  // A number inside a name is part of it ("Anion gap 3 in Serum") only when words follow it;
  // followed by a flag, a unit, a range or another number it is a column read into the name.
  for (let i = 0; i < tokens.length - 1; i++) {
    if (!readValue(tokens[i]!)) continue;
    const next = tokens[i + 1]!;
    if (readValue(next) || readFlag(next) || unitLength(tokens, i + 1) > 0 || readRange(tokens, i + 1).range) return undefined;
  }
  if (!/^[\p{L}(]/u.test(name) || (name.match(/\p{L}/gu)?.length ?? 0) < 2 || name.length > 120) return undefined;
  if (NOT_A_TEST.test(name) || COLUMN_LABEL.test(name)) return undefined;
  return name;
}

/** The one reading of a line as a result, or undefined when none or more than one fits. */
export function readLabLine(line: string): (Reading & { name: string }) | undefined {
  const tokens = line.trim().split(/\s+/).filter(Boolean);
  let found: (Reading & { name: string }) | undefined;
  for (let i = 1; i < tokens.length; i++) {
    if (!readValue(tokens[i]!)) continue;
    const reading = readTail(tokens.slice(i));
    if (!reading) continue;
    const name = plausibleName(tokens.slice(0, i));
    if (!name) continue;
    if (found) return undefined;
    found = { name, ...reading };
  }
  return found;
}

/** Every line of the pages that reads as exactly one result, in page order. */
export function proposeResults(pages: readonly PageText[]): ProposedResult[] {
  const proposals: ProposedResult[] = [];
  for (const page of pages) {
    const lines = page.text.split(/\r?\n/).map((raw) => raw.replace(/\s+/g, ' ').trim());
    lines.forEach((line, i) => {
      if (line.length < 5 || line.length > 200) return;
      const reading = readLabLine(line);
      if (!reading) return;
      // A unit that did not fit its column is printed on the next line, alone: it belongs to
      // this result. A next line that starts with a unit and goes on cannot be told apart.
      const next = (lines[i + 1] ?? '').split(' ').filter(Boolean);
      const nextUnit = unitLength(next, 0);
      // A lone word with a slash after a line without a unit is most likely its unit, one
      // Chartkeeper does not know: the line is left unread rather than read without it.
      if (!reading.unit && nextUnit === 0 && next.length === 1 && /^[^\d\s][^\s]*\/[^\s]+$/.test(next[0]!)) return;
      // A few words with no number on the next line may be the rest of a name that did not fit
      // its column ("GLUCOSE … BY TEST" / "STRIP"): the name would be cut short, so it is not read.
      if (nextUnit === 0 && next.length > 0 && next.length <= 3 && !/\d/.test(lines[i + 1]!) && !/:$/.test(lines[i + 1]!)) return;
      if (!reading.unit && nextUnit > 0) {
        if (nextUnit !== next.length) return;
        reading.unit = next.join(' ');
        line = `${line}\n${lines[i + 1]}`;
      }
      proposals.push({ ...reading, line, position: page.position, page: page.page, recognized: page.recognized });
    });
  }
  return proposals;
}

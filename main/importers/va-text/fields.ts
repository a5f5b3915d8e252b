// `Label: value` lines of VA reports, with wrapped values joined and two-field lines split,
// grouped into records. Shared by the legacy and the VA.gov report parsers.

export interface Line {
  text: string;
  /** 1-based line number in the file, for provenance. */
  n: number;
}

export interface Field {
  /** Lower-cased label without the trailing colon/asterisk. */
  key: string;
  label: string;
  value: string;
  n: number;
}

export type FieldRecord = Map<string, Field> & { firstLine?: number };

const LABEL = /^\s{0,6}([A-Za-z][A-Za-z0-9 ()/'#&.,-]{0,48}?)\s*:\*?(?:\s+(.*?))?\s*$/;
const SECOND_LABEL = /\s{2,}([A-Z][A-Za-z ()/'-]{1,30}):\*?(?:\s+|$)/;
const SEPARATOR = /^\s*(?:[=_-]{5,}|(?:- ){3,}-?)\s*$/;

export function isSeparator(text: string): boolean {
  return SEPARATOR.test(text);
}

/** Reads fields in order; blank lines and separators end a wrapped value. */
export function readFields(lines: Line[]): Field[] {
  const fields: Field[] = [];
  let last: Field | null = null;
  for (const line of lines) {
    const text = line.text;
    if (text.trim() === '' || isSeparator(text)) {
      last = null;
      continue;
    }
    const m = LABEL.exec(text);
    if (m && !/^\d/.test(m[1]!)) {
      let value = m[2] ?? '';
      const parts: [string, string][] = [];
      let label = m[1]!.trim();
      for (;;) {
        const second = SECOND_LABEL.exec(value);
        if (!second || second.index === undefined) break;
        parts.push([label, value.slice(0, second.index)]);
        label = second[1]!.trim();
        value = value.slice(second.index + second[0].length);
      }
      parts.push([label, value]);
      for (const [l, v] of parts) {
        last = { key: l.toLowerCase(), label: l, value: v.trim(), n: line.n };
        fields.push(last);
      }
      continue;
    }
    if (last) last.value = `${last.value} ${text.trim()}`.trim();
  }
  return fields;
}

const PREAMBLE = new Set(['source', 'last updated', 'sorted by', 'sort by', 'key']);

/**
 * Groups fields into records. A record starts at one of `starts`, or when a label repeats
 * inside the current record (which is how a truncated record without its first line shows).
 * Records lacking every start label are returned too, so callers can report them.
 */
export function groupRecords(fields: Field[], starts: string[]): FieldRecord[] {
  const records: FieldRecord[] = [];
  let current: FieldRecord | null = null;
  for (const field of fields) {
    if (!current && PREAMBLE.has(field.key)) continue;
    if (!current || starts.includes(field.key) || current.has(field.key)) {
      if (current && !starts.includes(field.key) && current.size === 0) continue;
      current = new Map() as FieldRecord;
      current.firstLine = field.n;
      records.push(current);
    }
    current.set(field.key, field);
  }
  return records;
}

/** A field's value, undefined when empty or a placeholder (`--`, `None`, `UNKNOWN`). */
export function val(record: Map<string, Field>, key: string): string | undefined {
  const v = record.get(key)?.value.trim();
  if (!v || /^-+$/.test(v) || /^(none|none reported|n\/a|unknown)$/i.test(v)) return undefined;
  return v;
}

export function hasAny(record: Map<string, Field>, keys: string[]): boolean {
  return keys.some((k) => record.has(k));
}

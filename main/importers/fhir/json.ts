// Safe access to untrusted JSON: every read checks the type it expects, so a hostile or broken
// file yields "missing" rather than a TypeError deep inside a mapper.
import { ImportError } from '../errors.ts';

export type Json = unknown;
export type JsonObject = Record<string, unknown>;

export function obj(value: Json): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function arr(value: Json): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A trimmed non-empty string, else undefined. */
export function str(value: Json): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function num(value: Json): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Limits that keep a hostile file from exhausting memory or the stack. */
export const MAX_JSON_BYTES = 100 * 1024 * 1024;
export const MAX_JSON_DEPTH = 100;
export const MAX_JSON_NODES = 20_000_000;

/**
 * Parses JSON text after checking its size and nesting depth, so that a hostile file fails
 * with a sentence instead of a crash. The dispatcher may call this instead of JSON.parse.
 */
export function readFhirJson(text: string): unknown {
  if (text.length > MAX_JSON_BYTES) {
    throw new ImportError('This FHIR file is larger than 100 MB, which is more than Chartkeeper reads in one file.');
  }
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) {
      if (++depth > MAX_JSON_DEPTH) throw tooDeep();
    } else if (ch === 125 || ch === 93) depth--;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ImportError('This FHIR file is not valid JSON, so Chartkeeper cannot read it.');
  }
}

function tooDeep(): ImportError {
  return new ImportError(`This FHIR file is nested more than ${MAX_JSON_DEPTH} levels deep, so Chartkeeper will not read it.`);
}

/** Checks an already parsed value for depth and size without recursion. */
export function checkJsonLimits(value: unknown): void {
  const stack: [unknown, number][] = [[value, 1]];
  let nodes = 0;
  let chars = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (++nodes > MAX_JSON_NODES) {
      throw new ImportError('This FHIR file has more entries than Chartkeeper reads in one file.');
    }
    if (typeof current === 'string') {
      chars += current.length;
      if (chars > MAX_JSON_BYTES) {
        throw new ImportError('This FHIR file is larger than 100 MB, which is more than Chartkeeper reads in one file.');
      }
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) throw tooDeep();
    const children = Array.isArray(current) ? current : Object.values(current as JsonObject);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
      else if (typeof child === 'string') stack.push([child, depth + 1]);
      else nodes++;
    }
  }
}

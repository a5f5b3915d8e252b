// FHIR XML → the JSON form of the same resource, so one importer reads both. The XML goes
// through the importers' one XML gate (size, DOCTYPE/entity refusal, well-formedness) and is
// then reshaped by FHIR's own rules for the XML syntax: a primitive's value is its `value`
// attribute, its `id` and extensions go to `_name`; `id` and an extension's `url` are
// attributes; a resource inside `contained` or `Bundle.entry.resource` is wrapped in an element
// named after its type; the narrative `div` is XHTML kept as a string. Which elements repeat
// and which primitives are booleans or numbers is not in the XML: the table beside this file,
// generated from the R4 structure definitions (scripts/fhir-xml-elements.mjs), says so.
import { ImportError } from '../../errors.ts';
import { parseXml } from '../../xml/parse.ts';
import type { XmlNode } from '../../xml/tree.ts';
import { attrs, elements, isText, kids, nameOf, rootElement, textValue } from '../../xml/tree.ts';
import type { JsonObject } from '../json.ts';
import ELEMENTS from './r4-elements.json' with { type: 'json' };

export const FHIR_NAMESPACE = 'http://hl7.org/fhir';
const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/**
 * How each element of a type reads in JSON, by element name: a leading `*` repeats; then `b`
 * boolean, `n` number, `x` XHTML, `R` a resource, or the name of the type (or backbone path)
 * whose elements it holds. An element not listed is a single string.
 */
const TABLE = ELEMENTS as Record<string, Record<string, string> | undefined>;

interface Shape {
  multiple: boolean;
  code: string;
}

/** Undefined when the table does not list the element: a single string, or one R4 lacks. */
function shapeOf(typeKey: string | undefined, name: string): Shape | undefined {
  const spec = typeKey ? TABLE[typeKey]?.[name] : undefined;
  if (!spec) return undefined;
  return spec.startsWith('*') ? { multiple: true, code: spec.slice(1) } : { multiple: false, code: spec };
}

/** The document element's name when the text is FHIR XML (its namespace is FHIR's). */
export function fhirXmlRoot(text: string): string | undefined {
  const match = /<([A-Z][A-Za-z]{1,63})\b([^>]*)>/.exec(text.slice(0, 4096));
  if (!match?.[1]) return undefined;
  return new RegExp(`\\bxmlns\\s*=\\s*["']${FHIR_NAMESPACE}["']`).test(match[2] ?? '') ? match[1] : undefined;
}

export function readFhirXml(text: string, what = 'This file'): JsonObject {
  const root = rootElement(parseXml(text, { what }));
  if (!root) throw new ImportError(`${what} holds no XML document.`);
  if (attrs(root)['xmlns'] !== FHIR_NAMESPACE) throw new ImportError(`${what} is XML but not FHIR, so Chartkeeper cannot read it.`);
  const type = nameOf(root);
  if (!TABLE[type]) throw new ImportError(`${what} is a FHIR ${type}, which is not a kind of FHIR resource Chartkeeper knows.`);
  return resource(root);
}

function resource(node: XmlNode): JsonObject {
  const type = nameOf(node);
  const out: JsonObject = { resourceType: type };
  fill(out, node, TABLE[type] ? type : undefined);
  return out;
}

/** The resource inside a `contained` / `resource` wrapper element. */
function wrappedResource(node: XmlNode): JsonObject | undefined {
  const inner = elements(node)[0];
  return inner ? resource(inner) : undefined;
}

function fill(out: JsonObject, node: XmlNode, typeKey: string | undefined): void {
  const primitives = new Map<string, { values: unknown[]; extras: (JsonObject | null)[] }>();
  const children = elements(node);
  for (const element of children) {
    const name = nameOf(element);
    const shape = shapeOf(typeKey, name) ?? guessShape(element, children);
    if (shape.code === 's' || shape.code === 'b' || shape.code === 'n') {
      const entry = primitives.get(name) ?? { values: [], extras: [] };
      primitives.set(name, entry);
      const { value, extra } = primitive(element, shape.code);
      if (value === undefined && !extra) continue;
      if (!shape.multiple) {
        entry.values = [value ?? null];
        entry.extras = [extra ?? null];
      } else {
        entry.values.push(value ?? null);
        entry.extras.push(extra ?? null);
      }
      setPrimitive(out, name, entry, shape.multiple);
      continue;
    }
    let value: unknown;
    if (shape.code === 'x') value = xhtml(element);
    else if (shape.code === 'R') value = wrappedResource(element);
    else value = complex(element, shape.code);
    if (value === undefined) continue;
    if (shape.multiple) {
      const list = Array.isArray(out[name]) ? (out[name] as unknown[]) : [];
      list.push(value);
      out[name] = list;
    } else out[name] = value;
  }
}

function setPrimitive(out: JsonObject, name: string, entry: { values: unknown[]; extras: (JsonObject | null)[] }, multiple: boolean): void {
  const hasValue = entry.values.some((v) => v !== null);
  const hasExtra = entry.extras.some((e) => e !== null);
  if (multiple) {
    if (hasValue) out[name] = entry.values;
    if (hasExtra) out[`_${name}`] = entry.extras;
    return;
  }
  if (hasValue) out[name] = entry.values[0];
  if (hasExtra) out[`_${name}`] = entry.extras[0];
}

function complex(element: XmlNode, typeKey: string): JsonObject | undefined {
  const out: JsonObject = {};
  const a = attrs(element);
  if (a['id'] !== undefined) out['id'] = a['id'];
  if (a['url'] !== undefined) out['url'] = a['url'];
  fill(out, element, TABLE[typeKey] ? typeKey : undefined);
  return Object.keys(out).length ? out : undefined;
}

const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function primitive(element: XmlNode, code: string): { value?: unknown; extra?: JsonObject } {
  const a = attrs(element);
  const raw = a['value'];
  let value: unknown;
  if (raw !== undefined) {
    // A value that is not what its type says stays as the source wrote it, for the mapper
    // to ignore or show, rather than becoming a different value.
    if (code === 'b') value = raw === 'true' ? true : raw === 'false' ? false : raw;
    else if (code === 'n') value = DECIMAL.test(raw.trim()) ? Number(raw.trim()) : raw;
    else value = raw;
  }
  const extra: JsonObject = {};
  if (a['id'] !== undefined) extra['id'] = a['id'];
  fill(extra, element, 'Element');
  return Object.keys(extra).length ? { value, extra } : { value };
}

/**
 * An element the table does not list: a single string in R4, or one R4 does not have (a later
 * version's, a mistake). Its structure is what the XML shows: a `value` attribute or only
 * extensions make a primitive, other children a structure; repeated here, it repeats, since
 * keeping only the last would drop the others.
 */
function guessShape(element: XmlNode, siblings: XmlNode[]): Shape {
  const name = nameOf(element);
  const multiple = siblings.filter((s) => nameOf(s) === name).length > 1;
  if (name === 'div' && attrs(element)['xmlns'] === XHTML_NAMESPACE) return { multiple, code: 'x' };
  const inner = elements(element);
  if (attrs(element)['value'] !== undefined || inner.every((e) => nameOf(e) === 'extension')) return { multiple, code: 's' };
  return { multiple, code: '?' };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeXml = (text: string, pattern: RegExp) => text.replace(pattern, (c) => ESCAPES[c] ?? c);

/** The narrative as XHTML text, as FHIR JSON carries it. */
function xhtml(element: XmlNode): string {
  const parts: string[] = [];
  writeXhtml(element, parts, true);
  return parts.join('');
}

function writeXhtml(node: XmlNode, parts: string[], root: boolean): void {
  if (isText(node)) {
    parts.push(escapeXml(textValue(node), /[&<>]/g));
    return;
  }
  const name = nameOf(node);
  const attributes = { ...attrs(node) };
  if (root) attributes['xmlns'] = XHTML_NAMESPACE;
  else if (attributes['xmlns'] === XHTML_NAMESPACE) delete attributes['xmlns'];
  for (const key of Object.keys(attributes)) if (key.startsWith('xmlns:')) delete attributes[key];
  const attributeText = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value), /[&<>"]/g)}"`)
    .join('');
  const children = kids(node);
  if (children.length === 0) {
    parts.push(`<${name}${attributeText}/>`);
    return;
  }
  parts.push(`<${name}${attributeText}>`);
  for (const child of children) writeXhtml(child, parts, false);
  parts.push(`</${name}>`);
}

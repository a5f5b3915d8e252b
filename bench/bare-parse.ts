// The import benchmark's baseline: the same bytes through fast-xml-parser alone, built by the
// importer's own createXmlParser so both sides parse with identical options.
import { createXmlParser } from '../main/importers/xml/parse.ts';

export function bareParse(bytes: Uint8Array): unknown {
  const text = new TextDecoder('utf-8').decode(bytes);
  return createXmlParser({ used: new Set(), declared: new Set() }).parse(text);
}

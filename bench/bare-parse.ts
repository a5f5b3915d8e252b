// The import benchmark's baseline: the same bytes through fast-xml-parser alone, with the
// options main/importers/xml/parse.ts uses (ordered tree, attributes, namespace prefixes
// stripped, entities, no value parsing). Kept in step with that file by hand.
import { XMLParser } from 'fast-xml-parser';

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

export function bareParse(bytes: Uint8Array): unknown {
  const text = new TextDecoder('utf-8').decode(bytes);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: 200,
    transformTagName: localName,
    transformAttributeName: (name: string) => (name.startsWith('xmlns:') ? name : localName(name)),
  });
  return parser.parse(text);
}

// METADATA.XML (ebRIM 2.1 or 3.0 SubmitObjectsRequest): the DocumentEntries of one submission
// set. Element names are matched by local name, so any prefix or namespace form works.
import { attr, child, children, elements, isText, nameOf, textOf, type XmlNode } from '../xml/tree.ts';

export interface DocumentEntryInfo {
  uri?: string;
  hash?: string;
  size?: number;
  mimeType?: string;
  title?: string;
}

export function readDocumentEntries(nodes: XmlNode[]): DocumentEntryInfo[] {
  const out: DocumentEntryInfo[] = [];
  const walk = (list: readonly XmlNode[]): void => {
    for (const node of list) {
      if (nameOf(node) === 'ExtrinsicObject') out.push(readEntry(node));
      else walk(elements(node));
    }
  };
  walk(nodes.filter((n) => !isText(n)));
  return out;
}

function readEntry(node: XmlNode): DocumentEntryInfo {
  const info: DocumentEntryInfo = {};
  const mimeType = attr(node, 'mimeType');
  if (mimeType) info.mimeType = mimeType;
  const title = attr(child(child(node, 'Name'), 'LocalizedString'), 'value');
  if (title) info.title = title;
  for (const slot of children(node, 'Slot')) {
    const value = textOf(child(child(slot, 'ValueList'), 'Value'));
    if (!value) continue;
    switch (attr(slot, 'name')) {
      case 'URI':
        info.uri = value;
        break;
      case 'hash':
        info.hash = value.toLowerCase();
        break;
      case 'size': {
        const size = Number(value);
        if (Number.isInteger(size)) info.size = size;
        break;
      }
    }
  }
  return info;
}

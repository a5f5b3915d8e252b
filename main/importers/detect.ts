// Format detection by content, never by file name: zip magic, the XML document element and
// its templateIds, JSON with a resourceType, then the text formats' own sniffers.
import type { FormatId } from '../records/model.ts';
import { isZip } from './xdm/zip.ts';
import { decodeText } from './text/decode.ts';
import { cdaFamily } from './ccda/templates.ts';
import { looksLikeVaText } from './va-text/index.ts';
import { looksLikeCmsText } from './cms-text/index.ts';
import { parseFhir } from './fhir/index.ts';
import { fhirXmlRoot, readFhirXml } from './fhir/xml/read.ts';
import { ImportError } from './errors.ts';
import { hasVerifiableCredential, looksLikeShcText } from './shc/index.ts';
import { looksLikeGlucoseCsv } from './glucose-csv/index.ts';
import { looksLikeBpCsv } from './bp-csv/index.ts';

export type TextKind = 'cda' | 'xml-other' | 'json' | 'text';

const CCDA_TEMPLATE_PREFIX = '2.16.840.1.113883.10.20.22.';

/** The local name of the XML document element, skipping the prolog. */
export function xmlRootName(text: string): string | undefined {
  let at = 0;
  while (at >= 0 && at < text.length) {
    at = text.indexOf('<', at);
    if (at < 0) return undefined;
    let end: number;
    if (text.startsWith('<?', at)) end = text.indexOf('?>', at + 2) + 2;
    else if (text.startsWith('<!--', at)) end = text.indexOf('-->', at + 4) + 3;
    else if (text.startsWith('<!', at)) end = text.indexOf('>', at + 2) + 1;
    else {
      const match = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(at, at + 200));
      if (!match?.[1]) return undefined;
      const name = match[1];
      return name.slice(name.indexOf(':') + 1);
    }
    // An unterminated prolog construct: there is no document element to find.
    if (end <= at) return undefined;
    at = end;
  }
  return undefined;
}

export function textKind(text: string): TextKind {
  const start = text.trimStart();
  if (start.startsWith('<')) return xmlRootName(start) === 'ClinicalDocument' ? 'cda' : 'xml-other';
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  return 'text';
}

/** C-CDA or the older CDA family, from the header's templateIds (before the first section). */
export function cdaFamilyOfText(text: string): 'ccda' | 'c32' {
  const bodyAt = text.search(/<(\w+:)?(recordTarget|component)\b/);
  const header = bodyAt < 0 ? text : text.slice(0, bodyAt);
  const ids: string[] = [];
  for (const match of header.matchAll(/<(?:\w+:)?templateId\b[^>]*?\broot\s*=\s*["']([^"']+)["']/g)) {
    if (match[1]) ids.push(match[1]);
  }
  return cdaFamily(ids, text.includes(CCDA_TEMPLATE_PREFIX));
}

/** What kind of health record the bytes hold, or null when none Chartkeeper reads. */
export function detectFormat(bytes: Uint8Array, _fileName: string): FormatId | null {
  if (isZip(bytes)) return 'xdm';
  const text = decodeText(bytes);
  switch (textKind(text)) {
    case 'cda':
      return cdaFamilyOfText(text);
    case 'xml-other':
      if (!fhirXmlRoot(text)) return null;
      try {
        return parseFhir(readFhirXml(text), { syntax: 'xml' }).format;
      } catch (error) {
        if (error instanceof ImportError) return null;
        throw error;
      }
    case 'json': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return null;
      }
      if (hasVerifiableCredential(value)) return 'shc';
      if (!hasResourceType(value)) return null;
      try {
        return parseFhir(value).format;
      } catch (error) {
        if (error instanceof ImportError) return null;
        throw error;
      }
    }
    case 'text':
      if (looksLikeVaText(text)) return 'va-text';
      if (looksLikeCmsText(text)) return 'cms-text';
      if (looksLikeShcText(text)) return 'shc';
      if (looksLikeGlucoseCsv(text)) return 'glucose-csv';
      if (looksLikeBpCsv(text)) return 'bp-csv';
      return null;
  }
}

export function hasResourceType(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasResourceType);
  return typeof value === 'object' && value !== null && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}

// The importer entry point: detect a file's format by its content and hand it to the pure
// parser for that format. Bytes in, ParsedFile out; nothing here touches the vault.
import type { FormatId, ImportedDocument, ParsedFile } from '../records/model.ts';
import { cdaFamily } from './ccda/templates.ts';
import { readClinicalDocument } from './ccda/document.ts';
import { hasResourceType, textKind, xmlRootName } from './detect.ts';
import { ImportError } from './errors.ts';
import { LIMITS } from './limits.ts';
import { decodeText } from './text/decode.ts';
import { parseXml } from './xml/parse.ts';
import { rootElement, templateIds } from './xml/tree.ts';
import { isZip } from './xdm/zip.ts';
import { parseXdmPackage, type InnerResult } from './xdm/index.ts';
import { parseVaText, looksLikeVaText } from './va-text/index.ts';
import { parseCmsText, looksLikeCmsText } from './cms-text/index.ts';
import { parseFhir, readFhirJson } from './fhir/index.ts';
import { fhirXmlRoot, readFhirXml } from './fhir/xml/read.ts';
import { hasVerifiableCredential, isJwks, looksLikeBarePayload, looksLikeShcText, parseSmartHealthCards, type CardKeys } from './shc/index.ts';
import { looksLikeGlucoseCsv, parseGlucoseCsv } from './glucose-csv/index.ts';
import { looksLikeBpCsv, parseBpCsv } from './bp-csv/index.ts';
import { applyMapping, type CsvMapping } from './csv-mapping/index.ts';

export { ImportError } from './errors.ts';
export { detectFormat } from './detect.ts';

const CCDA_TEMPLATE_PREFIX = '2.16.840.1.113883.10.20.22.';
/** A compact JWE (five base64url parts): what a SMART Health Link's file holds. */
const ENCRYPTED_LINK = /^eyJ[\w-]*\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+$/;

export interface ParseOptions {
  /** Signature keys for SMART Health Cards that came with the import or were kept (the parser itself never fetches: keys from the network come through main/issuer-keys, with online lookups on). */
  shcKeys?: CardKeys;
  /** How a CSV of a layout Chartkeeper does not know reads (the person's column mapping). */
  csvMapping?: CsvMapping;
  /** Keep every sensor reading of a glucose export instead of daily summaries. */
  everySample?: boolean;
  /** This computer's IANA time zone: where times a file writes as bare instants are read (bp-csv, a mapping's epoch dates). */
  localZone?: string;
}

export function parseFile(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): ParsedFile {
  if (bytes.length > LIMITS.maxFileBytes) {
    throw new ImportError('This file is larger than 100 MB, too large to be a health record download.');
  }
  if (bytes.length === 0) throw new ImportError('This file is empty.');
  if (isZip(bytes)) return parseXdmPackage(bytes, importInner);
  const result = parseSingle(bytes, 'This file', options);
  if (!result) throw new ImportError(`${displayName(fileName)} is not a health record Chartkeeper can read.`);
  return result;
}

function displayName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return base ? `"${base}"` : 'This file';
}

/** One file's bytes to documents; null when it is not something Chartkeeper reads. */
function parseSingle(bytes: Uint8Array, what: string, options: ParseOptions = {}): InnerResult | null {
  const shcKeys = options.shcKeys;
  const text = decodeText(bytes);
  switch (textKind(text)) {
    case 'cda':
      return parseCda(text, what);
    case 'xml-other': {
      if (fhirXmlRoot(text)) return parseFhir(readFhirXml(text, what), { syntax: 'xml' });
      const root = xmlRootName(text.trimStart());
      if (root === 'ContinuityOfCareRecord') {
        throw new ImportError(`${what} is an ASTM CCR record, a format Chartkeeper does not read yet.`);
      }
      return null;
    }
    case 'json': {
      // readFhirJson checks size and nesting depth on the raw text before JSON.parse runs.
      const value = readFhirJson(text);
      if (hasVerifiableCredential(value)) return parseSmartHealthCards(value, shcKeys);
      if (isJwks(value)) {
        throw new ImportError(`${what} holds signature keys, not records; they are used to check health cards imported with them.`);
      }
      if (looksLikeBarePayload(value)) {
        throw new ImportError(`${what} is the unpacked content of a SMART Health Card without its signature; import the .smart-health-card file or QR text instead.`);
      }
      if (isHealthLinkDetails(value)) {
        throw new ImportError(`${what} is a SMART Health Link (the address and key of records kept elsewhere), which Chartkeeper cannot open yet.`);
      }
      if (!hasResourceType(value)) return null;
      return parseFhir(value);
    }
    case 'text':
      if (looksLikeVaText(text)) return { format: 'va-text', documents: [parseVaText(text)] };
      if (looksLikeCmsText(text)) return { format: 'cms-text', documents: [parseCmsText(text)] };
      if (looksLikeShcText(text)) return parseSmartHealthCards(text, shcKeys);
      if (looksLikeGlucoseCsv(text)) return { format: 'glucose-csv', documents: [parseGlucoseCsv(text, options.everySample ? { everySample: true } : {})] };
      if (looksLikeBpCsv(text)) return { format: 'bp-csv', documents: [parseBpCsv(text, options.localZone ? { localZone: options.localZone } : {})] };
      if (options.csvMapping) return { format: 'csv-mapped', documents: [applyMapping(text, options.csvMapping, options.localZone)] };
      if (/^(?:https:\/\/\S*#)?shlink:\/[\w-]+$/.test(text.trim())) {
        throw new ImportError(`${what} is a SMART Health Link (the address and key of records kept elsewhere), which Chartkeeper cannot open yet.`);
      }
      if (ENCRYPTED_LINK.test(text.trim())) {
        throw new ImportError(`${what} is an encrypted SMART Health Link file, which Chartkeeper cannot open yet.`);
      }
      return null;
  }
}

/** A SMART Health Link's payload ({ url, key, flag }) or a file that carries one: a pointer to records, not records. */
function isHealthLinkDetails(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const o = value as Record<string, unknown>;
  const payload = (typeof o['shlinkJsonPayload'] === 'object' && o['shlinkJsonPayload'] !== null ? o['shlinkJsonPayload'] : o) as Record<string, unknown>;
  const isLink = typeof payload['url'] === 'string' && typeof payload['key'] === 'string' && /^[\w-]{43}$/.test(payload['key']);
  return isLink || (typeof o['shlink'] === 'string' && o['shlink'].startsWith('shlink:/'));
}

function parseCda(text: string, what: string): InnerResult {
  const root = rootElement(parseXml(text, { what }));
  if (!root) throw new ImportError(`${what} holds no XML document.`);
  const format: FormatId = cdaFamily(templateIds(root), text.includes(CCDA_TEMPLATE_PREFIX));
  return { format, documents: [readClinicalDocument(root)] };
}

/** A document found inside a zip package. */
function importInner(bytes: Uint8Array, name: string, mimeType: string | undefined): InnerResult | null {
  const what = `The file ${name.split('/').pop()} in the zip`;
  if (startsWith(bytes, '%PDF-')) return attachmentOnly(bytes, name, 'application/pdf');
  const text = decodeText(bytes);
  const kind = textKind(text);
  if (kind === 'xml-other' && xmlRootName(text.trimStart()) === 'ContinuityOfCareRecord') {
    const document = attachmentOnly(bytes, name, 'application/xml').documents[0] as ImportedDocument;
    document.problems.push({
      reason: `${name.split('/').pop()} is an ASTM CCR record, which Chartkeeper cannot read yet; it is kept as an attachment.`,
      where: name,
    });
    return { format: 'xdm', documents: [document] };
  }
  const parsed = parseSingle(bytes, what);
  if (parsed) return parsed;
  // A package's declared plain-text document (a letter, a note) is kept as it is.
  if (kind === 'text' && (mimeType === 'text/plain' || /\.txt$/i.test(name))) return attachmentOnly(bytes, name, 'text/plain');
  return null;
}

function attachmentOnly(bytes: Uint8Array, name: string, mediaType: string): InnerResult {
  const title = name.split('/').pop() ?? name;
  return {
    format: 'xdm',
    documents: [
      {
        patient: {},
        document: {
          title,
          sections: [],
          attachments: [{ title, mediaType, data: Buffer.from(bytes).toString('base64') }],
        },
        records: [],
        problems: [],
      },
    ],
  };
}

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

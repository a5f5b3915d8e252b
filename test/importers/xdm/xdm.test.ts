import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../main/importers/index.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/ccda');
const ccd = new Uint8Array(readFileSync(path.join(fixtures, 'ccd-full.xml')));
const c32 = new Uint8Array(readFileSync(path.join(fixtures, 'c32-minimal.xml')));

function metadata(entries: { uri?: string; hash?: string; size?: number; mimeType?: string }[]): Uint8Array {
  const objects = entries
    .map((e, i) => {
      const slots = [
        e.uri ? `<rim:Slot name="URI"><rim:ValueList><rim:Value>${e.uri}</rim:Value></rim:ValueList></rim:Slot>` : '',
        e.hash ? `<rim:Slot name="hash"><rim:ValueList><rim:Value>${e.hash}</rim:Value></rim:ValueList></rim:Slot>` : '',
        e.size !== undefined ? `<rim:Slot name="size"><rim:ValueList><rim:Value>${e.size}</rim:Value></rim:ValueList></rim:Slot>` : '',
      ].join('');
      return `<rim:ExtrinsicObject id="Doc${i}" mimeType="${e.mimeType ?? 'text/xml'}" objectType="urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1">${slots}<rim:Name><rim:LocalizedString value="Document ${i}"/></rim:Name></rim:ExtrinsicObject>`;
    })
    .join('');
  return strToU8(`<?xml version="1.0"?><lcm:SubmitObjectsRequest xmlns:lcm="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0" xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"><rim:RegistryObjectList>${objects}</rim:RegistryObjectList></lcm:SubmitObjectsRequest>`);
}

const sha1 = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex');

describe('IHE XDM packages', () => {
  it('imports every document listed in each submission set, matching URIs case-insensitively', () => {
    const zip = zipSync({
      'README.TXT': strToU8('Sample package'),
      'INDEX.HTM': strToU8('<html><script>alert(1)</script></html>'),
      'IHE_XDM/SUBSET01/METADATA.XML': metadata([{ uri: 'DOC0001.XML', hash: sha1(ccd).toUpperCase(), size: ccd.length }]),
      'IHE_XDM/SUBSET01/doc0001.xml': ccd,
      'IHE_XDM/SUBSET01/CCD.XSL': strToU8('<xsl:stylesheet/>'),
      'IHE_XDM/SUBSET02/METADATA.XML': metadata([{ uri: 'DOC0001.XML' }]),
      'IHE_XDM/SUBSET02/DOC0001.XML': c32,
      '__MACOSX/IHE_XDM/SUBSET01/._DOC0001.XML': strToU8('junk'),
    });
    const parsed = parseFile(zip, 'download.zip');
    expect(parsed.format).toBe('xdm');
    expect(parsed.documents.map((d) => d.document.title)).toEqual(['Willow Creek Clinic Health Summary', 'Continuity of Care Document']);
    expect(parsed.documents[0]?.records.length).toBeGreaterThan(10);
    expect(parsed.documents[0]?.problems.some((p) => p.where === 'package')).toBe(false);
  });

  it('finds a document by hash when METADATA.XML gives no URI, and reports a size mismatch', () => {
    const zip = zipSync({
      'wrapper/IHE_XDM/SUBSET01/METADATA.xml': metadata([{ hash: sha1(ccd), size: ccd.length + 5 }]),
      'wrapper/IHE_XDM/SUBSET01/Document01.xml': ccd,
    });
    const parsed = parseFile(zip, 'x.zip');
    expect(parsed.documents).toHaveLength(1);
    expect(parsed.documents[0]?.problems.map((p) => p.reason).join(' ')).toMatch(/bytes but it is/);
  });

  it('imports the same bytes only once', () => {
    const zip = zipSync({
      'IHE_XDM/SUBSET01/METADATA.XML': metadata([{ uri: 'CDA_1.XML' }, { uri: 'CDA_2.XML' }]),
      'IHE_XDM/SUBSET01/CDA_1.XML': ccd,
      'IHE_XDM/SUBSET01/CDA_2.XML': ccd,
    });
    expect(parseFile(zip, 'x.zip').documents).toHaveLength(1);
  });

  it('scans a zip without METADATA.XML for clinical documents (backslash names too)', () => {
    const zip = zipSync({ 'SUBSET01\\DOCUMENT.xml': ccd, 'notes.css': strToU8('a{}'), 'other.xml': strToU8('<empty/>') });
    const parsed = parseFile(zip, 'x.zip');
    expect(parsed.documents).toHaveLength(1);
    expect(parsed.documents[0]?.patient.family).toBe('Quintero');
  });

  it('keeps a PDF or plain-text document as an attachment', () => {
    const pdf = strToU8('%PDF-1.4 fake');
    const zip = zipSync({
      'IHE_XDM/SUBSET01/METADATA.XML': metadata([{ uri: 'DOC0001.PDF', mimeType: 'application/pdf' }, { uri: 'DOC.TXT', mimeType: 'text/plain' }]),
      'IHE_XDM/SUBSET01/DOC0001.PDF': pdf,
      'IHE_XDM/SUBSET01/doc.txt': strToU8('Hello there'),
    });
    const parsed = parseFile(zip, 'x.zip');
    expect(parsed.documents.map((d) => d.document.attachments[0]?.mediaType)).toEqual(['application/pdf', 'text/plain']);
    expect(Buffer.from(parsed.documents[0]?.document.attachments[0]?.data ?? '', 'base64').toString()).toBe('%PDF-1.4 fake');
  });

  it('keeps importing the good documents when one is broken, and says which', () => {
    const zip = zipSync({
      'IHE_XDM/SUBSET01/METADATA.XML': metadata([{ uri: 'A.XML' }, { uri: 'B.XML' }]),
      'IHE_XDM/SUBSET01/A.XML': ccd.subarray(0, 2000),
      'IHE_XDM/SUBSET01/B.XML': c32,
    });
    const parsed = parseFile(zip, 'x.zip');
    expect(parsed.documents).toHaveLength(1);
    expect(parsed.documents[0]?.problems.some((p) => /A\.XML/.test(p.reason) && /damaged or incomplete/.test(p.reason))).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../main/importers/detect.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/ccda');
const read = (name: string): Buffer => readFileSync(path.join(fixtures, name));

describe('detectFormat', () => {
  it('tells C-CDA from C32 by the header templateIds, whatever the file is called', () => {
    expect(detectFormat(read('ccd-full.xml'), 'report.txt')).toBe('ccda');
    expect(detectFormat(read('c32-minimal.xml'), 'ccda.xml')).toBe('c32');
    expect(detectFormat(read('unstructured.xml'), 'x.pdf')).toBe('ccda');
  });

  it('sees through a BOM, comments and processing instructions', () => {
    const text = `\ufeff<?xml version="1.0"?><?xml-stylesheet href="cda.xsl"?><!-- note --><cda:ClinicalDocument xmlns:cda="urn:hl7-org:v3"><cda:templateId root="2.16.840.1.113883.10.20.22.1.2"/></cda:ClinicalDocument>`;
    expect(detectFormat(Buffer.from(text, 'utf8'), 'a')).toBe('ccda');
  });

  it('treats any zip as a package', () => {
    expect(detectFormat(zipSync({ 'IHE_XDM/SUBSET01/DOC0001.XML': read('ccd-full.xml') }), 'download.bin')).toBe('xdm');
  });

  it('returns null for other XML, HTML, empty and random text', () => {
    expect(detectFormat(strToU8('<?xml version="1.0"?><empty/>'), 'ccd.xml')).toBeNull();
    expect(detectFormat(strToU8('<html><body>hi</body></html>'), 'ccd.xml')).toBeNull();
    expect(detectFormat(strToU8(''), 'ccd.xml')).toBeNull();
    expect(detectFormat(strToU8('{"hello": "world"}'), 'bundle.json')).toBeNull();
  });
});

// Hostile input: each case must end in an ImportError with one clear sentence, quickly and
// without exhausting memory (speed itself belongs to the benchmark, not to these tests).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseFile, ImportError } from '../../main/importers/index.ts';

const ccd = readFileSync(path.resolve(import.meta.dirname, '../fixtures/ccda/ccd-full.xml'));

function importError(bytes: Uint8Array, name = 'file.xml'): ImportError {
  try {
    parseFile(bytes, name);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    const message = (error as ImportError).message;
    // One sentence: ends with a full stop and has no stack or parser jargon in it.
    expect(message).toMatch(/^[A-Z"].*\.$/);
    expect(message.split(/\.\s/).length).toBe(1);
    return error as ImportError;
  }
  throw new Error('expected an ImportError');
}

describe('hostile XML', () => {
  it('refuses a billion-laughs file before expanding anything', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;">]>
<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&lol9;</title></ClinicalDocument>`;
    expect(importError(strToU8(laughs)).message).toMatch(/DOCTYPE or entity declaration/);
  });

  it('refuses an external entity (XXE)', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><ClinicalDocument xmlns="urn:hl7-org:v3"><title>&xxe;</title></ClinicalDocument>`;
    expect(importError(strToU8(xxe)).message).toMatch(/DOCTYPE/);
  });

  it('refuses a file over 100 MB without decoding it', () => {
    const big = new Uint8Array(100 * 1024 * 1024 + 1);
    big.set(strToU8('<ClinicalDocument xmlns="urn:hl7-org:v3">'));
    expect(importError(big).message).toMatch(/100 MB/);
  });

  it('refuses deep nesting', () => {
    const depth = 5000;
    const deep = `<ClinicalDocument xmlns="urn:hl7-org:v3"><templateId root="2.16.840.1.113883.10.20.22.1.2"/>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</ClinicalDocument>`;
    expect(importError(strToU8(deep)).message).toMatch(/nested too deeply/);
  });

  it('refuses a truncated file', () => {
    const truncated = ccd.subarray(0, Math.floor(ccd.length * 0.6));
    expect(importError(truncated).message).toMatch(/damaged or incomplete/);
  });

  it('refuses mismatched closing tags', () => {
    const broken = ccd.toString('utf8').replace('</title>', '</titel>');
    expect(importError(Buffer.from(broken)).message).toMatch(/damaged or incomplete/);
  });

  it('refuses XML that is not a health record, and says so', () => {
    expect(importError(strToU8('<?xml version="1.0"?><empty/>'), 'empty.xml').message).toBe('"empty.xml" is not a health record Chartkeeper can read.');
    expect(importError(strToU8('just some words'), 'notes.txt').message).toMatch(/not a health record/);
  });

  it('refuses an empty file', () => {
    expect(importError(new Uint8Array(0)).message).toBe('This file is empty.');
  });
});

describe('hostile zips', () => {
  it('refuses a zip bomb from its declared sizes', () => {
    // 20 MB of zeros compresses about 1000:1, a ratio no honest record has.
    const zeros = new Uint8Array(20 * 1024 * 1024);
    const bomb = zipSync({ 'IHE_XDM/SUBSET01/DOC0001.XML': zeros }, { level: 9 });
    expect(importError(bomb, 'bomb.zip').message).toMatch(/zip bomb/);
  });

  it('refuses an entry that inflates past the size it declares', () => {
    const payload = new Uint8Array(4 * 1024 * 1024).fill(0x41);
    const zip = zipSync({ 'IHE_XDM/SUBSET01/DOC0001.XML': payload }, { level: 9 });
    // Rewrite the declared uncompressed size (central directory) to something small.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let i = zip.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 1000, true);
        break;
      }
    }
    expect(importError(zip, 'liar.zip').message).toMatch(/zip bomb/);
  });

  it('refuses a zip with no clinical document', () => {
    const zip = zipSync({ 'README.TXT': strToU8('hello'), 'INDEX.HTM': strToU8('<html></html>'), 'style.css': strToU8('a{}') });
    expect(importError(zip, 'x.zip').message).toBe('This zip file holds no health record Chartkeeper can read.');
  });

  it('refuses a truncated zip', () => {
    const zip = zipSync({ 'IHE_XDM/SUBSET01/DOC0001.XML': ccd });
    expect(importError(zip.subarray(0, zip.length - 40), 'cut.zip').message).toMatch(/damaged or incomplete/);
  });
});

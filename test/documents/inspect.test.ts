// Each file offered as a document is checked before anything is kept: kind by content, size,
// pages and pixels against the limits, whole structure; a refusal is one sentence naming the file.
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { inspectFile as inspectWith } from '../../main/documents/inspect.ts';
import { readPdf } from '../../main/documents/pdf.ts';
import { decodeRaster } from '../../main/documents/raster.ts';
import { inspectOffThread } from '../../main/documents/inspect-off-thread.ts';
import { DOCUMENT_LIMITS } from '../../main/documents/kinds.ts';
import { withoutLocation } from '../../main/documents/location.ts';
import { makeBombPdf, makeExifTiff, makeJpeg, makePdf, makePng, refusalOf } from './fixtures.ts';

const inspectFile = (name: string, bytes: Uint8Array) => inspectWith(name, bytes, { readPdf, decodeRaster });

const refusal = (name: string, bytes: Uint8Array) => refusalOf(inspectFile, name, bytes);

describe('inspecting a file offered as a document', () => {
  it('reads a PDF: its pages and each page’s own text', async () => {
    const pdf = makePdf([['Comprehensive metabolic panel', 'Glucose 98 mg/dL'], ['Hemoglobin A1c 5.6 %']]);
    const file = await inspectFile('labs.pdf', pdf);
    expect(file.mediaType).toBe('application/pdf');
    expect(file.pageCount).toBe(2);
    expect(file.pageTexts[0]).toContain('Glucose 98 mg/dL');
    expect(file.pageTexts[1]).toContain('Hemoglobin A1c 5.6 %');
  });

  it('reads a JPEG’s size, how it is turned and whether it says where it was taken', async () => {
    const file = await inspectFile('card.jpg', makeJpeg({ width: 64, height: 48, orientation: 6, gps: true }));
    expect(file).toMatchObject({ mediaType: 'image/jpeg', width: 64, height: 48, orientation: 6, hasLocation: true, pageCount: 1 });
    const plain = await inspectFile('plain.jpg', makeJpeg({ width: 16, height: 8 }));
    expect(plain.hasLocation).toBe(false);
    expect(plain.orientation).toBeUndefined();
  });

  it('reads a PNG’s size', async () => {
    expect(await inspectFile('scan.png', makePng({ width: 30, height: 20 }))).toMatchObject({ mediaType: 'image/png', width: 30, height: 20 });
  });

  it('refuses a file over the size limit before reading it', async () => {
    const big = new Uint8Array(DOCUMENT_LIMITS.maxFileBytes + 1);
    big.set(new TextEncoder().encode('%PDF-1.4\n'));
    expect(await refusal('scan.pdf', big)).toBe('"scan.pdf" is 50 MB; Chartkeeper keeps documents of at most 50 MB per file.');
  });

  it('refuses an image that would decode to more pixels than the limit, from its header alone', async () => {
    const png = makePng({ claim: { width: 50_000, height: 50_000 } });
    expect(png.byteLength).toBeLessThan(2000);
    expect(await refusal('bomb.png', png)).toBe('"bomb.png" would be 2,500 megapixels when shown; Chartkeeper keeps images of at most 100 megapixels.');
    expect(await refusal('bomb.jpg', makeJpeg({ width: 60_000, height: 60_000, claimOnly: true }))).toMatch(/^"bomb\.jpg" would be 3,600 megapixels/);
  });

  it('refuses a PDF with more pages than the limit, and one with a page too large to show', async () => {
    const many = makePdf(Array.from({ length: DOCUMENT_LIMITS.maxPdfPages + 1 }, (_, i) => [`page ${i}`]));
    expect(await refusal('many.pdf', many)).toBe('"many.pdf" has 501 pages; Chartkeeper keeps PDFs of at most 500 pages.');
    const huge = makePdf([['poster']], { width: 14_000, height: 14_000 });
    expect(await refusal('huge.pdf', huge)).toMatch(/^Page 1 of "huge\.pdf" is too large to show \(194 × 194 inches\)/);
  });

  it('refuses broken files: a cut-short JPEG, a PNG with a damaged chunk, a PDF that does not parse', async () => {
    const jpeg = makeJpeg({ width: 32, height: 32 });
    expect(await refusal('cut.jpg', jpeg.subarray(0, jpeg.length - 2))).toBe('"cut.jpg" is a damaged or incomplete JPEG photo, so it was not kept.');
    const png = makePng();
    const flipped = new Uint8Array(png);
    flipped[40] = flipped[40]! ^ 0xff;
    expect(await refusal('flipped.png', flipped)).toBe('"flipped.png" is a damaged or incomplete PNG image, so it was not kept.');
    expect(await refusal('cut.png', png.subarray(0, png.length - 12))).toBe('"cut.png" is a damaged or incomplete PNG image, so it was not kept.');
    expect(await refusal('junk.pdf', new TextEncoder().encode('%PDF-1.7\nthis is not really a PDF'))).toBe('"junk.pdf" is a damaged PDF that cannot be opened, so it was not kept.');
  });

  it('names what it cannot keep: other files, empty files', async () => {
    expect(await refusal('notes.docx', new TextEncoder().encode('PK\u0003\u0004 word'))).toBe('"notes.docx" is not a PDF, JPEG, PNG, HEIC or TIFF file, so it cannot be kept as a document.');
    expect(await refusal('empty.pdf', new Uint8Array())).toBe('"empty.pdf" is empty, so it was not kept.');
  });

  it('reads a PDF in a worker thread, and stops one that takes too long', async () => {
    const file = await inspectOffThread('letter.pdf', makePdf([['Dear Dr. Ortiz']]));
    expect(file.pageTexts[0]).toBe('Dear Dr. Ortiz');
    await expect(inspectOffThread('slow.pdf', makePdf([['slow']]), 1)).rejects.toThrow('"slow.pdf" took too long to read, so it was not kept.');
    await expect(inspectOffThread('junk.pdf', new TextEncoder().encode('%PDF-1.7\nnot a PDF'))).rejects.toThrow('"junk.pdf" is a damaged PDF');
  });

  it('stops a PDF that inflates to gigabytes (its buffers are outside the worker’s heap limit)', { timeout: 120_000 }, async () => {
    const bomb = await makeBombPdf(3 * 1024);
    expect(bomb.byteLength).toBeLessThan(5 * 1024 * 1024);
    await expect(inspectOffThread('bomb.pdf', bomb)).rejects.toThrow('"bomb.pdf" needs more memory to read than any document should, so it was not kept.');
  });
});

describe('leaving out where a photo was taken', () => {
  it('blanks the GPS of a JPEG, keeps its orientation and every other byte', async () => {
    const original = makeJpeg({ width: 16, height: 16, orientation: 6, gps: true });
    const { bytes, removed } = withoutLocation(original);
    expect(removed).toBe(true);
    expect(bytes.length).toBe(original.length);
    expect(await exifr.gps(original)).toMatchObject({ latitude: expect.closeTo(40.446, 3) as number });
    expect(await exifr.gps(bytes)).toBeUndefined();
    expect(await exifr.orientation(bytes)).toBe(6);
    const changed = [...original].filter((b, i) => bytes[i] !== b).length;
    // The four GPS entries and their two rational triples, nothing else.
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThanOrEqual(2 + 4 * 12 + 48);
    // Everything from the quantisation table on (the picture itself) is as it was.
    const dqt = original.findIndex((b, i) => b === 0xff && original[i + 1] === 0xdb);
    expect(bytes.subarray(dqt)).toEqual(original.subarray(dqt));
    // The original is untouched: the vault keeps it as given.
    expect(await exifr.gps(original)).toBeDefined();
  });

  it('blanks the GPS of a PNG’s eXIf chunk and keeps the chunk valid', async () => {
    const original = makePng({ exif: makeExifTiff({ gps: true, orientation: 3 }) });
    const { bytes, removed } = withoutLocation(original);
    expect(removed).toBe(true);
    expect(await exifr.gps(bytes)).toBeUndefined();
    // Every chunk's CRC still holds, so the file is still a whole PNG.
    await expect(inspectFile('photo.png', bytes)).resolves.toMatchObject({ hasLocation: false });
  });

  it('blanks GPS fields of XMP as well', () => {
    const xmp = new TextEncoder().encode('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description exif:GPSLatitude="40,26.7667N" exif:GPSLongitude="79,58.9333W"/></x:xmpmeta>');
    const jpeg = makeJpeg();
    const withXmp = new Uint8Array([...jpeg.subarray(0, 2), 0xff, 0xe1, (xmp.length + 2) >> 8, (xmp.length + 2) & 0xff, ...xmp, ...jpeg.subarray(2)]);
    const { bytes, removed } = withoutLocation(withXmp);
    expect(removed).toBe(true);
    const text = Buffer.from(bytes).toString('latin1');
    expect(text).not.toContain('40,26');
    expect(text).not.toContain('79,58');
    expect(text).toContain(`exif:GPSLatitude="${' '.repeat('40,26.7667N'.length)}"`);
  });

  it('leaves a photo without a location, and a PDF, exactly as they are', () => {
    const jpeg = makeJpeg({ orientation: 8 });
    expect(withoutLocation(jpeg)).toEqual({ bytes: jpeg, removed: false });
    const pdf = makePdf([['x']]);
    expect(withoutLocation(pdf).bytes).toBe(pdf);
  });
});

describe('leaving out the location of a hostile photo', () => {
  it('blanks XMP GPS elements, and a packet full of unclosed tags costs no more than reading it', () => {
    const xmpText = `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>40,26.7667N</exif:GPSLatitude>${'<exif:GPSAltitude>'.repeat(3000)}</x:xmpmeta>`;
    const xmp = new TextEncoder().encode(xmpText);
    const jpeg = makeJpeg();
    const withXmp = new Uint8Array([...jpeg.subarray(0, 2), 0xff, 0xe1, (xmp.length + 2) >> 8, (xmp.length + 2) & 0xff, ...xmp, ...jpeg.subarray(2)]);
    const { bytes, removed } = withoutLocation(withXmp);
    expect(removed).toBe(true);
    expect(Buffer.from(bytes).toString('latin1')).toContain(`<exif:GPSLatitude>${' '.repeat(11)}</exif:GPSLatitude>`);
  });
});

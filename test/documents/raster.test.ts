// HEIC photos and TIFF scans: kept as given, shown through JPEG pictures main draws of their
// pages (turned, without metadata), limits checked from the file's structure before any pixel
// is decoded, hostile files refused with one sentence, and GPS left out of copies given out.
import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { inspectOffThread } from '../../main/documents/inspect-off-thread.ts';
import { heifExifTiff } from '../../main/documents/heif-boxes.ts';
import { withoutLocation } from '../../main/documents/location.ts';
import { decodeRaster } from '../../main/documents/raster.ts';
import { readTiffPages } from '../../main/documents/tiff-header.ts';
import { makeTiff, refusalOf } from './fixtures.ts';

const heic = new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, 'files', 'prescription-label.heic')));

/** The size of a JPEG from its SOF marker, and whether it carries an APP1 (EXIF) segment. */
function jpegFacts(jpeg: Uint8Array): { width: number; height: number; app1: boolean } {
  let at = 2;
  let app1 = false;
  while (at < jpeg.length) {
    const marker = jpeg[at + 1]!;
    const length = (jpeg[at + 2]! << 8) | jpeg[at + 3]!;
    if (marker === 0xe1) app1 = true;
    if (marker === 0xc0 || marker === 0xc2) return { height: (jpeg[at + 5]! << 8) | jpeg[at + 6]!, width: (jpeg[at + 7]! << 8) | jpeg[at + 8]!, app1 };
    at += 2 + length;
  }
  throw new Error('no SOF');
}

/** The mean grey of a rectangle of a JPEG, decoded with @napi-rs/canvas. */
async function meanGrey(jpeg: Uint8Array, x: number, y: number, w: number, h: number): Promise<number> {
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  const image = await loadImage(Buffer.from(jpeg));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(x, y, w, h).data;
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum += data[i]!;
  return sum / (data.length / 4);
}

const refusal = (name: string, bytes: Uint8Array) => refusalOf(inspectOffThread, name, bytes);

describe('HEIC photos', () => {
  it('decodes an iPhone-style HEIC in the inspection worker into one JPEG picture without metadata', async () => {
    const file = await inspectOffThread('IMG_0042.HEIC', heic);
    expect(file).toMatchObject({ mediaType: 'image/heic', pageCount: 1, width: 800, height: 600, hasLocation: true, pageTexts: [''] });
    expect(file.orientation).toBeUndefined();
    expect(file.pictures).toHaveLength(1);
    const facts = jpegFacts(file.pictures![0]!);
    expect(facts).toEqual({ width: 800, height: 600, app1: false });
    // The label's white card inside a cream border, as drawn.
    expect(await meanGrey(file.pictures![0]!, 400, 300, 4, 4)).toBeGreaterThan(240);
    expect(await exifr.gps(file.pictures![0]!)).toBeUndefined();
  });

  it('refuses a cut-short HEIC, one with no picture, and one whose boxes claim a huge picture, before decoding pixels', async () => {
    expect(await refusal('cut.heic', heic.subarray(0, 4000))).toBe('"cut.heic" is a damaged or incomplete HEIC photo, so it was not kept.');
    const empty = new Uint8Array([0, 0, 0, 16, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0]);
    expect(await refusal('empty.heic', empty)).toBe('"empty.heic" is a damaged or incomplete HEIC photo, so it was not kept.');
    const avif = new Uint8Array([0, 0, 0, 16, ...new TextEncoder().encode('ftypavif'), 0, 0, 0, 0]);
    expect(await refusal('photo.avif', avif)).toBe('"photo.avif" is a HEIF file of a kind Chartkeeper cannot read (not a HEIC photo), so it was not kept.');
    // The image spatial extent box says how large the picture is; 60,000 × 60,000 is claimed.
    const claim = new Uint8Array(heic);
    const ispe = Buffer.from(claim).indexOf('ispe') + 8;
    new DataView(claim.buffer).setUint32(ispe, 60_000);
    new DataView(claim.buffer).setUint32(ispe + 4, 60_000);
    expect(await refusal('huge.heic', claim)).toMatch(/^"huge\.heic" would be 3,600 megapixels when shown; Chartkeeper keeps HEIC and TIFF pictures of at most 50 megapixels\.$/);
  });

  it('blanks the GPS of a HEIC’s EXIF item in place, every other byte as kept', async () => {
    const exifOf = (bytes: Uint8Array) => bytes.subarray(heifExifTiff(bytes)!.start, heifExifTiff(bytes)!.end);
    expect(await exifr.gps(exifOf(heic))).toMatchObject({ latitude: expect.closeTo(40.446, 3) as number });
    const { bytes, removed } = withoutLocation(heic);
    expect(removed).toBe(true);
    expect(bytes.length).toBe(heic.length);
    expect(await exifr.gps(exifOf(bytes))).toBeUndefined();
    const changed = [...heic].filter((b, i) => bytes[i] !== b).length;
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThanOrEqual(2 + 4 * 12 + 48);
    // Still a photo that decodes the same.
    expect((await inspectOffThread('copy.heic', bytes)).hasLocation).toBe(false);
  });
});

describe('TIFF scans', () => {
  it('reads every page of a multi-page TIFF, leaving out reduced-size previews', async () => {
    const tiff = makeTiff([{ width: 40, height: 30 }, { width: 8, height: 6, preview: true }, { width: 50, height: 20 }, { width: 20, height: 50 }]);
    const file = await inspectOffThread('scan.tif', tiff);
    expect(file).toMatchObject({ mediaType: 'image/tiff', pageCount: 3, width: 40, height: 30, hasLocation: false, pageTexts: ['', '', ''] });
    expect(file.pictures!.map((p) => jpegFacts(p))).toEqual([
      { width: 40, height: 30, app1: false },
      { width: 50, height: 20, app1: false },
      { width: 20, height: 50, app1: false },
    ]);
  });

  it('turns a page as its Orientation tag says', async () => {
    // Stored 60 wide, 20 high: its left half black, its right half white. Orientation 6: turned clockwise.
    const grey = new Uint8Array(60 * 20);
    for (let y = 0; y < 20; y++) for (let x = 0; x < 60; x++) grey[y * 60 + x] = x < 30 ? 0 : 255;
    const [picture] = (await decodeRaster('image/tiff', makeTiff([{ width: 60, height: 20, grey, orientation: 6 }]), '"turned.tif"')).pages;
    expect(picture).toMatchObject({ width: 20, height: 60 });
    // The stored left (black) comes out on top once turned clockwise.
    expect(await meanGrey(picture!.jpeg, 4, 5, 12, 20)).toBeLessThan(40);
    expect(await meanGrey(picture!.jpeg, 4, 35, 12, 20)).toBeGreaterThan(215);
  });

  it('refuses a TIFF claiming a huge page, one whose directories loop, one cut short and one with no page, before decoding', async () => {
    const claim = makeTiff([{ width: 8, height: 8, claim: { width: 100_000, height: 100_000 } }]);
    expect(claim.byteLength).toBeLessThan(1000);
    expect(await refusal('claim.tif', claim)).toBe('"claim.tif" would be 10,000 megapixels when shown; Chartkeeper keeps HEIC and TIFF pictures of at most 50 megapixels.');
    expect(await refusal('loop.tif', makeTiff([{ width: 8, height: 8 }, { width: 8, height: 8 }], { loop: true }))).toBe('"loop.tif" is a damaged or incomplete TIFF image, so it was not kept.');
    const whole = makeTiff([{ width: 64, height: 64 }]);
    expect(await refusal('cut.tif', whole.subarray(0, 2000))).toBe('"cut.tif" is a damaged or incomplete TIFF image, so it was not kept.');
    expect(await refusal('none.tif', new Uint8Array([0x49, 0x49, 42, 0, 0, 0, 0, 0]))).toBe('"none.tif" is a TIFF file with no picture in it, so it was not kept.');
  });

  it('refuses a TIFF with more pages than the limit from its directories alone', () => {
    const many = makeTiff(Array.from({ length: 12 }, () => ({ width: 2, height: 2 })));
    expect(() => readTiffPages(many, '"many.tif"', 10)).toThrow('"many.tif" has more than 10 pages; Chartkeeper keeps TIFF images of at most 10 pages.');
    expect(readTiffPages(many, '"many.tif"', 12)).toHaveLength(12);
  });

  it('blanks a TIFF’s GPS directory in place and says it has a location', async () => {
    const tiff = makeTiff([{ width: 16, height: 16 }], { gps: true });
    expect((await inspectOffThread('scan.tif', tiff)).hasLocation).toBe(true);
    const { bytes, removed } = withoutLocation(tiff);
    expect(removed).toBe(true);
    expect(bytes.length).toBe(tiff.length);
    expect(await exifr.gps(bytes)).toBeUndefined();
    expect((await inspectOffThread('copy.tif', bytes)).hasLocation).toBe(false);
  });
});

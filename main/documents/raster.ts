// HEIC photos and TIFF scans, decoded in the inspection worker (never in the sandboxed
// renderer, whose CSP allows no WebAssembly) and drawn once into JPEG pictures the viewer,
// the thumbnails and recognition use: one per page, turned as the file says, flattened on
// white, and carrying no metadata at all (no EXIF, so no GPS). The original stays as given.
// Sizes and pages are checked from the file's structure before any pixel is decoded.
import { createRequire } from 'node:module';
import type * as NapiCanvas from '@napi-rs/canvas';
import { DocumentError } from './errors.ts';
import { DOCUMENT_LIMITS } from './kinds.ts';
import { readTiffPages } from './tiff-header.ts';

export interface RasterPage {
  /** As shown: orientation applied, and scaled down to the picture limit if larger. */
  width: number;
  height: number;
  /** The picture shown for this page (JPEG). */
  jpeg: Uint8Array;
}

export interface DecodedRaster {
  /** Pixels as stored in the file (its first page), before any turn. */
  width: number;
  height: number;
  pages: RasterPage[];
}

interface Pixels {
  width: number;
  height: number;
  rgba: Uint8Array | Uint8ClampedArray;
  orientation?: number;
}

const require = createRequire(import.meta.url);

function tooLarge(what: string, width: number, height: number): DocumentError {
  const mp = Math.round((width * height) / 1_000_000).toLocaleString('en-US');
  return new DocumentError(`${what} would be ${mp} megapixels when shown; Chartkeeper keeps HEIC and TIFF pictures of at most ${DOCUMENT_LIMITS.maxDecodedPixels / 1_000_000} megapixels.`);
}

function checkSize(what: string, width: number, height: number): void {
  if (width * height > DOCUMENT_LIMITS.maxDecodedPixels) throw tooLarge(what, width, height);
}

/** Transparent pixels would turn black in a JPEG; a scan with transparency is laid on white paper. */
function flattenOnWhite(rgba: Uint8Array | Uint8ClampedArray): void {
  for (let i = 3; i < rgba.length; i += 4) {
    const a = rgba[i]!;
    if (a === 255) continue;
    for (let c = i - 3; c < i; c++) rgba[c] = Math.round((rgba[c]! * a + 255 * (255 - a)) / 255);
    rgba[i] = 255;
  }
}

/** Canvas transforms for the EXIF/TIFF orientations 2–8 (stored width w, height h). */
function orientationMatrix(orientation: number, w: number, h: number): [number, number, number, number, number, number] {
  switch (orientation) {
    case 2: return [-1, 0, 0, 1, w, 0];
    case 3: return [-1, 0, 0, -1, w, h];
    case 4: return [1, 0, 0, -1, 0, h];
    case 5: return [0, 1, 1, 0, 0, 0];
    case 6: return [0, 1, -1, 0, h, 0];
    case 7: return [0, -1, -1, 0, h, w];
    case 8: return [0, -1, 1, 0, 0, w];
    default: return [1, 0, 0, 1, 0, 0];
  }
}

/** Draws decoded pixels turned and scaled into a JPEG. */
export function toJpeg(pixels: Pixels): RasterPage {
  const { createCanvas, ImageData } = require('@napi-rs/canvas') as typeof NapiCanvas;
  const { width: w, height: h } = pixels;
  const orientation = pixels.orientation ?? 1;
  const turned = orientation >= 5;
  const shownW = turned ? h : w;
  const shownH = turned ? w : h;
  const scale = Math.min(1, Math.sqrt(DOCUMENT_LIMITS.maxRenditionPixels / (w * h)));
  const outW = Math.max(1, Math.round(shownW * scale));
  const outH = Math.max(1, Math.round(shownH * scale));
  flattenOnWhite(pixels.rgba);
  const data = new ImageData(new Uint8ClampedArray(pixels.rgba.buffer, pixels.rgba.byteOffset, w * h * 4), w, h);
  const out = createCanvas(outW, outH);
  const context = out.getContext('2d');
  if (orientation === 1 && scale === 1) {
    context.putImageData(data, 0, 0);
  } else {
    const source = createCanvas(w, h);
    source.getContext('2d').putImageData(data, 0, 0);
    const [a, b, c, d, e, f] = orientationMatrix(orientation, w, h);
    context.setTransform(a * scale, b * scale, c * scale, d * scale, e * scale, f * scale);
    context.drawImage(source, 0, 0);
  }
  return { width: outW, height: outH, jpeg: new Uint8Array(out.encodeSync('jpeg', 90)) };
}

interface HeifImage {
  width: number;
  height: number;
  decode(): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
}
type HeifImages = HeifImage[] & { dispose(): void };

/**
 * libheif (WebAssembly, through heic-decode) reads the container first; the sizes it reports
 * come from the file's boxes, so each is checked before that image is decoded. libheif applies
 * the HEIF rotation and mirroring itself; the EXIF orientation of a HEIC is not applied again
 * (the HEIF standard makes the boxes the authority, as iPhones write both).
 */
async function decodeHeic(bytes: Uint8Array, what: string): Promise<DecodedRaster> {
  const broken = () => new DocumentError(`${what} is a damaged or incomplete HEIC photo, so it was not kept.`);
  const decode = require('heic-decode') as { all(input: { buffer: Uint8Array }): Promise<HeifImages> };
  let images: HeifImages;
  try {
    images = await decode.all({ buffer: bytes });
  } catch (error) {
    if (error instanceof TypeError) throw new DocumentError(`${what} is a HEIF file of a kind Chartkeeper cannot read (not a HEIC photo), so it was not kept.`);
    throw broken();
  }
  try {
    if (images.length === 0) throw new DocumentError(`${what} is a HEIC file with no picture in it, so it was not kept.`);
    if (images.length > DOCUMENT_LIMITS.maxPdfPages) throw new DocumentError(`${what} holds ${images.length} pictures; Chartkeeper keeps files of at most ${DOCUMENT_LIMITS.maxPdfPages} pages.`);
    for (const image of images) checkSize(what, image.width, image.height);
    const pages: RasterPage[] = [];
    for (const image of images) {
      let decoded;
      try {
        decoded = await image.decode();
      } catch {
        throw broken();
      }
      pages.push(toJpeg({ width: decoded.width, height: decoded.height, rgba: decoded.data }));
    }
    return { width: images[0]!.width, height: images[0]!.height, pages };
  } finally {
    images.dispose();
  }
}

interface Ifd {
  width: number;
  height: number;
  data?: Uint8Array;
}

async function decodeTiff(bytes: Uint8Array, what: string): Promise<DecodedRaster> {
  const broken = () => new DocumentError(`${what} is a damaged or incomplete TIFF image, so it was not kept.`);
  const found = readTiffPages(bytes, what, DOCUMENT_LIMITS.maxPdfPages);
  for (const page of found) checkSize(what, page.width, page.height);
  const UTIF = require('utif2') as {
    decode(buffer: ArrayBuffer, options: { parseMN: boolean; debug: boolean }): Ifd[];
    decodeImage(buffer: ArrayBuffer, ifd: Ifd): void;
    toRGBA8(ifd: Ifd): Uint8Array;
  };
  const buffer = bytes.slice().buffer;
  const pages: RasterPage[] = [];
  try {
    const ifds = UTIF.decode(buffer, { parseMN: false, debug: false });
    for (const page of found) {
      const ifd = ifds[page.directory];
      if (!ifd) throw broken();
      UTIF.decodeImage(buffer, ifd);
      if (!ifd.data || ifd.width !== page.width || ifd.height !== page.height) throw broken();
      const rgba = UTIF.toRGBA8(ifd);
      delete ifd.data;
      if (rgba.length < page.width * page.height * 4) throw broken();
      pages.push(toJpeg({ width: page.width, height: page.height, rgba, ...(page.orientation ? { orientation: page.orientation } : {}) }));
    }
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw broken();
  }
  return { width: found[0]!.width, height: found[0]!.height, pages };
}

/** Decodes a HEIC or TIFF into the pictures shown for its pages; throws a sentence. */
export function decodeRaster(mediaType: 'image/heic' | 'image/tiff', bytes: Uint8Array, what: string): Promise<DecodedRaster> {
  return mediaType === 'image/heic' ? decodeHeic(bytes, what) : decodeTiff(bytes, what);
}

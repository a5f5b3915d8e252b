// One file offered as (part of) a document, checked and described: what it is, its pages or
// size, how a photo is turned, whether it says where it was taken, and a PDF's own text.
// Nothing is kept unless this succeeds; every refusal is one sentence naming the file.
import exifr from 'exifr';
import { DocumentError } from './errors.ts';
import { heifExifTiff } from './heif-boxes.ts';
import { readJpegHeader, readPngHeader, type ImageHeader } from './image-header.ts';
import { DOCUMENT_LIMITS, megabytes, type KeptMediaType } from './kinds.ts';
import type { DecodedRaster } from './raster.ts';
import type { PdfPage } from './types.ts';
import { sniffDocument } from './sniff.ts';

/** Reads a PDF's pages (pdf.ts, with PDF.js); passed in so PDF.js loads only where PDFs are read. */
export type PdfReader = (bytes: Uint8Array, what: string) => Promise<PdfPage[]>;
/** Decodes a HEIC or TIFF (raster.ts); passed in so its decoders load only in the inspection worker. */
export type RasterDecoder = (mediaType: 'image/heic' | 'image/tiff', bytes: Uint8Array, what: string) => Promise<DecodedRaster>;

/** The formats read in the inspection worker rather than from their header in the caller's thread. */
export function needsWorker(type: KeptMediaType): type is 'application/pdf' | 'image/heic' | 'image/tiff' {
  return type === 'application/pdf' || type === 'image/heic' || type === 'image/tiff';
}

export interface InspectedFile {
  name: string;
  mediaType: KeptMediaType;
  /** Pages of a PDF or TIFF (pictures of a HEIC); 1 for a JPEG or PNG. */
  pageCount: number;
  /** Pixels of a JPEG or PNG as stored (before its EXIF orientation is applied); of a HEIC or TIFF's first page as shown. */
  width?: number;
  height?: number;
  /** EXIF orientation 1–8 when a photo says how it is turned. */
  orientation?: number;
  /** The file says where it was taken (EXIF or XMP GPS). */
  hasLocation: boolean;
  /** A PDF's own text, one string per page ('' for a page with none). */
  pageTexts: string[];
  /** For a HEIC or TIFF: the JPEG picture shown for each page (turned, no metadata). */
  pictures?: Uint8Array[];
}

/** The file as a sentence names it: its name in quotes. */
export function quoted(name: string): string {
  const base = name.split(/[\\/]/).pop() || 'This file';
  return `"${base}"`;
}

/** Checks that happen before anything is decoded: size and kind. */
export function precheck(name: string, bytes: Uint8Array): KeptMediaType {
  const what = quoted(name);
  if (bytes.byteLength === 0) throw new DocumentError(`${what} is empty, so it was not kept.`);
  if (bytes.byteLength > DOCUMENT_LIMITS.maxFileBytes) {
    throw new DocumentError(`${what} is ${megabytes(bytes.byteLength)}; Chartkeeper keeps documents of at most ${megabytes(DOCUMENT_LIMITS.maxFileBytes)} per file.`);
  }
  const type = sniffDocument(bytes);
  if (!type) throw new DocumentError(`${what} is not a PDF, JPEG, PNG, HEIC or TIFF file, so it cannot be kept as a document.`);
  return type;
}

function checkPixels(header: ImageHeader, what: string): void {
  if (header.width * header.height > DOCUMENT_LIMITS.maxImagePixels) {
    const mp = Math.round((header.width * header.height) / 1_000_000).toLocaleString('en-US');
    throw new DocumentError(`${what} would be ${mp} megapixels when shown; Chartkeeper keeps images of at most ${DOCUMENT_LIMITS.maxImagePixels / 1_000_000} megapixels.`);
  }
}

export async function photoFacts(bytes: Uint8Array): Promise<{ orientation?: number; hasLocation: boolean }> {
  try {
    const facts = (await exifr.parse(bytes, { tiff: true, ifd0: { pick: ['Orientation'] }, gps: true, xmp: true, exif: false, icc: false, iptc: false, jfif: false, ihdr: false, translateValues: false })) as
      | Record<string, unknown>
      | undefined;
    const orientation = typeof facts?.Orientation === 'number' && facts.Orientation >= 1 && facts.Orientation <= 8 ? facts.Orientation : undefined;
    const hasLocation = Object.keys(facts ?? {}).some((k) => /^GPS/i.test(k) || k === 'latitude' || k === 'longitude');
    return { ...(orientation ? { orientation } : {}), hasLocation };
  } catch {
    // Damaged metadata does not make the picture unreadable; it is simply not used.
    return { hasLocation: false };
  }
}

/** A JPEG or PNG, from its header and metadata alone (no pixel is decoded). */
export async function inspectImage(name: string, bytes: Uint8Array): Promise<InspectedFile> {
  const mediaType = precheck(name, bytes);
  if (needsWorker(mediaType)) throw new Error('inspectImage was given a file for the inspection worker');
  const what = quoted(name);
  const header = mediaType === 'image/jpeg' ? readJpegHeader(bytes, what) : readPngHeader(bytes, what);
  checkPixels(header, what);
  return { name, mediaType, pageCount: 1, width: header.width, height: header.height, ...(await photoFacts(bytes)), pageTexts: [''] };
}

export async function inspectFile(name: string, bytes: Uint8Array, readers: { readPdf: PdfReader; decodeRaster: RasterDecoder }): Promise<InspectedFile> {
  const mediaType = precheck(name, bytes);
  const what = quoted(name);
  if (mediaType === 'application/pdf') {
    const pages = await readers.readPdf(bytes, what);
    if (pages.length === 0) throw new DocumentError(`${what} has no pages, so it was not kept.`);
    return { name, mediaType, pageCount: pages.length, hasLocation: false, pageTexts: pages.map((p) => p.text) };
  }
  if (mediaType === 'image/heic' || mediaType === 'image/tiff') {
    const decoded = await readers.decodeRaster(mediaType, bytes, what);
    const first = decoded.pages[0]!;
    // The pictures are already turned, so no orientation is passed on for the viewer to apply again.
    // A HEIC's EXIF item is read through its boxes (exifr misses the item libheif writes).
    const exif = mediaType === 'image/heic' ? heifExifTiff(bytes) : { start: 0, end: bytes.length };
    const { hasLocation } = exif ? await photoFacts(bytes.subarray(exif.start, exif.end)) : { hasLocation: false };
    return {
      name,
      mediaType,
      pageCount: decoded.pages.length,
      width: first.width,
      height: first.height,
      hasLocation,
      pageTexts: decoded.pages.map(() => ''),
      pictures: decoded.pages.map((p) => p.jpeg),
    };
  }
  return inspectImage(name, bytes);
}

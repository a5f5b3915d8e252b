// Where a photo was taken is not part of a health record, and a copy of an insurance card sent
// to a clinic should not say where someone lives. The GPS block of a photo's EXIF (and GPS
// fields of its XMP) is blanked in every copy Chartkeeper gives out unless the person asks for
// the file exactly as kept. Blanking keeps every length and offset, so nothing else in the
// file moves: the rest stays byte for byte as kept, and the photo still opens everywhere.
import zlib from 'node:zlib';
import { heifExifTiff } from './heif-boxes.ts';
import { pngChunks } from './image-header.ts';
import { sniffDocument } from './sniff.ts';

const GPS_IFD_TAG = 0x8825;
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };
const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"
const XMP_HEADER = 'http://ns.adobe.com/xap/1.0/\0';

/** Blanks the GPS IFD of the TIFF structure at `tiff` (an EXIF block) in place; true when there was one. */
function blankGpsIfd(bytes: Uint8Array, tiff: number, end: number): boolean {
  if (tiff + 8 > end) return false;
  const little = bytes[tiff] === 0x49 && bytes[tiff + 1] === 0x49;
  if (!little && !(bytes[tiff] === 0x4d && bytes[tiff + 1] === 0x4d)) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const ifd0 = tiff + u32(tiff + 4);
  if (ifd0 + 2 > end) return false;
  const count = u16(ifd0);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > end) return false;
    if (u16(entry) !== GPS_IFD_TAG) continue;
    const gps = tiff + u32(entry + 8);
    if (gps + 2 > end) return false;
    const gpsCount = u16(gps);
    const entriesEnd = gps + 2 + gpsCount * 12;
    if (entriesEnd > end) return false;
    for (let j = 0; j < gpsCount; j++) {
      const e = gps + 2 + j * 12;
      const size = (TYPE_SIZES[u16(e + 2)] ?? 0) * u32(e + 4);
      if (size > 4) {
        const valueAt = tiff + u32(e + 8);
        if (valueAt >= tiff && valueAt + size <= end) bytes.fill(0, valueAt, valueAt + size);
      }
    }
    bytes.fill(0, gps + 2, entriesEnd);
    view.setUint16(gps, 0, little);
    return gpsCount > 0;
  }
  return false;
}

/** GPS fields of an XMP packet, as attributes or elements: their values become spaces. */
function blankXmpGps(bytes: Uint8Array, from: number, end: number): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + from, end - from).toString('latin1');
  let changed = false;
  const blank = (start: number, length: number) => {
    bytes.fill(0x20, from + start, from + start + length);
    changed = true;
  };
  for (const m of text.matchAll(/exif:GPS\w+\s*=\s*(["'])([^"']*)\1/g)) {
    const valueStart = m.index + m[0].length - 1 - m[2]!.length;
    if (m[2]!.length > 0) blank(valueStart, m[2]!.length);
  }
  // Elements: the closing tag is looked for a short way ahead only, so a hostile packet full of
  // opening tags costs linear time.
  for (const m of text.matchAll(/<exif:(GPS\w{1,40})[^<>]{0,200}>/g)) {
    const valueAt = m.index + m[0].length;
    const close = text.slice(valueAt, valueAt + 10_000).indexOf(`</exif:${m[1]}>`);
    if (close > 0 && text.slice(valueAt, valueAt + close).trim().length > 0) blank(valueAt, close);
  }
  return changed;
}

function jpegLocation(bytes: Uint8Array): boolean {
  let removed = false;
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xda || marker === 0xd9) break;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const data = at + 4;
    const end = Math.min(bytes.length, at + 2 + length);
    if (marker === 0xe1) {
      if (EXIF_HEADER.every((v, i) => bytes[data + i] === v)) removed = blankGpsIfd(bytes, data + 6, end) || removed;
      else if (Buffer.from(bytes.subarray(data, data + XMP_HEADER.length)).toString('latin1') === XMP_HEADER) removed = blankXmpGps(bytes, data, end) || removed;
    }
    at += 2 + length;
  }
  return removed;
}

function pngLocation(bytes: Uint8Array): boolean {
  let removed = false;
  let chunks;
  try {
    chunks = pngChunks(bytes, 'The image');
  } catch {
    return false;
  }
  for (const chunk of chunks) {
    const end = chunk.dataAt + chunk.length;
    let changed = false;
    if (chunk.type === 'eXIf') changed = blankGpsIfd(bytes, chunk.dataAt, end);
    else if (chunk.type === 'iTXt' || chunk.type === 'tEXt') changed = blankXmpGps(bytes, chunk.dataAt, end);
    if (changed) {
      removed = true;
      new DataView(bytes.buffer, bytes.byteOffset).setUint32(end, zlib.crc32(bytes.subarray(chunk.at + 4, end)));
    }
  }
  return removed;
}

/**
 * A TIFF is itself the structure EXIF borrows, so its first directory holds the GPS pointer; a
 * HEIC keeps its EXIF block as an item. XMP (a TIFF's tag 700, a HEIC's XMP item) is plain
 * text in the file, so its GPS fields are blanked wherever they stand.
 */
function tiffOrHeicLocation(bytes: Uint8Array, type: 'image/tiff' | 'image/heic'): boolean {
  const exif = type === 'image/tiff' ? { start: 0, end: bytes.length } : heifExifTiff(bytes);
  const fromExif = exif ? blankGpsIfd(bytes, exif.start, exif.end) : false;
  return blankXmpGps(bytes, 0, bytes.length) || fromExif;
}

/**
 * A copy of the file without where it was taken, and whether there was anything to remove.
 * PDFs are returned as they are.
 */
export function withoutLocation(original: Uint8Array): { bytes: Uint8Array; removed: boolean } {
  const type = sniffDocument(original);
  if (!type || type === 'application/pdf') return { bytes: original, removed: false };
  const bytes = new Uint8Array(original);
  const removed = type === 'image/jpeg' ? jpegLocation(bytes) : type === 'image/png' ? pngLocation(bytes) : tiffOrHeicLocation(bytes, type);
  return removed ? { bytes, removed } : { bytes: original, removed: false };
}

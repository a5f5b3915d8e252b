// The size of a JPEG or PNG from its header, and whether its structure is whole, without
// decoding a pixel: what a file claims is checked against the limits before anything (the
// viewer included) would allocate for it. A truncated or damaged file is refused here.
import zlib from 'node:zlib';
import { DocumentError } from './errors.ts';

export interface ImageHeader {
  width: number;
  height: number;
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Walks a JPEG's segments up to the scan; `what` names the file in the sentence. */
export function readJpegHeader(bytes: Uint8Array, what: string): ImageHeader {
  const broken = () => new DocumentError(`${what} is a damaged or incomplete JPEG photo, so it was not kept.`);
  let at = 2;
  let size: ImageHeader | undefined;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw broken();
    let marker = bytes[at + 1]!;
    // Fill bytes before a marker.
    while (marker === 0xff && at + 2 < bytes.length) marker = bytes[++at + 1]!;
    at += 2;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd9 || at + 2 > bytes.length) throw broken();
    const length = (bytes[at]! << 8) | bytes[at + 1]!;
    if (length < 2 || at + length > bytes.length) throw broken();
    if (SOF_MARKERS.has(marker)) {
      if (length < 7) throw broken();
      size = { height: (bytes[at + 3]! << 8) | bytes[at + 4]!, width: (bytes[at + 5]! << 8) | bytes[at + 6]! };
    }
    if (marker === 0xda) {
      // The scan runs to the end-of-image marker; a file cut short (the usual damage) has none.
      if (!size || size.width === 0 || size.height === 0 || !hasEndOfImage(bytes, at + length)) throw broken();
      return size;
    }
    at += length;
  }
  throw broken();
}

function hasEndOfImage(bytes: Uint8Array, from: number): boolean {
  for (let i = bytes.length - 2; i >= from; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}

export interface PngChunk {
  type: string;
  /** Offset of the chunk's length field. */
  at: number;
  dataAt: number;
  length: number;
}

/** Every chunk up to IEND, each CRC checked. */
export function pngChunks(bytes: Uint8Array, what: string): PngChunk[] {
  const broken = () => new DocumentError(`${what} is a damaged or incomplete PNG image, so it was not kept.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let at = 8;
  for (;;) {
    if (at + 12 > bytes.length) throw broken();
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (length > bytes.length - at - 12) throw broken();
    const crc = view.getUint32(at + 8 + length);
    if (zlib.crc32(bytes.subarray(at + 4, at + 8 + length)) !== crc) throw broken();
    chunks.push({ type, at, dataAt: at + 8, length });
    if (type === 'IEND') return chunks;
    at += 12 + length;
  }
}

export function readPngHeader(bytes: Uint8Array, what: string): ImageHeader {
  const chunks = pngChunks(bytes, what);
  const ihdr = chunks[0];
  if (ihdr?.type !== 'IHDR' || ihdr.length !== 13 || !chunks.some((c) => c.type === 'IDAT')) {
    throw new DocumentError(`${what} is a damaged or incomplete PNG image, so it was not kept.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + ihdr.dataAt, 8);
  const size = { width: view.getUint32(0), height: view.getUint32(4) };
  if (size.width === 0 || size.height === 0) throw new DocumentError(`${what} is a damaged or incomplete PNG image, so it was not kept.`);
  return size;
}

// A TIFF's pages, sizes and orientation from its directories alone, before any pixel is
// decoded: the limits are checked here, and a file whose directories loop, point outside the
// file or claim more data than it holds is refused, so the decoder (utif2, which trusts the
// file) only ever sees a structure that is whole.
import { DocumentError } from './errors.ts';

export interface TiffPage {
  width: number;
  height: number;
  /** The Orientation tag (1–8), when given. */
  orientation?: number;
  /** Index among the file's directories, as utif2 lists them (reduced-size previews included). */
  directory: number;
}

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const WIDTH = 256;
const HEIGHT = 257;
const NEW_SUBFILE_TYPE = 254;
const ORIENTATION = 274;
const STRIP_OFFSETS = 273;
const STRIP_BYTE_COUNTS = 279;
const TILE_OFFSETS = 324;
const TILE_BYTE_COUNTS = 325;

/** The pages of a TIFF (reduced-size previews left out), at most `maxPages` directories read. */
export function readTiffPages(bytes: Uint8Array, what: string, maxPages: number): TiffPage[] {
  const broken = () => new DocumentError(`${what} is a damaged or incomplete TIFF image, so it was not kept.`);
  if (bytes.length < 8) throw broken();
  const little = bytes[0] === 0x49;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const seen = new Set<number>();
  const pages: TiffPage[] = [];
  let directory = 0;
  for (let ifd = u32(4); ifd !== 0; directory++) {
    // A directory seen before is a loop that would never end; one past the end is damage.
    if (seen.has(ifd) || ifd + 2 > bytes.length) throw broken();
    seen.add(ifd);
    if (seen.size > maxPages * 2) {
      throw new DocumentError(`${what} has more than ${maxPages} pages; Chartkeeper keeps TIFF images of at most ${maxPages} pages.`);
    }
    const count = u16(ifd);
    if (ifd + 2 + count * 12 + 4 > bytes.length) throw broken();
    const values = new Map<number, number[]>();
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      const tag = u16(entry);
      const type = u16(entry + 2);
      const n = u32(entry + 4);
      const typeSize = TYPE_SIZES[type];
      if (typeSize === undefined) continue;
      const size = typeSize * n;
      const at = size <= 4 ? entry + 8 : u32(entry + 8);
      if (at + size > bytes.length) throw broken();
      if (type === 3 || type === 4) {
        // Only the numbers read below are kept; a strip table is read in full to check it.
        const wanted = tag === STRIP_OFFSETS || tag === STRIP_BYTE_COUNTS || tag === TILE_OFFSETS || tag === TILE_BYTE_COUNTS || n === 1;
        if (wanted) values.set(tag, Array.from({ length: n }, (_, k) => (type === 3 ? u16(at + 2 * k) : u32(at + 4 * k))));
      }
    }
    const width = values.get(WIDTH)?.[0] ?? 0;
    const height = values.get(HEIGHT)?.[0] ?? 0;
    if (width === 0 || height === 0) throw broken();
    const offsets = values.get(STRIP_OFFSETS) ?? values.get(TILE_OFFSETS);
    const counts = values.get(STRIP_BYTE_COUNTS) ?? values.get(TILE_BYTE_COUNTS);
    if (!offsets || !counts || offsets.length !== counts.length || offsets.some((o, k) => o + counts[k]! > bytes.length)) throw broken();
    const orientation = values.get(ORIENTATION)?.[0];
    const reduced = ((values.get(NEW_SUBFILE_TYPE)?.[0] ?? 0) & 1) === 1;
    if (!reduced) pages.push({ width, height, directory, ...(orientation && orientation >= 1 && orientation <= 8 ? { orientation } : {}) });
    if (pages.length > maxPages) throw new DocumentError(`${what} has more than ${maxPages} pages; Chartkeeper keeps TIFF images of at most ${maxPages} pages.`);
    ifd = u32(ifd + 2 + count * 12);
  }
  if (pages.length === 0) throw new DocumentError(`${what} is a TIFF file with no picture in it, so it was not kept.`);
  return pages;
}

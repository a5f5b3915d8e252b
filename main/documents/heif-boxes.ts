// Where a HEIC file keeps its EXIF block, read from its boxes (ISO/IEC 14496-12 and 23008-12):
// the `Exif` item named in `iinf` and placed by `iloc`. Used to blank where a photo was taken
// in place (location.ts); nothing else of the file is read or moved.

interface Box {
  type: string;
  /** Start of the box's content (after its header). */
  body: number;
  end: number;
}

function boxes(bytes: Uint8Array, from: number, to: number): Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) break;
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < header || at + size > to) break;
    found.push({ type, body: at + header, end: at + size });
    at += size;
  }
  return found;
}

function readUint(view: DataView, at: number, size: number): number {
  if (size === 0) return 0;
  if (size === 2) return view.getUint16(at);
  if (size === 4) return view.getUint32(at);
  if (size === 8) return Number(view.getBigUint64(at));
  throw new RangeError('field size');
}

/** The item id of the first `Exif` item in `iinf`. */
function exifItemId(bytes: Uint8Array, iinf: Box): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[iinf.body]!;
  const first = iinf.body + 4 + (version === 0 ? 2 : 4);
  for (const infe of boxes(bytes, first, iinf.end)) {
    if (infe.type !== 'infe') continue;
    const v = bytes[infe.body]!;
    if (v < 2) continue;
    const idSize = v === 2 ? 2 : 4;
    const id = readUint(view, infe.body + 4, idSize);
    const type = String.fromCharCode(...bytes.subarray(infe.body + 4 + idSize + 2, infe.body + 4 + idSize + 6));
    if (type === 'Exif') return id;
  }
  return undefined;
}

/** The file range of one item's data (one extent; file offsets or the `idat` box). */
function itemRange(bytes: Uint8Array, iloc: Box, idat: Box | undefined, itemId: number): { start: number; end: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[iloc.body]!;
  let at = iloc.body + 4;
  const offsetSize = bytes[at]! >> 4;
  const lengthSize = bytes[at]! & 15;
  const baseSize = bytes[at + 1]! >> 4;
  const indexSize = version >= 1 ? bytes[at + 1]! & 15 : 0;
  at += 2;
  const count = version < 2 ? view.getUint16(at) : view.getUint32(at);
  at += version < 2 ? 2 : 4;
  for (let i = 0; i < count && at < iloc.end; i++) {
    const id = version < 2 ? view.getUint16(at) : view.getUint32(at);
    at += version < 2 ? 2 : 4;
    let method = 0;
    if (version >= 1) {
      method = view.getUint16(at) & 15;
      at += 2;
    }
    at += 2; // data_reference_index
    const base = readUint(view, at, baseSize);
    at += baseSize;
    const extents = view.getUint16(at);
    at += 2;
    const ranges: { offset: number; length: number }[] = [];
    for (let e = 0; e < extents; e++) {
      at += indexSize;
      const offset = readUint(view, at, offsetSize);
      at += offsetSize;
      const length = readUint(view, at, lengthSize);
      at += lengthSize;
      ranges.push({ offset, length });
    }
    if (id !== itemId) continue;
    if (ranges.length !== 1 || (method !== 0 && method !== 1)) return undefined;
    const origin = method === 1 ? idat?.body : 0;
    if (origin === undefined) return undefined;
    const start = origin + base + ranges[0]!.offset;
    const end = ranges[0]!.length === 0 ? (method === 1 ? idat!.end : bytes.length) : start + ranges[0]!.length;
    return end <= bytes.length && start < end ? { start, end } : undefined;
  }
  return undefined;
}

/** The TIFF structure of a HEIC's EXIF block, as a range of the file; undefined when it has none. */
export function heifExifTiff(bytes: Uint8Array): { start: number; end: number } | undefined {
  try {
    const meta = boxes(bytes, 0, bytes.length).find((b) => b.type === 'meta');
    if (!meta) return undefined;
    const children = boxes(bytes, meta.body + 4, meta.end);
    const iinf = children.find((b) => b.type === 'iinf');
    const iloc = children.find((b) => b.type === 'iloc');
    if (!iinf || !iloc) return undefined;
    const id = exifItemId(bytes, iinf);
    if (id === undefined) return undefined;
    const item = itemRange(bytes, iloc, children.find((b) => b.type === 'idat'), id);
    if (!item || item.start + 4 > item.end) return undefined;
    // The item starts with the offset of the TIFF header past its own 4 bytes ("Exif\0\0" on iPhones).
    const tiff = item.start + 4 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(item.start);
    return tiff + 8 <= item.end ? { start: tiff, end: item.end } : undefined;
  } catch {
    // A box that runs past the end (RangeError): no EXIF block is found, as for a file without one.
    return undefined;
  }
}

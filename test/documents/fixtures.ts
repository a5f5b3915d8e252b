// Documents made by the tests themselves: PDFs with a known text layer, JPEGs and PNGs with
// chosen sizes and EXIF (orientation, GPS), and damaged versions of each. Nothing here comes
// from a real person; the JPEG is an 8×8 grey baseline image written byte by byte.
import zlib from 'node:zlib';

const enc = new TextEncoder();

/** A PDF whose pages hold the given lines in Helvetica (a real text layer). */
export function makePdf(pages: string[][], size: { width?: number; height?: number } = {}): Uint8Array<ArrayBuffer> {
  const w = size.width ?? 612;
  const h = size.height ?? 792;
  const objects: string[] = [];
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  pages.forEach((lines, i) => {
    const escaped = lines.map((l) => `(${l.replace(/[()\\]/g, (c) => `\\${c}`)}) '`).join(' ');
    const stream = `BT /F1 14 Tf 72 ${h - 72} Td 18 TL ${escaped} ET`;
    objects[4 + i * 2] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`;
    objects[5 + i * 2] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  });
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let k = 1; k < objects.length; k++) {
    offsets[k] = out.length;
    out += `${k} 0 obj\n${objects[k]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n${offsets
    .slice(1)
    .map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)
    .join('')}`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return enc.encode(out) as Uint8Array<ArrayBuffer>;
}

function u16be(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

function segment(marker: number, body: number[] | Uint8Array): number[] {
  return [0xff, marker, ...u16be(body.length + 2), ...body];
}

/** A little-endian TIFF block: IFD0 with Orientation and, optionally, a GPS IFD (latitude 40°26'46"N). */
export function makeExifTiff(options: { orientation?: number; gps?: boolean }): Uint8Array<ArrayBuffer> {
  const b = new DataView(new ArrayBuffer(200));
  let at = 0;
  b.setUint8(at++, 0x49);
  b.setUint8(at++, 0x49);
  b.setUint16(at, 42, true);
  b.setUint32(at + 2, 8, true);
  const entries: [number, number, number, number][] = []; // tag, type, count, value
  if (options.orientation) entries.push([0x0112, 3, 1, options.orientation]);
  const ifd0At = 8;
  const ifd0Size = 2 + 12 * (entries.length + (options.gps ? 1 : 0)) + 4;
  const gpsAt = ifd0At + ifd0Size;
  if (options.gps) entries.push([0x8825, 4, 1, gpsAt]);
  b.setUint16(ifd0At, entries.length, true);
  entries.forEach(([tag, type, count, value], i) => {
    const e = ifd0At + 2 + i * 12;
    b.setUint16(e, tag, true);
    b.setUint16(e + 2, type, true);
    b.setUint32(e + 4, count, true);
    if (type === 3) b.setUint16(e + 8, value, true);
    else b.setUint32(e + 8, value, true);
  });
  b.setUint32(ifd0At + 2 + entries.length * 12, 0, true);
  let end = ifd0At + ifd0Size;
  if (options.gps) {
    // GPSLatitudeRef "N", GPSLatitude 40/1 26/1 46/1 (out of line), GPSLongitudeRef "W", GPSLongitude 79/1 58/1 56/1.
    const valuesAt = gpsAt + 2 + 4 * 12 + 4;
    b.setUint16(gpsAt, 4, true);
    const gpsEntry = (i: number, tag: number, type: number, count: number, value: number | string) => {
      const e = gpsAt + 2 + i * 12;
      b.setUint16(e, tag, true);
      b.setUint16(e + 2, type, true);
      b.setUint32(e + 4, count, true);
      if (typeof value === 'string') b.setUint8(e + 8, value.charCodeAt(0));
      else b.setUint32(e + 8, value, true);
    };
    gpsEntry(0, 1, 2, 2, 'N');
    gpsEntry(1, 2, 5, 3, valuesAt);
    gpsEntry(2, 3, 2, 2, 'W');
    gpsEntry(3, 4, 5, 3, valuesAt + 24);
    b.setUint32(gpsAt + 2 + 4 * 12, 0, true);
    [40, 26, 46, 79, 58, 56].forEach((v, i) => {
      b.setUint32(valuesAt + i * 8, v, true);
      b.setUint32(valuesAt + i * 8 + 4, 1, true);
    });
    end = valuesAt + 48;
  }
  return new Uint8Array(b.buffer as ArrayBuffer, 0, end);
}

/**
 * A baseline JPEG of one flat grey: one component, all-ones quantisation, a DC and an AC
 * Huffman table of one code each, so every 8×8 block is the two bits "0 0" (DC difference 0,
 * end of block). `width`/`height` may claim any size: the scan then holds as many blocks.
 */
export function makeJpeg(options: { width?: number; height?: number; orientation?: number; gps?: boolean; claimOnly?: boolean } = {}): Uint8Array<ArrayBuffer> {
  const width = options.width ?? 8;
  const height = options.height ?? 8;
  const out: number[] = [0xff, 0xd8];
  if (options.orientation || options.gps) out.push(...segment(0xe1, [...enc.encode('Exif\0\0'), ...makeExifTiff(options)]));
  out.push(...segment(0xdb, [0x00, ...new Array(64).fill(1)]));
  out.push(...segment(0xc0, [8, ...u16be(height), ...u16be(width), 1, 1, 0x11, 0]));
  out.push(...segment(0xc4, [0x00, 1, ...new Array(15).fill(0), 0x00]));
  out.push(...segment(0xc4, [0x10, 1, ...new Array(15).fill(0), 0x00]));
  out.push(...segment(0xda, [1, 1, 0x00, 0, 63, 0]));
  const blocks = options.claimOnly ? 1 : Math.ceil(width / 8) * Math.ceil(height / 8);
  // Two zero bits per block, padded with ones.
  const bits = blocks * 2;
  const data = new Array(Math.ceil(bits / 8)).fill(0);
  const pad = data.length * 8 - bits;
  if (pad > 0) data[data.length - 1] |= (1 << pad) - 1;
  out.push(...data, 0xff, 0xd9);
  return new Uint8Array(out);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(enc.encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, zlib.crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An RGB PNG of one colour; `claim` writes a size in the header without pixels to match. */
export function makePng(options: { width?: number; height?: number; claim?: { width: number; height: number }; exif?: Uint8Array; colour?: [number, number, number] } = {}): Uint8Array<ArrayBuffer> {
  const width = options.width ?? 16;
  const height = options.height ?? 12;
  const [r, g, bl] = options.colour ?? [40, 120, 200];
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, options.claim?.width ?? width);
  view.setUint32(4, options.claim?.height ?? height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 3)] = 0;
    for (let x = 0; x < width; x++) raw.set([r, g, bl], y * (1 + width * 3) + 1 + x * 3);
  }
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...(options.exif ? [pngChunk('eXIf', options.exif)] : []),
    pngChunk('IDAT', zlib.deflateSync(raw)),
    pngChunk('IEND', new Uint8Array()),
  ];
  return new Uint8Array(Buffer.concat(parts));
}

/** A PDF whose one page's content stream inflates to `inflatedMb` megabytes of spaces (a decompression bomb). */
export async function makeBombPdf(inflatedMb: number): Promise<Uint8Array<ArrayBuffer>> {
  const deflate = zlib.createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const megabyte = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < inflatedMb; i++) {
    if (!deflate.write(megabyte)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  const data = Buffer.concat(chunks);
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  const add = (n: number, body: Buffer) => {
    offsets[n] = length;
    const object = Buffer.concat([Buffer.from(`${n} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(object);
    length += object.length;
  };
  add(1, Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'));
  add(2, Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'));
  add(3, Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>'));
  add(4, Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`), data, Buffer.from('\nendstream')]));
  const xref = length;
  parts.push(
    Buffer.from(
      `xref\n0 5\n0000000000 65535 f \n${offsets
        .slice(1)
        .map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)
        .join('')}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
}

/** One page of a test TIFF: 8-bit grey pixels (one flat grey unless `grey` pixels are given). */
export interface TiffPageFixture {
  width: number;
  height: number;
  grey?: Uint8Array;
  orientation?: number;
  /** A size written in the directory without pixels to match. */
  claim?: { width: number; height: number };
  /** NewSubfileType 1: a reduced-size preview, not a page. */
  preview?: boolean;
}

/**
 * A little-endian, uncompressed grey TIFF with one directory per page (chained), and
 * optionally a GPS directory on the first (latitude 40°26'46"N, as makeExifTiff).
 */
export function makeTiff(pages: TiffPageFixture[], options: { gps?: boolean; loop?: boolean } = {}): Uint8Array<ArrayBuffer> {
  const parts: number[] = [0x49, 0x49, 42, 0, 0, 0, 0, 0];
  const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
  const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
  const set32 = (at: number, n: number) => parts.splice(at, 4, ...u32(n));
  let pointerAt = 4;
  const firstIfd: number[] = [];
  pages.forEach((page, index) => {
    const pixels = page.grey ?? new Uint8Array(page.width * page.height).fill(200);
    const dataAt = parts.length;
    for (const v of pixels) parts.push(v);
    if (parts.length % 2) parts.push(0);
    let gpsAt = 0;
    if (options.gps && index === 0) {
      // GPSLatitudeRef, GPSLatitude, GPSLongitudeRef, GPSLongitude; rationals after the directory.
      gpsAt = parts.length;
      const valuesAt = gpsAt + 2 + 4 * 12 + 4;
      parts.push(...u16(4));
      parts.push(...u16(1), ...u16(2), ...u32(2), 0x4e, 0, 0, 0);
      parts.push(...u16(2), ...u16(5), ...u32(3), ...u32(valuesAt));
      parts.push(...u16(3), ...u16(2), ...u32(2), 0x57, 0, 0, 0);
      parts.push(...u16(4), ...u16(5), ...u32(3), ...u32(valuesAt + 24));
      parts.push(...u32(0));
      for (const v of [40, 26, 46, 79, 58, 56]) parts.push(...u32(v), ...u32(1));
    }
    const size = page.claim ?? page;
    const entries: [number, number, number][] = [
      [254, 4, page.preview ? 1 : 0],
      [256, 4, size.width],
      [257, 4, size.height],
      [258, 3, 8],
      [259, 3, 1],
      [262, 3, 1],
      [273, 4, dataAt],
      ...(page.orientation ? ([[274, 3, page.orientation]] as [number, number, number][]) : []),
      [277, 3, 1],
      [278, 4, page.height],
      [279, 4, pixels.length],
      ...(gpsAt ? ([[34853, 4, gpsAt]] as [number, number, number][]) : []),
    ];
    const ifdAt = parts.length;
    if (index === 0) firstIfd.push(ifdAt);
    set32(pointerAt, ifdAt);
    parts.push(...u16(entries.length));
    for (const [tag, type, value] of entries) parts.push(...u16(tag), ...u16(type), ...u32(1), ...(type === 3 ? [...u16(value), 0, 0] : u32(value)));
    pointerAt = parts.length;
    parts.push(...u32(0));
  });
  if (options.loop) set32(pointerAt, firstIfd[0]!);
  return new Uint8Array(parts);
}

/** A canvas of white paper with black lines of text (DejaVu Sans), drawn with @napi-rs/canvas. */
async function paperWithText(lines: string[], width: number, height: number, fontPx: number) {
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#000';
  context.font = `${fontPx}px DejaVu Sans`;
  lines.forEach((line, i) => context.fillText(line, fontPx * 2, fontPx * 3 + i * fontPx * 1.6));
  return canvas;
}

/** Grey pixels of a page of text (for makeTiff). */
export async function greyText(lines: string[], width: number, height: number, fontPx: number): Promise<Uint8Array> {
  const rgba = (await paperWithText(lines, width, height, fontPx)).getContext('2d').getImageData(0, 0, width, height).data;
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4]!;
  return grey;
}

/** A JPEG of a page of text, as a scanner would give it. */
export async function textJpeg(lines: string[], width: number, height: number, fontPx: number): Promise<Uint8Array> {
  return new Uint8Array((await paperWithText(lines, width, height, fontPx)).encodeSync('jpeg', 90));
}

/** The one sentence a file is refused with (a DocumentError), failing the test if it was kept. */
export async function refusalOf(inspect: (name: string, bytes: Uint8Array) => Promise<unknown>, name: string, bytes: Uint8Array): Promise<string> {
  const { DocumentError } = await import('../../main/documents/errors.ts');
  try {
    await inspect(name, bytes);
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    if (!/^[A-Z"].*[.]$/.test(error.message)) throw new Error(`Not one sentence: ${error.message}`);
    return error.message;
  }
  throw new Error(`${name} was kept`);
}

/**
 * A PDF whose pages are either lines of real text (a text layer) or a scanned picture: a JPEG
 * drawn over the whole letter-size page, with no text at all (as a scanner's PDF).
 */
export function makeScannedPdf(pages: ({ lines: string[] } | { jpeg: Uint8Array; width: number; height: number })[]): Uint8Array<ArrayBuffer> {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = chunks[0]!.length;
  const add = (n: number, body: Buffer | string) => {
    offsets[n] = length;
    const object = Buffer.concat([Buffer.from(`${n} 0 obj\n`), Buffer.from(body), Buffer.from('\nendobj\n')]);
    chunks.push(object);
    length += object.length;
  };
  const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);
  // 1 catalog, 2 pages, 3 font; then per page: page, contents, image.
  const kids = pages.map((_, i) => `${4 + i * 3} 0 R`).join(' ');
  add(1, '<< /Type /Catalog /Pages 2 0 R >>');
  add(2, `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  add(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  pages.forEach((page, i) => {
    const n = 4 + i * 3;
    if ('lines' in page) {
      const text = page.lines.map((l) => `(${l.replace(/[()\\]/g, (c) => `\\${c}`)}) '`).join(' ');
      add(n, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${n + 1} 0 R >>`);
      add(n + 1, stream('', Buffer.from(`BT /F1 14 Tf 72 720 Td 18 TL ${text} ET`)));
      add(n + 2, '<< >>');
    } else {
      add(n, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im${i} ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>`);
      add(n + 1, stream('', Buffer.from(`q 612 0 0 792 0 0 cm /Im${i} Do Q`)));
      add(n + 2, stream(`/Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`, Buffer.from(page.jpeg)));
    }
  });
  const count = 4 + pages.length * 3;
  const xref = length;
  chunks.push(
    Buffer.from(
      `xref\n0 ${count}\n0000000000 65535 f \n${offsets
        .slice(1)
        .map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)
        .join('')}trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    ),
  );
  return new Uint8Array(Buffer.concat(chunks));
}

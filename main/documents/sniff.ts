// What a file is, by its first bytes, never its name: the kinds of file a person's own papers
// come as. HEIC and TIFF are named so they can be refused with a sentence that says why.

export type SniffedType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/heic' | 'image/tiff';

function startsWith(bytes: Uint8Array, at: number, values: readonly number[]): boolean {
  if (bytes.length < at + values.length) return false;
  return values.every((v, i) => bytes[at + i] === v);
}

/** Bytes as characters of the same codes (what String.fromCharCode gives, without spreading a kilobyte into arguments: every file imported is sniffed). */
function ascii(bytes: Uint8Array, at: number, length: number): string {
  const part = bytes.subarray(at, at + length);
  return Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('latin1');
}

export function sniffDocument(bytes: Uint8Array): SniffedType | undefined {
  // PDF readers accept the header anywhere in the first kilobyte; so do we.
  const head = ascii(bytes, 0, Math.min(bytes.length, 1024));
  if (head.includes('%PDF-')) return 'application/pdf';
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, 0, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, 0, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  // ISO base media: "ftyp" then a HEIF brand.
  if (ascii(bytes, 4, 4) === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1|avif)$/.test(ascii(bytes, 8, 4))) return 'image/heic';
  return undefined;
}

/** The extension a kept file is saved with when its own name has none. */
export function extensionOf(type: SniffedType): string {
  return { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/heic': 'heic', 'image/tiff': 'tif' }[type];
}

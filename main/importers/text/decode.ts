// Turns a file's bytes into text. Portal downloads arrive as UTF-8 (with or without BOM),
// UTF-16 (Windows exports) or Windows-1252 (older VA and CMS text, often undeclared).

const XML_ENCODING = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

function fromBom(bytes: Uint8Array): { encoding: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

/** UTF-16 without a BOM shows as every other byte being zero in ASCII-heavy text. */
function sniffUtf16(bytes: Uint8Array): string | null {
  if (bytes.length < 4) return null;
  if (bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return 'utf-16le';
  if (bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return 'utf-16be';
  return null;
}

function declaredEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const match = XML_ENCODING.exec(head.trimStart());
  return match?.[1]?.toLowerCase() ?? null;
}

function normalizeLabel(label: string): string {
  if (label === 'utf8') return 'utf-8';
  if (label === 'cp1252' || label === 'windows1252') return 'windows-1252';
  return label;
}

/** Decodes bytes to a string with CRLF turned into LF; the BOM is dropped. */
export function decodeText(bytes: Uint8Array): string {
  const bom = fromBom(bytes);
  let text: string;
  if (bom) {
    text = new TextDecoder(bom.encoding).decode(bytes.subarray(bom.skip));
  } else {
    const utf16 = sniffUtf16(bytes);
    if (utf16) {
      text = new TextDecoder(utf16).decode(bytes);
    } else {
      const declared = declaredEncoding(bytes);
      text = decodeEightBit(bytes, declared ? normalizeLabel(declared) : null);
    }
  }
  // Most files have no CR at all: finding none is far cheaper than a replace that matches nothing.
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function decodeEightBit(bytes: Uint8Array, declared: string | null): string {
  if (declared && declared !== 'utf-8') {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An unknown label falls through to detection rather than failing the import.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not valid UTF-8: undeclared Windows-1252 is by far the most common case in the wild.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

// JSON with bytes: a Uint8Array crosses as {"$bytes": "<base64>"} in both directions. Shared by
// the bridge server (Node) and the bridge client (bundled into bridge.js for the browser), so
// it uses only APIs both have (btoa/atob, no Buffer).

const BYTES_KEY = '$bytes';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Replaces every Uint8Array (at any depth) with its {$bytes} form; the result is JSON-safe. */
export function encodeValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES_KEY]: toBase64(value) };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encodeValue(v);
    return out;
  }
  return value;
}

/** The inverse of encodeValue: {$bytes} objects (with nothing else in them) become Uint8Arrays. */
export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    const bytes = (value as Record<string, unknown>)[BYTES_KEY];
    if (keys.length === 1 && keys[0] === BYTES_KEY && typeof bytes === 'string') return fromBase64(bytes);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // JSON.parse can produce a "__proto__" own key; never let it reach an object's prototype.
      if (k === '__proto__') continue;
      out[k] = decodeValue(v);
    }
    return out;
  }
  return value;
}

/**
 * JSON.stringify(encodeValue(value)) for contract values (plain data and bytes), without
 * copying the whole value first (a timeline page is thousands of small objects). The replacer
 * reads the holder's own value: JSON.stringify has already turned a Buffer into {type, data}.
 */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, converted: unknown) {
    const original = this[key];
    return original instanceof Uint8Array ? { [BYTES_KEY]: toBase64(original) } : converted;
  });
}

/**
 * Text that cannot hold a {$bytes} object or a "__proto__" key (not even written with \u
 * escapes) parses to exactly what decodeValue would return, so it skips the deep copy; this
 * is the common case and keeps big answers (a timeline page) cheap to read in the browser.
 */
export function decodeJson(text: string): unknown {
  const plain = !text.includes(BYTES_KEY) && !text.includes('__proto__') && !text.includes('\\u');
  return plain ? JSON.parse(text) : decodeValue(JSON.parse(text));
}

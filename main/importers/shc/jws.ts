// The three ways a SMART Health Card arrives — a .smart-health-card file, the text of its QR
// code(s) (`shc:/`, legacy chunks `shc:/i/N/`), or a bare compact JWS — reduced to compact JWS
// strings, and one JWS to its header, inflated payload and signed bytes.
import { Inflate } from 'fflate';
import { ImportError } from '../errors.ts';

/** An honest card payload is a few kilobytes; this bounds a hostile DEFLATE stream. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const QR = /^shc:\/(?:(\d+)\/(\d+)\/)?(\d+)$/;

export interface DecodedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `header.payload` as it was signed. */
  signingInput: string;
  signature: Buffer;
}

export function looksLikeJws(text: string): boolean {
  const t = text.trim();
  return JWS.test(t) && t.startsWith('eyJ');
}

export function looksLikeQrText(text: string): boolean {
  return text.trimStart().toLowerCase().startsWith('shc:/');
}

export function hasVerifiableCredential(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Array.isArray((value as { verifiableCredential?: unknown }).verifiableCredential);
}

/** The JWS strings of a .smart-health-card file's JSON. */
export function jwsOfFile(value: unknown): string[] {
  const list = (value as { verifiableCredential: unknown[] }).verifiableCredential;
  const jws = list.filter((v): v is string => typeof v === 'string' && JWS.test(v));
  if (jws.length === 0 || jws.length !== list.length) {
    throw new ImportError('This health card file is damaged: its credential is not a readable signed card.');
  }
  return jws;
}

/** QR text (one `shc:/` per line) → one JWS per card; chunks of one card must all be present. */
export function jwsOfQrText(text: string): string[] {
  const lines = text.split(/\s+/).filter(Boolean);
  const whole: string[] = [];
  const chunks = new Map<number, string>();
  let total = 0;
  for (const line of lines) {
    const m = QR.exec(line.toLowerCase().startsWith('shc:/') ? `shc:/${line.slice(5)}` : line);
    if (!m?.[3] || m[3].length % 2 !== 0) throw new ImportError('This health card QR text is damaged and cannot be read.');
    const jws = numericToJws(m[3]);
    if (m[1] === undefined) {
      whole.push(jws);
      continue;
    }
    const index = Number(m[1]);
    const count = Number(m[2]);
    if (total && count !== total) throw new ImportError('These health card QR codes belong to different cards.');
    total = count;
    chunks.set(index, jws);
  }
  if (total) {
    const missing = [];
    for (let i = 1; i <= total; i++) if (!chunks.has(i)) missing.push(i);
    if (missing.length > 0) {
      throw new ImportError(
        `This health card was split across ${total} QR codes and ${missing.length === 1 ? `part ${missing[0]} is` : `parts ${missing.join(', ')} are`} missing; scan all ${total} codes into the same file to import it.`,
      );
    }
    whole.push(Array.from({ length: total }, (_, i) => chunks.get(i + 1)).join(''));
  }
  return whole;
}

/** Two decimal digits per character, each the character code minus 45 (SMART Health Cards). */
function numericToJws(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i += 2) {
    const code = Number(digits.slice(i, i + 2)) + 45;
    if (code > 122) throw new ImportError('This health card QR text is damaged and cannot be read.');
    out += String.fromCharCode(code);
  }
  return out;
}

export function decodeJws(jws: string): DecodedJws {
  const damaged = 'This health card is damaged: its contents cannot be decoded.';
  const parts = jws.split('.');
  if (parts.length !== 3 || !JWS.test(jws)) throw new ImportError(damaged);
  const [h, p, s] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
    const raw = Buffer.from(p, 'base64url');
    const body = header['zip'] === 'DEF' ? inflateLimited(raw) : raw;
    payload = JSON.parse(Buffer.from(body).toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(damaged);
  }
  if (typeof header !== 'object' || header === null || typeof payload !== 'object' || payload === null) throw new ImportError(damaged);
  return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

function inflateLimited(raw: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > MAX_PAYLOAD_BYTES) throw new ImportError('This health card unpacks to more than 1 MB, far larger than any real card; it was not imported.');
    out.push(chunk);
  });
  inflater.push(raw, true);
  return Buffer.concat(out);
}

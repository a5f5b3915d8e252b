// What the app:// protocol serves: files of the built renderer (dist/renderer) and print pages
// held in memory. Pure apart from the injected file reader, so traversal attempts can be tested
// without Electron.
import path from 'node:path';
import { securityHeaders } from './csp.ts';
import { APP_ORIGIN, isAppUrl, parseUrl } from './origin.ts';

export const PRINT_PREFIX = 'print';
const PRINT_ID = /^[A-Za-z0-9_-]{16,64}$/;

export type AppTarget =
  | { kind: 'file'; path: string }
  | { kind: 'print'; id: string }
  | { kind: 'refused' };

export function printPageUrl(id: string): string {
  return `${APP_ORIGIN}/${PRINT_PREFIX}/${id}`;
}

/** A path segment we are willing to look up on disk (after percent-decoding). */
function isPlainSegment(segment: string): boolean {
  return (
    segment.length > 0 &&
    segment !== '.' &&
    segment !== '..' &&
    !segment.startsWith('.') && // dot-files and any '..' that survived normalization
    !/[\\/:%\0]/.test(segment) && // separators, drive letters, double encoding, NUL
     
    !/[\x00-\x1f\x7f]/.test(segment)
  );
}

/**
 * Maps an app:// URL to what it names. Refuses anything that could leave `rendererRoot`:
 * encoded separators (`..%2f`, `%5c`), double encoding, dot segments, NUL bytes, drive letters,
 * other hosts.
 * A last segment without a dot is a client-side route and gets index.html.
 */
export function resolveAppRequest(requestUrl: string, rendererRoot: string): AppTarget {
  if (!isAppUrl(requestUrl)) return { kind: 'refused' };
  const url = parseUrl(requestUrl)!;
  const rawSegments = url.pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return { kind: 'refused' };
    }
    segments.push(decoded);
  }
  // "/" and "/some/route/" end in an empty segment: the app's entry page.
  if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
  if (!segments.every(isPlainSegment)) return { kind: 'refused' };

  if (segments[0] === PRINT_PREFIX) {
    const id = segments[1];
    return segments.length === 2 && id !== undefined && PRINT_ID.test(id) ? { kind: 'print', id } : { kind: 'refused' };
  }

  const last = segments[segments.length - 1];
  const relative = last === undefined || !last.includes('.') ? ['index.html'] : segments;
  const root = path.resolve(rendererRoot);
  const resolved = path.resolve(root, ...relative);
  if (!resolved.startsWith(root + path.sep)) return { kind: 'refused' };
  return { kind: 'file', path: resolved };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export interface AppProtocolSources {
  rendererRoot: string;
  readFile(filePath: string): Promise<Uint8Array>;
  /** The HTML of a pending print page, or undefined when there is none by that id. */
  printPage(id: string): string | undefined;
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** Answers one app:// request. Every response, errors included, carries the CSP. */
export async function respondToAppRequest(method: string, requestUrl: string, sources: AppProtocolSources): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return textResponse(405, 'Method not allowed.');
  const target = resolveAppRequest(requestUrl, sources.rendererRoot);
  if (target.kind === 'refused') return textResponse(404, 'Not found.');
  if (target.kind === 'print') {
    const html = sources.printPage(target.id);
    if (html === undefined) return textResponse(404, 'Not found.');
    return new Response(html, { status: 200, headers: securityHeaders('text/html; charset=utf-8') });
  }
  let bytes: Uint8Array;
  try {
    bytes = await sources.readFile(target.path);
  } catch {
    return textResponse(404, 'Not found.');
  }
  return new Response(method === 'HEAD' ? null : (bytes as Uint8Array<ArrayBuffer>), {
    status: 200,
    headers: securityHeaders(contentTypeFor(target.path)),
  });
}

// The test bridge: serves the built renderer on 127.0.0.1 and answers its contract calls with
// the same main/api the Electron shell uses, so the real app runs in Debian's Chromium.
//
// Safety, even though it is a development tool: loopback only, a random port, a random token
// that every API call must carry, Host and Origin checked against the loopback origin, static
// files confined to dist/renderer, and the renderer's CSP as a header.
//
// The token is given only to the page the launcher opened: its address carries a one-time
// ticket in the fragment (`openUrl`, which never reaches a server log or a Referer), which
// /bridge.js trades for the token once (POST /session). Any other local user who asks — for
// /bridge.js, or with the ticket after it was used — gets nothing. The ticket may show in the
// opened browser's command line, but only until the page has used it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CHANNELS } from '../../preload/contract.ts';
import { createApi } from '../../main/api/index.ts';
import type { Platform } from '../../main/api/platform.ts';
import { AppError } from '../../main/errors.ts';
import { decodeJson, encodeJson } from './codec.ts';
import { renderPdfWithChromium } from '../../main/summary/pdf.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_DIR = path.join(repoRoot, 'dist/renderer');
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";
const MAX_BODY_BYTES = 300 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface BridgeOptions {
  vaultDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Where "Save PDF" and exports land; a fresh temporary folder by default. */
  downloadsDir?: string;
  /** Answers the vault folder dialog (vault.chooseFolder); by default the user cancels (null). */
  chooseVaultFolder?: () => Promise<string | null>;
  /** Replace parts of the platform (a failing fetch, a fixed clock …). */
  platform?: Partial<Platform>;
  rendererDir?: string;
}

export interface Bridge {
  /** The origin with a trailing slash (for building request paths). */
  url: string;
  /** The address to open, once: `url` plus the one-time ticket in its fragment. */
  openUrl: string;
  /** For the process that started the bridge (tests calling the API directly); never served. */
  token: string;
  downloadsDir: string;
  close(): Promise<void>;
}

async function renderPdf(html: string, paper: 'A4' | 'Letter', language: 'en' | 'es'): Promise<Uint8Array> {
  try {
    return await renderPdfWithChromium(html, paper, language);
  } catch (error) {
    throw new AppError('unavailable', error instanceof Error ? error.message : 'Saving a PDF is not available in this preview.');
  }
}

async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(repoRoot, 'test/bridge/client.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
    define: { __BRIDGE_CHANNELS__: JSON.stringify(CHANNELS) },
  });
  return result.outputFiles[0]!.text;
}

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'cross-origin-opener-policy': 'same-origin',
    'x-frame-options': 'DENY',
  });
  res.end(body);
}

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A path under root for the request path, or null when it would leave root. */
export function staticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = path.posix.normalize(decoded === '/' ? '/index.html' : decoded);
  if (relative.split('/').includes('..')) return null;
  const full = path.resolve(root, `.${relative}`);
  return full.startsWith(root + path.sep) ? full : null;
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const rendererDir = path.resolve(options.rendererDir ?? RENDERER_DIR);
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}); run "npx vite build --config renderer/vite.config.ts" first.`);
  }
  const token = randomBytes(24).toString('base64url');
  let ticket: string | null = randomBytes(24).toString('base64url');
  const ownDownloads = !options.downloadsDir;
  const downloadsDir = options.downloadsDir ?? (await mkdtemp(path.join(os.tmpdir(), 'chartkeeper-bridge-downloads-')));
  await mkdir(downloadsDir, { recursive: true });
  const bridgeJs = await bundleClient();

  const platform: Platform = {
    vaultDir: options.vaultDir,
    resolveFileToken: () => undefined,
    openFiles: async () => [],
    chooseSavePath: async (suggestedName) => path.join(downloadsDir, path.basename(suggestedName) || 'chartkeeper-file'),
    chooseVaultFolder: options.chooseVaultFolder ?? (async () => null),
    // A bridge run is throwaway: the choice lasts as long as the bridge.
    rememberVaultFolder: () => {},
    renderPdf,
    print: async () => {
      throw new AppError('unavailable', 'Printing is not available in this preview; save a PDF instead.');
    },
    fetch: (...args) => globalThis.fetch(...args),
    now: () => new Date(),
    ...options.platform,
  };
  const api = createApi(platform);
  let origin = '';
  let host = '';

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding: only the literal loopback host we listen on is accepted.
    if (req.headers.host !== host) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
      if (!sameToken(req.headers['x-chartkeeper-token'], token)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain; charset=utf-8', 'Unsupported type');
      const body = await readBody(req);
      if (body === null) return send(res, 413, 'text/plain; charset=utf-8', 'Too large');
      let input: unknown;
      try {
        input = body ? decodeJson(body) : {};
      } catch {
        return send(res, 400, 'application/json', encodeJson({ ok: false, error: { kind: 'invalid-input', message: 'That request was not valid.' } }));
      }
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      const result = await api.invoke(channel, input);
      return send(res, 200, 'application/json', encodeJson(result));
    }
    if (url.pathname === '/session') {
      // The one-time trade of the launcher's ticket for the token (see the top of this file).
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
      if (ticket === null || !sameToken(req.headers['x-chartkeeper-ticket'], ticket)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
      ticket = null;
      return send(res, 200, 'application/json', JSON.stringify({ token }));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    if (url.pathname === '/bridge.js') return send(res, 200, TYPES['.js']!, bridgeJs);
    const file = staticPath(rendererDir, url.pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    }
    if (file === path.join(rendererDir, 'index.html')) {
      // Bridge mode only: a classic script runs before the deferred module, so
      // window.chartkeeper exists when the app starts. The built file is never changed.
      const html = bytes.toString('utf8').replace('<script type="module"', '<script src="./bridge.js"></script>\n    <script type="module"');
      return send(res, 200, TYPES['.html']!, html);
    }
    return send(res, 200, TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', bytes);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The bridge could not listen on 127.0.0.1.');
  host = `127.0.0.1:${address.port}`;
  origin = `http://${host}`;

  const openTicket = ticket!;
  return {
    url: `${origin}/`,
    openUrl: `${origin}/#ticket=${openTicket}`,
    token,
    downloadsDir,
    async close() {
      await api.invoke('vault.lock', {});
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownDownloads) await rm(downloadsDir, { recursive: true, force: true });
    },
  };
}

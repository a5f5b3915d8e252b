import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, printPageUrl, resolveAppRequest, respondToAppRequest } from '../../main/app/policy/app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/app/policy/csp.ts';

const root = path.resolve('/srv/chartkeeper/dist/renderer');
const inRoot = (...parts: string[]) => path.join(root, ...parts);

describe('resolveAppRequest', () => {
  it.each([
    ['app://chartkeeper/', inRoot('index.html')],
    ['app://chartkeeper', inRoot('index.html')],
    ['app://chartkeeper/index.html', inRoot('index.html')],
    ['app://chartkeeper/assets/index-abc123.js', inRoot('assets', 'index-abc123.js')],
    ['app://chartkeeper/assets/style.css?v=2#x', inRoot('assets', 'style.css')],
    ['app://chartkeeper/timeline/profile', inRoot('index.html')], // a client-side route
    ['app://chartkeeper/fonts/My%20Font.woff2', inRoot('fonts', 'My Font.woff2')],
  ])('serves %s from the renderer folder', (url, file) => {
    expect(resolveAppRequest(url, root)).toEqual({ kind: 'file', path: file });
  });

  it.each([
    ['encoded slash traversal', 'app://chartkeeper/..%2f..%2f..%2fetc%2fpasswd'],
    ['encoded slash in a segment', 'app://chartkeeper/assets%2findex.js'],
    ['double-encoded traversal', 'app://chartkeeper/%252e%252e%252fsecret.txt'],
    ['encoded backslash traversal', 'app://chartkeeper/..%5c..%5cwindows%5cwin.ini'],
    ['encoded backslash', 'app://chartkeeper/assets%5cindex.js'],
    ['absolute path', 'app://chartkeeper//etc/passwd'],
    ['encoded absolute path', 'app://chartkeeper/%2fetc%2fpasswd'],
    ['windows drive letter', 'app://chartkeeper/C:%5cWindows%5cwin.ini'],
    ['drive letter segment', 'app://chartkeeper/c:/secret.txt'],
    ['null byte', 'app://chartkeeper/index.html%00.png'],
    ['raw null byte', 'app://chartkeeper/index.html\u0000.png'],
    ['control character', 'app://chartkeeper/a%0d%0ab.js'],
    ['dot-file', 'app://chartkeeper/.env'],
    ['malformed escape', 'app://chartkeeper/%E0%A4%A.js'],
    ['other host', 'app://evil/index.html'],
    ['credentials', 'app://user@chartkeeper/index.html'],
    ['port', 'app://chartkeeper:8080/index.html'],
    ['other scheme', 'file:///srv/chartkeeper/dist/renderer/index.html'],
    ['https', 'https://chartkeeper/index.html'],
    ['not a URL', 'not a url'],
  ])('refuses %s', (_label, url) => {
    expect(resolveAppRequest(url, root)).toEqual({ kind: 'refused' });
  });

  it('lets the URL parser resolve dot segments, which clamp at the root as in a browser', () => {
    for (const url of ['app://chartkeeper/assets/../../secret.txt', 'app://chartkeeper/assets/%2e%2e/%2E%2E/secret.txt']) {
      expect(resolveAppRequest(url, root)).toEqual({ kind: 'file', path: inRoot('secret.txt') });
    }
  });

  it('never resolves outside the renderer folder, whatever the path', () => {
    const attempts = ['..', '%2e%2e', '..%2f', '..%5c', '%2e%2e%2f', '.%2e', '%2e.', '..%00', '...'];
    for (const a of attempts) {
      for (const b of attempts) {
        const target = resolveAppRequest(`app://chartkeeper/assets/${a}/${b}/x.js`, root);
        if (target.kind === 'file') expect(target.path.startsWith(root + path.sep)).toBe(true);
      }
    }
  });

  it('recognises print pages by a well-formed random id only', () => {
    const id = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
    expect(resolveAppRequest(printPageUrl(id), root)).toEqual({ kind: 'print', id });
    expect(resolveAppRequest('app://chartkeeper/print/short', root)).toEqual({ kind: 'refused' });
    expect(resolveAppRequest(`app://chartkeeper/print/${id}/extra`, root)).toEqual({ kind: 'refused' });
    expect(resolveAppRequest('app://chartkeeper/print/', root)).toEqual({ kind: 'refused' });
    expect(resolveAppRequest(`app://chartkeeper/print/${id}%2f..`, root)).toEqual({ kind: 'refused' });
  });
});

describe('respondToAppRequest', () => {
  const files = new Map<string, string>([
    [inRoot('index.html'), '<!doctype html><title>Chartkeeper</title>'],
    [inRoot('assets', 'app.js'), 'console.log(1)'],
  ]);
  const printPages = new Map([['AbCdEfGhIjKlMnOpQrStUvWxYz012345', '<p>Visit summary</p>']]);
  const sources = {
    rendererRoot: root,
    readFile: async (file: string) => {
      const text = files.get(file);
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return new TextEncoder().encode(text);
    },
    printPage: (id: string) => printPages.get(id),
  };

  it('serves files with their type and the CSP', async () => {
    const response = await respondToAppRequest('GET', 'app://chartkeeper/assets/app.js', sources);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves print pages from memory as HTML with the CSP and no caching', async () => {
    const response = await respondToAppRequest('GET', 'app://chartkeeper/print/AbCdEfGhIjKlMnOpQrStUvWxYz012345', sources);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<p>Visit summary</p>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['missing file', 'GET', 'app://chartkeeper/assets/missing.js', 404],
    ['unknown print page', 'GET', 'app://chartkeeper/print/ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ', 404],
    ['traversal', 'GET', 'app://chartkeeper/..%2f..%2fetc%2fpasswd', 404],
    ['POST', 'POST', 'app://chartkeeper/index.html', 405],
  ])('answers a %s with an error that still carries the CSP', async (_label, method, url, status) => {
    const response = await respondToAppRequest(method, url, sources);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('maps content types by extension', () => {
    expect(contentTypeFor('/x/index.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/logo.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/blob.bin')).toBe('application/octet-stream');
  });
});

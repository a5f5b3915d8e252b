import { describe, expect, it } from 'vitest';
import { isAllowedRendererRequest } from '../../main/app/policy/network.ts';
import { APP_ENTRY_URL, isAppUrl } from '../../main/app/policy/origin.ts';
import { isTrustedSender } from '../../main/app/policy/sender.ts';

describe('isTrustedSender', () => {
  it('trusts the main frame of the main window on app://chartkeeper', () => {
    expect(isTrustedSender(APP_ENTRY_URL, true, true)).toBe(true);
    expect(isTrustedSender('app://chartkeeper/timeline?x=1#top', true, true)).toBe(true);
  });

  it('refuses subframes and other windows even on the app origin', () => {
    expect(isTrustedSender(APP_ENTRY_URL, false, true)).toBe(false);
    expect(isTrustedSender(APP_ENTRY_URL, true, false)).toBe(false);
  });

  it.each([
    undefined,
    '',
    'about:blank',
    'file:///app/dist/renderer/index.html',
    'https://chartkeeper/index.html',
    'app://evil/index.html',
    'app://chartkeeper.evil.example/index.html',
    'app://user@chartkeeper/index.html',
    'app://chartkeeper:1234/index.html',
    'devtools://devtools/bundled/inspector.html',
    'data:text/html,hi',
  ])('refuses a main-window main frame showing %s', (url) => {
    expect(isTrustedSender(url, true, true)).toBe(false);
  });
});

describe('isAllowedRendererRequest', () => {
  it('lets the app origin and inline data through', () => {
    expect(isAllowedRendererRequest('app://chartkeeper/assets/app.js', false)).toBe(true);
    expect(isAllowedRendererRequest('data:image/png;base64,AAAA', false)).toBe(true);
  });

  it.each([
    'https://medlineplus.gov/',
    'http://localhost:5173/',
    'ws://localhost:5173/',
    'file:///etc/passwd',
    'app://other/index.html',
    'blob:app://chartkeeper/1234',
  ])('blocks %s', (url) => {
    expect(isAllowedRendererRequest(url, false)).toBe(false);
  });

  it('lets DevTools load only when DevTools are allowed', () => {
    expect(isAllowedRendererRequest('devtools://devtools/bundled/inspector.html', false)).toBe(false);
    expect(isAllowedRendererRequest('devtools://devtools/bundled/inspector.html', true)).toBe(true);
  });

  it('agrees with isAppUrl on the origin', () => {
    expect(isAppUrl('app://chartkeeper')).toBe(true);
    expect(isAppUrl('app://chartkeeper/index.html')).toBe(true);
    expect(isAppUrl('app:chartkeeper/index.html')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { externalUrlToOpen, isAllowedExternalUrl } from '../../main/app/policy/external-links.ts';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://medlineplus.gov/',
    'https://medlineplus.gov/druginfo/meds/a696005.html?utm_source=mplusconnect&utm_medium=service',
    'https://www.medlineplus.gov/spanish/coma.html',
    'https://connect.medlineplus.gov/service',
    'HTTPS://MedlinePlus.GOV/diabetes.html',
    'https://medlineplus.gov:443/explicit-default-port.html',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['file scheme', 'file:///etc/passwd'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['javascript with allowed text', 'javascript://medlineplus.gov/%0aalert(1)'],
    ['data scheme', 'data:text/html,<script>alert(1)</script>'],
    ['plain http', 'http://medlineplus.gov/'],
    ['suffix trick', 'https://medlineplus.gov.evil.example/'],
    ['prefix trick', 'https://evilmedlineplus.gov/'],
    ['userinfo trick', 'https://user@medlineplus.gov@evil.example/'],
    ['userinfo on allowed host', 'https://user:pass@medlineplus.gov/'],
    ['non-default port', 'https://medlineplus.gov:8443/'],
    ['IDN lookalike (Cyrillic e)', 'https://medlinеplus.gov/'],
    ['IDN lookalike (punycode)', 'https://xn--medlinplus-fwk.gov/'],
    ['fullwidth dot is an IDN host', 'https://medlineplus．gov．evil.example/'],
    ['trailing-dot host', 'https://medlineplus.gov./'],
    ['backslash authority confusion', 'https://evil.example\\@medlineplus.gov/'],
    ['custom app scheme', 'app://chartkeeper/index.html'],
    ['smb share', 'smb://medlineplus.gov/share'],
    ['protocol-relative', '//medlineplus.gov/'],
    ['empty', ''],
    ['not a string', 42],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('opens the normalized URL, not the raw string', () => {
    expect(externalUrlToOpen('https://MEDLINEPLUS.gov/a b.html')).toBe('https://medlineplus.gov/a%20b.html');
    // Tabs and newlines are stripped by the URL parser, so they cannot smuggle another host in.
    expect(externalUrlToOpen('https://medlineplus.gov\n.evil.example/')).toBeNull();
  });

  it('refuses absurdly long URLs', () => {
    expect(isAllowedExternalUrl(`https://medlineplus.gov/${'a'.repeat(5000)}`)).toBe(false);
  });
});

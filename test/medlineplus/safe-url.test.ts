import { describe, expect, it } from 'vitest';
import { isAllowedEducationUrl, normalizeEducationUrl } from '../../main/medlineplus/safe-url.ts';

describe('isAllowedEducationUrl', () => {
  it.each([
    'https://medlineplus.gov/diabetes.html',
    'https://medlineplus.gov/spanish/coma.html?utm_source=mplusconnect',
    'https://connect.medlineplus.gov/application',
    'https://MedlinePlus.gov/lab-tests/sodium-blood-test',
    'https://medlineplus.gov',
  ])('allows %s', (url) => {
    expect(isAllowedEducationUrl(url)).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'JavaScript:alert(1)//https://medlineplus.gov/',
    'https://medlineplus.gov.evil.example/',
    'https://medlineplus.gov.evil.example',
    'https://user@medlineplus.gov@evil.example',
    'https://user@medlineplus.gov/',
    'https://evil.example@medlineplus.gov/',
    'http://medlineplus.gov/diabetes.html',
    'https://medlineplus.gov:8443/diabetes.html',
    'https://medlineplus.gov:443/diabetes.html',
    'https://notmedlineplus.gov/',
    'https://evilmedlineplus.gov/',
    'https://medlineplus.gov./',
    'https://medlineplus.gov\\@evil.example/',
    'https:\\\\medlineplus.gov/',
    'https://medlineplus.gov%2eevil.example/',
    'https://[::1]/',
    ' https://medlineplus.gov/',
    'https://medline\tplus.gov/',
    '//medlineplus.gov/diabetes.html',
    '/diabetes.html',
    'data:text/html,<script>alert(1)</script>',
    '',
  ])('rejects %j', (url) => {
    expect(isAllowedEducationUrl(url)).toBe(false);
  });
});

describe('normalizeEducationUrl', () => {
  it('upgrades the pre-2015 nlm.nih.gov/medlineplus addresses to medlineplus.gov over https', () => {
    expect(normalizeEducationUrl('http://www.nlm.nih.gov/medlineplus/coma.html')).toBe('https://medlineplus.gov/coma.html');
    expect(normalizeEducationUrl('http://www.nlm.nih.gov/medlineplus/ency/article/003931.htm')).toBe(
      'https://medlineplus.gov/ency/article/003931.htm',
    );
  });

  it('removes utm tracking parameters and keeps the rest', () => {
    expect(normalizeEducationUrl('https://medlineplus.gov/a.html?utm_source=mplusconnect&utm_medium=service')).toBe(
      'https://medlineplus.gov/a.html',
    );
    expect(normalizeEducationUrl('https://medlineplus.gov/a.html?q=1&utm_source=x')).toBe('https://medlineplus.gov/a.html?q=1');
  });

  it('resolves site-relative paths against medlineplus.gov only', () => {
    expect(normalizeEducationUrl('/spanish/coma.html')).toBe('https://medlineplus.gov/spanish/coma.html');
    expect(normalizeEducationUrl('//evil.example/x')).toBeUndefined();
  });

  it('refuses other hosts and schemes even under the legacy upgrade', () => {
    expect(normalizeEducationUrl('http://www.nlm.nih.gov/other/page.html')).toBeUndefined();
    expect(normalizeEducationUrl('https://www.nlm.nih.gov/medlineplus@evil.example/')).toBeUndefined();
    expect(normalizeEducationUrl('javascript:alert(1)')).toBeUndefined();
    expect(normalizeEducationUrl('https://evil.example/medlineplus.gov')).toBeUndefined();
  });
});

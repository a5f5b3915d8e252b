import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aboutMessage, MEDLINEPLUS_ATTRIBUTION, NO_ENDORSEMENT } from '../../main/app/policy/about.ts';
import { openDialogSpec, saveDialogFilters } from '../../main/app/policy/dialogs.ts';
import { fallbackFooterTemplate, pdfOptions, printOptions } from '../../main/app/policy/pdf.ts';
import { createTokenStore, randomToken } from '../../main/app/policy/tokens.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
// The contract's pattern for file tokens (preload/contract.ts, fileInput).
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

describe('tokens', () => {
  it('are random, unguessable and match the contract', () => {
    const tokens = new Set(Array.from({ length: 200 }, randomToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) expect(t).toMatch(TOKEN_PATTERN);
  });

  it('map to what main keeps, can be forgotten, and never collide', () => {
    const fixed = ['AAAAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBBBBBB'];
    const store = createTokenStore<string>(() => fixed.shift()!);
    const a = store.add('/home/me/Downloads/ccda.xml');
    const b = store.add('/home/me/Downloads/va.txt');
    expect(a).not.toBe(b);
    expect(store.get(a)).toBe('/home/me/Downloads/ccda.xml');
    store.delete(a);
    expect(store.get(a)).toBeUndefined();
    store.clear();
    expect(store.get(b)).toBeUndefined();
    expect(store.size).toBe(0);
  });
});

describe('dialogs', () => {
  it('import takes several record files; restore and a shared profile take one', () => {
    expect(openDialogSpec('import').multiple).toBe(true);
    expect(openDialogSpec('import').filters[0]!.extensions).toEqual(expect.arrayContaining(['xml', 'zip', 'txt', 'json']));
    expect(openDialogSpec('restore').multiple).toBe(false);
    expect(openDialogSpec('share').multiple).toBe(false);
  });

  it("save filters keep the suggested name's extension", () => {
    expect(saveDialogFilters('visit-summary.pdf', 'pdf')).toEqual([{ name: 'PDF document', extensions: ['pdf'] }]);
    expect(saveDialogFilters('records', 'zip')).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });
});

describe('pdf', () => {
  it('numbers pages in the chosen language', () => {
    expect(fallbackFooterTemplate('en')).toMatch(/Page <span class="pageNumber"><\/span> of <span class="totalPages"><\/span>/);
    expect(fallbackFooterTemplate('es')).toMatch(/Página <span class="pageNumber"><\/span> de <span class="totalPages"><\/span>/);
  });

  it('prints on the chosen paper with the footer', () => {
    const options = pdfOptions('Letter', '<div>f</div>');
    expect(options).toMatchObject({ pageSize: 'Letter', displayHeaderFooter: true, footerTemplate: '<div>f</div>' });
    expect(pdfOptions('A4', '').pageSize).toBe('A4');
    expect(printOptions('A4')).toMatchObject({ silent: false, pageSize: 'A4' });
  });
});

describe('About', () => {
  it('shows the version and the MedlinePlus attribution', () => {
    const about = aboutMessage('1.4.0');
    expect(about.message).toContain('1.4.0');
    expect(about.detail).toContain('Information from MedlinePlus.gov, a service of the National Library of Medicine');
    expect(about.detail).toContain(NO_ENDORSEMENT);
  });

  it('says the same as resources/notices/ABOUT.md', () => {
    const notice = readFileSync(path.join(repoRoot, 'resources/notices/ABOUT.md'), 'utf8').replace(/\s+/g, ' ');
    expect(notice).toContain(MEDLINEPLUS_ATTRIBUTION);
    expect(notice).toContain(NO_ENDORSEMENT);
  });
});

// Turns the visit packet's HTML into PDF bytes with Debian's Chromium (for the CLI and tests;
// the app prints with Electron's own printToPDF using the same footer and margins). The page
// runs with JavaScript off and every network request refused; the caller writes the bytes where
// the user chose. Chromium's own profile folder is Chartkeeper's to remove (pdf-scratch.ts).

import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';
import { EMPTY_HEADER_TEMPLATE, footerTemplate } from './footer.ts';
import { makePdfRunFolders } from './pdf-scratch.ts';
import type { SummaryLanguage } from './strings.ts';
import { pageMarginsCss, type PaperSize } from './style.ts';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class ChromiumUnavailableError extends Error {
  override name = 'ChromiumUnavailableError';
  constructor(executablePath: string, options?: { cause?: unknown }) {
    super(
      existsSync(executablePath)
        ? `Chromium at ${executablePath} could not be started, so the visit summary cannot be saved as a PDF.`
        : `Chromium is not installed at ${executablePath}, so the visit summary cannot be saved as a PDF (install it with "apt-get install chromium").`,
      options,
    );
  }
}

export interface RenderPdfOptions {
  /** Defaults to /usr/bin/chromium. */
  executablePath?: string;
}

export async function renderPdfWithChromium(
  html: string,
  paper: PaperSize,
  language: SummaryLanguage,
  options: RenderPdfOptions = {},
): Promise<Uint8Array> {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM_PATH;
  if (!existsSync(executablePath)) throw new ChromiumUnavailableError(executablePath);

  // The profile, Playwright's artifacts and Chromium's temp files all live in one folder for
  // this run (pdf-scratch.ts), removed when it ends or, if the process is killed, at the next start.
  const folders = makePdfRunFolders();
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(folders.profile, {
      executablePath,
      args: CHROMIUM_ARGS,
      artifactsDir: folders.artifacts,
      env: folders.tmp ? { ...process.env, TMPDIR: folders.tmp } : process.env,
      javaScriptEnabled: false,
      offline: true,
      serviceWorkers: 'block',
    });
  } catch (cause) {
    folders.remove();
    throw new ChromiumUnavailableError(executablePath, { cause });
  }
  try {
    // The packet is self-contained; a request can only come from hostile content that slipped
    // through, so refuse them all (the CSP already forbids them; this is the second lock).
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: paper,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: EMPTY_HEADER_TEMPLATE,
      footerTemplate: footerTemplate(language),
      margin: pageMarginsCss(),
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await context.close();
    folders.remove();
  }
}

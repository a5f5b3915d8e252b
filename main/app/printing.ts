// Renders a visit summary in a hidden, sandboxed window served from app://chartkeeper/print/<id>
// (our CSP forbids data: pages), then prints it or turns it into a PDF.
import { BrowserWindow, type WebContents } from 'electron';
import { AppError } from '../errors.ts';
import { printPageUrl } from './policy/app-protocol.ts';
import { fallbackFooterTemplate, pdfOptions, printOptions, type Language, type Paper } from './policy/pdf.ts';
import type { TokenStore } from './policy/tokens.ts';
import { newSecureWindow } from './policy/window-options.ts';

async function footerFor(language: Language): Promise<string> {
  try {
    const summary = (await import('../summary/footer.ts')) as { footerTemplate?: unknown };
    if (typeof summary.footerTemplate === 'function') return String(summary.footerTemplate(language));
  } catch {
    // The summary module has no footer of its own yet: ours still numbers the pages.
  }
  return fallbackFooterTemplate(language);
}

export function createPrinter(printPages: TokenStore<string>) {
  async function withPage<T>(html: string, use: (contents: WebContents) => Promise<T>): Promise<T> {
    const id = printPages.add(html);
    const window = newSecureWindow(BrowserWindow, { kind: 'print' });
    try {
      await window.loadURL(printPageUrl(id));
      // Loaded once; from now on nothing can fetch the page (or the health data in it) again.
      printPages.delete(id);
      return await use(window.webContents);
    } finally {
      printPages.delete(id);
      window.destroy();
    }
  }

  return {
    async renderPdf(html: string, paper: Paper, language: Language): Promise<Uint8Array> {
      const footer = await footerFor(language);
      return withPage(html, (contents) => contents.printToPDF(pdfOptions(paper, footer)));
    },

    print(html: string, paper: Paper): Promise<void> {
      return withPage(
        html,
        (contents) =>
          new Promise<void>((resolve, reject) => {
            contents.print(printOptions(paper), (success, failureReason) => {
              if (success || failureReason === 'cancelled') resolve();
              else reject(new AppError('unavailable', 'The visit summary could not be sent to a printer.'));
            });
          }),
      );
    },
  };
}

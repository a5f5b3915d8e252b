// The page footer drawn by Chromium's printToPDF (Playwright's page.pdf and Electron's
// webContents.printToPDF take the same template). Chromium fills the elements with the classes
// `title`, `pageNumber` and `totalPages` as text; the document title carries the person's name,
// so every loose page says whose it is.

import { PAGE_MARGINS_MM } from './style.ts';
import { stringsFor, type SummaryLanguage } from './strings.ts';
import { escapeHtml } from './format.ts';

export function footerTemplate(language: SummaryLanguage): string {
  const s = stringsFor(language);
  // The template is rendered without the page's stylesheet and with a zero default font
  // size, so everything it needs is inline.
  const side = `${PAGE_MARGINS_MM.left}mm`;
  return (
    `<div style="font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 8pt; color: #444; ` +
    `width: 100%; padding: 0 ${side}; display: flex; justify-content: space-between;">` +
    `<span class="title"></span>` +
    `<span>${escapeHtml(s.pageOf.page)} <span class="pageNumber"></span> ${escapeHtml(s.pageOf.of)} ` +
    `<span class="totalPages"></span></span>` +
    `</div>`
  );
}

/** An empty header: printToPDF draws a default date/title header unless given one. */
export const EMPTY_HEADER_TEMPLATE = '<span></span>';

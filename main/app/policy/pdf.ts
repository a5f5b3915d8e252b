// How a visit summary becomes a PDF. The summary module may provide its own footer; this one is
// the fallback so a PDF always has page numbers.
import type { PrintToPDFOptions, WebContentsPrintOptions } from 'electron';

export type Paper = 'A4' | 'Letter';
export type Language = 'en' | 'es';

const PAGE_WORDS: Record<Language, [string, string]> = { en: ['Page', 'of'], es: ['Página', 'de'] };

/** Chromium fills .pageNumber and .totalPages; footers need an explicit font size. */
export function fallbackFooterTemplate(language: Language): string {
  const [page, of] = PAGE_WORDS[language];
  return (
    '<div style="font-size:8px;width:100%;text-align:center;color:#555;font-family:sans-serif">' +
    `${page} <span class="pageNumber"></span> ${of} <span class="totalPages"></span></div>`
  );
}

export function pdfOptions(paper: Paper, footerTemplate: string): PrintToPDFOptions {
  return {
    pageSize: paper,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate,
    generateTaggedPDF: true,
    generateDocumentOutline: true,
  };
}

export function printOptions(paper: Paper): WebContentsPrintOptions {
  return { silent: false, printBackground: true, pageSize: paper };
}

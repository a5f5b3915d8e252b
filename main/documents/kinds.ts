// What a kept document is (a person's own papers: PDFs, scans, photos) and the limits every file
// of one is held to. Shared by main and, through the contract, the renderer: no Node APIs.

export const DOCUMENT_KINDS = ['lab-report', 'imaging-report', 'letter', 'prescription', 'insurance-card', 'vaccination-record', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The media types kept and viewed. HEIC and TIFF are recognised only to refuse them with a sentence. */
export const KEPT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type KeptMediaType = (typeof KEPT_MEDIA_TYPES)[number];

export const DOCUMENT_LIMITS = {
  /** One file of a document. A scanned 30-page letter at 300 dpi is about 15 MB. */
  maxFileBytes: 50 * 1024 * 1024,
  /** Files that form one document (the pages of a booklet photographed one by one). */
  maxFilesPerDocument: 40,
  /** Decoded pixels of one image: a 48-megapixel phone photo passes, a decompression bomb does not. */
  maxImagePixels: 100_000_000,
  /** Pages of one PDF. */
  maxPdfPages: 500,
  /**
   * Pixels of one PDF page rendered at 150 dpi (an A0 poster is 35 million); a page declared
   * miles wide would otherwise make the viewer allocate gigabytes.
   */
  maxPdfPagePixels: 40_000_000,
  /** Text kept for search per page; a page of dense print has about 5,000 characters. */
  maxTextPerPage: 100_000,
  /** Reading a PDF (pages and text layer) may take this long before the file is refused. */
  inspectTimeoutMs: 30_000,
  /**
   * How much the process may grow while a PDF is read. A worker's heap limit does not cover the
   * buffers a decompression bomb fills (a 1 MB PDF inflating to gigabytes), so this is watched.
   */
  inspectMemoryBytes: 768 * 1024 * 1024,
  /** A thumbnail the renderer made (JPEG or PNG). */
  maxThumbnailBytes: 200 * 1024,
} as const;

/** How a file's size is said in a sentence ("50 MB"). */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

// What a kept document is (a person's own papers: PDFs, scans, photos) and the limits every file
// of one is held to. Shared by main and, through the contract, the renderer: no Node APIs.

export const DOCUMENT_KINDS = ['lab-report', 'imaging-report', 'letter', 'prescription', 'insurance-card', 'vaccination-record', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * The media types kept. PDF, JPEG and PNG are shown as they are; HEIC and TIFF are shown, made
 * into thumbnails and recognised through JPEG pictures main draws of their pages (raster.ts).
 */
export const KEPT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/tiff'] as const;
export type KeptMediaType = (typeof KEPT_MEDIA_TYPES)[number];

export const DOCUMENT_LIMITS = {
  /** One file of a document. A scanned 30-page letter at 300 dpi is about 15 MB. */
  maxFileBytes: 50 * 1024 * 1024,
  /** Files that form one document (the pages of a booklet photographed one by one). */
  maxFilesPerDocument: 40,
  /** Decoded pixels of one image: a 48-megapixel phone photo passes, a decompression bomb does not. */
  maxImagePixels: 100_000_000,
  /** Pages of one PDF (and of one TIFF or HEIC). */
  maxPdfPages: 500,
  /**
   * Pixels of one HEIC or TIFF page, decoded in main: a 48-megapixel iPhone photo and a 600 dpi
   * letter-size scan (34 million) pass. Lower than for JPEG and PNG, which the renderer decodes,
   * because main holds the decoded page and its turned copy at once.
   */
  maxDecodedPixels: 50_000_000,
  /** The picture main draws of a HEIC or TIFF page is scaled down to this many pixels (about 500 dpi for a letter page). */
  maxRenditionPixels: 25_000_000,
  /** Decoding a HEIC or TIFF (every page) may take this long before the file is refused. */
  rasterTimeoutMs: 120_000,
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
  /** The same for decoding a HEIC or TIFF, whose pages are checked from their headers first. */
  rasterMemoryBytes: 1280 * 1024 * 1024,
  /** A thumbnail the renderer made (JPEG or PNG). */
  maxThumbnailBytes: 200 * 1024,
} as const;

/** How a file's size is said in a sentence ("50 MB"). */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

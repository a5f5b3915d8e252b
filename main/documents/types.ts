// What the app is told about kept documents (shared with the renderer through the contract).
import type { DocumentKind, KeptMediaType } from './kinds.ts';

export interface KeptFileInfo {
  position: number;
  name: string;
  mediaType: KeptMediaType;
  /** Bytes as the person had the file. */
  size: number;
  pageCount: number;
  width?: number;
  height?: number;
  /** EXIF orientation 1–8 (how the viewer turns a photo). */
  orientation?: number;
  /** The file says where it was taken; copies given out leave that out unless asked. */
  hasLocation: boolean;
  /** A small JPEG or PNG the viewer made of the first page, once. */
  thumbnail?: Uint8Array;
}

export interface KeptDocument {
  id: number;
  title: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD, as the person gave it. */
  date?: string;
  kind: DocumentKind;
  notes: string;
  createdAt: string;
  updatedAt: string;
  files: KeptFileInfo[];
  /** Pages with text that search finds (a PDF's text layer, or words recognised), summed over the files. */
  pagesWithText: number;
  /** Of those, pages whose words were recognised in the picture on this computer. */
  pagesRecognized: number;
  linkedEntries: { id: number; kind: string; title: string }[];
  /** Entries whose source is this document: results the person added from its text. */
  resultsAdded: number;
}

/** A page of a kept document where searched words were found. */
export interface KeptDocumentHit {
  documentId: number;
  title: string;
  kind: DocumentKind;
  date?: string;
  position: number;
  /** 1-based page within the file. */
  page: number;
  /** The words around the match, the matches between « and ». */
  snippet: string;
  /** The words were recognised in the picture (they may be misread), not the file's own text. */
  recognized: boolean;
}

/** A run finding the words in a document's photos and scans (papers.recognize). */
export interface RecognitionProgress {
  documentId: number;
  /** Share of the run done, 0 to 1. */
  done: number;
  finished: boolean;
  /** Set on a finished run that did not complete ('locked': the vault was locked while it ran). */
  stoppedBecause?: 'cancelled' | 'error' | 'locked';
  /** On a run that did not complete: one sentence saying why (English; the app words it by stoppedBecause). */
  sentence?: string;
  /** On a completed run: pages where words were found. */
  pagesWithWords?: number;
}

/** One page of a PDF as read in main (pdf.ts). */
export interface PdfPage {
  /** In points (1/72 inch), as the page is shown (rotation applied). */
  width: number;
  height: number;
  text: string;
}

// What the open and save dialogs offer. Plain data so the filters can be read (and tested)
// without Electron.
import path from 'node:path';
import type { SaveKind } from '../../api/platform.ts';

export interface FileFilter {
  name: string;
  extensions: string[];
}

const ALL_FILES: FileFilter = { name: 'All files', extensions: ['*'] };

export function openDialogSpec(purpose: 'import' | 'restore' | 'share'): { title: string; multiple: boolean; filters: FileFilter[] } {
  if (purpose === 'restore') return { title: 'Choose a Chartkeeper backup', multiple: false, filters: [ALL_FILES] };
  if (purpose === 'share') return { title: 'Choose the profile another caregiver shared', multiple: false, filters: [ALL_FILES] };
  return {
    title: 'Choose health record files to import',
    multiple: true,
    // PDFs and pictures are kept as documents of their own (main/api/documents.ts).
    filters: [{ name: 'Health records, PDFs and photos', extensions: ['xml', 'zip', 'txt', 'json', 'ndjson', 'pdf', 'jpg', 'jpeg', 'png', 'heic', 'heif', 'tif', 'tiff'] }, ALL_FILES],
  };
}

const SAVE_NAMES: Record<SaveKind, string> = {
  pdf: 'PDF document',
  'fhir-json': 'FHIR JSON',
  zip: 'Zip archive',
  backup: 'Chartkeeper backup',
  attachment: 'Document attachment',
};

/** The filter follows the suggested name's extension so the saved file keeps it. */
export function saveDialogFilters(suggestedName: string, kind: SaveKind): FileFilter[] {
  const extension = path.extname(suggestedName).slice(1);
  return extension ? [{ name: SAVE_NAMES[kind], extensions: [extension] }] : [ALL_FILES];
}

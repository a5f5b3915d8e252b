// IHE XDM packages (and plain zips of CDA/FHIR files): find the documents through each
// submission set's METADATA.XML, fall back to scanning, and import every document found.
// Names inside the zip are only compared, never used as paths on disk.
import { createHash } from 'node:crypto';
import type { FormatId, ImportedDocument, ParsedFile } from '../../records/model.ts';
import { ImportError } from '../errors.ts';
import { decodeText } from '../text/decode.ts';
import { parseXml } from '../xml/parse.ts';
import { checkDeclaredSizes, InflateBudget, listZip, readEntry, type ZipEntry } from './zip.ts';
import { readDocumentEntries, type DocumentEntryInfo } from './metadata.ts';

/** What importing one file found inside the package gives. */
export interface InnerResult {
  format: FormatId;
  documents: ImportedDocument[];
}
export type ImportInner = (bytes: Uint8Array, name: string, mimeType: string | undefined) => InnerResult | null;

interface Candidate {
  entry: ZipEntry;
  info?: DocumentEntryInfo;
}

const JUNK = /(^|\/)(__MACOSX|\.svn|\.git)(\/|$)|(^|\/)\._|(^|\/)\.DS_Store$|\.swp$|(^|\/)Thumbs\.db$/i;
/** Files a package carries for people or browsers, never documents. */
const NOT_DOCUMENT = /\.(xsl|xslt|css|js|htm|html|png|gif|jpe?g|ico|svg|bmp)$|(^|\/)(readme\.txt|index\.htm|metadata\.xml)$/i;

function lower(name: string): string {
  return name.toLowerCase();
}

function folderOf(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? '' : name.slice(0, slash + 1);
}

function unsafe(name: string): boolean {
  return name.startsWith('/') || /^[a-z]:/i.test(name) || name.split('/').includes('..');
}

export function parseXdmPackage(bytes: Uint8Array, importInner: ImportInner): ParsedFile {
  const files = listZip(bytes).filter((e) => !e.name.endsWith('/') && !JUNK.test(e.name) && !unsafe(e.name));
  const byName = new Map<string, ZipEntry>();
  for (const entry of files) byName.set(lower(entry.name), entry);
  const budget = new InflateBudget();
  const read = (entry: ZipEntry): Uint8Array => {
    checkDeclaredSizes([entry]);
    return readEntry(bytes, entry, budget);
  };
  // Everything this package could make us inflate is checked up front, so a bomb fails fast.
  checkDeclaredSizes(files.filter((e) => !NOT_DOCUMENT.test(e.name) || /metadata\.xml$/i.test(e.name)));

  const candidates: Candidate[] = [];
  const packageProblems: string[] = [];
  const metadataFiles = files.filter((e) => /(^|\/)metadata\.xml$/i.test(e.name));
  for (const metadata of metadataFiles) {
    const folder = lower(folderOf(metadata.name));
    let infos: DocumentEntryInfo[];
    try {
      infos = readDocumentEntries(parseXml(decodeText(read(metadata)), { what: `The package's ${metadata.name}` }));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      packageProblems.push(error.message);
      infos = [];
    }
    const inFolder = files.filter((e) => lower(folderOf(e.name)) === folder && !NOT_DOCUMENT.test(e.name));
    let hashes: Map<string, ZipEntry> | undefined;
    const unresolved: DocumentEntryInfo[] = [];
    for (const info of infos) {
      let entry = info.uri ? byName.get(folder + lower(info.uri.replace(/\\/g, '/'))) : undefined;
      if (!entry && info.hash) {
        hashes ??= new Map(inFolder.map((e) => [sha1(read(e)), e]));
        entry = hashes.get(info.hash);
      }
      if (entry) candidates.push({ entry, info });
      else unresolved.push(info);
    }
    // Entries that name no file we can find: take the set folder's remaining files.
    if (unresolved.length > 0 || infos.length === 0) {
      for (const entry of inFolder) {
        if (!candidates.some((c) => c.entry === entry)) candidates.push(unresolved.length === 1 ? { entry, info: unresolved[0] } : { entry });
      }
    }
  }
  if (metadataFiles.length === 0) {
    for (const entry of files) if (!NOT_DOCUMENT.test(entry.name)) candidates.push({ entry });
  }

  const documents: ImportedDocument[] = [];
  const formats = new Set<FormatId>();
  const seen = new Set<string>();
  const failures: string[] = [];
  for (const { entry, info } of candidates) {
    const content = read(entry);
    const digest = sha1(content);
    // The same bytes are the same document (XDS), even when a package lists them twice.
    if (seen.has(digest)) continue;
    seen.add(digest);
    let result: InnerResult | null;
    try {
      result = importInner(content, entry.name, info?.mimeType);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      failures.push(`${entry.name}: ${error.message}`);
      continue;
    }
    if (!result) continue;
    formats.add(result.format);
    for (const document of result.documents) {
      if (info?.size !== undefined && info.size !== content.length) {
        document.problems.push({ reason: `The package says ${entry.name} is ${info.size} bytes but it is ${content.length}; it was imported anyway.`, where: entry.name });
      } else if (info?.hash && info.hash !== digest) {
        document.problems.push({ reason: `The package's checksum for ${entry.name} does not match the file; it was imported anyway.`, where: entry.name });
      }
      for (const reason of failures.splice(0)) document.problems.push({ reason, where: 'package' });
      for (const reason of packageProblems.splice(0)) document.problems.push({ reason, where: 'package' });
      if (!document.document.title && info?.title) document.document.title = info.title;
      documents.push(document);
    }
  }
  if (documents.length === 0) {
    if (failures.length > 0) throw new ImportError(failures[0]?.split(': ').slice(1).join(': ') ?? 'This zip file holds no health record Chartkeeper can read.');
    throw new ImportError('This zip file holds no health record Chartkeeper can read.');
  }
  const last = documents[documents.length - 1] as ImportedDocument;
  for (const reason of [...failures, ...packageProblems]) last.problems.push({ reason, where: 'package' });
  const only = formats.size === 1 ? [...formats][0] : undefined;
  const format: FormatId = only === 'fhir-r4' || only === 'cms-fhir' ? only : 'xdm';
  return { format, documents };
}

function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

// Finds the parts of an Apple Health export: an export.zip (read with yauzl from its central
// directory, ZIP64 included, each entry streamed, never the whole archive in memory) or a bare
// export.xml. The export's XML is found by its content (document element <HealthData>), not
// its name: the folder and the file are localised on some phones ("Exportieren.xml"), and a
// re-zip may drop the folder or add macOS junk.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ImportError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import { readProlog } from './prolog.ts';

/** macOS re-zip artefacts: resource forks, Finder files. */
const JUNK = /(^|\/)(__MACOSX)(\/|$)|(^|\/)\._|(^|\/)\.DS_Store$/i;
/** Apple's export of the same samples as CDA, and the folders that never hold the main XML. */
const NOT_MAIN = /(^|\/)export_cda\.xml$|(^|\/)(clinical-records|workout-routes|electrocardiograms)\//i;
/** Enough of a file to see past Apple's DTD to the document element. */
const SNIFF_BYTES = 64 * 1024;
/**
 * Bytes read at a time from a bare export.xml. Under V8's large-object size (128 KB) each
 * chunk's text dies young, in a scavenge; megabyte chunks went to the old generation and
 * stayed until a full collection, which let the heap grow by hundreds of megabytes.
 */
export const READ_CHUNK = 64 * 1024;
/** An export holds a file per workout route, health record and ECG: many, but not this many. */
const MAX_ENTRIES = 200_000;

export interface ExportPart {
  name: string;
  size: number;
}

export interface AppleExport {
  /** The export's XML as the zip names it ("apple_health_export/export.xml"), or the file's name. */
  xml: ExportPart;
  /** Apple's CDA rendering of the samples (export_cda.xml), when present. */
  cda?: ExportPart;
  /** clinical-records/*.json: FHIR resources health systems sent to the phone. */
  clinical: ExportPart[];
  /** Files never read, per kind: workout-routes (GPX), electrocardiograms (CSV), others. */
  unread: Record<string, number>;
  /** The export's XML, streamed. */
  openXml(): Promise<Readable>;
  /** Where the XML is a file of its own on disk (a bare export.xml): another thread can hash it. */
  bareFile?: string;
  /** A small part (a health record), read whole; refused above the importers' file limit. */
  readPart(part: ExportPart): Promise<Uint8Array>;
  close(): void;
}

export type ExportInput = { path: string } | { bytes: Uint8Array };

function zipOf(input: ExportInput): Promise<yauzl.ZipFile> {
  const options = { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true };
  return 'path' in input ? yauzl.openPromise(input.path, options) : yauzl.fromBufferPromise(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength), options);
}

function isZipStart(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);
}

async function headOf(input: ExportInput, bytes = SNIFF_BYTES): Promise<Uint8Array> {
  if ('bytes' in input) return input.bytes.subarray(0, bytes);
  const handle = await fs.promises.open(input.path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** True when the text starts an XML document whose element is <HealthData> (and its prolog is acceptable). */
function startsHealthData(head: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(head);
  if (!text.trimStart().startsWith('<')) return false;
  try {
    const prolog = readProlog(text, 'This file');
    return prolog.done && prolog.root === 'HealthData';
  } catch {
    // A refused prolog is reported when the file is read, with its sentence.
    return /<HealthData[\s>]/.test(text);
  }
}

async function readStream(stream: Readable, limit: number, name: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      stream.destroy();
      throw new ImportError(`${name} in the export is larger than 100 MB, too large to be a health record.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function sniffEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<boolean> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= SNIFF_BYTES) break;
    }
  } catch {
    return false;
  } finally {
    stream.destroy();
  }
  return startsHealthData(Buffer.concat(chunks));
}

/**
 * The export the input holds, or null when it is not an Apple Health export (another zip, or
 * another file), so the other importers can look at it.
 */
export async function openAppleExport(input: ExportInput, fileName: string): Promise<AppleExport | null> {
  const head = await headOf(input);
  if (!isZipStart(head)) {
    if (!startsHealthData(head)) return null;
    const size = 'path' in input ? (await fs.promises.stat(input.path)).size : input.bytes.byteLength;
    const xml = { name: fileName, size };
    return {
      xml,
      ...('path' in input ? { bareFile: input.path } : {}),
      clinical: [],
      unread: {},
      openXml: async () => ('path' in input ? fs.createReadStream(input.path, { highWaterMark: READ_CHUNK }) : (await import('node:stream')).Readable.from([Buffer.from(input.bytes)])),
      readPart: () => Promise.reject(new Error('A bare export.xml has no parts.')),
      close: () => {},
    };
  }
  let zip: yauzl.ZipFile;
  try {
    zip = await zipOf(input);
  } catch {
    // Not a zip yauzl can open: the other importers say what is wrong with it.
    return null;
  }
  try {
    if (zip.entryCount > MAX_ENTRIES) return null;
    const entries = new Map<string, yauzl.Entry>();
    try {
      for await (const entry of zip.eachEntry()) if (!entry.fileName.endsWith('/') && !JUNK.test(entry.fileName)) entries.set(entry.fileName, entry);
    } catch {
      // A name yauzl refuses ("../x"), a damaged directory: not an Apple export it can read;
      // the zip importer, which skips such names, says what it makes of the file.
      zip.close();
      return null;
    }
    // The main XML sits at the root or one folder down.
    const candidates = [...entries.values()].filter((e) => /\.xml$/i.test(e.fileName) && !NOT_MAIN.test(e.fileName) && e.fileName.split('/').length <= 2);
    let main: yauzl.Entry | undefined;
    for (const entry of candidates) {
      if (await sniffEntry(zip, entry)) {
        main = entry;
        break;
      }
    }
    if (!main) {
      zip.close();
      return null;
    }
    const folder = main.fileName.includes('/') ? main.fileName.slice(0, main.fileName.lastIndexOf('/') + 1) : '';
    const part = (e: yauzl.Entry): ExportPart => ({ name: e.fileName, size: e.uncompressedSize });
    const inFolder = (e: yauzl.Entry) => e.fileName.startsWith(folder);
    const cdaEntry = [...entries.values()].find((e) => inFolder(e) && /(^|\/)export_cda\.xml$/i.test(e.fileName));
    const clinical = [...entries.values()].filter((e) => inFolder(e) && /(^|\/)clinical-records\/[^/]+\.json$/i.test(e.fileName)).map(part);
    const unread: Record<string, number> = {};
    for (const e of entries.values()) {
      if (e === main || e === cdaEntry || clinical.some((c) => c.name === e.fileName)) continue;
      const kind = /(^|\/)workout-routes\//i.test(e.fileName) ? 'workout-routes' : /(^|\/)electrocardiograms\//i.test(e.fileName) ? 'electrocardiograms' : 'other';
      unread[kind] = (unread[kind] ?? 0) + 1;
    }
    const mainEntry = main;
    return {
      xml: part(mainEntry),
      ...(cdaEntry ? { cda: part(cdaEntry) } : {}),
      clinical,
      unread,
      openXml: async () => {
        // A bomb is a small archive claiming a huge file; Apple's XML compresses 10–30×.
        if (mainEntry.uncompressedSize > 1024 * 1024 && mainEntry.uncompressedSize / Math.max(1, mainEntry.compressedSize) > LIMITS.maxCompressionRatio) {
          throw new ImportError('This zip file is compressed suspiciously well, which looks like a zip bomb, so it was not opened.');
        }
        return zip.openReadStreamPromise(mainEntry);
      },
      readPart: async (p) => {
        const entry = entries.get(p.name);
        if (!entry) throw new ImportError(`${p.name} is not in the export.`);
        if (entry.uncompressedSize > LIMITS.maxFileBytes) throw new ImportError(`${p.name} in the export is larger than 100 MB, too large to be a health record.`);
        return readStream(await zip.openReadStreamPromise(entry), LIMITS.maxFileBytes, p.name);
      },
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    if (error instanceof ImportError) throw error;
    throw new ImportError(`${fileName} is a damaged zip file and cannot be opened.`);
  }
}

// Every original file of a profile, exactly as imported, in one zip. Names come from the
// files the user imported, so they are made safe to unpack anywhere: no folders, no `..`,
// nothing a file system refuses, and no two entries with the same name.
import { zipSync, type Zippable } from 'fflate';
import type { OriginalFile } from '../vault/sources.ts';

const MAX_NAME_LENGTH = 120;
// Characters Windows, macOS or Linux refuse in a file name, and control characters.
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 && name.length - dot <= 16 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}

/** A bare, portable file name: the last path component with unsafe characters replaced. */
export function safeFileName(name: string): string {
  const last = name.split(/[/\\]/).filter(Boolean).pop() ?? '';
  let safe = last.normalize('NFC').replace(UNSAFE, '_').trim();
  // Leading dots would hide the file (or make `..`); trailing dots and spaces vanish on Windows.
  safe = safe.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (WINDOWS_RESERVED.test(safe)) safe = `_${safe}`;
  if (!safe) safe = 'file';
  if (safe.length > MAX_NAME_LENGTH) {
    const [stem, ext] = splitExtension(safe);
    safe = stem.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  return safe;
}

/** Safe names, numbered "name (2).xml" where two files would otherwise share one. */
export function uniqueFileNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const safe = safeFileName(name);
    let candidate = safe;
    const [stem, ext] = splitExtension(safe);
    // Compared case-insensitively: Windows and macOS would unpack "A.xml" over "a.xml".
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

function zipDate(importedAt: string): Date {
  const date = new Date(importedAt);
  // Zip timestamps cannot go before 1980.
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1980 ? new Date('1980-01-01T00:00:00Z') : date;
}

export function zipOriginals(files: readonly OriginalFile[]): Uint8Array {
  const names = uniqueFileNames(files.map((f) => f.name));
  const zippable: Zippable = {};
  files.forEach((file, i) => {
    zippable[names[i]!] = [new Uint8Array(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength), { mtime: zipDate(file.importedAt) }];
  });
  return zipSync(zippable, { level: 6 });
}

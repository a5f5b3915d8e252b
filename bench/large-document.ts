// A ~5 MB C-CDA made from a real corpus document by repeating its result organizers, each
// copy a day later, so the importer sees thousands of distinct results (not one merged one).
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS } from './corpus.ts';

export const LARGE_SOURCE = 'ccda/bluebutton-js/epic_phr.xml';
const RESULTS_SECTION = '2.16.840.1.113883.10.20.22.2.3.1';
const DAY_MS = 86_400_000;

function shiftDates(xml: string, days: number): string {
  return xml.replace(/(value=")(\d{4})(\d{2})(\d{2})/g, (_m, prefix: string, y: string, mo: string, d: string) => {
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)) + days * DAY_MS);
    return `${prefix}${date.toISOString().slice(0, 10).replaceAll('-', '')}`;
  });
}

/** The document with its results section's entries repeated until it reaches `targetBytes`. */
export function largeDocument(targetBytes = 5 * 1024 * 1024, corpus = CORPUS): string | undefined {
  const file = path.join(corpus, LARGE_SOURCE);
  if (!fs.existsSync(file)) return undefined;
  const xml = fs.readFileSync(file, 'utf8');
  const section = xml.indexOf(RESULTS_SECTION);
  const first = xml.indexOf('<entry', section);
  const sectionEnd = xml.indexOf('</section>', section);
  const last = xml.lastIndexOf('</entry>', sectionEnd);
  if (section < 0 || first < 0 || last < first) return undefined;
  const entries = xml.slice(first, last + '</entry>'.length);
  const copies: string[] = [];
  let size = xml.length;
  for (let k = 1; size < targetBytes; k++) {
    const copy = shiftDates(entries, k);
    copies.push(copy);
    size += copy.length;
  }
  const at = last + '</entry>'.length;
  return xml.slice(0, at) + copies.join('') + xml.slice(at);
}

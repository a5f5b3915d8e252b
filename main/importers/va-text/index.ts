// VA Blue Button text reports → one ImportedDocument. Two layouts: the legacy My HealtheVet
// "Blue Button (v12.x)" report and the 2024–2025 VA.gov "Blue Button report" TXT.
import type { ImportedDocument } from '../../records/model.ts';
import { ImportError } from '../errors.ts';
import type { Line } from './fields.ts';
import { parseLegacy } from './legacy.ts';
import { looksLikeVaGov, parseVaGov } from './vagov.ts';

const LEGACY_BANNER = /^\s*-{3,} ?MY HEALTHEVET PERSONAL INFORMATION REPORT ?-{3,}\s*$/im;

function looksLikeLegacy(text: string): boolean {
  return LEGACY_BANNER.test(text.slice(0, 2000)) || /Produced by the (VA )?Blue Button \(v12/.test(text.slice(0, 3000));
}

export function looksLikeVaText(text: string): boolean {
  return looksLikeLegacy(text) || looksLikeVaGov(text);
}

export function parseVaText(text: string): ImportedDocument {
  const lines: Line[] = text.replace(/\r\n?/g, '\n').split('\n').map((t, i) => ({ text: t, n: i + 1 }));
  if (looksLikeLegacy(text)) return parseLegacy(lines);
  if (looksLikeVaGov(text)) return parseVaGov(lines);
  throw new ImportError('This file is not a VA Blue Button report Chartkeeper recognizes.');
}

// A small inline SVG line chart of one test's values, printed beside its row. Inline SVG
// needs no image loading, so it passes the packet's CSP (img-src data: only) untouched.

import type { ReferenceRange } from '../records/model.ts';
import { escapeHtml } from './format.ts';

const WIDTH = 80;
const HEIGHT = 24;
const PAD = 4;
/** More points than this only crowd an 80-pixel chart; the newest are kept. */
export const MAX_SPARKLINE_POINTS = 12;

function fixed(n: number): string {
  // One decimal keeps the output short and identical across runs.
  return (Math.round(n * 10) / 10).toFixed(1);
}

/**
 * An SVG sparkline of at least two finite values (oldest first), with the reference range
 * shaded when it is known. Returns '' when there is nothing to draw.
 */
export function sparklineSvg(values: number[], range: ReferenceRange | undefined, label: string): string {
  const points = values.filter((v) => Number.isFinite(v)).slice(-MAX_SPARKLINE_POINTS);
  if (points.length < 2) return '';
  const low = range?.low !== undefined && Number.isFinite(range.low) ? range.low : undefined;
  const high = range?.high !== undefined && Number.isFinite(range.high) ? range.high : undefined;
  let min = Math.min(...points);
  let max = Math.max(...points);
  if (low !== undefined) min = Math.min(min, low);
  if (high !== undefined) max = Math.max(max, high);
  if (max === min) {
    max += 1;
    min -= 1;
  }
  const x = (i: number) => PAD + (i * (WIDTH - 2 * PAD)) / (points.length - 1);
  const y = (v: number) => HEIGHT - PAD - ((v - min) * (HEIGHT - 2 * PAD)) / (max - min);

  const parts: string[] = [];
  if (low !== undefined || high !== undefined) {
    const top = y(high ?? max);
    const bottom = y(low ?? min);
    parts.push(
      `<rect x="${PAD}" y="${fixed(top)}" width="${WIDTH - 2 * PAD}" height="${fixed(Math.max(bottom - top, 0.5))}" fill="#e3efe3"/>`,
    );
  }
  const line = points.map((v, i) => `${fixed(x(i))},${fixed(y(v))}`).join(' ');
  parts.push(`<polyline points="${line}" fill="none" stroke="#1f3a5f" stroke-width="1.5"/>`);
  const last = points.length - 1;
  parts.push(`<circle cx="${fixed(x(last))}" cy="${fixed(y(points[last] ?? 0))}" r="2.5" fill="#1f3a5f"/>`);

  const safeLabel = escapeHtml(label);
  return (
    `<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" ` +
    `viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${safeLabel}"><title>${safeLabel}</title>` +
    parts.join('') +
    `</svg>`
  );
}

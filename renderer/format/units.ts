// How units are shown: the one place the renderer turns stored UCUM codes into text.

/**
 * UCUM codes are for machines ("mm[Hg]", "[lb_av]", "[degF]"); people read "mmHg", "lb", "°F".
 * Annotations in braces ("{beats}/min") keep their words.
 */
export function readableUnit(unit: string | undefined): string | undefined {
  if (!unit) return undefined;
  return unit
    .replace(/\[([a-zA-Z]+)_(?:av|i|us|br)\]/g, '$1')
    .replace(/\[deg([FC])\]|\bCel\b/g, (_m, scale: string | undefined) => `°${scale ?? 'C'}`)
    .replace(/[[\]{}]/g, '');
}

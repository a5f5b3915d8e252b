// The delimited-text layer the device CSV importers share: byte-order marks (including one
// encoded twice by a re-save), the delimiter (comma or semicolon), quoted cells and literal
// `null` cells. Which columns mean what is each importer's business.

/** A UTF-8 BOM, or one that was decoded as Windows-1252 and encoded again ("ï»¿"). */
const BOMS = /^(?:\uFEFF|\u00EF\u00BB\u00BF|\u00C3\u00AF\u00C2\u00BB\u00C2\u00BF)+/;

export function stripBoms(text: string): string {
  return text.replace(BOMS, '');
}

export function lines(text: string): string[] {
  return stripBoms(text).split(/\r\n|\r|\n/);
}

/** The delimiter of a header line: the one of `,` and `;` that splits it into more cells. */
export function delimiterOf(header: string): ',' | ';' {
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** One line's cells, trimmed, quotes removed (`""` inside quotes is a quote). */
export function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** A header cell reduced for matching: quotes, BOM leftovers and case removed. */
export function headerKey(cell: string): string {
  return stripBoms(cell).replace(/["\u00C3\u00AF\u00C2\u00BB\u00BF]/g, '').trim().toLowerCase();
}

/** Empty and the literal word `null` both mean the source wrote nothing. */
export function present(cell: string | undefined): string | undefined {
  const v = cell?.trim();
  return v && v.toLowerCase() !== 'null' ? v : undefined;
}

/** A number as the device wrote it ("108.0" stays 108 in value, "108.0" in text). */
export function numberOf(cell: string | undefined): number | undefined {
  const v = present(cell);
  if (!v || !/^-?\d+(\.\d+)?$/.test(v)) return undefined;
  return Number(v);
}

/** The first lines of a file, for sniffing a header without reading everything. */
export function headLines(text: string, count: number): string[] {
  return lines(text.slice(0, 16_384)).slice(0, count);
}

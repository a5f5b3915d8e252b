// Column mappings for CSV layouts Chartkeeper does not know (csv.*): what a file holds for the
// dialog, a preview of its first lines as they would be stored, and the saved mappings. Kept
// per vault: a mapping describes a device's or app's file layout (column names, date order,
// zone, decimal mark), not a person, and is offered for any profile's next file with that header.
import type { CsvLayoutView, CsvMapping, CsvPreview, FileImportReport, ParsedInputOf } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { ImportError } from '../importers/errors.ts';
import { layoutOf, previewMapping, readTable, sameHeader } from '../importers/csv-mapping/index.ts';
import { decodeText } from '../importers/text/decode.ts';
import { isZip } from '../importers/xdm/zip.ts';
import type { VaultSession } from '../vault/vault.ts';
import type { ApiContext } from './context.ts';
import { readInput } from './import.ts';
import type { HandlerModule } from './router.ts';

type FileInput = ParsedInputOf<'import.files'>['files'][number];

const SETTING = 'csv-mappings';
/** Only the head of a refused file is read to see whether it is a table. */
const HEAD_BYTES = 64 * 1024;

export function savedMappings(session: VaultSession): CsvMapping[] {
  const raw = session.getSetting(SETTING);
  const value = raw ? (JSON.parse(raw) as { mappings?: CsvMapping[] }) : {};
  return Array.isArray(value.mappings) ? value.mappings : [];
}

function store(session: VaultSession, mappings: CsvMapping[]): void {
  session.setSetting(SETTING, JSON.stringify({ mappings }));
}

function mappingsFor(session: VaultSession, header: readonly string[]): CsvMapping[] {
  return savedMappings(session).filter((m) => sameHeader(m.header, header)).reverse();
}

/** A saved mapping by its name (case and spacing evened out). */
export function findMapping(session: VaultSession, name: string): CsvMapping | undefined {
  const key = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  return savedMappings(session).find((m) => key(m.name) === key(name));
}

function textOf(ctx: ApiContext, file: FileInput): string {
  return decodeText(readInput(ctx, file).bytes);
}

/**
 * For a file refused as unreadable: when its head is a table, the report says its columns can
 * be mapped and names the saved mappings made for that header.
 */
export function withCsvLayout(session: VaultSession, report: FileImportReport, bytes: Uint8Array | undefined): FileImportReport {
  if (!bytes || report.errorKind !== 'unreadable-file' || report.format) return report;
  // A zip with no health record in it (an XDM package of only INDEX.HTM and README.TXT) is
  // compressed bytes: read as text, they split into "columns" of noise.
  if (isZip(bytes)) return report;
  const head = decodeText(bytes.subarray(0, HEAD_BYTES));
  // JSON or XML splits on its commas into "columns" that are not a table's.
  if (/^\s*[{[<]/.test(head)) return report;
  const table = readTable(head);
  if (!table) return report;
  return { ...report, csvLayout: { header: table.header, mappings: mappingsFor(session, table.header).map((m) => m.name) } };
}

export function csvMappingHandlers(ctx: ApiContext): HandlerModule {
  return {
    'csv.layout': ({ file }): CsvLayoutView => {
      const session = ctx.requireSession();
      const layout = layoutOf(readInput(ctx, file).bytes);
      if (!layout) throw new AppError('unreadable-file', 'This file is not a table of columns, so there are no columns to choose.');
      return { ...layout, mappings: mappingsFor(session, layout.header) };
    },
    'csv.preview': ({ file, mapping, limit }): CsvPreview => {
      ctx.requireSession();
      try {
        const { rows, total } = previewMapping(textOf(ctx, file), mapping, limit, Intl.DateTimeFormat().resolvedOptions().timeZone);
        return {
          total,
          rows: rows.map((r) => ({
            line: r.line,
            cells: r.cells,
            readings: r.records.map((d) => ({ title: d.title, code: d.codes[0]?.code ?? '', value: d.value?.text ?? '', unit: d.value?.unit ?? '', date: d.start ?? '' })),
            ...(r.refused ? { refused: r.refused } : {}),
            ...(r.check ? { check: r.check } : {}),
          })),
        };
      } catch (error) {
        if (error instanceof ImportError) throw new AppError('unreadable-file', error.message);
        throw error;
      }
    },
    'csv.mappings': () => savedMappings(ctx.requireSession()),
    'csv.saveMapping': ({ mapping, replace }) => {
      const session = ctx.requireSession();
      const existing = findMapping(session, mapping.name);
      if (existing && !replace) throw new AppError('conflict', `A mapping named "${existing.name}" is already saved; choose another name or replace it.`);
      const next = [...savedMappings(session).filter((m) => m !== existing && m.name !== existing?.name), mapping as CsvMapping];
      store(session, next);
      return next;
    },
    'csv.deleteMapping': ({ name }) => {
      const session = ctx.requireSession();
      const existing = findMapping(session, name);
      if (!existing) throw new AppError('not-found', `No mapping named "${name}" is saved.`);
      const next = savedMappings(session).filter((m) => m.name !== existing.name);
      store(session, next);
      return next;
    },
  };
}

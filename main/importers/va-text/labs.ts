// VA Laboratory Results (legacy layout): blocks between `=====` lines, each a lab panel header
// then `Test Name` results; microbiology blocks are free text kept as one result's narrative.
import type { RecordDraft } from '../../records/model.ts';
import { parseVaDate } from './dates.ts';
import type { Field, Line } from './fields.ts';
import { isSeparator, readFields } from './fields.ts';
import type { Out } from './records.ts';
import { labRange, labValue, problem } from './records.ts';

function value(fields: Map<string, Field>, key: string): string | undefined {
  const v = fields.get(key)?.value.trim();
  return v && !/^-+$/.test(v) ? v : undefined;
}

function blocks(lines: Line[]): Line[][] {
  const out: Line[][] = [[]];
  for (const line of lines) {
    if (/^\s*={5,}\s*$/.test(line.text)) out.push([]);
    else out[out.length - 1]!.push(line);
  }
  return out.filter((b) => b.some((l) => /^\s*Lab Test\s*:/i.test(l.text)));
}

export function vaLabs(lines: Line[], section: string, out: Out): void {
  for (const block of blocks(lines)) {
    const fields = readFields(block);
    const header = new Map<string, Field>();
    const tests: Map<string, Field>[] = [];
    let current: Map<string, Field> | null = null;
    let afterTests: Map<string, Field> | null = null;
    for (const field of fields) {
      if (field.key === 'test name') {
        current = new Map();
        tests.push(current);
      } else if (field.key === 'comments' && current) {
        afterTests = new Map([[field.key, field]]);
        current = null;
        continue;
      }
      (current ?? header).set(field.key, field);
    }
    const panel = (value(header, 'lab test') ?? 'Laboratory test').replace(/\.{3,}$/, '').trim();
    const collected = parseVaDate(value(header, 'date/time collected'));
    const specimen = value(header, 'specimen');
    const panelComment = afterTests ? value(afterTests, 'comments') : value(header, 'comments');
    const headerLine = header.get('lab test')?.n;
    const common = (): Omit<RecordDraft, 'kind' | 'title' | 'codes'> => {
      const base: Omit<RecordDraft, 'kind' | 'title' | 'codes'> = { details: { panel } };
      if (specimen) base.details.specimen = specimen;
      const orderedBy = value(header, 'ordering provider');
      if (orderedBy) base.details.performers = [orderedBy];
      const location = value(header, 'collected location') ?? value(header, 'ordering location');
      if (location) base.details.location = location;
      if (collected) base.start = collected;
      return base;
    };

    if (/microbiology/i.test(value(header, 'lab type') ?? '') || tests.length === 0) {
      // Microbiology: the body is a free-text report (stain, culture, susceptibility table).
      const start = block.findIndex((l) => isSeparator(l.text));
      const body = (start >= 0 ? block.slice(start + 1) : [])
        .map((l) => l.text.trimEnd())
        .filter((t) => !isSeparator(t))
        .join('\n')
        .trim();
      // The report's first line is often a heading ("GRAM STAIN:") with the finding below it.
      const lines = body.split('\n').map((t) => t.trim()).filter(Boolean);
      const firstLine = lines[0]?.endsWith(':') && lines[1] ? `${lines[0]} ${lines[1]}` : lines[0];
      const record: RecordDraft = {
        ...common(),
        kind: 'result',
        title: panel,
        codes: [],
        status: 'completed',
        sourceLocation: `${section}, line ${headerLine ?? block[0]?.n ?? 0}`,
      };
      if (firstLine) record.value = { text: firstLine.trim() };
      if (body) record.narrative = body;
      if (!body && tests.length === 0) {
        problem(out, 'results', `The lab test "${panel}" has no results.`, headerLine, section);
        continue;
      }
      out.records.push(record);
      continue;
    }

    for (const test of tests) {
      const name = value(test, 'test name');
      const raw = value(test, 'result');
      if (!name) {
        problem(out, 'results', `A result in "${panel}" has no test name.`, test.values().next().value?.n, section);
        continue;
      }
      const units = value(test, 'units');
      const { value: v, flag } = labValue(raw, units);
      const record: RecordDraft = {
        ...common(),
        kind: 'result',
        title: name,
        codes: [],
        sourceLocation: `${section}, line ${test.get('test name')?.n ?? 0}`,
      };
      record.details = { ...record.details };
      if (v) record.value = v;
      const range = labRange(value(test, 'reference range'), units);
      if (range) record.referenceRange = range;
      if (flag) record.interpretation = flag;
      const status = value(test, 'status');
      record.status = status && /final|complete/i.test(status) ? 'completed' : status ? 'active' : 'completed';
      const notes = [value(test, 'interpretation'), panelComment].filter(Boolean).join('. ');
      if (notes) record.details.comment = notes;
      out.records.push(record);
    }
  }
}

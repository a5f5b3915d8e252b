// Which results and vital signs are shown together (main/records/readable/groups.ts): panels,
// a visit's vital signs, and blood pressure as one reading.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../main/importers/index.ts';
import type { Code, Quantity } from '../../../main/records/model.ts';
import { bloodPressureFlags, bloodPressurePart, bloodPressureText, groupEntries, pairBloodPressure, type Groupable } from '../../../main/records/readable/index.ts';

const LOINC = (code: string): Code[] => [{ system: 'LOINC', code }];
let next = 1;
function entry(kind: string, title: string, date: string | undefined, value?: Quantity, extra: Partial<Groupable> = {}): Groupable {
  return { id: next++, kind, title, ...(date ? { date } : {}), ...(value ? { value } : {}), ...extra };
}
const mmHg = (text: string): Quantity => ({ number: Number(text), text, unit: 'mm[Hg]' });

describe('groupEntries', () => {
  it('puts the results of one panel on one day together, keeps order, drops nothing', () => {
    const ua = { panel: 'Urinalysis', panelCodes: LOINC('24356-8') };
    const entries = [
      entry('result', 'Color of Urine', '2015-06-22T09:00', { text: 'YELLOW' }, ua),
      entry('result', 'Potassium', '2015-06-22T09:00', { number: 6.5, text: '6.5', unit: 'mmol/L' }),
      entry('result', 'Specific gravity', '2015-06-22T09:30', { number: 1.015, text: '1.015' }, ua),
      entry('result', 'Color of Urine', '2015-07-01', { text: 'AMBER' }, ua),
      entry('result', 'pH', '2015-06-22', { text: '5.0', unit: '[pH]' }, ua),
    ];
    const groups = groupEntries(entries);
    expect(groups.map((g) => [g.type, g.day, g.entries.map((e) => e.title)])).toEqual([
      ['panel', '2015-06-22', ['Color of Urine', 'Specific gravity', 'pH']],
      ['single', '2015-06-22', ['Potassium']],
      ['panel', '2015-07-01', ['Color of Urine']],
    ]);
    expect(groups[0]?.panel).toBe('Urinalysis');
    expect(groups.flatMap((g) => g.entries).map((e) => e.id).sort()).toEqual(entries.map((e) => e.id).sort());
  });

  it('groups a panel by its name when the source gave no code, and never groups undated results', () => {
    const groups = groupEntries([
      entry('result', 'WBC', '2020-01-02', undefined, { panel: 'CBC' }),
      entry('result', 'RBC', '2020-01-02', undefined, { panel: 'cbc ' }),
      entry('result', 'Hgb', undefined, undefined, { panel: 'CBC' }),
      entry('result', 'Hct', undefined, undefined, { panel: 'CBC' }),
    ]);
    expect(groups.map((g) => [g.type, g.entries.length])).toEqual([
      ['panel', 2],
      ['single', 1],
      ['single', 1],
    ]);
  });

  it('puts the vital signs of one day together and reads blood pressure as one value', () => {
    const groups = groupEntries([
      entry('vital', 'Weight', '2015-06-22T10:05-05:00', { number: 88, text: '88', unit: 'kg' }),
      entry('vital', 'BP Systolic', '2015-06-22T10:08-05:00', mmHg('145'), { codes: LOINC('8480-6') }),
      entry('vital', 'BP Diastolic', '2015-06-22T10:08-05:00', mmHg('88'), { codes: LOINC('8462-4') }),
      entry('vital', 'Heart rate', '2015-06-23', { number: 80, text: '80', unit: '/min' }),
    ]);
    expect(groups.map((g) => [g.type, g.day, g.lines.length])).toEqual([
      ['vitals', '2015-06-22', 2],
      ['vitals', '2015-06-23', 1],
    ]);
    const bp = groups[0]!.lines[1]!;
    expect(bp.type).toBe('bloodPressure');
    if (bp.type !== 'bloodPressure') return;
    expect(bp.systolic.title).toBe('BP Systolic');
    expect(bloodPressureText(bp.systolic, bp.diastolic, 'en-US')).toBe('145/88 mmHg');
  });
});

describe('pairBloodPressure', () => {
  it('pairs only values measured at the same moment, and leaves an ambiguous moment apart', () => {
    const s1 = entry('vital', 'Systolic blood pressure', '2020-01-01T08:00', mmHg('130'));
    const d2 = entry('vital', 'Diastolic blood pressure', '2020-01-01T09:00', mmHg('80'));
    expect(pairBloodPressure([s1, d2]).map((l) => l.type)).toEqual(['entry', 'entry']);

    const a = entry('vital', 'Systolic', '2020-01-01T08:00', mmHg('130'), { codes: LOINC('8480-6') });
    const b = entry('vital', 'Systolic', '2020-01-01T08:00', mmHg('131'), { codes: LOINC('8480-6') });
    const c = entry('vital', 'Diastolic', '2020-01-01T08:00', mmHg('80'), { codes: LOINC('8462-4') });
    expect(pairBloodPressure([a, b, c]).map((l) => l.type)).toEqual(['entry', 'entry', 'entry']);
  });

  it('never pairs words, other units or a value without a date', () => {
    const words = entry('vital', 'Systolic', '2020-01-01', { text: 'refused' }, { codes: LOINC('8480-6') });
    const dia = entry('vital', 'Diastolic', '2020-01-01', mmHg('80'), { codes: LOINC('8462-4') });
    expect(pairBloodPressure([words, dia]).map((l) => l.type)).toEqual(['entry', 'entry']);
    const kpa = entry('vital', 'Systolic', '2020-01-01', { number: 17, text: '17', unit: 'kPa' }, { codes: LOINC('8480-6') });
    expect(pairBloodPressure([kpa, dia]).map((l) => l.type)).toEqual(['entry', 'entry']);
    const s = entry('vital', 'Systolic', undefined, mmHg('120'), { codes: LOINC('8480-6') });
    const d = entry('vital', 'Diastolic', undefined, mmHg('80'), { codes: LOINC('8462-4') });
    expect(pairBloodPressure([s, d]).map((l) => l.type)).toEqual(['entry', 'entry']);
  });

  it('knows the halves by LOINC code first, then by name', () => {
    expect(bloodPressurePart({ title: 'Anything', codes: LOINC('8462-4') })).toBe('diastolic');
    expect(bloodPressurePart({ title: 'Systolic', codes: LOINC('8867-4') })).toBeUndefined();
    expect(bloodPressurePart({ title: 'BP systolic' })).toBe('systolic');
    expect(bloodPressurePart({ title: 'Systolic/diastolic' })).toBeUndefined();
  });

  it('writes numbers in the reader language and keeps each half flag with its name', () => {
    const s = { value: { text: '145.5', number: 145.5, unit: 'mm[Hg]' }, interpretation: 'H' };
    const d = { value: { text: '88', number: 88, unit: 'mm[Hg]' }, referenceRange: { low: 60, high: 80, unit: 'mm[Hg]' } };
    expect(bloodPressureText(s, d, 'es-ES')).toBe('145,5/88 mmHg');
    expect(bloodPressureFlags(s, d)).toEqual([
      { part: 'systolic', flag: 'high' },
      { part: 'diastolic', flag: 'high' },
    ]);
  });
});

const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');

describe.skipIf(!existsSync(corpus))('on public sample files', () => {
  it('reads the HealthGrid urinalysis as one panel and its blood pressure as 145/88 mmHg', () => {
    const file = path.join(corpus, 'ccda/jddamore-ccda-samples/HealthGrid/t1fulls1.xml');
    const records = parseFile(readFileSync(file), 't1fulls1.xml').documents.flatMap((d) => d.records);
    const shown = records
      .filter((r) => r.kind === 'result' || r.kind === 'vital')
      .map((r, i) => ({ ...r, id: i + 1, date: r.start, panel: r.details.panel, panelCodes: r.details.panelCodes }));
    const groups = groupEntries(shown);
    const panel = groups.find((g) => g.type === 'panel');
    expect(panel?.panel).toBe('Urinalysis (procedure)');
    expect(panel?.entries.map((e) => e.title)).toContain('Specific gravity of Urine by Test strip');
    expect(panel?.entries.length).toBe(7);
    const vitals = groups.find((g) => g.type === 'vitals')!;
    const bp = vitals.lines.find((l) => l.type === 'bloodPressure');
    expect(bp && bp.type === 'bloodPressure' ? bloodPressureText(bp.systolic, bp.diastolic, 'en-US') : '').toBe('145/88 mmHg');
    // Nothing lost: every component is in exactly one group.
    expect(groups.reduce((n, g) => n + g.entries.length, 0)).toBe(shown.length);
  });
});

// What the home-measurement screens read without guessing, and every sentence the mapped CSV
// importer writes about a refused line said again in the screen's words (Spanish included).
import { describe, expect, it } from 'vitest';
import { applyMapping, type CsvMapping } from '../../main/importers/csv-mapping/index.ts';
import { suggestedOrder, typedNumber } from '../../renderer/home-input.ts';
import { skippedReason } from '../../renderer/i18n/import-errors.ts';
import { makeI18n } from '../../renderer/i18n/make.ts';

describe('numbers typed by hand', () => {
  it('takes a point in English, a comma or a point in Spanish, and refuses a thousands separator', () => {
    expect(typedNumber('72.5', 'en')).toEqual({ number: 72.5, text: '72.5' });
    expect(typedNumber('72,5', 'en')).toBe('not-a-number');
    expect(typedNumber(' 72,5 ', 'es')).toEqual({ number: 72.5, text: '72.5' });
    expect(typedNumber('1.500', 'es')).toBe('thousands');
    expect(typedNumber('1.5', 'es')).toEqual({ number: 1.5, text: '1.5' });
    expect(typedNumber('', 'es')).toBe('empty');
  });
});

describe('the date order a column settles', () => {
  it('is read only when the values leave no doubt', () => {
    expect(suggestedOrder(['13.02.2026', '14.02.2026'])).toBe('dmy');
    expect(suggestedOrder(['02/13/2026 8:00 PM'])).toBe('mdy');
    expect(suggestedOrder(['03/04/2026'])).toBeUndefined();
    expect(suggestedOrder(['2026-02-13T08:00'])).toBe('ymd');
    expect(suggestedOrder(['1704067200'])).toBe('epoch-s');
    expect(suggestedOrder(['1704067200000'])).toBe('epoch-ms');
    expect(suggestedOrder(['13.02.26'])).toBeUndefined();
  });
});

describe('a refused line in the reader’s words', () => {
  it('recognises every reason the mapping importer gives, with the line and the cell as written', () => {
    const text = [
      'when;zone;kg;unit',
      '2026-02-01 08:00;+01:00;72.5;kg',
      '2026-02-01 08:00;+01:00;72.5',
      ';+01:00;72.5;kg',
      '01.02.26 08:00;+01:00;72.5;kg',
      '2026-02-30 08:00;+01:00;72.5;kg',
      'yesterday;+01:00;72.5;kg',
      '2026-02-01 25:00;+01:00;72.5;kg',
      '2026-02-01 08:00;Mars/Base;72.5;kg',
      '2026-02-01 08:00;;72.5;kg',
      '2026-02-01 08:00;+01:00;72,5;kg',
      '2026-02-01 08:00;+01:00;heavy;kg',
      '2026-02-01 08:00;+01:00;72.5;stone',
      '2026-02-01 08:00;+01:00;;kg',
    ].join('\n');
    const mapping: CsvMapping = {
      name: 'Scale',
      header: ['when', 'zone', 'kg', 'unit'],
      delimiter: ';',
      date: { column: 0, order: 'ymd' },
      zone: { column: 1 },
      decimal: '.',
      values: [{ column: 2, measure: 'weight', unit: { column: 3 } }],
    };
    const reasons = applyMapping(text, mapping).problems.filter((p) => p.kind).map((p) => p.reason);
    expect(reasons).toHaveLength(12);
    const es = makeI18n('es');
    const said = reasons.map((r) => {
      const { key, vars } = skippedReason(r);
      expect(key, r).not.toBe('reason_other');
      return es.t(key, vars);
    });
    expect(said).toEqual([
      'La línea 3 tiene 3 celdas y los nombres de columna son 4.',
      'La línea 4 no tiene fecha.',
      'Línea 5: la fecha «01.02.26 08:00» tiene el año en dos cifras, que podría ser de más de un siglo.',
      'Línea 6: la fecha «2026-02-30 08:00» no existe en el calendario leída en el orden elegido.',
      'Línea 7: la fecha «yesterday» no está escrita como se eligió.',
      'Línea 8: no se puede leer la hora «2026-02-01 25:00».',
      'Línea 9: no se puede leer la zona horaria «Mars/Base».',
      'Línea 10: su hora no tiene zona horaria y la correspondencia no dice cuál.',
      'Línea 11: «72,5» usa otro separador decimal que el de la correspondencia.',
      'Línea 12: «heavy» no es un número.',
      'Línea 13: la unidad «stone» no es una que Chartkeeper conozca para esta medición.',
      'La línea 14 no tiene ningún valor en las columnas elegidas.',
    ]);
  });
});

// Ranking the newest matches of a search whose word is in too many entries to rank them all.
import { describe, expect, test } from 'vitest';
import { indexTokens, rankWindow, type WindowRow } from '../../main/records/window-rank.ts';

const row = (id: number, title: string, body: string, sortDate = '2024-01-01'): WindowRow => ({ id, title, body, sortDate });

describe('rankWindow', () => {
  test('a word in the title outranks the same word in the body', () => {
    const rows = [row(1, 'Heart rate', 'Recorded by a watch'), row(2, 'Tachycardia alert', 'from the watch: heart rate 131 /min'), row(3, 'Heart rate', 'watch')];
    expect(rankWindow(rows, ['heart'], 10)).toEqual([3, 1, 2]);
  });

  test('more hits rank higher, and a shorter entry with as many hits ranks higher than a longer one', () => {
    const rows = [
      row(1, 'Note', 'glucose was checked at home and the doctor talked about diet, exercise and sleep for a long time'),
      row(2, 'Note', 'glucose low, glucose again later'),
      row(3, 'Note', 'glucose checked'),
    ];
    expect(rankWindow(rows, ['glucose'], 10)).toEqual([2, 3, 1]);
  });

  test('each word counts as a prefix; entries scoring alike come newest first, then the most recently added', () => {
    const rows = [row(10, 'Glucose', 'sensor reading', '2024-01-02'), row(11, 'Glucose', 'sensor readings', '2024-01-03'), row(12, 'Glucose', 'sensor reading', '2024-01-03')];
    expect(rankWindow(rows, ['glucose', 'reading'], 10)).toEqual([12, 11, 10]);
    expect(rankWindow(rows, ['glucose', 'reading'], 2)).toEqual([12, 11]);
  });

  test('words are read as the full-text index reads them: case and diacritics folded, split at anything but letters and digits', () => {
    expect(indexTokens('Presión ARTERIAL: 120/80 mm[Hg]')).toEqual(['presion', 'arterial', '120', '80', 'mm', 'hg']);
    const rows = [row(1, 'Presión arterial', ''), row(2, 'Frecuencia cardíaca', 'presion')];
    expect(rankWindow(rows, ['presion'], 10)).toEqual([1, 2]);
    expect(rankWindow(rows, ['cardiaca'], 10)).toEqual([2, 1]);
  });

  test('an empty window ranks nothing', () => {
    expect(rankWindow([], ['glucose'], 10)).toEqual([]);
  });
});

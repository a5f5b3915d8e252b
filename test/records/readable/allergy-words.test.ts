// FHIR's allergy severity and criticality codes read in the reader's language; a source's own
// words are kept as written (main/records/readable/allergy-words.ts).
import { expect, test } from 'vitest';
import { criticalityWords, severityWords } from '../../../main/records/readable/index.ts';

test('criticality codes in English and Spanish; other words as written', () => {
  expect(criticalityWords('high', 'es')).toBe('alto');
  expect(criticalityWords('low', 'es')).toBe('bajo');
  expect(criticalityWords('unable-to-assess', 'es')).toBe('no evaluable');
  expect(criticalityWords('unable-to-assess', 'en')).toBe('unable to assess');
  expect(criticalityWords('High', 'en')).toBe('High');
  expect(criticalityWords('Hoch', 'es')).toBe('Hoch');
  expect(criticalityWords(undefined, 'es')).toBeUndefined();
});

test('each severity code of a joined list is said; a source’s own phrase is kept', () => {
  expect(severityWords('mild, severe', 'es')).toBe('leve, grave');
  expect(severityWords('moderate', 'es')).toBe('moderada');
  expect(severityWords('Mild to moderate', 'es')).toBe('Mild to moderate');
  expect(severityWords('severe', 'en')).toBe('severe');
  // Older FHIR imports kept criticality in the severity.
  expect(severityWords('criticality high', 'es')).toBe('riesgo alto');
  expect(severityWords('criticality high', 'en')).toBe('criticality high');
});

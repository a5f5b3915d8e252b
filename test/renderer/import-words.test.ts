// The import screen's sentences in Spanish: why an entry was skipped, recognised from main's
// English sentence and said with the catalogue's words (renderer/i18n/import-errors.ts).
import { expect, test } from 'vitest';
import { skippedReason } from '../../renderer/i18n/import-errors.ts';
import { makeI18n } from '../../renderer/i18n/make.ts';

const es = makeI18n('es');
const say = (reason: string) => {
  const { key, vars } = skippedReason(reason);
  return es.t(key, vars);
};

test('the reasons the corpus gives are said in Spanish, with the source’s quoted words kept', () => {
  expect(say('The document states no known allergies; that is kept with the document, not as an entry.')).toBe(
    'El documento dice que no hay ninguno conocido; eso se guarda con el documento, no como una entrada.',
  );
  expect(say('The document states no known medications ("No known medications"); that is kept with the document, not as an entry.')).toBe(
    'El documento dice que no hay ninguno conocido («No known medications»); eso se guarda con el documento, no como una entrada.',
  );
  expect(say('"No Procedure Information Entered" stands in for absent data; it is not a procedure. Nothing to add.')).toBe(
    '«No Procedure Information Entered» indica que faltan datos; no es una entrada. No hay nada que añadir.',
  );
  expect(say('This result has no test name or code.')).toBe('La entrada no dice qué es (no tiene nombre ni código), así que no se importó.');
  expect(say('This plan of care item has no description or code.')).toBe('La entrada no dice qué es (no tiene nombre ni código), así que no se importó.');
  expect(say('The procedure list holds no information, only an empty entry; nothing to add.')).toBe('La lista no contiene información, solo una entrada vacía; no hay nada que añadir.');
  expect(say('This allergy was marked as entered in error.')).toBe('La fuente marcó esta entrada como registrada por error.');
  expect(say('1 item in the "Problems" section is only in the document\'s text, not coded: see the document.')).toBe(
    '1 elemento de la sección «Problems» solo está en el texto del documento, sin codificar: véalo en el documento.',
  );
  expect(say('3 items in the "Problems" section are only in the document\'s text, not coded: see the document.')).toContain('3 elementos de la sección «Problems»');
  expect(say('2 Device entries were not imported because Chartkeeper does not read that kind of entry yet.')).toBe(
    '2 entradas de tipo Device no se importaron porque Chartkeeper todavía no las lee.',
  );
  expect(say('The lab test "CBC" has no results.')).toBe('La entrada no tiene ningún valor ni fecha que importar.');
});

test('a reason not recognised is still a Spanish sentence, never English', () => {
  // A skipped entry's reason is always listed in the reader's language (notes without words of their own are shown as written: renderer/i18n/import-notes.ts).
  expect(say('Row 3 has no readable time, so its reading was not imported.')).toBe('No se importó como entrada.');
});

test('every title Chartkeeper writes has its own Spanish words', async () => {
  const { APP_TITLE_TEXTS, sayTitle } = await import('../../main/records/readable/titles.ts');
  for (const title of APP_TITLE_TEXTS) expect(sayTitle(title, 'es'), title).not.toBe(title);
  expect(es.title('FHIR health record')).toBe('Historial de salud FHIR');
  expect(es.title('SMART Health Card (signature not checked)')).toBe('SMART Health Card (firma no comprobada)');
});

test('a last-resort title the importer writes is said in Spanish with its code', () => {
  expect(es.title('Unnamed result (LOINC 1234-5)')).toBe('Entrada sin nombre (LOINC 1234-5)');
  expect(makeI18n('en').title('Unnamed result (LOINC 1234-5)')).toBe('Unnamed result (LOINC 1234-5)');
  expect(es.title('Unnamed (my own words)')).toBe('Unnamed (my own words)');
});

// Every sentence an import wrote without a kind of entry is said on the Import screen: in the
// reader's words when main gave its parameters, else as written (renderer/i18n/import-notes.ts).
import { expect, test } from 'vitest';
import { listedNotes, sayNote } from '../../renderer/i18n/import-notes.ts';
import { makeI18n } from '../../renderer/i18n/make.ts';

const en = makeI18n('en');
const es = makeI18n('es');
const privacy = {
  reason: '1 Consent entry was not imported because Chartkeeper does not read that kind of entry yet: “Privacy Consent”.',
  notice: { kind: 'not-read' as const, resourceType: 'Consent', count: 1, words: ['Privacy Consent'] },
};

test('an unread consent (advance directives are read; a privacy consent is not) is named, with the source’s own words, in English and Spanish', () => {
  expect(sayNote(privacy, en)).toEqual({ text: '1 consent (Consent) was not imported: Chartkeeper does not read it yet. The file says: “Privacy Consent”.' });
  expect(sayNote(privacy, es)).toEqual({
    text: '1 consentimiento (Consent) no se importó: Chartkeeper todavía no lo lee. El archivo dice: «Privacy Consent».',
  });
  const two = { ...privacy, notice: { ...privacy.notice, count: 2 } };
  expect(sayNote(two, es).text).toMatch(/^2 consentimientos \(Consent\) no se importaron/);
});

test('another unread type is named by FHIR’s name; readings kept as summaries are counted', () => {
  const device = { reason: '…', notice: { kind: 'not-read' as const, resourceType: 'Device', count: 3 } };
  expect(sayNote(device, en).text).toBe('3 entries of type Device were not imported: Chartkeeper does not read that kind of entry yet.');
  expect(sayNote(device, es).text).toBe('3 entradas de tipo Device no se importaron: Chartkeeper todavía no lee ese tipo de entrada.');
  const summarised = { reason: '…', notice: { kind: 'summarised' as const, readings: 28800, summaries: 1 } };
  expect(sayNote(summarised, es).text).toMatch(/^28\.800 lecturas del sensor se guardaron como 1 resumen diario \(/);
  expect(sayNote(summarised, en).text).toMatch(/^28,800 sensor readings were kept as 1 daily summary \(/);
});

test('a sentence without words of the screen is shown as written, marked as English in Spanish mode', () => {
  const check = { reason: 'The sentence of a newer importer that this screen has no words for yet.' };
  expect(sayNote(check, en)).toEqual({ text: check.reason });
  expect(sayNote(check, es)).toEqual({ text: check.reason, lang: 'en' });
  // One main's catalogue knows is said in Spanish.
  const known = { reason: '1 item in the "Problems" section is only in the document\'s text, not coded: see the document.' };
  expect(sayNote(known, es).text).toBe('1 elemento de la sección «Problems» solo está en el texto del documento, sin codificar: véalo en el documento.');
});

test('a card’s signature sentence is left to the card’s own block', () => {
  const notes = [{ reason: 'Signature not checked: …', notice: { kind: 'card-signature' as const } }, privacy];
  expect(listedNotes({ notes })).toEqual([privacy]);
  expect(listedNotes({})).toEqual([]);
});

test('the sentences of blood pressure tables, documents and packages are said in Spanish', () => {
  const say = (reason: string) => sayNote({ reason }, es);
  expect(say('Row 4 (300/20 mmHg) is outside what a cuff measures; it was imported as written, please check it.')).toEqual({
    text: 'La fila 4 (300/20 mmHg) está fuera de lo que mide un tensiómetro; se importó tal como está escrita, por favor revísela.',
  });
  expect(say('Row 7 gives only the diastolic pressure; it was imported alone.').text).toBe('La fila 7 solo da la presión diastólica; se importó sola.');
  expect(say('The section "Plan of care" of this document is text only, so it was not imported as entries; the original file keeps it.').text).toContain('«Plan of care»');
  expect(say("The package's checksum for DOC0001.XML does not match the file; it was imported anyway.").text).toBe(
    'La suma de comprobación del paquete para DOC0001.XML no coincide con el archivo; se importó de todos modos.',
  );
  expect(say('1 line above the header was not read.').text).toBe('No se leyó 1 línea que hay encima del encabezado.');
  expect(say('3 lines above the header were not read.').text).toBe('No se leyeron 3 líneas que hay encima del encabezado.');
});

test('a mapped table’s line to check is said in Spanish, its values as main wrote them', () => {
  expect(sayNote({ reason: 'Line 12 (weight 900 lb) is outside what is usually measured; it was imported as written, please check it.' }, es).text).toBe(
    'La línea 12 (weight 900 lb) está fuera de lo que se suele medir; se importó tal como está escrita, por favor revísela.',
  );
});

test('an unread order NOT to do something says so before its words; a C-CDA section not read is named by its title', () => {
  const not = { reason: '…', notice: { kind: 'not-read' as const, resourceType: 'ServiceRequest', count: 1, words: ['Excision of appendix'], doNotPerform: true as const } };
  expect(sayNote(not, en).text).toBe(
    '1 entry of type ServiceRequest was not imported: Chartkeeper does not read that kind of entry yet. It was an instruction NOT to do this: “Excision of appendix”.',
  );
  expect(sayNote(not, es).text).toBe(
    '1 entrada de tipo ServiceRequest no se importó: Chartkeeper todavía no lee ese tipo de entrada. Era una instrucción de NO hacer esto: «Excision of appendix».',
  );
  const bare = { reason: '…', notice: { kind: 'not-read' as const, resourceType: 'ServiceRequest', count: 2, doNotPerform: true as const } };
  expect(sayNote(bare, en).text).toMatch(/They were instructions NOT to do something\.$/);
  const section = { reason: '…', notice: { kind: 'section-not-read' as const, section: 'Instructions', count: 5 } };
  expect(sayNote(section, en).text).toBe(
    '5 entries of the “Instructions” section were not imported: Chartkeeper does not read that section yet. Its text is kept with the document.',
  );
  expect(sayNote({ ...section, notice: { ...section.notice, count: 1 } }, es).text).toBe(
    '1 entrada de la sección «Instructions» no se importó: Chartkeeper todavía no lee esa sección. Su texto se guarda con el documento.',
  );
});

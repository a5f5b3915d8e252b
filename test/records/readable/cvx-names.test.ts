// A vaccine a source gave only by its CVX code reads with CDC's name for that code, the code kept
// and the name said to be CDC's (main/records/readable/titles.ts); the names are CDC's own.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSupportingData } from '../../../main/immunizations/supporting-data.ts';
import { parseSmartHealthCards } from '../../../main/importers/shc/index.ts';
import { CDC_CVX_NAMES } from '../../../main/records/readable/cvx-names.ts';
import { bareCvxCode, sayTitle } from '../../../main/records/readable/titles.ts';
import { signedCard } from '../../support/health-card.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const corpus = path.resolve(root, '../shared/corpus/shc/health-cards');
const COVID_207 = 'COVID-19, mRNA, LNP-S, PF, 100 mcg/0.5 mL dose';

describe("CDC's names of CVX codes", () => {
  it('are exactly the short descriptions of the shipped supporting data (run scripts/cvx-names.mjs after updating resources/cdsi/)', () => {
    const data = loadSupportingData(path.join(root, 'resources/cdsi'));
    expect(CDC_CVX_NAMES).toEqual(Object.fromEntries([...data.cvx].map(([code, entry]) => [code, entry.name])));
    expect(Object.keys(CDC_CVX_NAMES).length).toBeGreaterThan(200);
    expect(CDC_CVX_NAMES['207']).toBe(COVID_207);
  });
});

describe('a title that is only a CVX code', () => {
  it('reads with CDC’s name, the code, and where the name is from, in English and Spanish', () => {
    expect(sayTitle('CVX 207', 'en')).toBe(`${COVID_207} (CVX 207; name from CDC's vaccine code list)`);
    expect(sayTitle('CVX 207', 'es')).toBe(`${COVID_207} (CVX 207; nombre en inglés de la lista de códigos de vacunas de los CDC)`);
    // The C-CDA importer's last resort names the same code the same way.
    expect(sayTitle('Unnamed vaccine (CVX 207)', 'en')).toBe(sayTitle('CVX 207', 'en'));
    expect(sayTitle('Unnamed vaccine (CVX 207)', 'es')).toBe(sayTitle('CVX 207', 'es'));
    // CVX 09 and 9 are one code (CDC writes it without the zero).
    expect(sayTitle('CVX 09', 'en')).toBe(`Td (adult), adsorbed (CVX 9; name from CDC's vaccine code list)`);
  });

  it('a code CDC’s list does not have, a name the source gave, or another system’s code read as before', () => {
    expect(sayTitle('CVX 99999', 'en')).toBe('CVX 99999');
    expect(sayTitle('Unnamed vaccine (CVX 99999)', 'es')).toBe('Entrada sin nombre (CVX 99999)');
    expect(sayTitle('Pfizer COVID-19 vaccine', 'en')).toBe('Pfizer COVID-19 vaccine');
    expect(sayTitle('Moderna (CVX 207)', 'en')).toBe('Moderna (CVX 207)');
    expect(sayTitle('SNOMED 207', 'en')).toBe('SNOMED 207');
    expect(sayTitle('Unnamed result (LOINC 207)', 'es')).toBe('Entrada sin nombre (LOINC 207)');
    expect(bareCvxCode('CVX 207 booster')).toBeUndefined();
  });

  it('a health card dose with no display is stored as "CVX 208" and reads with CDC’s name; one with a display keeps it', () => {
    const doc = parseSmartHealthCards({ verifiableCredential: [signedCard()] }).documents[0]!;
    const doses = doc.records.filter((r) => r.kind === 'immunization');
    expect(doses.length).toBeGreaterThan(0);
    for (const dose of doses) {
      expect(dose.title).toBe(`CVX ${dose.codes[0]!.code}`);
      expect(sayTitle(dose.title, 'en')).toBe(`${CDC_CVX_NAMES[dose.codes[0]!.code]} (CVX ${dose.codes[0]!.code}; name from CDC's vaccine code list)`);
    }
  });

  it.skipIf(!existsSync(corpus))('the spec’s example card: both doses read as CDC’s CVX 207', () => {
    const parsed = parseSmartHealthCards(JSON.parse(readFileSync(path.join(corpus, 'example-03-e-file.smart-health-card'), 'utf8')));
    const titles = parsed.documents[0]!.records.filter((r) => r.kind === 'immunization').map((r) => sayTitle(r.title, 'es'));
    expect(titles).toEqual([0, 1].map(() => `${COVID_207} (CVX 207; nombre en inglés de la lista de códigos de vacunas de los CDC)`));
  });
});

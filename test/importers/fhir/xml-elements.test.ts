// The FHIR XML reader's table of element shapes is generated from the R4 structure
// definitions; this fails when the committed table and the generator's output part ways.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { buildTable, readTypes } from '../../../scripts/fhir-xml-elements.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('r4-elements.json', () => {
  const committed = JSON.parse(readFileSync(path.join(repoRoot, 'main/importers/fhir/xml/r4-elements.json'), 'utf8')) as Record<string, Record<string, string>>;

  it('is what scripts/fhir-xml-elements.mjs makes from the R4 structure definitions', () => {
    expect(committed).toEqual(buildTable(readTypes()));
  });

  it('knows the shapes the importer depends on', () => {
    expect(committed['Observation']).toMatchObject({ category: '*CodeableConcept', valueBoolean: 'b', valueInteger: 'n', component: '*Observation.component', contained: '*R' });
    expect(committed['Quantity']).toMatchObject({ value: 'n' });
    expect(committed['Narrative']).toMatchObject({ div: 'x' });
    expect(committed['HumanName']).toMatchObject({ given: '*s' });
    expect(committed['Bundle.entry']).toMatchObject({ resource: 'R', link: '*Bundle.link' });
    expect(committed['Observation.component']).toMatchObject({ referenceRange: '*Observation.referenceRange' });
  });
});

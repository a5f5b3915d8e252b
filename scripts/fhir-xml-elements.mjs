// Writes main/importers/fhir/xml/r4-elements.json: for every FHIR R4 resource, data type and
// backbone element, the elements whose JSON form differs from "one string" (repeating,
// boolean, number, xhtml, a resource, or a structure with elements of its own). The FHIR XML
// reader needs exactly that to give XML the same shape as the JSON the importer reads.
// Source: the R4 structure definitions as the `fhir` package (a dev dependency) ships them
// parsed. Run `node scripts/fhir-xml-elements.mjs` after updating that package;
// test/importers/fhir/xml-elements.test.ts fails when the committed table is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const OUT = fileURLToPath(new URL('../main/importers/fhir/xml/r4-elements.json', import.meta.url));

const NUMBER = new Set(['integer', 'decimal', 'positiveInt', 'unsignedInt']);

export function buildTable(types) {
  const table = {};
  const visit = (key, properties) => {
    const elements = {};
    for (const p of properties) {
      const name = p._name;
      if (name.startsWith('_')) continue;
      let code;
      if (p._properties?.length) {
        code = `${key}.${name}`;
        visit(code, p._properties);
      } else if (p._type.startsWith('#')) code = p._type.slice(1);
      else if (p._type === 'boolean') code = 'b';
      else if (NUMBER.has(p._type)) code = 'n';
      else if (p._type === 'xhtml') code = 'x';
      else if (p._type === 'Resource') code = 'R';
      else if (types[p._type]?._kind === 'primitive-type' || p._type === 'string') code = 's';
      else code = p._type;
      if (code === 's' && !p._multiple) continue;
      elements[name] = (p._multiple ? '*' : '') + code;
    }
    table[key] = elements;
  };
  for (const [name, type] of Object.entries(types)) {
    if (type._kind === 'primitive-type') continue;
    visit(name, type._properties ?? []);
  }
  return table;
}

export function readTypes() {
  return JSON.parse(readFileSync(require.resolve('fhir/profiles/types.json'), 'utf8'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OUT, `${JSON.stringify(buildTable(readTypes()))}\n`);
  console.log(`wrote ${OUT}`);
}

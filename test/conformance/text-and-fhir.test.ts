// Conformance over the shared corpus: every VA text, CMS text, CMS FHIR and FHIR R4 sample
// imports without any error but ImportError, and files not marked NEGATIVE import with a
// patient and at least the entries counted here by simple rules independent of the importers.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCmsText, looksLikeCmsText } from '../../main/importers/cms-text/index.ts';
import { ImportError } from '../../main/importers/errors.ts';
import { parseFhir } from '../../main/importers/fhir/index.ts';
import { decodeText } from '../../main/importers/text/decode.ts';
import { looksLikeVaText, parseVaText } from '../../main/importers/va-text/index.ts';
import type { ImportedDocument, ReportKind } from '../../main/records/model.ts';
import { REPORT_KIND_OF } from '../../main/records/model.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const haveCorpus = fs.existsSync(path.join(corpus, 'MANIFEST.tsv'));

function negatives(): Set<string> {
  if (!haveCorpus) return new Set();
  const rows = fs.readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8').split('\n');
  return new Set(rows.filter((r) => /NEGATIVE/.test(r.split('\t')[6] ?? '')).map((r) => r.split('\t')[0]!));
}

function filesIn(folder: string): string[] {
  const root = path.join(corpus, folder);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .map((f) => path.join(folder, f))
    .filter((f) => fs.statSync(path.join(corpus, f)).isFile())
    .sort();
}

/** Records plus skipped entries of one report kind. */
function seen(doc: ImportedDocument, kinds: ReportKind[]): number {
  const records = doc.records.filter((r) => {
    const k = REPORT_KIND_OF[r.kind];
    return k !== null && kinds.includes(k);
  }).length;
  return records + doc.problems.filter((p) => p.kind && kinds.includes(p.kind)).length;
}

const NEGATIVE = negatives();

function expectOnlyImportError(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/^[A-Z].*[.]$/);
    return error;
  }
}

// --- VA text: count rows by section with a rule of their own ----------------------------
function vaSections(text: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of text.split('\n')) {
    const header = /^-{3,} ?([A-Za-z][A-Za-z /():-]+?) ?-{3,}\s*$/.exec(line.trim());
    if (header) {
      current = [];
      sections.set(header[1]!.toUpperCase(), current);
    } else current?.push(line);
  }
  return sections;
}

function countLines(lines: string[] | undefined, pattern: RegExp): number {
  return (lines ?? []).filter((l) => pattern.test(l)).length;
}

describe.skipIf(!haveCorpus)('conformance: VA text', () => {
  for (const file of filesIn('va-text')) {
    it(file, () => {
      const text = decodeText(fs.readFileSync(path.join(corpus, file)));
      const outcome = expectOnlyImportError(() => parseVaText(text));
      if (NEGATIVE.has(file)) {
        expect(looksLikeVaText(text) && !(outcome instanceof ImportError)).toBe(false);
        return;
      }
      expect(outcome).not.toBeInstanceOf(ImportError);
      const doc = outcome as ImportedDocument;
      expect(doc.patient.name).toBeTruthy();
      const s = vaSections(text);
      expect(seen(doc, ['medications'])).toBeGreaterThanOrEqual(countLines(s.get('VA MEDICATION HISTORY'), /^Medication:/));
      expect(seen(doc, ['allergies'])).toBeGreaterThanOrEqual(
        countLines(s.get('VA ALLERGIES'), /^Allergy Name:/) + countLines(s.get('SELF REPORTED ALLERGIES') ?? s.get('ALLERGIES/ADVERSE REACTIONS'), /^Allergy Name:/),
      );
      expect(seen(doc, ['problems'])).toBeGreaterThanOrEqual(countLines(s.get('VA PROBLEM LIST'), /^Problem:/));
      expect(seen(doc, ['immunizations'])).toBeGreaterThanOrEqual(countLines(s.get('VA IMMUNIZATIONS'), /^Immunization:/));
      expect(seen(doc, ['results'])).toBeGreaterThanOrEqual(countLines(s.get('VA LABORATORY RESULTS'), /^Test Name:/));
      expect(seen(doc, ['vitals'])).toBeGreaterThanOrEqual(countLines(s.get('VA VITALS AND READINGS'), /^Vital Sign:/));
      const appointments = countLines(s.get('VA APPOINTMENTS'), /^Date\/Time:/);
      expect(doc.records.filter((r) => r.kind === 'encounter' || r.kind === 'appointment').length + seen(doc, ['encounters'])).toBeGreaterThanOrEqual(appointments);
    });
  }
});

// --- CMS text ------------------------------------------------------------------------------
describe.skipIf(!haveCorpus)('conformance: CMS text', () => {
  for (const file of filesIn('cms-text')) {
    it(file, () => {
      const text = decodeText(fs.readFileSync(path.join(corpus, file)));
      const outcome = expectOnlyImportError(() => parseCmsText(text));
      if (NEGATIVE.has(file)) {
        expect(looksLikeCmsText(text) && !(outcome instanceof ImportError)).toBe(false);
        return;
      }
      const doc = outcome as ImportedDocument;
      expect(doc.patient.name).toBeTruthy();
      const distinct = (re: RegExp) => new Set([...text.matchAll(re)].map((m) => m[1]!.trim())).size;
      const count = (re: RegExp) => [...text.matchAll(re)].length;
      expect(seen(doc, ['claims'])).toBeGreaterThanOrEqual(distinct(/^Claim Number:\s*(\S+)/gm));
      expect(seen(doc, ['problems'])).toBeGreaterThanOrEqual(count(/^Condition Name:/gm));
      expect(seen(doc, ['allergies'])).toBeGreaterThanOrEqual(count(/^Allergy Name:/gm));
      expect(seen(doc, ['immunizations'])).toBeGreaterThanOrEqual(count(/^Immunization Name:/gm));
      expect(seen(doc, ['coverage'])).toBeGreaterThanOrEqual(count(/^(Insurer Name|Contract ID\/Plan ID|Employer Plan):/gm));
    });
  }
});

// --- FHIR ----------------------------------------------------------------------------------
const KIND_OF_TYPE: Record<string, ReportKind[]> = {
  Condition: ['problems'],
  AllergyIntolerance: ['allergies'],
  Immunization: ['immunizations'],
  Procedure: ['procedures'],
  Encounter: ['encounters'],
  MedicationRequest: ['medications'],
  MedicationStatement: ['medications'],
  Coverage: ['coverage'],
  ExplanationOfBenefit: ['claims'],
  Observation: ['results', 'vitals', 'social'],
};

function resourcesOf(value: Record<string, unknown>): Record<string, unknown>[] {
  if (value['resourceType'] !== 'Bundle') return [value];
  const entries = (value['entry'] as { resource?: Record<string, unknown> }[] | undefined) ?? [];
  return entries.flatMap((e) => (e.resource ? resourcesOf(e.resource) : []));
}

/** A file names a person when it has a Patient or any resource points at one. */
function namesAPerson(resources: Record<string, unknown>[]): boolean {
  return resources.some(
    (r) => r['resourceType'] === 'Patient' || ['subject', 'patient', 'beneficiary'].some((f) => r[f] && typeof r[f] === 'object'),
  );
}

for (const folder of ['cms-fhir', 'fhir-r4']) {
  describe.skipIf(!haveCorpus)(`conformance: ${folder}`, () => {
    for (const file of filesIn(folder).filter((f) => f.endsWith('.json'))) {
      it(file, () => {
        const json = JSON.parse(decodeText(fs.readFileSync(path.join(corpus, file)))) as Record<string, unknown>;
        const outcome = expectOnlyImportError(() => parseFhir(json));
        const resources = resourcesOf(json);
        if (NEGATIVE.has(file)) return;
        if (!namesAPerson(resources)) {
          // Practitioner/Organization/conformance-resource files belong to no one.
          expect(outcome).toBeInstanceOf(ImportError);
          return;
        }
        expect(outcome).not.toBeInstanceOf(ImportError);
        const { format, documents } = outcome as ReturnType<typeof parseFhir>;
        if (folder === 'cms-fhir') expect(format).toBe('cms-fhir');
        expect(documents).toHaveLength(1);
        const doc = documents[0]!;
        const patient = doc.patient;
        expect(patient.name ?? patient.identifiers?.[0]?.value).toBeTruthy();
        const counts = new Map<string, number>();
        for (const r of resources) {
          const type = String(r['resourceType']);
          counts.set(type, (counts.get(type) ?? 0) + 1);
        }
        for (const [type, kinds] of Object.entries(KIND_OF_TYPE)) {
          expect(seen(doc, kinds), `${type} in ${file}`).toBeGreaterThanOrEqual(counts.get(type) ?? 0);
        }
      });
    }
  });
}

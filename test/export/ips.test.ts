// The International Patient Summary export: the IG's structural rules (ips-rules.ts) checked on
// Chartkeeper's exports of corpus profiles and on the official IPS examples, the importer
// reading those examples, and the round trip export → import → the same problems, medications,
// allergies and immunizations.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipsSectionEntries } from '../../main/export/ips.ts';
import { parseFhir } from '../../main/importers/fhir/index.ts';
import type { EntryKind, StoredEntry } from '../../main/records/model.ts';
import { roundTrip } from './compare.ts';
import { FIXED_NOW, testApi, type TestApi } from './helpers.ts';
import { fhirErrors } from './fhir-validator.ts';
import { ipsProblems, REQUIRED_SECTIONS } from './ips-rules.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const available = fs.existsSync(path.join(corpus, 'MANIFEST.tsv'));

type Json = Record<string, any>;

const SUMMARY_KINDS: EntryKind[] = ['problem', 'medication', 'allergy', 'immunization'];

/** One corpus file per format that carries clinical content. */
const PROFILES = [
  'ccda/hl7-ccda-examples/Documents/Progress Note/Progress_Note.xml',
  'c32/amida-blue-button/C32.xml',
  'fhir-r4/smart-generated-sample-data/Gus_Dicki_aa293eaa-6dc4-4503-a296-89d035aa9b1c.json',
  'va-text/amida-blue-button/VA_My_HealtheVet_Blue_Button_Sample_Version_12_5.txt',
  'xdm/nist-iheos-toolkit2/XDM-Samples/Sage.zip',
];

async function importInto(t: TestApi, profileId: string, name: string, bytes: Uint8Array<ArrayBuffer>) {
  const report = await t.call('import.files', { profileId, files: [{ name, bytes }], force: true });
  expect(report.files[0]?.error).toBeUndefined();
}

/** What the FHIR importer notes it did not read (the import report shows only entries of a kind). */
function unread(bundle: unknown): string[] {
  return parseFhir(bundle).documents.flatMap((d) => d.problems.map((p) => p.reason));
}

async function exportIps(t: TestApi, profileId: string, language?: 'en' | 'es'): Promise<{ bundle: Json; bytes: Uint8Array<ArrayBuffer> }> {
  const saved = await t.call('export.ips', { profileId, ...(language ? { language } : {}) });
  const bytes = new Uint8Array(fs.readFileSync(saved!.savedTo));
  return { bundle: JSON.parse(Buffer.from(bytes).toString('utf8')) as Json, bytes };
}

function section(bundle: Json, loinc: string): Json | undefined {
  return (bundle['entry'][0].resource.section as Json[]).find((s) => s['code'].coding[0].code === loinc);
}

function resourceAt(bundle: Json, reference: string): Json {
  return (bundle['entry'] as Json[]).find((e) => e['fullUrl'] === reference)!['resource'] as Json;
}

const CODE_FIELD: Record<string, string> = {
  Condition: 'code',
  AllergyIntolerance: 'code',
  MedicationStatement: 'medicationCodeableConcept',
  Immunization: 'vaccineCode',
  Observation: 'code',
  Procedure: 'code',
};

describe('FHIR R4 validation of the export (the fhir library)', () => {
  it('finds nothing wrong in an export, and finds what a broken one breaks', async () => {
    const t = testApi();
    try {
      await t.call('vault.create', { passphrase: 'ips validator' });
      const a = (await t.call('profiles.add', { name: 'Empty', birthDate: '1970-01-01' })).id;
      const { bundle } = await exportIps(t, a);
      expect(fhirErrors(bundle)).toEqual([]);
      const broken = structuredClone(bundle);
      broken['entry'][0].resource.status = 'nearly-done';
      delete broken['entry'][0].resource.type;
      const errors = fhirErrors(broken);
      expect(errors.some((e) => e.startsWith('Composition.status'))).toBe(true);
      expect(errors.some((e) => e.includes('Composition.type'))).toBe(true);
    } finally {
      t.cleanup();
    }
  });
});

describe('IPS structural rules', () => {
  it('find what a document breaks', () => {
    const broken = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:1',
          resource: {
            resourceType: 'Composition',
            type: { coding: [{ system: 'http://loinc.org', code: '34133-9' }] },
            status: 'final',
            section: [{ title: 'Problems', code: { coding: [{ system: 'http://loinc.org', code: '11450-4' }] }, entry: [{ reference: 'urn:uuid:2' }] }],
          },
        },
      ],
    };
    const found = ipsProblems(broken, { uuidFullUrls: true });
    expect(found).toEqual(
      expect.arrayContaining([
        'Bundle.type is collection, not document',
        'Bundle.identifier missing',
        'Bundle.timestamp missing',
        'entry 0 fullUrl urn:uuid:1 is not a urn:uuid',
        'Composition.type is not LOINC 60591-5',
        'Composition.date missing',
        'Composition.subject does not resolve to a Patient',
        'Composition.author missing',
        'required section allergies (48765-2) missing',
        'section 0 (Problems): no xhtml narrative',
        'section 0 (Problems): entry urn:uuid:2 does not resolve inside the bundle',
      ]),
    );
  });
});

describe.skipIf(!available)('the official IPS examples', () => {
  const dir = path.join(corpus, 'ips');
  const files = available
    ? fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  // Not IPS documents as the IG defines them: the manifest says so for each.
  const NOT_DOCUMENTS: Record<string, string[]> = {
    'IPSviewer/US_MEDITECH_ips_1.json': ['Bundle.type is searchset, not document', 'Bundle.identifier missing', 'Bundle.timestamp missing'],
    'fhir-ips/Bundle-IPS-examples-Bundle-01.json': ['Bundle.timestamp missing'],
  };

  it.each(files)('%s passes the structural checks (or breaks exactly the rules its manifest line names)', (file) => {
    const bundle = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as unknown;
    expect(ipsProblems(bundle)).toEqual(NOT_DOCUMENTS[file] ?? []);
  });

  it.each(files)('%s imports as a FHIR file with its problems, medications, allergies and immunizations', async (file) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, file)));
    const bundle = JSON.parse(Buffer.from(bytes).toString('utf8')) as Json;
    const t = testApi();
    try {
      await t.call('vault.create', { passphrase: 'ips examples' });
      const id = (await t.call('profiles.add', { name: 'Example', birthDate: '1970-01-01' })).id;
      await importInto(t, id, path.basename(file), bytes);
      const skipped = unread(bundle);
      expect(skipped.filter((reason) => reason.includes('Composition'))).toEqual([]);
      if (file === 'IPSviewer/full_ips.json') expect(skipped).toContainEqual(expect.stringContaining('The section "Patient Story" of this document is text only'));
      const entries = await t.call('records.list', { profileId: id, kinds: SUMMARY_KINDS });
      const types = new Set((bundle['entry'] as Json[]).map((e) => e['resource']?.resourceType as string));
      const expectKind = { Condition: 'problem', MedicationStatement: 'medication', AllergyIntolerance: 'allergy', Immunization: 'immunization' };
      // "No known allergies" and the like are the document's statements, not entries.
      const statedNone = new Set<string>(parseFhir(bundle).documents[0]!.document.statements?.map((s) => s.kind));
      const reportKind: Record<string, string> = { problem: 'problems', medication: 'medications', allergy: 'allergies', immunization: 'immunizations' };
      for (const [type, kind] of Object.entries(expectKind)) {
        if (types.has(type)) expect(entries.some((e) => e.kind === kind) || statedNone.has(reportKind[kind] ?? ''), `${type} → ${kind}`).toBe(true);
      }
    } finally {
      t.cleanup();
    }
  });
});

describe('IPS export of a profile', () => {
  it('an empty profile keeps the three required sections, each saying nothing is known, in English and Spanish', async () => {
    const t = testApi();
    try {
      await t.call('vault.create', { passphrase: 'ips empty profile' });
      const id = (await t.call('profiles.add', { name: 'Nadie Vacío', birthDate: '1980-02-03' })).id;
      for (const language of ['en', 'es'] as const) {
        const { bundle } = await exportIps(t, id, language);
        expect(ipsProblems(bundle, { uuidFullUrls: true })).toEqual([]);
        const composition = bundle['entry'][0].resource as Json;
        expect(composition['language']).toBe(language);
        expect(composition['date']).toBe(FIXED_NOW.toISOString());
        expect((composition['section'] as Json[]).map((s) => s['code'].coding[0].code)).toEqual(Object.values(REQUIRED_SECTIONS));
        for (const s of composition['section'] as Json[]) {
          expect(s['entry']).toBeUndefined();
          expect(s['emptyReason'].coding[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code: 'unavailable' });
          expect(s['text'].div).toContain(language === 'es' ? 'Sin información' : 'No information');
        }
        expect(composition['title']).toBe(language === 'es' ? 'Resumen Internacional del Paciente: Nadie Vacío' : 'International Patient Summary: Nadie Vacío');
      }
    } finally {
      t.cleanup();
    }
  });

  it('follows the record: only active problems and current medications, every allergy still listed, escaped narrative', async () => {
    const t = testApi();
    try {
      await t.call('vault.create', { passphrase: 'ips current rules' });
      const id = (await t.call('profiles.add', { name: 'Ann Example', birthDate: '1950-01-31' })).id;
      const save = (entry: Json) => t.call('records.save', { profileId: id, entry: entry as never });
      await save({ kind: 'problem', title: 'Asthma <mild> & "seasonal"', status: 'active', start: '2010-05' });
      await save({ kind: 'problem', title: 'Broken wrist', status: 'resolved', start: '2015-01-01', end: '2015-03-01' });
      await save({ kind: 'medication', title: 'Salbutamol inhaler', status: 'active' });
      await save({ kind: 'medication', title: 'Amoxicillin', start: '2020-01-01', end: '2020-01-10' });
      await save({ kind: 'allergy', title: 'Penicillin', details: { reactions: ['Hives'] } });
      await save({ kind: 'immunization', title: 'Influenza vaccine', start: '2024-10-01' });
      const { bundle } = await exportIps(t, id);
      expect(ipsProblems(bundle, { uuidFullUrls: true })).toEqual([]);
      const titles = (loinc: string) =>
        (section(bundle, loinc)?.['entry'] as Json[]).map((r) => {
          const resource = resourceAt(bundle, r['reference']);
          return resource[CODE_FIELD[resource['resourceType']]!].text as string;
        });
      expect(titles('11450-4')).toEqual(['Asthma <mild> & "seasonal"']);
      expect(titles('10160-0')).toEqual(['Salbutamol inhaler']);
      expect(titles('48765-2')).toEqual(['Penicillin']);
      expect(titles('11369-6')).toEqual(['Influenza vaccine']);
      const div = section(bundle, '11450-4')!['text'].div as string;
      expect(div).toContain('Asthma &lt;mild&gt; &amp; &quot;seasonal&quot;');
      expect(div).not.toContain('<mild>');
      expect(section(bundle, '30954-2')).toBeUndefined();
      // In Spanish the narrative's own words are Spanish, statuses included; the source's titles stay.
      const es = (await exportIps(t, id, 'es')).bundle;
      const esDiv = section(es, '11450-4')!['text'].div as string;
      expect(esDiv).toContain('<td>Activo</td>');
      expect(esDiv).not.toMatch(/>active</i);
      expect(esDiv).toContain('Asthma &lt;mild&gt;');
    } finally {
      t.cleanup();
    }
  });
});

describe.skipIf(!available)('IPS export of corpus profiles', () => {
  it.each(available ? PROFILES : [])('%s: conforms, and round-trips its problems, medications, allergies and immunizations', async (relative) => {
    const t = testApi();
    try {
      await t.call('vault.create', { passphrase: 'ips corpus' });
      const a = (await t.call('profiles.add', { name: 'Original', birthDate: '1970-01-01' })).id;
      await importInto(t, a, path.basename(relative), new Uint8Array(fs.readFileSync(path.join(corpus, relative))));
      const original = await t.call('records.list', { profileId: a, kinds: [...SUMMARY_KINDS, 'result', 'vital', 'procedure', 'plan'] });
      const { bundle, bytes } = await exportIps(t, a);
      expect(ipsProblems(bundle, { uuidFullUrls: true })).toEqual([]);

      // Each section holds exactly the entries the record's rules choose, each with its words.
      const chosen = ipsSectionEntries(original, FIXED_NOW.toISOString().slice(0, 10), 'en');
      const sections = bundle['entry'][0].resource.section as Json[];
      const counts = Object.fromEntries(sections.map((s) => [s['code'].coding[0].code, (s['entry'] ?? []).length]));
      expect(counts['11450-4']).toBe(chosen.problems.length);
      expect(counts['10160-0']).toBe(chosen.medications.length);
      expect(counts['48765-2']).toBe(chosen.allergies.length);
      expect(counts['11369-6'] ?? 0).toBe(chosen.immunizations.length);
      expect(counts['30954-2'] ?? 0).toBe(chosen.results.length);
      expect(counts['8716-3'] ?? 0).toBe(chosen.vitals.length);
      for (const s of sections) {
        for (const r of s['entry'] ?? []) {
          const resource = resourceAt(bundle, r['reference']);
          const field = CODE_FIELD[resource['resourceType']];
          if (field) expect(resource[field].text, `${resource['resourceType']} text`).toBeTruthy();
        }
      }
      expect(Object.values(chosen).flat().length).toBeGreaterThan(0);

      const b = (await t.call('profiles.add', { name: 'Copy', birthDate: '1970-01-01' })).id;
      await importInto(t, b, 'ips.json', bytes);
      // The Composition is read as the document's structure, not reported as something unread.
      expect(unread(bundle).filter((reason) => /Composition|section/.test(reason))).toEqual([]);
      const copy = await t.call('records.list', { profileId: b, kinds: SUMMARY_KINDS });
      const exported: StoredEntry[] = [...chosen.problems, ...chosen.medications, ...chosen.allergies, ...chosen.immunizations];
      const { expected, actual } = roundTrip(exported, copy);
      expect(actual).toEqual(expected);
    } finally {
      t.cleanup();
    }
  });
});

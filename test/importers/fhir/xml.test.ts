// FHIR XML reads as the JSON form of the same resources: checked rule by rule on a fixture
// written for it, and on the IPS examples that exist in both syntaxes.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, parseFile } from '../../../main/importers/index.ts';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import { readFhirXml } from '../../../main/importers/fhir/xml/read.ts';
import type { RecordDraft } from '../../../main/records/model.ts';
import { severityOf } from '../../../main/records/readable/allergy-words.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const fixtures = path.join(repoRoot, 'test/fixtures/fhir');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));

const bytes = (text: string) => new TextEncoder().encode(text);

/** Entries as a person would compare them (where each came from in the file aside). */
const comparable = (records: RecordDraft[]) => records.map(({ sourceLocation: _, ...rest }) => rest);

describe('FHIR XML → JSON form', () => {
  it('follows FHIR’s XML rules: value attributes, repeats, _name extensions, numbers, booleans, contained, nested bundles, XHTML', () => {
    const fromXml = readFhirXml(fixture('xml-shapes.xml').toString('utf8'));
    const expected = JSON.parse(fixture('xml-shapes.json').toString('utf8')) as unknown;
    expect(fromXml).toEqual(expected);
  });

  it('gives the same entries as the JSON of the same bundle', () => {
    const xml = parseFile(fixture('xml-shapes.xml'), 'xml-shapes.xml');
    const json = parseFhir(JSON.parse(fixture('xml-shapes.json').toString('utf8')));
    expect(xml.format).toBe('fhir-r4');
    const [fromXml, fromJson] = [xml.documents[0]!, json.documents[0]!];
    expect(fromXml.document.variant).toBe('FHIR R4 (XML)');
    expect(fromXml.patient).toEqual(fromJson.patient);
    expect(comparable(fromXml.records)).toEqual(comparable(fromJson.records));
    expect(fromXml.records.find((r) => r.kind === 'medication')).toMatchObject({ title: 'Amlodipine 5 MG Oral Tablet', details: { dose: '1.5 tablet' } });
    expect(fromXml.records.find((r) => r.kind === 'result')).toMatchObject({ title: 'Hemoglobin', value: { number: 13.2, text: '<13.2', unit: 'g/dL' } });
  });

  it('is detected as FHIR by its namespace, not its name', () => {
    expect(detectFormat(fixture('xml-shapes.xml'), 'x.txt')).toBe('fhir-r4');
    expect(detectFormat(bytes('<Bundle xmlns="urn:other"><type value="collection"/></Bundle>'), 'b.xml')).toBeNull();
    expect(() => parseFile(bytes('<Bundle xmlns="urn:other"><type value="collection"/></Bundle>'), 'b.xml')).toThrow(/not a health record Chartkeeper can read/);
  });

  it('refuses a DOCTYPE or entity, malformed XML and an unknown resource with one sentence', () => {
    const doctype = '<?xml version="1.0"?><!DOCTYPE Bundle [<!ENTITY x "boom">]><Bundle xmlns="http://hl7.org/fhir"><id value="&x;"/></Bundle>';
    expect(() => parseFile(bytes(doctype), 'd.xml')).toThrow(ImportError);
    expect(() => parseFile(bytes(doctype), 'd.xml')).toThrow(/DOCTYPE or entity declaration/);
    expect(() => parseFile(bytes('<Bundle xmlns="http://hl7.org/fhir"><entry><resource>'), 'm.xml')).toThrow(/damaged or incomplete/);
    expect(() => parseFile(bytes('<Frobnicator xmlns="http://hl7.org/fhir"><id value="1"/></Frobnicator>'), 'f.xml')).toThrow(
      /is a FHIR Frobnicator, which is not a kind of FHIR resource Chartkeeper knows/,
    );
  });

  it('keeps a value that is not of its type as written, rather than another value', () => {
    const xml = '<Observation xmlns="http://hl7.org/fhir"><status value="final"/><code><text value="x"/></code><valueQuantity><value value="1,5"/></valueQuantity><valueBoolean value="yes"/></Observation>';
    expect(readFhirXml(xml)).toMatchObject({ valueQuantity: { value: '1,5' }, valueBoolean: 'yes' });
  });

  it('keeps every repeat of an element it does not know', () => {
    const xml = '<Patient xmlns="http://hl7.org/fhir"><futureThing value="a"/><futureThing value="b"/></Patient>';
    expect(readFhirXml(xml)).toEqual({ resourceType: 'Patient', futureThing: ['a', 'b'] });
  });
});

const haveCorpus = existsSync(path.join(corpus, 'ips'));

describe.skipIf(!haveCorpus)('the IPS examples in FHIR XML', () => {
  const read = (rel: string) => parseFile(readFileSync(path.join(corpus, rel)), path.basename(rel));

  it('imports the IG’s Bundle-01 in XML with the same entries as its JSON', () => {
    const xml = read('ips/fhir-ips/IPS-bundle-01.xml').documents[0]!;
    const json = read('ips/IPSviewer/IPS_IG-bundle-01.json').documents[0]!;
    expect(xml.patient).toMatchObject({ name: 'Martha DeLarosa', birthDate: '1972-05-01', sex: 'female' });
    expect(xml.patient).toEqual(json.patient);
    expect(xml.records.length).toBeGreaterThanOrEqual(11);
    // The two files are different editions of the example: the XML codes its conditions'
    // severity with LOINC answers ("Moderate", LA6751-7), the JSON with SNOMED ("Moderate
    // severity", 6736007). Each is kept as written; both read as the same severity.
    const withoutSeverity = (records: RecordDraft[]) =>
      comparable(records).map((r) => ({ ...r, details: Object.fromEntries(Object.entries(r.details).filter(([k]) => k !== 'severity' && k !== 'severityCodes')) }));
    expect(withoutSeverity(xml.records)).toEqual(withoutSeverity(json.records));
    const severities = (records: RecordDraft[], language: 'en' | 'es') => records.filter((r) => r.kind === 'problem').map((r) => severityOf(r.details, language));
    expect(severities(xml.records, 'es')).toEqual(severities(json.records, 'es'));
    expect(severities(json.records, 'es').filter(Boolean)).toEqual(['moderada', 'grave']);
    expect(json.records.find((r) => r.details.severity === 'Moderate severity')?.details.severityCodes).toEqual([{ system: 'SNOMED', code: '6736007', display: 'Moderate severity' }]);
    // "No known food allergies" is the document's statement, not an allergy.
    expect(xml.document.statements).toEqual([{ kind: 'allergies', text: 'No known food allergy (situation)' }]);
    expect(xml.document.statements).toEqual(json.document.statements);
    expect(xml.records).toContainEqual(expect.objectContaining({ kind: 'result', title: 'Hemoglobin A1c/Hemoglobin.total in Blood by HPLC', value: { number: 7.5, text: '7.5', unit: '%' } }));
    expect(xml.records).toContainEqual(expect.objectContaining({ kind: 'medication', title: 'Product containing anastrozole (medicinal product)', details: expect.objectContaining({ dose: '1 tablet' }) }));
    expect(xml.document.date).toBe(json.document.date);
  });

  it('imports the UK example in XML', () => {
    const parsed = read('ips/IPSviewer/UK_IPS_Example.xml');
    const doc = parsed.documents[0]!;
    expect(parsed.format).toBe('fhir-r4');
    expect(doc.patient).toMatchObject({ name: 'Horace SKELLY', birthDate: '1925-04-21', sex: 'male' });
    expect(doc.document.authorOrganization).toBe('COXWOLD SURGERY');
    expect(doc.records).toContainEqual(
      expect.objectContaining({ kind: 'allergy', title: 'Sesame oil (substance)', details: expect.objectContaining({ reactions: ['Difficulty breathing'], severity: 'severe' }) }),
    );
    expect(doc.records.filter((r) => r.kind === 'problem').map((r) => r.title)).toEqual(
      expect.arrayContaining(['Anxiety with depression', 'Swollen legs', 'Postviral cough', 'Upper respiratory infection']),
    );
    expect(doc.records.filter((r) => r.kind === 'medication').map((r) => r.title)).toEqual(
      expect.arrayContaining(['Sertraline 100mg tablets', 'Metformin 1g modified release tablets']),
    );
    // The prescriber picked the multilex coding (userSelected); the SNOMED coding, whose display
    // disagrees with it (2G), is kept with its own words beside it.
    const metformin = doc.records.find((r) => r.kind === 'medication' && r.title.startsWith('Metformin'))!;
    expect(metformin.codes.map((c) => [c.code, c.display])).toEqual([
      ['16967001', 'Metformin 1g modified release tablets'],
      ['411533003', 'Metformin 2G Modified-Release tablets'],
    ]);
  });
});

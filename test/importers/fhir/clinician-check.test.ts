// What a clinician's field-by-field check of FHIR and IPS files found: "No known allergy" read
// as an allergy, "No information about problems" as a problem, an unconfirmed allergy as a
// confirmed one, a reaction's own words and the names of who recorded or interpreted dropped,
// two allergies made one by a "-" code, and a medicine's start given only in its dosage lost.
// Fixtures reproduce each pattern; the corpus files where they were found are read when present.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import { absenceSaid } from '../../../main/importers/fhir/none-known.ts';
import { ok, testApi } from '../../support/api.ts';
import { tempDir } from '../../support/temp.ts';

const fixturePath = path.join(import.meta.dirname, '../../fixtures/fhir/clinician-check-bundle.json');
const fixture = () => parseFhir(JSON.parse(fs.readFileSync(fixturePath, 'utf8'))).documents[0]!;
const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');
const haveCorpus = fs.existsSync(path.join(corpus, 'MANIFEST.tsv'));
const corpusDoc = (file: string) => parseFhir(JSON.parse(fs.readFileSync(path.join(corpus, file), 'utf8'))).documents[0]!;

describe('"none known" in FHIR (fixture)', () => {
  const doc = fixture();
  const at = (id: string) => doc.records.find((r) => r.sourceLocation?.endsWith(`/${id}`));

  it('keeps "No known allergy", "No current problems" and "No known current medications" as the document’s statements, not entries', () => {
    for (const id of ['nka', 'nkfa', 'noprob', 'nomeds']) expect(at(id), id).toBeUndefined();
    expect(doc.document.statements).toEqual([
      { kind: 'allergies', date: '2024-12-10', text: 'No known allergy' },
      { kind: 'allergies', text: 'no-known-food-allergies' },
      { kind: 'problems', date: '2025-03-30', text: 'No current problems or disability' },
      { kind: 'medications', date: '2026-04-09', text: 'No known current medications' },
    ]);
    expect(doc.problems).toContainEqual({
      kind: 'allergies',
      reason: 'The document states no known allergies ("No known allergy"); that is kept with the document, not as an entry.',
      where: 'AllergyIntolerance/nka',
    });
  });

  it('reads "No information about problems" as nothing at all: no entry, no statement', () => {
    expect(at('noinfo')).toBeUndefined();
    expect(doc.document.statements?.some((s) => s.text?.includes('information'))).toBe(false);
    expect(doc.problems).toContainEqual({ kind: 'problems', reason: 'The problem list holds no information, only an empty entry; nothing to add.', where: 'Condition/noinfo' });
  });

  it('keeps an entry whose code names a thing, whatever its words', () => {
    expect(at('asthma')).toMatchObject({ kind: 'problem', title: 'No known trigger asthma' });
    expect(absenceSaid({ coding: [{ system: 'http://snomed.info/sct', code: '195967001' }], text: 'No known trigger asthma' })).toBeUndefined();
    expect(absenceSaid({ text: 'NKDA' })).toBe('none-known');
    expect(absenceSaid({ text: 'Penicillin' })).toBeUndefined();
  });

  it('says an unconfirmed allergy is unconfirmed, and keeps what its reaction says', () => {
    expect(at('pen')!.details).toMatchObject({
      reactions: ['Itching'],
      severity: 'moderate',
      criticality: 'low',
      comment: 'Verification: unconfirmed. Reaction to Amoxicillin (substance). Itching for a day. whilst taking it',
    });
  });

  it('keeps who recorded a condition, who interpreted a report and who set a goal', () => {
    expect(at('ulcer')).toMatchObject({ status: 'resolved', start: '2016-08-10', end: '2016-08-17', details: { comment: 'Recorded by Dr Ronald Bone' } });
    expect(at('ulcer')!.details.performers).toBeUndefined();
    expect(at('ekg')!.details.performers).toEqual(['Dr Ronald Bone']);
    expect(at('g')!.details).toEqual({ comment: 'Expressed by Dr Ronald Bone', plannedFor: '2016-04-05' });
    // One practitioner named twice, as performer and as interpreter, is one person.
    expect(at('xray')!.details.performers).toEqual(['Ronald Bone']);
  });

  it('keeps where a hospital stay ended (its discharge disposition)', () => {
    expect(at('stay')).toMatchObject({
      title: 'inpatient encounter visit',
      start: '2020-02-01',
      end: '2020-02-03',
      details: { dischargeDisposition: 'Discharged to Home', dischargeDispositionCodes: [{ system: 'unknown', code: '01', display: 'Discharged to Home' }] },
    });
    expect(at('stay')!.details.comment).toBeUndefined();
  });

  it('dates a medicine by its dosage’s bounds when nothing else dates it, before when it was asserted', () => {
    expect(at('ramipril')).toMatchObject({ start: '2011-11-29', status: 'completed', details: { dose: '0.5 Tablet', instructions: 'Morgens 1/2 Tablette nehmen' } });
    expect(at('ramipril')!.end).toBeUndefined();
    expect(at('course')).toMatchObject({ start: '2019-12-01', end: '2019-12-10' });
  });

  it('keeps a care plan’s narrative when the source says it holds more than its coded parts, one line per block', () => {
    expect(at('ulcer-plan')).toMatchObject({
      title: 'Care Plan',
      start: '2025-09-27',
      narrative: 'Ulcer plan\nHeal the ulcer & relieve pain.\nActivities\nPPI: omeprazole 40 mg daily\nDiet',
      details: { comment: 'Addresses: Duodenal ulcer' },
    });
    // A generated narrative only restates the coded parts.
    expect(at('generated-plan')!.narrative).toBeUndefined();
  });

  it('keeps the procedures a hospital claim lists, with their dates, never filed as diagnosis codes', () => {
    const claim = at('stay-claim')!;
    expect(claim.details.comment).toBe('Procedures: BQ0HZZZ PLAIN RADIOGRAPHY OF LEFT ANKLE (2016-01-16); 2W52X6Z REMOVAL OF PRESSURE DRESSING ON NECK (2016-01-15)');
    expect(claim.codes).toEqual([{ system: 'ICD10PCS', code: 'BQ0HZZZ', display: 'PLAIN RADIOGRAPHY OF LEFT ANKLE' }]);
    expect(claim.details.diagnoses).toBeUndefined();
  });

  it('does not read a "-" code as a code', () => {
    expect(at('ceph')!.codes).toEqual([]);
    expect(at('seafood')!.codes).toEqual([]);
  });

  it('keeps two allergies coded only "-" apart in the vault', async () => {
    const api = testApi(path.join(tempDir('ck-none-known-'), 'vault'));
    await ok(api, 'vault.create', { passphrase: 'none known fixture' });
    const profile = await ok(api, 'profiles.add', { name: 'Nora Nadie', birthDate: '1960-03-04' });
    const bytes = new Uint8Array(fs.readFileSync(fixturePath));
    await ok(api, 'import.files', { profileId: profile.id, files: [{ name: 'clinician-check-bundle.json', bytes }] });
    const allergies = await ok(api, 'records.list', { profileId: profile.id, kinds: ['allergy'] });
    expect(allergies.map((a) => a.title).sort()).toEqual(['Penicillin (substance)', 'Seafood', 'cephalosporins']);
    const docs = await ok(api, 'documents.list', { profileId: profile.id });
    const stored = await ok(api, 'documents.get', { profileId: profile.id, sourceId: docs[0]!.id });
    expect(stored.statements.map((s) => s.kind)).toEqual(['allergies', 'allergies', 'problems', 'medications']);
  });
});

describe.skipIf(!haveCorpus)('"none known" in the IPS examples', () => {
  it('Bundle-aups-noknownx.json: three statements, no entries', () => {
    const doc = corpusDoc('ips/IPSviewer/Bundle-aups-noknownx.json');
    expect(doc.records.filter((r) => ['allergy', 'problem', 'medication'].includes(r.kind))).toEqual([]);
    expect(doc.document.statements).toEqual([
      { kind: 'allergies', date: '2024-12-10', text: 'No known allergy' },
      { kind: 'medications', date: '2025-05-14', text: 'No known current medicines' },
      { kind: 'problems', date: '2025-03-30', text: 'No current problems or disability' },
    ]);
  });

  it('Bundle-NZPSNoClinicalInfoBundle.json: the words alone say none known; an Immunizations section empty as "nilknown" says it too', () => {
    const doc = corpusDoc('ips/IPSviewer/Bundle-NZPSNoClinicalInfoBundle.json');
    expect(doc.records.filter((r) => ['allergy', 'problem', 'medication'].includes(r.kind))).toEqual([]);
    expect(doc.document.statements?.map((s) => s.text).sort()).toEqual([
      'No immunization history is known for this example patient.',
      'No known allergies',
      'No known current medications',
      'No known current problems or disability',
    ]);
  });

  it('AU-example-sparked.json: "No known allergy" is a statement; its problems and medicines stay', () => {
    const doc = corpusDoc('ips/IPSviewer/AU-example-sparked.json');
    expect(doc.records.filter((r) => r.kind === 'allergy')).toEqual([]);
    expect(doc.document.statements).toEqual([{ kind: 'allergies', text: 'No known allergy' }]);
    expect(doc.records.filter((r) => r.kind === 'problem').map((r) => r.title).sort()).toEqual(['Anaemia', 'Gestational diabetes']);
  });

  it('CH_HL7CH_Examples_01.json: no "No information about problems" problem; the unconfirmed penicillin allergy says so', () => {
    const doc = corpusDoc('ips/IPSviewer/CH_HL7CH_Examples_01.json');
    expect(doc.records.filter((r) => r.kind === 'problem').map((r) => r.title)).toEqual(['Endokarditis 1999']);
    const penicillin = doc.records.find((r) => r.kind === 'allergy')!;
    expect(penicillin.details.criticality).toBe('low');
    expect(penicillin.details.comment).toMatch(/^Verification: unconfirmed\. Reaction to Amoxicillin \(substance\)\. Itching of Skin during 24hours, 3 times vomitus\. respiratory tract infection whilst taking\. Prick-Test positiv$/);
  });

  it('cms-fhir eobReadInpatient.json (v1 and v2): the stay’s six procedures are kept with their dates', () => {
    for (const version of ['v1', 'v2']) {
      const claim = corpusDoc(`cms-fhir/cmsgov-bfd/${version}/eobReadInpatient.json`).records.find((r) => r.kind === 'claim')!;
      expect(claim.details.comment).toContain('Procedures: BQ0HZZZ PLAIN RADIOGRAPHY OF LEFT ANKLE (2016-01-16); CD1YYZZ');
      expect(claim.details.comment?.match(/\(\d{4}-\d{2}-\d{2}\)/g)).toHaveLength(6);
      expect(claim.codes.some((c) => c.system === 'ICD10CM')).toBe(false);
    }
  });

  it('US Core allergyintolerance-example.json: a mild rash with high criticality keeps the high risk in its own field', () => {
    const allergy = corpusDoc('fhir-r4/hl7-us-core/allergyintolerance-example.json').records[0]!;
    expect(allergy.details).toMatchObject({ severity: 'mild', criticality: 'high', reactions: ['skin rash'], comment: 'Recorded by Dr Ronald Bone' });
  });

  it('US_Epic_Jan_emptyReason.json: the Allergies section empty as "nilknown" is the document’s "no known allergies"; "not asked" medicines say nothing', () => {
    const doc = corpusDoc('ips/IPSviewer/US_Epic_Jan_emptyReason.json');
    expect(doc.document.statements).toEqual([{ kind: 'allergies', date: '2025-01-15T19:27:32Z', text: 'No known active allergies' }]);
    expect(doc.records.filter((r) => r.kind === 'allergy' || r.kind === 'medication')).toEqual([]);
  });

  it('HK_IPS_Sample1.json: Seafood is not merged into cephalosporins', () => {
    const doc = corpusDoc('ips/IPSviewer/HK_IPS_Sample1.json');
    const allergies = doc.records.filter((r) => r.kind === 'allergy');
    expect(allergies.map((a) => [a.title, a.codes, a.details.comment])).toEqual([
      ['cephalosporins', [], undefined],
      ['Seafood', [], 'Verification: unconfirmed'],
    ]);
  });
});

// C-CDA negationInd="true" on a result, vital sign, encounter, social history and functional
// status observation: kept as the source's statement that it is not so (status not-done, the
// source's value, codes and reason as written), read per kind in English and Spanish, and never
// shown as present by what reads entries (trends, flags, blood-pressure pairs, At a glance, the
// visit summary's selections, the emergency card, reconciliation). The corpus files that carry
// such negations are checked too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordDraft, StoredEntry } from '../../../main/records/model.ts';
import { decide } from '../../../main/records/reconcile.ts';
import { abnormalFlag, groupEntries, notSoValue, notSoWords, saysNotSo } from '../../../main/records/readable/index.ts';
import { groupableOf } from '../../../main/records/readable/groups.ts';
import { trendKeysOf } from '../../../main/records/trends.ts';
import { latestAbnormal, isUpcoming } from '../../../main/glance/select.ts';
import { latestVitals } from '../../../main/summary/build.ts';
import { recentOfKind, resultSeries } from '../../../main/summary/select.ts';
import { parseFile } from '../../../main/importers/index.ts';
import { skippedReason } from '../../../renderer/i18n/import-errors.ts';
import { proposedObservations } from '../../../main/immunizations/observations.ts';
import { defaultSupportingData } from '../../../main/immunizations/supporting-data.ts';
import { fixtures, fromCorpus, load, present, reasons, records } from './cda-docs.ts';

const docs = load(path.join(fixtures, 'negated-findings.xml'));
const all = records(docs);
const byTitle = (title: string) => all.filter((r) => r.title === title);
const one = (title: string): RecordDraft => {
  const found = byTitle(title);
  expect(found).toHaveLength(1);
  return found[0]!;
};

let nextId = 1;
const stored = (draft: RecordDraft): StoredEntry => ({ ...structuredClone(draft), id: nextId++, manual: false, sources: [], sourceCount: 1 }) as unknown as StoredEntry;

describe('C-CDA negationInd on results, vitals, encounters, social history and functional status', () => {
  it('keeps a negated result with its value, codes, interpretation and reason, marked not-done', () => {
    const strep = one('Streptococcus pyogenes Ag [Presence] in Throat by Rapid immunoassay');
    expect(strep).toMatchObject({
      kind: 'result',
      status: 'not-done',
      value: { text: 'Detected' },
      interpretation: 'POS',
      codes: [{ system: 'LOINC', code: '78012-2' }],
      details: { comment: 'Reason: Procedure refused', panel: 'Hematology studies (set)' },
    });
    const a1c = byTitle('Hemoglobin A1c/Hemoglobin.total in Blood');
    expect(a1c.map((r) => [r.start, r.status, r.value?.text])).toEqual([
      ['2024-02-10', 'not-done', '7.2'],
      ['2023-11-05', 'completed', '6.1'],
    ]);
  });

  it('keeps a negated vital sign, encounter, social history item and functional finding, each marked', () => {
    expect(one('Systolic blood pressure')).toMatchObject({ kind: 'vital', status: 'not-done', value: { number: 150, unit: 'mm[Hg]' } });
    expect(one('Diastolic blood pressure')).toMatchObject({ kind: 'vital', status: 'completed' });
    expect(one('Office outpatient visit 15 minutes')).toMatchObject({ kind: 'encounter', status: 'not-done', start: '2024-02-15', details: { performers: ['Omar Haddad'] } });
    expect(one('Tobacco smoking status')).toMatchObject({ kind: 'social', status: 'not-done', value: { text: 'Smokes tobacco daily' } });
    expect(one('Comatose')).toMatchObject({ kind: 'functional', status: 'not-done', codes: [{ system: 'SNOMED', code: '371632003' }, { system: 'SNOMED', code: '373930000' }] });
    expect(one('Diabetes mellitus type 2')).toMatchObject({ kind: 'family', status: 'not-done', details: { relation: 'Mother' } });
  });

  it('skips a negated finding without a value whose own words say its data is not available', () => {
    const xml = readFileSync(path.join(fixtures, 'negated-findings.xml'), 'utf8').replace('<text><paragraph>Cognitive function</paragraph></text>', '<text><paragraph ID="cog">Cognitive status not available</paragraph></text>').replace(
      '<code code="373930000" codeSystem="2.16.840.1.113883.6.96" displayName="Cognitive function finding"/>',
      '<code code="373930000" codeSystem="2.16.840.1.113883.6.96" displayName="Cognitive function finding"/><text><reference value="#cog"/></text>',
    );
    const read = parseFile(Buffer.from(xml), 'placeholder.xml').documents;
    expect(records(read, 'functional')).toEqual([]);
    expect(reasons(read)).toContain('"Cognitive status not available" stands in for absent data; it is not a functional status item. Nothing to add.');
  });

  it('makes no entry and no "none known" statement of a negated result that names nothing', () => {
    expect(all.filter((r) => r.kind === 'result')).toHaveLength(3);
    expect(docs[0]?.document.statements ?? []).toEqual([]);
    expect(reasons(docs)).toEqual(['"Results not documented" stands in for absent data; it is not a result. Nothing to add.']);
  });

  it('says in words, per kind and in both languages, that the source states it is not so', () => {
    const words = (title: string, lang: 'en' | 'es') => notSoWords(one(title), lang);
    expect(words('Streptococcus pyogenes Ag [Presence] in Throat by Rapid immunoassay', 'en')).toBe('Not found (the source says so)');
    expect(words('Streptococcus pyogenes Ag [Presence] in Throat by Rapid immunoassay', 'es')).toBe('No encontrado (según la fuente)');
    expect(words('Office outpatient visit 15 minutes', 'en')).toBe('Did not take place (the source says so)');
    expect(words('Office outpatient visit 15 minutes', 'es')).toBe('No tuvo lugar (según la fuente)');
    expect(words('Tobacco smoking status', 'en')).toBe('Not the case (the source says so)');
    expect(words('Systolic blood pressure', 'es')).toBe('No es así (según la fuente)');
    expect(words('Comatose', 'en')).toBe('Not found (the source says so)');
    expect(words('Diabetes mellitus type 2', 'es')).toBe('No es así (según la fuente)');
    expect(words('Diastolic blood pressure', 'en')).toBeUndefined();
    expect(notSoValue('Detected', 'en')).toBe('not “Detected”');
    expect(notSoValue('Detectado', 'es')).toBe('no «Detectado»');
    // A procedure or medicine not done keeps its own words ("Not done"); only findings and visits read as "not so".
    expect(saysNotSo({ kind: 'procedure', status: 'not-done' })).toBe(false);
  });

  it('never draws, flags or pairs a negated value', () => {
    const negatedA1c = byTitle('Hemoglobin A1c/Hemoglobin.total in Blood')[0]!;
    expect(trendKeysOf(negatedA1c)).toEqual([]);
    expect(trendKeysOf(byTitle('Hemoglobin A1c/Hemoglobin.total in Blood')[1]!)).toEqual(['4548-4']);
    expect(abnormalFlag(negatedA1c)).toBeUndefined();
    expect(abnormalFlag({ ...negatedA1c, status: 'completed' })).toEqual({ flag: 'high', from: 'code' });
    const vitals = [one('Systolic blood pressure'), one('Diastolic blood pressure')].map(stored);
    const lines = groupEntries(vitals.map(groupableOf))[0]!.lines;
    expect(lines.map((l) => l.type)).toEqual(['entry', 'entry']);
  });

  it('leaves negated entries out of At a glance and the visit summary’s choices', () => {
    const entries = all.map(stored);
    expect(latestAbnormal(entries)).toEqual([]);
    const series = resultSeries(entries);
    expect(series.map((s) => [s.title, s.latest.value?.text, s.entries.length])).toEqual([['Hemoglobin A1c/Hemoglobin.total in Blood', '6.1', 1]]);
    expect(latestVitals(entries)?.lines.map((l) => (l.type === 'entry' ? l.entry.entry.title : 'pair'))).toEqual(['Diastolic blood pressure']);
    expect(recentOfKind(entries, 'encounter', '2024-03-01').shown).toEqual([]);
    const visit = entries.find((e) => e.kind === 'encounter')!;
    expect(isUpcoming({ ...visit, start: '2030-01-01' }, '2024-03-01')).toBe(false);
  });

  it('never merges a negated entry with a positive one of the same code, and shows them side by side', () => {
    for (const title of ['Streptococcus pyogenes Ag [Presence] in Throat by Rapid immunoassay', 'Office outpatient visit 15 minutes', 'Tobacco smoking status', 'Comatose', 'Diabetes mellitus type 2']) {
      const negated = one(title);
      const positive: RecordDraft = { ...structuredClone(negated), status: 'completed' };
      delete positive.details.comment;
      expect(decide(structuredClone(negated), [{ id: 7, entry: positive }]), title).toEqual({
        action: 'possible-duplicate',
        ofEntryId: 7,
        reason: 'Same entry, but one source says it is not so',
      });
      expect(decide(structuredClone(negated), [{ id: 7, entry: structuredClone(negated) }]), title).toEqual({ action: 'merge', entryId: 7 });
    }
  });
});

describe('a procedure the source says was not done', () => {
  it('is not proposed as an observation for the vaccine schedule (a splenectomy not done never happened)', () => {
    const data = defaultSupportingData();
    const code = [...data.observations.values()].flatMap((o) => o.codedValues).find((v) => v.system === 'SNOMED' && v.code !== '')!.code;
    const procedure = (status: string) => stored({ kind: 'procedure', title: 'Coded procedure', codes: [{ system: 'SNOMED', code }], status, start: '2020-01-01', details: {} });
    expect(proposedObservations([procedure('completed')], data, '2024-03-01')).toHaveLength(1);
    expect(proposedObservations([procedure('not-done')], data, '2024-03-01')).toEqual([]);
  });
});

describe.runIf(present)('C-CDA negationInd in the corpus', () => {
  it('reads the negated smoking statuses of NextGen as not so, with their words kept', () => {
    const social = records(fromCorpus('ccda/jddamore-ccda-samples/NextGen/1.3AllPatients-C0001597.xml'), 'social');
    const negated = social.filter((r) => r.status === 'not-done').map((r) => [r.title, r.value?.text]);
    expect(negated).toEqual([
      ['Tobacco smoking status NHIS', 'Never smoker'],
      ['History of tobacco use', 'Current non-smoker'],
    ]);
  });

  it('skips Allscripts’ negated "No impairment" whose text says the data is excluded, with its reason', () => {
    const docs = fromCorpus('ccda/jddamore-ccda-samples/Allscripts Sunrise/C-CDA_400700201_20160902122113_Bates_Jeremy.xml');
    expect(records(docs, 'functional').filter((r) => r.codes.some((c) => c.code === '66557003'))).toEqual([]);
    expect(reasons(docs)).toContain('"Functional Status excluded/not available" stands in for absent data; it is not a functional status item. Nothing to add.');
  });

  it('reads the negated "Comatose" cognitive finding as not found', () => {
    const functional = records(fromCorpus('ccda/amida-blue-button/CCDA_Functional_Status_v1.xml'), 'functional');
    expect(functional.find((r) => r.title === 'Comatose')?.status).toBe('not-done');
  });

  it('still skips the negated results that name nothing ("Results not documented")', () => {
    const docs = fromCorpus('ccda/jddamore-ccda-samples/Allscripts TouchWorks/SusanTurner_170.315_b2_ciri__r21_sample1_ccd_export.xml');
    expect(records(docs, 'result').filter((r) => r.status === 'not-done')).toEqual([]);
  });
});

describe('FHIR: a modifier extension', () => {
  const observation = (modifierExtension?: unknown[]) => ({
    resourceType: 'Observation',
    id: 'strep',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '78012-2' }], text: 'Strep A antigen' },
    effectiveDateTime: '2024-02-10',
    valueCodeableConcept: { text: 'Detected' },
    ...(modifierExtension ? { modifierExtension } : {}),
  });
  const read = (resource: object) =>
    parseFile(Buffer.from(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', id: 'p' } }, { resource }] })), 'bundle.json').documents;

  it('Chartkeeper’s own negation mark reads back as not so', () => {
    const docs = read(observation([{ url: 'urn:chartkeeper:fhir:negated', valueBoolean: true }]));
    expect(records(docs, 'result').map((r) => [r.title, r.status, r.value?.text])).toEqual([['Strep A antigen', 'not-done', 'Detected']]);
  });

  it('one Chartkeeper does not know keeps the entry out, with a reason in both languages', () => {
    const docs = read(observation([{ url: 'http://example.org/fhir/StructureDefinition/finding-absent', valueBoolean: true }]));
    expect(records(docs)).toEqual([]);
    const [reason] = reasons(docs);
    expect(reason).toBe(
      'This Observation carries a modifier extension Chartkeeper does not know (http://example.org/fhir/StructureDefinition/finding-absent); it may change what the entry means, so it was not imported.',
    );
    expect(docs[0]?.problems[0]?.kind).toBe('results');
    expect(skippedReason(reason!)).toEqual({ key: 'reason_unknownModifier', vars: { text: 'http://example.org/fhir/StructureDefinition/finding-absent' } });
    // Without it the same resource is read, as positive as the source says.
    expect(records(read(observation()), 'result').map((r) => r.status)).toEqual(['completed']);
  });
});

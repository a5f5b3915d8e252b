// At a glance and the allergy list say what they leave out: allergies the person said are wrong
// or hid (named, with whose record lists them), and a source's "no known allergies" statement
// where nothing of its kind is current, never otherwise. Pure, then through the API on public
// sample documents that state "none known".

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGlance } from '../../main/glance/select.ts';
import type { EntryKind, PersonalStatement, ProvenanceLink, StoredEntry } from '../../main/records/model.ts';
import { allergiesLeftOutLine, allergiesLeftOutSentence, noneKnownLine, noneKnownToShow, type NoneKnownListKind, type SourceNoneKnown } from '../../main/records/readable/left-out.ts';
import { stringsFor } from '../../main/summary/strings.ts';
import { ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const TODAY = '2026-12-06';
let nextId = 1;

function listed(kind: EntryKind, title: string, provider: string, status: string, personal?: PersonalStatement['kind']): StoredEntry {
  const link: ProvenanceLink = { sourceId: nextId++, provider, format: 'ccda', documentDate: '2026-01-01', importedAt: '2026-02-01T10:00:00Z', original: { kind, title, codes: [], details: {}, status } };
  const id = nextId++;
  return {
    kind,
    title,
    codes: [],
    details: kind === 'allergy' ? { substance: title } : {},
    status,
    id,
    manual: false,
    possibleDuplicates: [],
    sources: [link],
    ...(personal ? { personal: [{ id: nextId++, kind: personal, date: '2026-11-01', madeAt: '2026-11-01T09:00:00Z' }] } : {}),
  };
}

const statement = (kind: NoneKnownListKind, sourceId: number, date: string | undefined, text?: string): SourceNoneKnown => ({
  kind,
  sourceId,
  provider: `Clinic ${sourceId}`,
  ...(date ? { date } : {}),
  ...(text ? { text } : {}),
});

describe('what the lists leave out, in words', () => {
  it('names allergies marked wrong or hidden with whose record lists them, in English and Spanish', () => {
    expect(allergiesLeftOutLine('wrong', [{ name: 'Penicillin', providers: ['Dr Ruiz'] }], 'en')).toBe("1 allergy you marked as wrong: Penicillin — from Dr Ruiz's record");
    expect(allergiesLeftOutLine('hidden', [{ name: 'Latex', providers: [] }, { name: 'Sulfa', providers: ['A', 'B'] }], 'en')).toBe('2 allergies you hid: Latex; Sulfa — from the records of A, B');
    expect(allergiesLeftOutLine('wrong', [{ name: 'Penicilina', providers: ['Dr Ruiz'] }], 'es')).toBe('1 alergia que marcó como incorrecta: Penicilina — del registro de Dr Ruiz');
    // One record's name is said once for all it lists.
    const same = [
      { name: 'Ampicillin', providers: ['Clinic'] },
      { name: 'Latex', providers: ['Hospital'] },
      { name: 'Penicillin G', providers: ['Clinic'] },
    ];
    expect(allergiesLeftOutLine('wrong', same, 'en')).toBe("3 allergies you marked as wrong: Ampicillin, Penicillin G — from Clinic's record; Latex — from Hospital's record");
    expect(allergiesLeftOutLine('wrong', same, 'es')).toBe('3 alergias que marcó como incorrectas: Ampicillin, Penicillin G — del registro de Clinic; Latex — del registro de Hospital');
    // The visit summary says it through the same module.
    expect(stringsFor('es').allergiesLeftOut('hidden', 'Latex')).toBe(allergiesLeftOutSentence('hidden', 'Latex', 'es'));
  });

  it("leads with the source's own words when it gave any, so the line never says more than the source", () => {
    expect(noneKnownLine({ kind: 'allergies' }, 'Clinic', 'Mar 3, 2024', 'en')).toBe('No known allergies — per Clinic, Mar 3, 2024');
    expect(noneKnownLine({ kind: 'allergies', text: 'No Known Drug Allergies' }, 'Clinic', undefined, 'es')).toBe('No Known Drug Allergies — según Clinic');
    expect(noneKnownLine({ kind: 'medications' }, 'Clínica', '3 mar 2024', 'es')).toBe('Sin medicamentos conocidos — según Clínica, 3 mar 2024');
  });

  it('shows the newest statement of the kind asked, an undated one only when none is dated', () => {
    const said = [statement('allergies', 1, undefined), statement('allergies', 2, '2020-01-01'), statement('allergies', 3, '2024-05-01'), statement('medications', 4, '2025-01-01')];
    expect(noneKnownToShow(said, 'allergies')?.sourceId).toBe(3);
    expect(noneKnownToShow([statement('allergies', 1, undefined)], 'allergies')?.sourceId).toBe(1);
    expect(noneKnownToShow(said, 'problems')).toBeUndefined();
  });
});

describe('At a glance: what is left out', () => {
  it('lists allergies the person said are wrong or hid, and never shows them as current', () => {
    const wrong = listed('allergy', 'Penicillin', 'Dr Ruiz', 'active', 'wrong');
    const hidden = listed('allergy', 'Latex', 'Hospital', 'active', 'hidden');
    const kept = listed('allergy', 'Sulfa', 'Hospital', 'active');
    const glance = buildGlance({ today: TODAY, current: [wrong, hidden, kept], results: [], planned: [], imports: [] });
    expect(glance.allergies.map((i) => i.entry.title)).toEqual(['Sulfa']);
    expect(glance.allergiesLeftOut.map((a) => [a.entry.title, a.why])).toEqual([
      ['Latex', 'hidden'],
      ['Penicillin', 'wrong'],
    ]);
  });

  it('asks for "none known" statements only for lists with nothing current, and shows none no source made', () => {
    const asked: NoneKnownListKind[][] = [];
    const said = [statement('allergies', 1, '2017-08-08', 'NKDA'), statement('medications', 1, '2017-08-08'), statement('problems', 1, '2017-08-08')];
    const reader = (kinds: NoneKnownListKind[]) => {
      asked.push(kinds);
      return said.filter((s) => kinds.includes(s.kind));
    };
    // A current allergy (even one a source never confirmed in a year) keeps the statement away.
    const allergy = listed('allergy', 'Sulfa', 'Hospital', 'active');
    const glance = buildGlance({ today: TODAY, current: [allergy], results: [], planned: [], imports: [], noneKnown: reader });
    expect(asked).toEqual([['medications', 'problems']]);
    expect(glance.noneKnown.allergies).toBeUndefined();
    expect(glance.noneKnown.medications?.sourceId).toBe(1);
    // The person's "wrong" on the only allergy empties the list: the source's statement shows, and so does the line naming it.
    const marked = listed('allergy', 'Sulfa', 'Hospital', 'active', 'wrong');
    const second = buildGlance({ today: TODAY, current: [marked], results: [], planned: [], imports: [], noneKnown: reader });
    expect(second.noneKnown.allergies?.text).toBe('NKDA');
    expect(second.allergiesLeftOut).toHaveLength(1);
    // No source said so: nothing is shown.
    const silent = buildGlance({ today: TODAY, current: [], results: [], planned: [], imports: [], noneKnown: () => [] });
    expect(silent.noneKnown).toEqual({});
  });
});

const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/ccda/jddamore-ccda-samples');
const NKDA = 'MedConnect/CCDA7_JONES_TUCKER_45.xml';
const WITH_ALLERGIES = 'HealthGrid/t1fulls1.xml';

describe.skipIf(!existsSync(path.join(corpus, NKDA)) || !existsSync(path.join(corpus, WITH_ALLERGIES)))('through the API, on public sample documents', () => {
  it('shows the document\'s "No Known Drug Allergies" until another source lists an allergy; a wrong one is named', async () => {
    const api = testApi(path.join(tempDir(), 'v'));
    await ok(api, 'vault.create', { passphrase: 'correct horse battery' });
    const profile = await ok(api, 'profiles.add', { name: 'Caregiver Test', birthDate: '1950-01-01' });
    const file = (f: string) => ({ name: path.basename(f), bytes: new Uint8Array(readFileSync(path.join(corpus, f))) });
    await ok(api, 'import.files', { profileId: profile.id, files: [file(NKDA)], force: true });
    const first = await ok(api, 'glance.get', { profileId: profile.id, today: TODAY });
    expect(first.allergies).toEqual([]);
    expect(first.noneKnown.allergies).toMatchObject({ provider: 'MedConnect MU3 Clinic', date: '2017-08-08', text: 'No Known Drug Allergies' });
    const listStatements = await ok(api, 'records.noneKnown', { profileId: profile.id, kinds: ['allergies'] });
    expect(listStatements.map((s) => s.kind)).toEqual(['allergies']);

    await ok(api, 'import.files', { profileId: profile.id, files: [file(WITH_ALLERGIES)], force: true });
    const second = await ok(api, 'glance.get', { profileId: profile.id, today: TODAY });
    expect(second.allergies.length).toBeGreaterThan(0);
    expect(second.noneKnown.allergies).toBeUndefined();

    const ampicillin = second.allergies.find((i) => i.entry.title === 'Ampicillin')!.entry;
    await ok(api, 'statements.add', { profileId: profile.id, entryId: ampicillin.id, kind: 'wrong' });
    const third = await ok(api, 'glance.get', { profileId: profile.id, today: TODAY });
    expect(third.allergies.map((i) => i.entry.id)).not.toContain(ampicillin.id);
    expect(third.allergiesLeftOut.map((a) => [a.entry.id, a.why])).toEqual([[ampicillin.id, 'wrong']]);
  });
});

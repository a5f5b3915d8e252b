import { describe, expect, it } from 'vitest';
import type { RecordDraft } from '../../main/records/model.ts';
import { blockingKeys, decide, medicationDoseDifference, medicationDoseKey, mergeDrafts } from '../../main/records/reconcile.ts';
import { draft, fluShot, glucoseAt, metforminClinicA, metforminHospitalB } from './drafts.ts';

const one = (entry: RecordDraft, id = 7) => [{ id, entry }];
const shareKey = (x: RecordDraft, y: RecordDraft) => blockingKeys(x).some((key) => blockingKeys(y).includes(key));

describe('medications', () => {
  it('merges the same metformin from two providers with different names and codes', () => {
    const a = metforminClinicA();
    const b = metforminHospitalB();
    expect(decide(b, one(a))).toEqual({ action: 'merge', entryId: 7 });
    expect(blockingKeys(a)).toContain('med|name:metformin');
    expect(blockingKeys(b)).toContain('med|name:metformin');
    expect(blockingKeys(b)).toContain('med|RXNORM:860975');
    expect(blockingKeys(b)).toContain('med|NDC:00093-1048-01');
  });

  it('merges on an equal RxNorm code even when the names share nothing', () => {
    const brand = draft({
      kind: 'medication',
      title: 'Glucophage',
      codes: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '861007' }],
      start: '2020-01-01',
    });
    expect(decide(brand, one(metforminClinicA()))).toEqual({ action: 'merge', entryId: 7 });
    expect(shareKey(brand, metforminClinicA())).toBe(true);
  });

  it('flags a different strength of the same medicine with a plain reason', () => {
    const higher = draft({
      kind: 'medication',
      title: 'Metformin 1000 MG Oral Tablet',
      codes: [{ system: 'RXNORM', code: '861004' }],
      start: '2022-02-01',
    });
    const decision = decide(higher, one(metforminClinicA()));
    expect(decision).toEqual({
      action: 'possible-duplicate',
      ofEntryId: 7,
      reason: 'Same medicine, different dose: 500 mg vs 1000 mg',
    });
  });

  it('flags a different number of tablets when the strength is the same', () => {
    const two = { ...metforminHospitalB(), details: { dose: '2 tablets' } };
    const decision = decide(two, one(metforminClinicA()));
    expect(decision.action).toBe('possible-duplicate');
    if (decision.action === 'possible-duplicate') expect(decision.reason).toContain('1 tablet vs 2 tablets');
  });

  it('never calls an amount taken a different dose from the product\'s concentration', () => {
    // "100 UNT/ML" is no strength the reader knows, so that entry's dose is read instead: "30
    // units" is how much is taken, "100 units/mL" what the pen holds; the two doses agree.
    const lantus = draft({
      kind: 'medication',
      title: 'Lantus 100 units/mL subcutaneous solution',
      codes: [{ system: 'RXNORM', code: '261551' }],
      start: '2009-01-09',
      details: { dose: '30 units' },
    });
    const glargine = draft({
      kind: 'medication',
      title: 'Insulin Glargine 100 UNT/ML Injectable Solution',
      codes: [{ system: 'RXNORM', code: '311041' }, { system: 'RXNORM', code: '261551' }],
      start: '2009-01-09',
      details: { dose: '30.0 units' },
    });
    expect(decide(glargine, one(lantus))).toEqual({ action: 'merge', entryId: 7 });
    // Two amounts taken still differ.
    const more = { ...lantus, details: { dose: '40 units' } };
    expect(decide(more, one(lantus))).toEqual({ action: 'possible-duplicate', ofEntryId: 7, reason: 'Same medicine, different dose: 30 units vs 40 units' });
  });

  describe('held against every source of the entry, not only the dose it shows', () => {
    // One insulin from three sources: the first gives a bare number (no unit), the next two
    // give 40 units and 30 units. The merged entry shows the first source's "1", which agrees
    // with any dose; the 40 units it also holds does not agree with 30 units.
    const insulin = (dose: string, title = 'Lantus 100 units/mL subcutaneous solution') =>
      draft({ kind: 'medication', title, codes: [{ system: 'RXNORM', code: '311041' }], start: '2013-10-28', details: { dose } });
    const bare = insulin('1', 'Lantus');
    const forty = insulin('40 units');
    const entry = mergeDrafts(bare, forty);
    const withSources = (sources: RecordDraft[]) => [{ id: 7, entry, sources: () => sources }];

    it('flags 30 units against an entry whose sources said "1" and 40 units', () => {
      expect(entry.details.dose).toBe('1');
      // The bare number alone lets 40 units join it, as before.
      expect(decide(forty, [{ id: 7, entry: bare, sources: () => [] }])).toEqual({ action: 'merge', entryId: 7 });
      expect(decide(insulin('30 units'), withSources([bare, forty]))).toEqual({
        action: 'possible-duplicate',
        ofEntryId: 7,
        reason: 'Same medicine, different dose: 40 units vs 30 units',
      });
    });

    it('still merges one dose written two ways, and a bare number beside a dose', () => {
      expect(decide(insulin('40.0 Units'), withSources([bare, forty]))).toEqual({ action: 'merge', entryId: 7 });
      expect(decide(insulin('1.0'), withSources([bare, forty]))).toEqual({ action: 'merge', entryId: 7 });
      expect(decide(insulin('40 units'), withSources([bare, insulin('40.0 units')]))).toEqual({ action: 'merge', entryId: 7 });
    });

    it('holds a strength one source named against another strength', () => {
      const metformin = draft({ kind: 'medication', title: 'Metformin', start: '2020-01-01', details: { dose: '1' } });
      const named = draft({ kind: 'medication', title: 'Metformin 500 MG Oral Tablet', start: '2020-01-01', details: { dose: '1' } });
      const higher = { ...named, title: 'Metformin 1000 MG Oral Tablet' };
      const merged = [{ id: 7, entry: mergeDrafts(metformin, named), sources: () => [metformin, named] }];
      expect(decide(higher, merged)).toEqual({ action: 'possible-duplicate', ofEntryId: 7, reason: 'Same medicine, different dose: 500 mg vs 1000 mg' });
      expect(decide({ ...named, title: 'metformin 500mg tab' }, merged)).toEqual({ action: 'merge', entryId: 7 });
    });

    it('says which two doses differ, as decide compares them', () => {
      expect(medicationDoseDifference(forty, insulin('30 units'))).toBe('40 units vs 30 units');
      expect(medicationDoseDifference(bare, insulin('30 units'))).toBeUndefined();
      expect(medicationDoseDifference(forty, insulin('40.0 units'))).toBeUndefined();
    });
  });

  describe('the placeholder dose 0 (MedConnect, ATG and others write doseQuantity value="0" on every medicine)', () => {
    const med = (dose: string | undefined, title = 'Lisinopril 10 MG Oral Tablet') =>
      draft({ kind: 'medication', title, codes: [{ system: 'RXNORM', code: '314077' }], start: '2017-09-01', details: dose === undefined ? {} : { dose } });

    it('is no dose against a dose another source gives, in either order and with a unit', () => {
      for (const zero of ['0', '0 ml', '0.0', '0 EACH', '0 mg']) {
        expect(decide(med(zero), one(med('1')))).toEqual({ action: 'merge', entryId: 7 });
        expect(decide(med('1 tablet'), one(med(zero)))).toEqual({ action: 'merge', entryId: 7 });
        expect(medicationDoseDifference(med('1'), med(zero))).toBeUndefined();
      }
    });

    it('is no dose among the sources an entry holds', () => {
      const entry = mergeDrafts(med('0'), med('1'));
      expect(decide(med('1'), [{ id: 7, entry, sources: () => [med('0'), med('1')] }])).toEqual({ action: 'merge', entryId: 7 });
      // A real difference among the sources is still asked.
      expect(decide(med('2'), [{ id: 7, entry, sources: () => [med('0'), med('1')] }])).toEqual({
        action: 'possible-duplicate',
        ofEntryId: 7,
        reason: 'Same medicine, different dose: 1 vs 2',
      });
    });

    it('never reads "0 mg" as a strength against the one the name gives', () => {
      const named = med('1', 'Metformin 500 MG Oral Tablet');
      const zeroMg = med('0 mg', 'Metformin');
      expect(decide(zeroMg, one(named))).toEqual({ action: 'merge', entryId: 7 });
    });

    it('keeps a dose that starts at 0 but says something (a range)', () => {
      expect(decide(med('0-1 tablet'), one(med('2 tablet')))).toEqual({ action: 'merge', entryId: 7 });
      expect(medicationDoseDifference(med('0.5 tablet'), med('1 tablet'))).toBe('0.5 tablet vs 1 tablet');
    });

    it('lets the entry show the dose another source gives, the 0 staying in its own source', () => {
      const zero = med('0 ml');
      expect(mergeDrafts(zero, med('1 tablet')).details.dose).toBe('1 tablet');
      expect(mergeDrafts(med('1 tablet'), zero).details.dose).toBe('1 tablet');
      expect(mergeDrafts(zero, med(undefined)).details.dose).toBe('0 ml');
      expect(zero.details.dose).toBe('0 ml');
      // Only medicines: a vaccine keeps its first dose, whose 0 reads as none (readable/dose.ts).
      const shot = (dose: string) => draft({ kind: 'immunization', title: 'Influenza virus vaccine', start: '2014-05-10', details: { dose } });
      expect(mergeDrafts(shot('0'), shot('0.5 mL')).details.dose).toBe('0');
    });

    it('gives the placeholder and no dose one key, so an entry lists such sources once', () => {
      expect(medicationDoseKey(med('0'))).toBe(medicationDoseKey(med(undefined)));
      expect(medicationDoseKey(med('0.5'))).not.toBe(medicationDoseKey(med(undefined)));
    });
  });

  describe('a dose in mL against one in units, at the concentration the product’s name gives', () => {
    const glargine = (dose: string, title = 'Insulin Glargine 100 UNT/ML Injectable Solution') =>
      draft({ kind: 'medication', title, codes: [{ system: 'RXNORM', code: '311041' }], start: '2013-10-28', details: { dose } });

    it('asks when 0.36 mL of 100 units/mL (36 units) meets 30 units, in either order', () => {
      expect(decide(glargine('30.0 units'), one(glargine('0.36 ml')))).toEqual({ action: 'possible-duplicate', ofEntryId: 7, reason: 'Same medicine, different dose: 0.36 ml vs 30.0 units' });
      expect(medicationDoseDifference(glargine('30.0 units'), glargine('0.36 ml'))).toBe('30.0 units vs 0.36 ml');
    });

    it('merges when the mL are the same number of units', () => {
      expect(decide(glargine('30 units'), one(glargine('0.3 ml')))).toEqual({ action: 'merge', entryId: 7 });
      expect(decide(glargine('36 U'), one(glargine('0.36 mL')))).toEqual({ action: 'merge', entryId: 7 });
    });

    it('does not compare them without a concentration in a name, or with two different ones', () => {
      const bare = (dose: string) => glargine(dose, 'Insulin Glargine');
      expect(decide(bare('30 units'), one(bare('0.36 ml')))).toEqual({ action: 'merge', entryId: 7 });
      expect(medicationDoseDifference(glargine('0.36 ml'), glargine('30 units', 'Insulin Glargine 300 UNT/ML Pen'))).toBeUndefined();
    });
  });

  it('keeps a course that ended before the other began as a new entry', () => {
    const old = { ...metforminClinicA(), start: '2010-01-01', end: '2011-06-30', status: 'completed' };
    expect(decide(metforminHospitalB(), one(old))).toEqual({ action: 'new' });
  });

  it('does not merge a combination product with one of its ingredients', () => {
    const lisinopril = draft({ kind: 'medication', title: 'Lisinopril 10 MG Oral Tablet' });
    const combo = draft({ kind: 'medication', title: 'Lisinopril 10 MG / Hydrochlorothiazide 12.5 MG Oral Tablet' });
    expect(decide(combo, one(lisinopril))).toEqual({ action: 'new' });
  });

  it('keeps potassium chloride and sodium chloride apart', () => {
    const kcl = draft({ kind: 'medication', title: 'Potassium Chloride 20 MEQ Extended Release Tablet' });
    const nacl = draft({ kind: 'medication', title: 'Sodium Chloride 0.9 % Injectable Solution' });
    expect(decide(nacl, one(kcl))).toEqual({ action: 'new' });
  });
});

describe('results and vitals', () => {
  it('merges the same LOINC, minute and value', () => {
    const a = glucoseAt('2024-03-01T08:30:00-05:00', 98);
    const b = glucoseAt('2024-03-01T08:30-05:00', 98);
    expect(decide(b, one(a))).toEqual({ action: 'merge', entryId: 7 });
    expect(blockingKeys(a)).toContain('result|LOINC:2345-7|2024-03-01');
  });

  it('flags the same LOINC and time with a different value', () => {
    const a = glucoseAt('2024-03-01T08:30:00-05:00', 98);
    const b = glucoseAt('2024-03-01T08:30:00-05:00', 110);
    expect(decide(b, one(a))).toEqual({
      action: 'possible-duplicate',
      ofEntryId: 7,
      reason: 'Same test at the same time, different value: 98 mg/dL vs 110 mg/dL',
    });
  });

  it('treats two measurements on one day at different minutes as two entries', () => {
    const a = glucoseAt('2024-03-01T08:30', 98);
    const b = glucoseAt('2024-03-01T16:10', 140);
    expect(decide(b, one(a))).toEqual({ action: 'new' });
  });

  it('in one document, a reading at midnight is one of a series, not a pair to review', () => {
    const midnight = glucoseAt('2024-03-01T00:00:00-05:00', 103);
    const later = glucoseAt('2024-03-01T00:05:00-05:00', 127);
    expect(decide(later, [{ id: 7, entry: midnight, sameDocument: true }])).toEqual({ action: 'new' });
    expect(decide(midnight, [{ id: 7, entry: later, sameDocument: true }])).toEqual({ action: 'new' });
    // The same value at midnight and at a time in one document still merges (one result in two sections).
    expect(decide(glucoseAt('2024-03-01T00:05:00-05:00', 103), [{ id: 7, entry: midnight, sameDocument: true }]).action).toBe('merge');
    // From another document the date-only value is still compared with the timed one.
    expect(decide(later, one(midnight)).action).toBe('possible-duplicate');
  });

  it('compares to the day when one source gives no time', () => {
    const a = glucoseAt('2024-03-01T08:30', 98);
    const b = glucoseAt('2024-03-01', 98);
    expect(decide(b, one(a)).action).toBe('merge');
    expect(decide(glucoseAt('2024-03-02', 98), one(a)).action).toBe('new');
  });

  it('compares the same instant written in two time zones', () => {
    const a = glucoseAt('2024-03-01T13:30:00Z', 98);
    const b = glucoseAt('2024-03-01T08:30:00-05:00', 98);
    expect(decide(b, one(a)).action).toBe('merge');
  });

  it('agrees on a glucose value reported in mg/dL by one lab and mmol/L by another', () => {
    const a = glucoseAt('2024-03-01T08:30', 100);
    const b = glucoseAt('2024-03-01T08:30', 5.6, 'mmol/L');
    expect(decide(b, one(a)).action).toBe('merge');
    const c = glucoseAt('2024-03-01T08:30', 7.2, 'mmol/L');
    expect(decide(c, one(a)).action).toBe('possible-duplicate');
  });

  it('does not merge two tests that share a name but have different LOINC codes', () => {
    const serum = glucoseAt('2024-03-01', 98);
    const urine = draft({
      kind: 'result',
      title: 'Glucose [Mass/volume] in Serum or Plasma',
      codes: [{ system: 'LOINC', code: '2350-7' }],
      start: '2024-03-01',
      value: { text: 'Negative' },
    });
    expect(decide(urine, one(serum))).toEqual({ action: 'new' });
  });

  it('merges matching vitals and flags a different reading', () => {
    const weight = (value: number) =>
      draft({
        kind: 'vital',
        title: 'Body weight',
        codes: [{ system: 'LOINC', code: '29463-7' }],
        start: '2024-05-02T10:15',
        value: { number: value, unit: '[lb_av]' },
      });
    expect(decide(weight(182), one(weight(182))).action).toBe('merge');
    const flagged = decide(weight(185), one(weight(182)));
    expect(flagged).toMatchObject({ action: 'possible-duplicate', reason: 'Same measurement at the same time, different value: 182 [lb_av] vs 185 [lb_av]' });
  });
});

describe('immunizations', () => {
  it('merges the same CVX code on the same date', () => {
    expect(decide(fluShot('2024-10-01'), one(fluShot('2024-10-01T09:00')))).toEqual({ action: 'merge', entryId: 7 });
    expect(blockingKeys(fluShot('2024-10-01'))).toEqual(
      expect.arrayContaining(['imm|CVX:140|2024-10-01', 'imm|name:influenza seasonal injectable preservative free|2024-10-01']),
    );
  });

  it('keeps the same vaccine on another date as a new entry', () => {
    expect(decide(fluShot('2025-10-03'), one(fluShot('2024-10-01')))).toEqual({ action: 'new' });
  });

  it('matches by name when one source gives no CVX code', () => {
    const uncoded = { ...fluShot('2024-10-01'), codes: [] };
    expect(decide(uncoded, one(fluShot('2024-10-01'))).action).toBe('merge');
  });

  // Issue 13: a name and day the same with codes that disagree (a vendor may label one system
  // as another) is never merged silently, and never kept as two silently either: flagged.
  it('does not merge by name when the CVX codes differ, but flags it', () => {
    const other = { ...fluShot('2024-10-01'), codes: [{ system: 'CVX', code: '141' }] };
    expect(decide(other, one(fluShot('2024-10-01')))).toMatchObject({ action: 'possible-duplicate', reason: expect.stringContaining('different codes') });
    expect(decide({ ...other, start: '2024-10-02' }, one(fluShot('2024-10-01'))).action).toBe('new');
  });

  it('flags different lot numbers', () => {
    const a = fluShot('2024-10-01', { details: { lotNumber: 'UJ123AA' } });
    const b = fluShot('2024-10-01', { details: { lotNumber: 'UT998BB' } });
    expect(decide(b, one(a))).toMatchObject({ action: 'possible-duplicate', reason: expect.stringContaining('UJ123AA vs UT998BB') });
  });
});

describe('problems', () => {
  const snomedPrimary = draft({
    kind: 'problem',
    title: 'Type 2 diabetes mellitus (disorder)',
    codes: [
      { system: 'SNOMED', code: '44054006', display: 'Diabetes mellitus type 2' },
      { system: '2.16.840.1.113883.6.90', code: 'E11.9', display: 'Type 2 diabetes mellitus without complications' },
    ],
    status: 'active',
    start: '2018-05',
  });
  const icdOnly = draft({
    kind: 'problem',
    title: 'DM2 w/o complication',
    codes: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E119' }],
    status: 'active',
    start: '2018-05-14',
  });

  it('matches through an ICD-10 translation on one side and a differently coded primary on the other', () => {
    expect(decide(icdOnly, one(snomedPrimary))).toEqual({ action: 'merge', entryId: 7 });
    // ICD-10 primary with a SNOMED translation (a claims feed) against SNOMED primary alone.
    const icdPrimary = draft({
      kind: 'problem',
      title: 'Diabetes mellitus without complication',
      codes: [{ system: 'ICD10CM', code: 'E11.9' }, { system: 'SNOMED', code: '44054006' }],
    });
    const snomedAlone = draft({ kind: 'problem', title: 'Diabetes type 2', codes: [{ system: 'SNOMED', code: '44054006' }] });
    expect(decide(icdPrimary, one(snomedAlone)).action).toBe('merge');
    expect(blockingKeys(snomedPrimary)).toEqual(
      expect.arrayContaining(['prob|SNOMED:44054006', 'prob|ICD10CM:E11.9', 'prob|name:type 2 diabetes mellitus']),
    );
    expect(blockingKeys(icdOnly)).toContain('prob|ICD10CM:E11.9');
  });

  it('matches by normalized name when the sources use different code systems', () => {
    const named = draft({ kind: 'problem', title: 'Type 2 Diabetes Mellitus', codes: [{ system: 'ICD9CM', code: '250.00' }] });
    expect(decide(named, one(snomedPrimary)).action).toBe('merge');
  });

  it('does not merge problems with the same name but different SNOMED codes; flags them (issue 13)', () => {
    const other = draft({ kind: 'problem', title: 'Type 2 diabetes mellitus', codes: [{ system: 'SNOMED', code: '73211009' }] });
    expect(decide(other, one(snomedPrimary)).action).toBe('possible-duplicate');
  });

  it('ignores the generic "Problem" code that some documents add', () => {
    const asthma = draft({ kind: 'problem', title: 'Asthma', codes: [{ system: 'SNOMED', code: '55607006' }, { system: 'SNOMED', code: '195967001' }] });
    const gout = draft({ kind: 'problem', title: 'Gout', codes: [{ system: 'SNOMED', code: '55607006' }, { system: 'SNOMED', code: '90560007' }] });
    expect(decide(gout, one(asthma)).action).toBe('new');
    expect(shareKey(gout, asthma)).toBe(false);
  });
});

describe('allergies', () => {
  const penicillin = (severity?: string) =>
    draft({
      kind: 'allergy',
      title: 'Allergy to penicillin',
      codes: [{ system: 'SNOMED', code: '416098002' }, { system: 'RXNORM', code: '7980' }],
      details: { substance: 'Penicillin G', reactions: ['Hives'], ...(severity ? { severity } : {}) },
    });

  it('merges the same substance and flags a different severity', () => {
    expect(decide(penicillin('Mild'), one(penicillin())).action).toBe('merge');
    expect(decide(penicillin('Severe'), one(penicillin('Mild')))).toEqual({
      action: 'possible-duplicate',
      ofEntryId: 7,
      reason: 'Same allergy, different severity: Mild vs Severe',
    });
  });

  it('does not treat the shared allergy-type code as the substance', () => {
    const sulfa = draft({
      kind: 'allergy',
      title: 'Sulfonamide allergy',
      codes: [{ system: 'SNOMED', code: '416098002' }, { system: 'RXNORM', code: '10180' }],
      details: { substance: 'Sulfamethoxazole' },
    });
    expect(decide(sulfa, one(penicillin())).action).toBe('new');
    expect(shareKey(sulfa, penicillin())).toBe(false);
  });
});

describe('encounters, procedures and the rest', () => {
  const visit = (location: string, date = '2024-02-12T09:00') =>
    draft({
      kind: 'encounter',
      title: 'Office visit',
      codes: [{ system: 'CPT', code: '99213' }],
      start: date,
      details: { location, encounterType: 'Office Visit' },
    });

  it('merges an encounter on the same day of the same type and place', () => {
    expect(decide(visit('Good Health Clinic', '2024-02-12'), one(visit('Good Health Clinic'))).action).toBe('merge');
    expect(decide(visit('Riverside Urgent Care'), one(visit('Good Health Clinic'))).action).toBe('new');
    expect(decide(visit('Good Health Clinic', '2024-02-13'), one(visit('Good Health Clinic'))).action).toBe('new');
  });

  it('merges a procedure with the same code and day', () => {
    const colonoscopy = (day: string) =>
      draft({ kind: 'procedure', title: 'Colonoscopy', codes: [{ system: 'SNOMED', code: '73761001' }], start: day });
    expect(decide(colonoscopy('2023-09-20'), one(colonoscopy('2023-09-20'))).action).toBe('merge');
    expect(decide(colonoscopy('2023-09-21'), one(colonoscopy('2023-09-20'))).action).toBe('new');
  });

  it('never reconciles notes and has no keys for them', () => {
    const note = draft({ kind: 'note', title: 'Ask about knee pain' });
    expect(blockingKeys(note)).toEqual([]);
    expect(decide(note, one(note)).action).toBe('new');
  });

  it('prefers the strongest match, then the lowest id', () => {
    const a = metforminClinicA();
    const sameCode = { ...metforminHospitalB(), codes: [{ system: 'RXNORM', code: '861007' }] };
    const nameOnly = metforminHospitalB();
    expect(decide(a, [{ id: 3, entry: nameOnly }, { id: 9, entry: sameCode }])).toEqual({ action: 'merge', entryId: 9 });
    expect(decide(a, [{ id: 9, entry: nameOnly }, { id: 4, entry: nameOnly }])).toEqual({ action: 'merge', entryId: 4 });
    const higher = draft({ kind: 'medication', title: 'Metformin 1000 MG Oral Tablet' });
    expect(decide(a, [{ id: 2, entry: higher }, { id: 5, entry: nameOnly }])).toEqual({ action: 'merge', entryId: 5 });
  });
});

describe('blocking keys cover every match (property)', () => {
  // A deterministic generator of drafts built from realistic variants, so that many
  // pairs agree or differ in exactly the ways reconciliation looks at.
  function rng(seed: number) {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const pick = <T,>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const maybe = <T,>(random: () => number, value: T): T | undefined => (random() < 0.5 ? value : undefined);

  const dates = ['2024-03-01', '2024-03-01T08:30', '2024-03-01T08:30:00-05:00', '2024-03-01T13:30Z', '2024-03-02', '2024-03', '2023', undefined];
  const medTitles = ['Metformin 500 MG Oral Tablet', 'metformin hydrochloride 500mg tab', 'Metformin 1000 MG Oral Tablet', 'Lisinopril 10 MG Oral Tablet', 'Glucophage'];
  const medCodes = [{ system: 'RXNORM', code: '861007' }, { system: 'RXNORM', code: '860975' }, { system: 'NDC', code: '00093-1048-01' }, { system: 'RXNORM', code: '314076' }];
  const probTitles = ['Type 2 diabetes mellitus', 'Type 2 Diabetes Mellitus (disorder)', 'DM2', 'Hypertension'];
  const probCodes = [{ system: 'SNOMED', code: '44054006' }, { system: 'ICD10CM', code: 'E11.9' }, { system: 'ICD10CM', code: 'E119' }, { system: 'SNOMED', code: '38341003' }, { system: 'ICD10CM', code: 'I10' }];
  const labCodes = [{ system: 'LOINC', code: '2345-7' }, { system: 'LOINC', code: '2339-0' }, { system: '2.16.840.1.113883.6.1', code: '2345-7' }];
  const labValues = [{ number: 98, unit: 'mg/dL' }, { number: 110, unit: 'mg/dL' }, { number: 5.4, unit: 'mmol/L' }, { text: 'Negative' }];

  function generate(random: () => number): RecordDraft {
    const kind = pick(random, ['medication', 'problem', 'result', 'vital', 'immunization', 'allergy', 'encounter', 'procedure', 'social', 'family', 'coverage', 'claim'] as const);
    const codesFrom = (pool: readonly { system: string; code: string }[]) => pool.filter(() => random() < 0.35);
    const base = { kind, details: {} as RecordDraft['details'], start: pick(random, dates), end: maybe(random, pick(random, ['2024-12-31', '2019'])) };
    switch (kind) {
      case 'medication':
        return draft({ ...base, title: pick(random, medTitles), codes: codesFrom(medCodes), details: { dose: pick(random, ['1 tablet', '2 tablets', '500 mg', '']) } });
      case 'problem':
        return draft({ ...base, title: pick(random, probTitles), codes: codesFrom(probCodes), status: pick(random, ['active', 'resolved', undefined]) });
      case 'result':
      case 'vital':
        return draft({ ...base, end: undefined, title: pick(random, ['Glucose', 'Glucose SerPl-mCnc']), codes: codesFrom(labCodes), value: pick(random, labValues) });
      case 'immunization':
        return draft({ ...base, end: undefined, title: pick(random, ['Influenza vaccine', 'Tdap']), codes: codesFrom([{ system: 'CVX', code: '140' }, { system: 'CVX', code: '141' }, { system: 'CVX', code: '115' }]), details: { lotNumber: maybe(random, pick(random, ['A1', 'B2'])), refused: maybe(random, true) } });
      case 'allergy':
        return draft({ ...base, title: pick(random, ['Penicillin', 'Allergy to penicillin', 'Sulfa']), codes: codesFrom([{ system: 'SNOMED', code: '416098002' }, { system: 'RXNORM', code: '7980' }, { system: 'RXNORM', code: '10180' }]), details: { severity: maybe(random, pick(random, ['Mild', 'Severe'])) } });
      case 'encounter':
        return draft({ ...base, title: pick(random, ['Office visit', 'Emergency']), codes: codesFrom([{ system: 'CPT', code: '99213' }, { system: 'CPT', code: '99284' }]), details: { location: maybe(random, pick(random, ['Clinic A', 'Clinic B'])) } });
      case 'coverage':
        return draft({ ...base, title: 'Coverage', details: { payer: maybe(random, pick(random, ['Medicare Part B', 'Aetna'])), memberId: maybe(random, pick(random, ['1EG4-TE5-MK72', 'W123'])) } });
      case 'claim':
        return draft({ ...base, title: pick(random, ['Office visit claim', 'Lab claim']), details: { claimId: maybe(random, pick(random, ['C1', 'C2'])) } });
      case 'family':
        return draft({ ...base, title: pick(random, ['Diabetes', 'Heart disease']), details: { relation: maybe(random, pick(random, ['Mother', 'Father'])) } });
      default:
        return draft({ ...base, title: pick(random, ['Colonoscopy', 'Never smoker', 'Tobacco use']), codes: codesFrom([{ system: 'SNOMED', code: '73761001' }, { system: 'SNOMED', code: '266919005' }]) });
    }
  }

  it('shares a key for every pair that decide merges or flags, and decides symmetrically', () => {
    const random = rng(20240301);
    const drafts = Array.from({ length: 500 }, () => generate(random));
    let matched = 0;
    let flagged = 0;
    const failures: string[] = [];
    for (let i = 0; i < drafts.length; i++) {
      for (let j = i + 1; j < drafts.length; j++) {
        const x = drafts[i] as RecordDraft;
        const y = drafts[j] as RecordDraft;
        const forward = decide(x, [{ id: 1, entry: y }]).action;
        const backward = decide(y, [{ id: 1, entry: x }]).action;
        if (backward !== forward) failures.push(`asymmetric ${forward}/${backward}: ${JSON.stringify(x)} / ${JSON.stringify(y)}`);
        if (forward === 'new') continue;
        if (forward === 'merge') matched++;
        else flagged++;
        if (!shareKey(x, y)) failures.push(`no shared key: ${JSON.stringify(x)} / ${JSON.stringify(y)}`);
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    // The generator must actually exercise both outcomes for the property to mean anything.
    expect(matched).toBeGreaterThan(1000);
    expect(flagged).toBeGreaterThan(200);
  });
});

describe('mergeDrafts', () => {
  it('unites codes, widens dates and fills details from either side', () => {
    const a = metforminClinicA();
    const b = { ...metforminHospitalB(), start: '2018-11', end: '2024-01-31', status: 'completed' };
    const merged = mergeDrafts(a, b);
    expect(merged.codes.map((code) => `${code.system}:${code.code}`)).toEqual([
      'RXNORM:861007',
      '2.16.840.1.113883.6.69:00093-1048-01',
      'RXNORM:860975',
    ]);
    expect(merged.start).toBe('2018-11');
    expect(merged.end).toBe('2024-01-31');
    expect(merged.status).toBe('completed');
    expect(merged.title).toBe('Metformin 500 MG Oral Tablet');
    expect(merged.narrative).toBe('Take one tablet by mouth twice daily with meals.');
    expect(merged.details).toEqual({
      dose: '1 tablet',
      route: 'Oral',
      frequency: 'twice daily',
      prescriber: 'Dr. Ada Lane',
      instructions: 'with food',
    });
  });

  it('deduplicates codes written in different forms and keeps a display found later', () => {
    const a = draft({ kind: 'problem', title: 'Diabetes', codes: [{ system: 'ICD10CM', code: 'E119' }] });
    const b = draft({ kind: 'problem', title: 'Diabetes', codes: [{ system: '2.16.840.1.113883.6.90', code: 'E11.9', display: 'Type 2 diabetes' }] });
    expect(mergeDrafts(a, b).codes).toEqual([{ system: 'ICD10CM', code: 'E119', display: 'Type 2 diabetes' }]);
  });

  it('keeps the more precise form of the same moment and the richer value', () => {
    const a = glucoseAt('2024-03-01', 98, 'mg/dL', { value: { number: 98 }, referenceRange: undefined, interpretation: undefined });
    const b = glucoseAt('2024-03-01T08:30', 98, 'mg/dL', { interpretation: 'N', narrative: 'Fasting' });
    const merged = mergeDrafts(a, b);
    expect(merged.start).toBe('2024-03-01T08:30');
    expect(merged.value).toEqual({ number: 98, text: '98', unit: 'mg/dL' });
    expect(merged.referenceRange).toEqual({ low: 70, high: 99, unit: 'mg/dL' });
    expect(merged.interpretation).toBe('N');
    expect(merged.narrative).toBe('Fasting');
  });

  it('unites list details and prefers a known status over unknown', () => {
    const a = draft({ kind: 'allergy', title: 'Penicillin', status: 'unknown', details: { reactions: ['Hives', 'Rash'] } });
    const b = draft({ kind: 'allergy', title: 'Penicillin', status: 'active', details: { reactions: ['rash', 'Anaphylaxis'], severity: 'Severe' } });
    const merged = mergeDrafts(a, b);
    expect(merged.status).toBe('active');
    expect(merged.details.reactions).toEqual(['Hives', 'Rash', 'Anaphylaxis']);
    expect(merged.details.severity).toBe('Severe');
  });

  it('is deterministic and leaves its inputs untouched', () => {
    const a = metforminClinicA();
    const b = metforminHospitalB();
    const before = JSON.stringify([a, b]);
    expect(JSON.stringify(mergeDrafts(a, b))).toBe(JSON.stringify(mergeDrafts(metforminClinicA(), metforminHospitalB())));
    expect(JSON.stringify([a, b])).toBe(before);
  });
});

// Issue 15: duplicates that survived reconciliation (the same systolic reading twice on one day,
// "Respiratory rate" and "Respiratory Rate", ampicillin twice) — and the rule that two things
// that are really different (another value, another day, a series in one document) are never
// merged. Fixtures written here; the corpus cases are in duplicates-corpus.test.ts.
import { describe, expect, it } from 'vitest';
import type { RecordDraft } from '../../main/records/model.ts';
import { blockingKeys, CONTINUOUS_READINGS, decide, documentDayReadings, mergeDrafts, mergeSourceRecords, minutesIn, seriesReadings, SPOT_READINGS, twoInstruments, type DayReadings } from '../../main/records/reconcile.ts';
import { draft } from './drafts.ts';

const one = (entry: RecordDraft, sameDocument = false) => [{ id: 7, entry, sameDocument }];

const respiratoryRate = (start: string, number = 18, title = 'Respiratory rate'): RecordDraft =>
  draft({ kind: 'vital', title, codes: [{ system: 'LOINC', code: '9279-1' }], start, value: { number, text: String(number), unit: '/min' } });

describe('times of day', () => {
  it('reads midnight on the dot as a date without a time, so it merges with a timed reading of that day', () => {
    expect(decide(respiratoryRate('2015-06-22T00:00:00-08:00'), one(respiratoryRate('2015-06-22T10:15-05:00'))).action).toBe('merge');
    expect(decide(respiratoryRate('2015-06-22T00:00:00'), one(respiratoryRate('2015-06-22T10:15-05:00', 18, 'Respiratory Rate'))).action).toBe('merge');
  });

  it('matches a time written without a zone to the same wall-clock time written with one', () => {
    expect(decide(respiratoryRate('2015-06-22T10:15:00'), one(respiratoryRate('2015-06-22T10:15-05:00'))).action).toBe('merge');
    // …or to its UTC time (systems that drop the "Z").
    expect(decide(respiratoryRate('2015-06-22T15:15:00'), one(respiratoryRate('2015-06-22T10:15-05:00'))).action).toBe('merge');
    // Two zones: compared as instants.
    expect(decide(respiratoryRate('2015-06-22T11:15-04:00'), one(respiratoryRate('2015-06-22T10:15-05:00'))).action).toBe('merge');
  });
});

describe('the same value at two times of one day', () => {
  it('is flagged, with both times, when two documents give it', () => {
    const decision = decide(respiratoryRate('2015-06-22T15:44:00'), one(respiratoryRate('2015-06-22T10:15-05:00', 18, 'Respiratory Rate')));
    expect(decision).toEqual({ action: 'possible-duplicate', ofEntryId: 7, reason: 'Same measurement and value on the same day, different times: 10:15 vs 15:44' });
  });

  it('is a series, never flagged or merged, within one document', () => {
    expect(decide(respiratoryRate('2015-06-22T15:44:00'), one(respiratoryRate('2015-06-22T10:15-05:00'), true)).action).toBe('new');
  });

  it('stays two entries when the values differ, or the days', () => {
    expect(decide(respiratoryRate('2015-06-22T15:44:00', 20), one(respiratoryRate('2015-06-22T10:15-05:00'))).action).toBe('new');
    expect(decide(respiratoryRate('2015-06-23T10:15-05:00'), one(respiratoryRate('2015-06-22T10:15-05:00'))).action).toBe('new');
  });

  it('still flags a different value at the same time', () => {
    expect(decide(respiratoryRate('2015-06-22T10:15:00', 20), one(respiratoryRate('2015-06-22T10:15-05:00')))).toMatchObject({
      action: 'possible-duplicate',
      reason: 'Same measurement at the same time, different value: 18 /min vs 20 /min',
    });
  });
});

describe('a device stream’s readings', () => {
  const sample = (start: string, number = 18) => respiratoryRate(start, number);
  const stored = (entry: RecordDraft, stream: boolean, sameDocument = false) => [{ id: 7, entry, sameDocument, stream }];

  it('are the same as another reading only at the same minute', () => {
    // The watch's sample of 15:44 and the clinic's 10:15, one value: two measurements, either way round.
    expect(decide(sample('2015-06-22T15:44:00-05:00'), stored(respiratoryRate('2015-06-22T10:15-05:00'), false), true).action).toBe('new');
    expect(decide(respiratoryRate('2015-06-22T10:15-05:00'), stored(sample('2015-06-22T15:44:00-05:00'), true)).action).toBe('new');
    // The same sample in two exports merges; another value at that minute is still flagged.
    expect(decide(sample('2015-06-22T15:44:00-05:00'), stored(sample('2015-06-22T15:44-05:00'), true), true).action).toBe('merge');
    expect(decide(sample('2015-06-22T15:44:00-05:00', 20), stored(respiratoryRate('2015-06-22T15:44:00'), false), true)).toMatchObject({
      action: 'possible-duplicate',
      reason: 'Same measurement at the same time, different value: 18 /min vs 20 /min',
    });
  });

  it('read midnight as a time: a date-only reading is none of them, another export’s midnight sample is', () => {
    expect(decide(sample('2015-06-22T00:00:00-05:00'), stored(respiratoryRate('2015-06-22'), false), true).action).toBe('new');
    expect(decide(respiratoryRate('2015-06-22'), stored(sample('2015-06-22T00:00:00-05:00'), true)).action).toBe('new');
    expect(decide(sample('2015-06-22T00:00:00-05:00'), stored(sample('2015-06-22T00:00-05:00'), true), true).action).toBe('merge');
    // In one export, a reading of 0:00 and one of 7:35 with one value are two readings.
    expect(decide(sample('2015-06-22T07:35:00-05:00'), stored(sample('2015-06-22T00:00:00-05:00'), true, true), true).action).toBe('new');
  });

  it('never meet a daily summary of readings', () => {
    const mean = draft({ ...respiratoryRate('2015-06-22'), details: { readings: { count: 96, min: 12, max: 22 } } });
    expect(decide(respiratoryRate('2015-06-22'), one(mean)).action).toBe('new');
    expect(decide(mean, one(respiratoryRate('2015-06-22T10:15-05:00'))).action).toBe('new');
    expect(decide(mean, one(draft({ ...mean }))).action).toBe('merge');
  });

  it('do not ask whether the stored entry is a stream’s when the minute decides', () => {
    let asked = 0;
    const lazy = [{ id: 7, entry: respiratoryRate('2015-06-22T10:15-05:00'), stream: () => { asked++; return true; } }];
    expect(decide(sample('2015-06-22T10:15:00-05:00'), lazy, true).action).toBe('merge');
    expect(decide(sample('2015-06-22T11:15:00-05:00'), lazy, true).action).toBe('new');
    expect(asked).toBe(0);
    expect(decide(respiratoryRate('2015-06-22T11:15:00-05:00'), lazy).action).toBe('new');
    expect(asked).toBe(1);
  });

  it('are one document’s readings of one measurement at three or more times of a day', () => {
    const day = ['08:00', '12:00', '16:00'].map((t) => sample(`2015-06-22T${t}:00-05:00`));
    expect(seriesReadings(day).size).toBe(3);
    // A visit's reading taken again, and a date-only copy beside a timed one, are not a stream.
    const retake = [sample('2015-06-22T10:15:00-05:00', 22), sample('2015-06-22T10:30:00-05:00'), sample('2015-06-22T00:00:00-05:00'), sample('2015-06-22')];
    expect(seriesReadings(retake).size).toBe(0);
    expect(seriesReadings([...day.slice(0, 2), sample('2015-06-23T08:00:00-05:00')]).size).toBe(0);
  });
});

describe('two device readings of one minute: the same fact twice, or two instruments', () => {
  const heartRate = (start: string, number: number) =>
    draft({ kind: 'vital', title: 'Heart rate', codes: [{ system: 'LOINC', code: '8867-4' }], start, value: { number, text: String(number), unit: '/min' } });
  const watch: DayReadings = { atLeast: 288, atMost: 288 };
  const cuff: DayReadings = { atLeast: 2, atMost: 2 };
  const stored = (entry: RecordDraft, readings: DayReadings) => [{ id: 7, entry, stream: true, readings: () => readings }];
  const at = '2024-03-05T07:31:00-05:00';

  it('a watch’s heart rate and a cuff’s pulse at one minute are two measurements: neither flagged nor merged, either way round', () => {
    expect(decide(heartRate(at, 64), stored(heartRate(at, 71), cuff), true, () => watch).action).toBe('new');
    expect(decide(heartRate(at, 71), stored(heartRate(at, 64), watch), true, () => cuff).action).toBe('new');
    // One value by chance is still two measurements, never one merged fact.
    expect(decide(heartRate(at, 68), stored(heartRate(at, 68), cuff), true, () => watch).action).toBe('new');
  });

  it('the cuff’s reading and its copy in a phone app (both spot readings) are still found: merged when equal, flagged when not', () => {
    const copy: DayReadings = { atLeast: 2, atMost: 2 };
    expect(decide(heartRate(at, 71), stored(heartRate(at, 71), cuff), true, () => copy)).toEqual({ action: 'merge', entryId: 7 });
    expect(decide(heartRate(at, 72), stored(heartRate(at, 71), cuff), true, () => copy)).toMatchObject({ action: 'possible-duplicate', reason: 'Same measurement at the same time, different value: 71 /min vs 72 /min' });
    // A sensor's stream and its copy in Apple Health: both continuous, the same reading.
    expect(decide(heartRate(at, 64), stored(heartRate(at, 64), watch), true, () => ({ atLeast: 280, atMost: 280 })).action).toBe('merge');
  });

  it('when a side’s count is not known whole, or falls between spot readings and a stream, the instrument cannot be told: flagged as before', () => {
    // Still being written (an Apple export's app, its day not read to the end): no upper bound.
    expect(decide(heartRate(at, 71), stored(heartRate(at, 64), watch), true, () => ({ atLeast: 1 }))).toMatchObject({ action: 'possible-duplicate' });
    expect(decide(heartRate(at, 64), stored(heartRate(at, 71), { atLeast: 2 }), true, () => watch)).toMatchObject({ action: 'possible-duplicate' });
    expect(decide(heartRate(at, 64), stored(heartRate(at, 71), { atLeast: 10, atMost: 10 }), true, () => watch)).toMatchObject({ action: 'possible-duplicate' });
    expect(decide(heartRate(at, 64), stored(heartRate(at, 71), cuff), true, () => ({ atLeast: 12, atMost: 12 }))).toMatchObject({ action: 'possible-duplicate' });
    // Without counts (a caller that gives none), nothing changes.
    expect(decide(heartRate(at, 64), [{ id: 7, entry: heartRate(at, 71), stream: true }], true)).toMatchObject({ action: 'possible-duplicate' });
  });

  it('only between two device readings from two sources: a clinic’s reading, and one document’s own readings, are as before', () => {
    // A clinic's pulse (not a stream) at the watch's minute: the instrument cannot be told.
    expect(decide(heartRate(at, 64), [{ id: 7, entry: heartRate(at, 71), stream: false, readings: () => cuff }], true, () => watch)).toMatchObject({ action: 'possible-duplicate' });
    expect(decide(heartRate(at, 64), [{ id: 7, entry: heartRate(at, 71), stream: true, sameDocument: true, readings: () => cuff }], true, () => watch)).toMatchObject({ action: 'possible-duplicate' });
    expect(decide(heartRate(at, 64), stored(heartRate(at, 71), cuff), false, () => watch)).toMatchObject({ action: 'possible-duplicate' });
  });

  it('the thresholds: hourly or more often is a stream, at most four a day are spot readings', () => {
    expect(twoInstruments({ atLeast: CONTINUOUS_READINGS }, { atLeast: 1, atMost: SPOT_READINGS })).toBe(true);
    expect(twoInstruments({ atLeast: 1, atMost: SPOT_READINGS }, { atLeast: CONTINUOUS_READINGS })).toBe(true);
    expect(twoInstruments({ atLeast: CONTINUOUS_READINGS - 1 }, { atLeast: 1, atMost: 1 })).toBe(false);
    expect(twoInstruments({ atLeast: CONTINUOUS_READINGS }, { atLeast: 1, atMost: SPOT_READINGS + 1 })).toBe(false);
    expect(twoInstruments({ atLeast: CONTINUOUS_READINGS }, { atLeast: 1 })).toBe(false);
  });

  it('a document’s readings of a day are counted by minute, midnight included, per measurement and day', () => {
    expect(minutesIn(['2024-03-05T00:00:00-05:00', '2024-03-05T07:31:10-05:00', '2024-03-05T07:31:50-05:00', '2024-03-05', undefined])).toBe(2);
    const day = Array.from({ length: 30 }, (_, i) => heartRate(`2024-03-05T${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00-05:00`, 60 + i));
    const count = documentDayReadings([...day, heartRate('2024-03-06T08:00:00-05:00', 70), respiratoryRate('2024-03-05T08:00:00-05:00')]);
    expect(count(day[0]!)).toBe(30);
    expect(count(heartRate('2024-03-06T08:00:00-05:00', 70))).toBe(1);
    expect(count(respiratoryRate('2024-03-05T09:00:00-05:00'))).toBe(1);
  });
});

describe('one measurement under two codes', () => {
  const weight = (code: string, start: string, number = 88) =>
    draft({ kind: 'vital', title: code === '3141-9' ? 'Patient Body Weight - Measured' : 'Weight', codes: [{ system: 'LOINC', code }], start, value: { number, unit: 'kg' } });

  it('flags weight measured and weight stated with one value on one day, never merges them', () => {
    expect(decide(weight('29463-7', '2015-06-22T15:44:00'), one(weight('3141-9', '2015-06-22T10:05-05:00')))).toEqual({
      action: 'possible-duplicate',
      ofEntryId: 7,
      reason: 'Same measurement under two codes, same value on the same day: LOINC:3141-9 vs LOINC:29463-7',
    });
    expect(blockingKeys(weight('29463-7', '2015-06-22'))).toContain('vital|group:weight|2015-06-22');
  });

  it('keeps them apart when the values differ, and keeps apart codes of different measurements', () => {
    expect(decide(weight('29463-7', '2015-06-22', 90), one(weight('3141-9', '2015-06-22'))).action).toBe('new');
    expect(decide(respiratoryRate('2015-06-22T10:15:00', 88), one(weight('3141-9', '2015-06-22T10:15:00'))).action).toBe('new');
  });
});

describe('allergies and vaccines', () => {
  const ampicillin = (code: string, start: string) =>
    draft({ kind: 'allergy', title: 'Ampicillin', codes: [{ system: 'RXNORM', code }], status: 'active', start, details: { substance: 'Ampicillin', reactions: ['Hives'] } });

  it('merges one substance name under two RxNorm codes (ampicillin 733 and 81953), keeping both codes', () => {
    expect(decide(ampicillin('81953', '1980-05-01'), one(ampicillin('733', '1980-05-10T07:00:00'))).action).toBe('merge');
    expect(mergeDrafts(ampicillin('733', '1980-05-10'), ampicillin('81953', '1980-05-01')).codes.map((c) => c.code)).toEqual(['733', '81953']);
  });

  it('still flags the same allergy with another severity', () => {
    const mild = { ...ampicillin('733', '1980-05-01'), details: { substance: 'Ampicillin', severity: 'Mild' } };
    const severe = { ...ampicillin('81953', '1980-05-01'), details: { substance: 'Ampicillin', severity: 'Severe' } };
    expect(decide(severe, one(mild)).action).toBe('possible-duplicate');
  });

  it('reads "unknown" and "No" as no lot number, but flags two real lot numbers', () => {
    const flu = (lotNumber: string) => draft({ kind: 'immunization', title: 'Influenza', codes: [{ system: 'CVX', code: '166' }], start: '2015-06-22', details: { lotNumber } });
    expect(decide(flu('unknown'), one(flu('AB123'))).action).toBe('merge');
    expect(decide(flu('No'), one(flu('unknown'))).action).toBe('merge');
    expect(decide(flu('CD456'), one(flu('AB123'))).action).toBe('possible-duplicate');
  });
});

describe('the merged entry of several sources', () => {
  const penicillin = (status: string, severity: string, reaction: string, extra: Partial<RecordDraft> = {}) =>
    draft({
      kind: 'allergy',
      title: 'Penicillin G benzathine',
      codes: [{ system: 'RXNORM', code: '7982' }],
      status,
      details: { substance: 'Penicillin G benzathine', severity, reactions: [reaction] },
      ...extra,
    });
  const records = [
    { original: penicillin('active', 'Moderate', 'Rash', { start: '1980-05-01' }), documentDate: '2015-06-22' },
    { original: penicillin('inactive', 'Moderate to severe', 'Hives', { start: '2007-05-01', end: '2012-08-06' }), documentDate: '2012-08-06' },
    { original: penicillin('active', 'Severe', 'Swelling', { codes: [{ system: 'SNOMED', code: '294930007' }] }), documentDate: '2009-01-01' },
  ];

  it('is the same whichever order the records come in, with the newest source’s status and every reaction, severity and code', () => {
    const merged = mergeSourceRecords(records)!;
    for (const order of [[2, 1, 0], [1, 0, 2], [0, 2, 1]]) expect(mergeSourceRecords(order.map((i) => records[i]!))).toEqual(merged);
    expect(merged.status).toBe('active');
    expect(merged.end).toBeUndefined();
    expect(merged.start).toBe('1980-05-01');
    expect(merged.details.reactions).toEqual(['Swelling', 'Hives', 'Rash']);
    expect(merged.details.severity).toBe('Moderate; Moderate to severe; Severe');
    expect(merged.codes.map((c) => c.code)).toEqual(['294930007', '7982']);
  });

  it('takes an older end when the newest source says the allergy is over too', () => {
    const merged = mergeSourceRecords([records[1]!, { ...records[0]!, original: penicillin('inactive', 'Moderate', 'Rash') }])!;
    expect([merged.status, merged.end]).toEqual(['inactive', '2012-08-06']);
  });

  it('is undefined for no records', () => {
    expect(mergeSourceRecords([])).toBeUndefined();
  });
});

describe('medicine strengths written in other units', () => {
  const darbepoetin = (title: string, start = '2015-06-22') =>
    draft({ kind: 'medication', title, codes: [{ system: 'RXNORM', code: '731241' }], status: 'active', start });

  it('merges 500 mcg/mL, 0.5 mg/mL and 0.5 mg / 1 mL, and 10 g/100 mL with 100 g/1000 mL', () => {
    expect(decide(darbepoetin('Darbepoetin Alfa 0.5 MG/ML'), one(darbepoetin('Darbepoetin Alfa 500 MCG/ML'))).action).toBe('merge');
    expect(decide(darbepoetin('darbepoetin alfa 0.5 mg / 1 mL'), one(darbepoetin('Darbepoetin Alfa 500 MCG/ML'))).action).toBe('merge');
    expect(decide(darbepoetin('ceftriaxone 10 GM per 100 ML'), one(darbepoetin('ceftriaxone 100 GM per 1000 ML'))).action).toBe('merge');
  });

  it('still flags another strength, and a total against a concentration', () => {
    expect(decide(darbepoetin('Darbepoetin Alfa 5 MG/ML'), one(darbepoetin('Darbepoetin Alfa 500 MCG/ML')))).toMatchObject({
      action: 'possible-duplicate',
      reason: 'Same medicine, different dose: 500 mcg/mL vs 5 mg/mL',
    });
    expect(decide(darbepoetin('Ceftriaxone 100 GM'), one(darbepoetin('Ceftriaxone 100 MG/ML'))).action).toBe('possible-duplicate');
  });
});

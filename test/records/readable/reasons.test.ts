// A reason on its own line (a visit's indication, a medicine's reasonCode) and the comment that
// said it before, read once: the words as the source gave them, a code only when its name is not
// already in them, and what the comment says besides.
import { describe, expect, it } from 'vitest';
import { commentBesidesReason, reasonWords } from '../../../main/records/readable/index.ts';

const pneumonia = { system: 'SNOMED', code: '233604007', display: 'Pneumonia' };

describe('reasonWords', () => {
  it('gives the words, adding only codes whose names they do not say', () => {
    expect(reasonWords({ reason: 'Suspected pneumonia', reasonCodes: [pneumonia] })).toBe('Suspected pneumonia');
    expect(reasonWords({ reason: 'Cough for two weeks', reasonCodes: [pneumonia] })).toBe('Cough for two weeks (SNOMED 233604007 (Pneumonia))');
    expect(reasonWords({ reasonCodes: [{ system: 'SNOMED', code: '151811000119109' }] })).toBe('SNOMED 151811000119109');
    expect(reasonWords({})).toBeUndefined();
  });
});

describe('commentBesidesReason', () => {
  it('takes out the importer’s "Reason: …" when the reason has its own line, keeping what follows', () => {
    expect(commentBesidesReason('Reason: Pneumonia', 'Pneumonia')).toBeUndefined();
    expect(commentBesidesReason('Reason: Heart health. Takes with breakfast.', 'Heart health', 'es')).toBe('Takes with breakfast.');
  });

  it('leaves a comment alone when no reason is kept apart (entries stored before), in the reader’s language', () => {
    expect(commentBesidesReason('Reason: Fever and chills', undefined, 'es')).toBe('Motivo: Fever and chills');
    expect(commentBesidesReason('Reason: Fever', 'Cough')).toBe('Reason: Fever');
    expect(commentBesidesReason(undefined, 'Cough')).toBeUndefined();
  });
});

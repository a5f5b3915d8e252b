// A vaccination's lot with its expiry, and a dose its source says was reported rather than
// given, as the entry view words them in English and Spanish; nothing when the source said nothing.
import { describe, expect, it } from 'vitest';
import { lotWords, reportedWords } from '../../../main/records/readable/vaccine-source.ts';

const date = (d: string) => `[${d}]`;

describe('lotWords', () => {
  it('puts the expiry beside the lot number', () => {
    expect(lotWords({ lotNumber: 'AB123', lotExpires: '2024-11-08' }, 'en', date)).toBe('AB123 (expires [2024-11-08])');
    expect(lotWords({ lotNumber: 'AB123', lotExpires: '2024-11-08' }, 'es', date)).toBe('AB123 (caduca el [2024-11-08])');
  });

  it('says either alone when only one was given', () => {
    expect(lotWords({ lotNumber: 'AB123' }, 'en', date)).toBe('AB123');
    expect(lotWords({ lotExpires: '2024-11' }, 'en', date)).toBe('Expires [2024-11]');
    expect(lotWords({ lotExpires: '2024-11' }, 'es', date)).toBe('Caduca el [2024-11]');
    expect(lotWords({}, 'en', date)).toBeUndefined();
  });
});

describe('reportedWords', () => {
  it('says a reported dose was not given by the provider, with who reported it in the source’s words', () => {
    expect(reportedWords({ reported: true, reportOrigin: 'Patient' }, 'en')).toBe('Dose reported by Patient, not given by this provider');
    expect(reportedWords({ reported: true, reportOrigin: 'Patient' }, 'es')).toBe('Dosis informada por Patient, no administrada por este proveedor');
    expect(reportedWords({ reported: true }, 'en')).toBe('Dose reported, not given by this provider');
    expect(reportedWords({ reported: true }, 'es')).toBe('Dosis informada, no administrada por este proveedor');
  });

  it('names a coded origin by its display when it has no text', () => {
    expect(reportedWords({ reported: true, reportOriginCodes: [{ system: 'immunization-origin', code: 'record', display: 'Written Record' }] }, 'en')).toBe(
      'Dose reported by Written Record, not given by this provider',
    );
  });

  it('gives only the origin when the source did not flag the dose as reported, and nothing when it said nothing', () => {
    expect(reportedWords({ reportOrigin: 'Immunization Registry' }, 'en')).toBe('Report’s origin: Immunization Registry');
    expect(reportedWords({ reportOrigin: 'Immunization Registry' }, 'es')).toBe('Origen del informe: Immunization Registry');
    expect(reportedWords({}, 'en')).toBeUndefined();
    expect(reportedWords({ reported: false }, 'es')).toBeUndefined();
  });
});

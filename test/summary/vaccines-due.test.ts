// The visit summary's optional "Vaccines due" section: off unless chosen; overdue, due and
// coming-up groups from CDC's schedule with their dates, the release and day it was calculated,
// and the conditions the person stated; English and Spanish; no birth date says so.
import { describe, expect, test } from 'vitest';
import { buildVisitSummaryHtml, DEFAULT_SECTIONS } from '../../main/summary/build.ts';
import { ok, testApi } from '../support/api.ts';
import { margaretInput, PRINTED_ON } from './fixtures.ts';
import { tempDir } from '../support/temp.ts';

const PASS = 'correct horse battery staple';
const SECTIONS = {
  medications: false,
  allergies: false,
  problems: false,
  results: false,
  immunizations: true,
  encounters: false,
  procedures: false,
  questions: false,
  notes: false,
  education: false,
};

function sectionOf(html: string): string {
  const match = /<section data-section="vaccinesDue">[\s\S]*?<\/section>/.exec(html);
  return match ? match[0] : '';
}

describe('visit summary: vaccines due', () => {
  test('printed only when chosen, with the forecast the screen shows and the stated conditions', async () => {
    const api = testApi(tempDir(), { now: () => new Date('2026-03-01T12:00:00Z') });
    await ok(api, 'vault.create', { passphrase: PASS });
    const ana = await ok(api, 'profiles.add', { name: 'Ana Example', birthDate: '1995-05-01', sex: 'F' });
    await ok(api, 'immunizations.observation', { profileId: ana.id, code: '007', answer: 'yes' });
    const base = { profileId: ana.id, language: 'en' as const, paper: 'Letter' as const };

    expect(sectionOf(await ok(api, 'summary.html', { ...base, sections: SECTIONS }))).toBe('');

    const html = sectionOf(await ok(api, 'summary.html', { ...base, sections: { ...SECTIONS, vaccinesDue: true } }));
    expect(html).toContain('<h2>Vaccines due</h2>');
    expect(html).toContain("Calculated on Mar 1, 2026 from this record with CDC&#39;s schedule (CDSi, supporting data 4.64).");
    expect(html).toContain('Conditions the schedule used, as stated by the person: Pregnant.');
    const rows = [...html.matchAll(/<tr><td><b>([^<]+)<\/b><\/td><td>([^<]+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => m.slice(1));
    const forecast = await ok(api, 'immunizations.profile', { profileId: ana.id });
    const hepB = forecast.forecast.groups.find((g) => g.group === 'HepB')!;
    expect(rows).toContainEqual(['HepB', 'Overdue', '1', 'May 1, 1995', 'May 28, 1995']);
    expect(hepB.pastDue).toBe('1995-05-28');
    // Pregnancy rules MMR out: not listed as due.
    expect(rows.map((r) => r[0])).not.toContain('MMR');
    // Overdue first, then due now, then coming up.
    const order = rows.map((r) => ['Overdue', 'Due now', 'Coming up'].indexOf(r[1]!));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[order.length - 1]).toBe(2);

    const es = sectionOf(await ok(api, 'summary.html', { ...base, language: 'es', sections: { ...SECTIONS, vaccinesDue: true } }));
    expect(es).toContain('<h2>Vacunas pendientes</h2>');
    expect(es).toContain('<td>Atrasada</td>');
    expect(es).not.toMatch(/Overdue|Due now|Coming up|Calculated/);
  });

  test('without a full birth date the section says it was not calculated, and nothing due says so', () => {
    const sections = { ...DEFAULT_SECTIONS, vaccinesDue: true };
    expect(sectionOf(buildVisitSummaryHtml(margaretInput({ sections, vaccinesDue: null })))).toContain('Not calculated: the profile has no full birth date.');
    const complete = { group: 'HepB', status: 'Complete' as const, doseNumber: null, earliest: null, recommended: null, pastDue: null, latest: null, vaccines: [], reason: '', seriesType: 'Standard' };
    const html = sectionOf(buildVisitSummaryHtml(margaretInput({ sections, vaccinesDue: { supportingData: '4.64', assessmentDate: PRINTED_ON, groups: [complete], conditions: [] } })));
    expect(html).toContain('Nothing is due or coming up by this record.');
    expect(html).toContain('No conditions that change the schedule were stated.');
    expect(sectionOf(buildVisitSummaryHtml(margaretInput({ sections: DEFAULT_SECTIONS })))).toBe('');
  });
});

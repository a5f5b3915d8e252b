// The printed summary says the titles Chartkeeper wrote itself in the packet's language, and a
// source's own titles as written (main/records/readable/titles.ts sayTitle).
import { expect, it } from 'vitest';
import { buildVisitSummaryHtml, SUMMARY_SECTIONS, type SectionChoice } from '../../main/summary/build.ts';
import { EntryBuilder, margaretInput, PRINTED_ON } from './fixtures.ts';

function withVisits(language: 'en' | 'es'): string {
  const b = new EntryBuilder(900, { sourceId: 90, provider: 'VA', fileName: 'va.txt', documentDate: PRINTED_ON });
  b.encounter('Hospital admission', '2025-02-01', 'VA Medical Center', []);
  b.encounter('Annual physical', '2025-02-10', 'Clinic', []);
  const sections = Object.fromEntries(SUMMARY_SECTIONS.map((name) => [name, name === 'encounters'])) as SectionChoice;
  const input = margaretInput({ language, sections });
  return buildVisitSummaryHtml({ ...input, entries: [...input.entries, ...b.entries] });
}

it('says a title Chartkeeper wrote in Spanish and a source’s title as written', () => {
  const es = withVisits('es');
  expect(es).toContain('Ingreso hospitalario');
  expect(es).not.toContain('Hospital admission');
  expect(es).toContain('Annual physical');
  expect(withVisits('en')).toContain('Hospital admission');
});

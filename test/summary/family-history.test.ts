// The visit summary's family history: every relative's condition, by relative, with what the
// record says of it in the packet's language; optional, as the forecast is; the person may leave
// items out, and what they hid or said is wrong is never printed.
import { describe, expect, it } from 'vitest';
import { buildVisitSummaryHtml, DEFAULT_SECTIONS, SUMMARY_SECTIONS, summaryItems } from '../../main/summary/build.ts';
import type { StoredEntry } from '../../main/records/model.ts';
import { EntryBuilder, margaretInput, PRINTED_ON } from './fixtures.ts';

function familyRecord(): StoredEntry[] {
  const b = new EntryBuilder(5000, { sourceId: 21, provider: 'Riverside Family Medicine', fileName: 'ccd.xml', documentDate: '2024-11-02' });
  b.add('family', 'Type 2 diabetes', { status: 'completed' });
  b.add('family', 'Myocardial infarction', { status: 'completed', details: { relation: 'Father', causeOfDeath: true, onsetAge: { value: 61, unit: 'a' }, comment: 'Deceased' } });
  b.add('family', 'Breast cancer', { status: 'completed', details: { relation: 'Mother', onsetAge: { value: 52, unit: 'a' } } });
  b.add('family', 'Asthma', { status: 'not-done', details: { relation: 'Brother' } });
  b.add('family', 'Glaucoma', { status: 'completed', details: { relation: 'Mother' } });
  const hidden = b.add('family', 'Gout', { status: 'completed', details: { relation: 'Uncle' } });
  hidden.personal = [{ id: 1, kind: 'wrong', date: PRINTED_ON, madeAt: `${PRINTED_ON}T09:00:00Z` }];
  return b.entries;
}

const withFamily = (overrides = {}) => {
  const base = margaretInput();
  return margaretInput({ entries: [...base.entries, ...familyRecord()], sections: { ...DEFAULT_SECTIONS, familyHistory: true }, ...overrides });
};

/** The section's rows as text: relative | condition | what the record says. */
function rowsOf(html: string): string[] {
  const section = /<section data-section="familyHistory">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
  return [...section.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<br>/g, '; ').replace(/<[^>]+>/g, '').trim()).join(' | ').trim(),
  );
}

describe('family history in the visit summary', () => {
  it('is optional: off by default, printed when chosen, after the procedures', () => {
    expect(DEFAULT_SECTIONS.familyHistory).toBe(false);
    expect(buildVisitSummaryHtml(margaretInput({ entries: [...margaretInput().entries, ...familyRecord()] }))).not.toContain('data-section="familyHistory"');
    expect(SUMMARY_SECTIONS.indexOf('familyHistory')).toBe(SUMMARY_SECTIONS.indexOf('procedures') + 1);
    expect(buildVisitSummaryHtml(withFamily())).toContain('<h2>Family history</h2>');
  });

  it('lists each relative\'s conditions with the age they began, a death from it, a condition that is not so and the comment; the hidden one is not printed', () => {
    expect(rowsOf(buildVisitSummaryHtml(withFamily()))).toEqual([
      'Brother | Asthma | Not the case (the source says so)',
      'Father | Myocardial infarction | Began at age 61; Yes: the relative died of this; Deceased',
      'Mother | Breast cancer | Began at age 52',
      'Mother | Glaucoma |',
      'Relative not named | Type 2 diabetes |',
    ]);
  });

  it('in Spanish', () => {
    const html = buildVisitSummaryHtml(withFamily({ language: 'es' }));
    expect(html).toContain('<h2>Antecedentes familiares</h2>');
    const rows = rowsOf(html);
    expect(rows[1]).toBe('Father | Myocardial infarction | Comenzó a los 61 años; Sí: el familiar murió por esta causa; Deceased');
    expect(rows[4]).toBe('Familiar sin especificar | Type 2 diabetes |');
  });

  it('offers each item to leave out, named with the relative, and says how many were left out', () => {
    const items = summaryItems(withFamily()).find((s) => s.section === 'familyHistory')!.items;
    expect(items.map((i) => i.title)).toEqual(['Brother: Asthma', 'Father: Myocardial infarction', 'Mother: Breast cancer', 'Mother: Glaucoma', 'Type 2 diabetes']);
    const glaucoma = items.find((i) => i.title === 'Mother: Glaucoma')!;
    const html = buildVisitSummaryHtml(withFamily({ excludedEntryIds: [glaucoma.id] }));
    expect(rowsOf(html)).toHaveLength(4);
    expect(html).toMatch(/<h2>Family history <span class="heading-note">1 item left out by the person who printed this/);
  });

  it('says none is recorded when the record holds none', () => {
    const html = buildVisitSummaryHtml(margaretInput({ sections: { ...DEFAULT_SECTIONS, familyHistory: true } }));
    expect(/<section data-section="familyHistory">[\s\S]*?<\/section>/.exec(html)?.[0]).toContain('<p class="none">');
  });
});

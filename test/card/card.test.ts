// The emergency card's content and layout, checked as a clinician would read it: every current
// allergy with its reactions, every current medication with its dose, every active problem,
// the newest blood type, the contacts, and nothing a source says is over.
import { describe, expect, test } from 'vitest';
import { buildEmergencyCardHtml, packPanels, type EmergencyCardInput } from '../../main/card/build.ts';
import { normaliseContacts, parseStoredContacts } from '../../main/card/contacts.ts';
import { cardContent } from '../../main/card/select.ts';
import { CARD_STRINGS } from '../../main/card/strings.ts';
import { code, EntryBuilder, margaretRecord, PRINTED_ON } from '../summary/fixtures.ts';

const collator = new Intl.Collator('en-US', { sensitivity: 'base', numeric: true });
const CONTACTS = [
  { name: 'Ruth Whitfield', relation: 'Daughter', phone: '+1 (555) 010-2233' },
  { name: 'Dr. Alan <Grey>', phone: '555-0199 ext 12' },
];

function input(overrides: Partial<EmergencyCardInput> = {}): EmergencyCardInput {
  const { person, entries } = margaretRecord();
  return { person, contacts: CONTACTS, entries, printedOn: PRINTED_ON, language: 'en', paper: 'Letter', layout: 'page', ...overrides };
}

/** The text of the card as a reader sees it: tags dropped, entities read. */
function text(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

describe('what goes on the card', () => {
  test('current allergies with reactions and severity, current medications with doses, active problems; nothing ended', () => {
    const { entries } = margaretRecord();
    const content = cardContent(entries, PRINTED_ON, collator);
    expect(content.allergies.map((a) => a.details.substance)).toEqual(['Codeine', 'Latex', 'Penicillin', 'Shellfish', 'Sulfamethoxazole']);
    const meds = content.medications.map((m) => m.title);
    expect(meds).toContain('Metformin 500 mg tablet');
    expect(meds).toContain('Prednisone 10 mg tablet');
    expect(meds).not.toContain('Glipizide 5 mg tablet');
    expect(meds).not.toContain('Amoxicillin 500 mg capsule');
    const problems = content.problems.map((p) => p.title);
    expect(problems).toContain('Chronic kidney disease stage 3a');
    expect(problems).not.toContain('Community acquired pneumonia');

    const page = text(buildEmergencyCardHtml(input()));
    expect(page).toContain('Shellfish Anaphylaxis · Severe');
    expect(page).toContain('Codeine Nausea, Vomiting · Moderate');
    expect(page).toContain('Metformin 500 mg tablet 500 mg, by mouth, twice a day');
    expect(page).not.toContain('Egg protein');
    expect(page).not.toContain('Glipizide');
  });

  test('an allergy any source still lists as active stays, even when a newer source says inactive', () => {
    const older = new EntryBuilder(1, { sourceId: 1, provider: 'Clinic A', fileName: 'a.xml', documentDate: '2015-05-01' });
    const allergy = older.allergy('Penicillin', ['Hives'], 'Severe');
    const newer = new EntryBuilder(50, { sourceId: 2, provider: 'Clinic B', fileName: 'b.xml', documentDate: '2020-05-01' });
    const inactive = newer.allergy('Penicillin', ['Hives'], 'Severe', { status: 'inactive' });
    allergy.sources.push(inactive.sources[0]!);
    const content = cardContent([allergy], '2021-01-01', collator);
    expect(content.allergies).toHaveLength(1);
  });

  test('blood type: the newest ABO/Rh result, with its date and source; ABO and Rh side by side when given apart', () => {
    const b = new EntryBuilder(1, { sourceId: 1, provider: 'Blood Bank', fileName: 'lab.xml', documentDate: '2024-01-01' });
    b.add('result', 'ABO and Rh group', { codes: [code('LOINC', '882-1')], start: '2019-02-01', value: { text: 'B Rh(D) negative' } });
    b.add('result', 'ABO and Rh group', { codes: [code('LOINC', '882-1')], start: '2023-06-01', value: { text: 'O Rh(D) positive' } });
    expect(cardContent(b.entries, PRINTED_ON, collator).bloodType).toEqual([{ text: 'O Rh(D) positive', date: '2023-06-01', provider: 'Blood Bank' }]);

    const apart = new EntryBuilder(10, { sourceId: 1, provider: 'Lab', fileName: 'lab.xml', documentDate: '2024-01-01' });
    apart.add('result', 'ABO group', { codes: [code('LOINC', '883-9')], start: '2022-01-01', value: { text: 'A' } });
    apart.add('result', 'Rh type', { codes: [code('LOINC', '10331-7')], start: '2022-01-01', value: { text: 'Positive' } });
    const html = text(buildEmergencyCardHtml(input({ entries: apart.entries })));
    expect(html).toContain('Blood type: A Positive');
    // A record without one says nothing about blood type: no placeholder.
    expect(text(buildEmergencyCardHtml(input()))).not.toContain('Blood type');
  });

  test('contacts are printed escaped; empty lists say so in words, never left out', () => {
    const page = buildEmergencyCardHtml(input());
    expect(page).toContain('Dr. Alan &lt;Grey&gt;');
    expect(page).not.toContain('<Grey>');
    const empty = text(buildEmergencyCardHtml(input({ entries: [], contacts: [] })));
    expect(empty).toContain('No allergies recorded (this does not mean there are none).');
    expect(empty).toContain('No emergency contact entered.');
    expect(empty).toContain('No current medications recorded.');
  });

  test('Spanish: the card’s own words are Spanish, and every label has a Spanish text', () => {
    for (const [key, value] of Object.entries(CARD_STRINGS.en)) {
      if (typeof value === 'string') expect(CARD_STRINGS.es[key as keyof typeof CARD_STRINGS.es], key).not.toBe(value);
    }
    const es = text(buildEmergencyCardHtml(input({ language: 'es' })));
    expect(es).toContain('Información médica de emergencia');
    expect(es).toContain('Alergias');
    expect(es).toContain('En caso de emergencia, llamar a');
    expect(es).not.toMatch(/Current medications|Allergies|In an emergency/);
  });

  test('an allergy’s FHIR severity and criticality codes are said in the card’s language; the stored words stay', () => {
    const b = new EntryBuilder(1, { sourceId: 1, provider: 'Clinic', fileName: 'a.json', documentDate: '2025-01-01' });
    const entry = b.allergy('Penicillin', ['Hives'], 'severe');
    entry.details.criticality = 'high';
    const es = text(buildEmergencyCardHtml(input({ entries: b.entries, language: 'es' })));
    expect(es).toContain('Hives · grave · riesgo: alto');
    expect(es).not.toMatch(/riesgo: high|\bsevere\b/);
    expect(text(buildEmergencyCardHtml(input({ entries: b.entries })))).toContain('Hives · severe · risk: high');
    expect(entry.details).toMatchObject({ severity: 'severe', criticality: 'high' });
  });
});

describe('wallet cards', () => {
  test('every line lands on exactly one panel, in order, and long lists continue under "(continued)"', () => {
    const b = new EntryBuilder(1, { sourceId: 1, provider: 'Clinic', fileName: 'a.xml', documentDate: '2025-01-01' });
    for (let i = 0; i < 40; i++) b.medication(`Medicine number ${i} extended-release tablet`, String(1000 + i), { dose: `${i + 1} mg`, frequency: 'every 12 h' });
    b.medication('X'.repeat(900), '999', { dose: '1 mg' });
    const html = buildEmergencyCardHtml(input({ entries: b.entries, layout: 'wallet' }));
    const shown = text(html);
    for (let i = 0; i < 40; i++) expect(shown).toContain(`Medicine number ${i} extended-release tablet`);
    // A 900-character name is split across panels at their width, not cut: every character is there.
    expect(shown.match(/X/g)).toHaveLength(900);
    expect(shown).toContain('Current medications (continued)');
    expect((html.match(/class="card-row"/g) ?? []).length).toBeGreaterThan(1);
  });

  test('packing keeps a short list whole and never leaves a heading without its first line', () => {
    const sections = [
      { name: 'allergies' as const, heading: 'Allergies', lines: Array.from({ length: 9 }, (_, i) => ({ main: `Allergy ${i}` })), empty: '' },
      { name: 'contacts' as const, heading: 'Call', lines: [{ main: 'A', detail: '1' }, { main: 'B', detail: '2' }], empty: '' },
    ];
    const panels = packPanels(sections);
    const contactsPanels = panels.filter((p) => p.blocks.some((b) => b.section.name === 'contacts'));
    expect(contactsPanels).toHaveLength(1);
    for (const panel of panels) for (const block of panel.blocks) expect(block.lines.length).toBeGreaterThan(0);
    expect(panels.flatMap((p) => p.blocks.flatMap((b) => b.lines.map((l) => l.main)))).toEqual([...sections[0]!.lines.map((l) => l.main), 'A', 'B']);
  });
});

describe('stored contacts', () => {
  test('read defensively, trimmed, at most five', () => {
    expect(parseStoredContacts(undefined)).toEqual([]);
    expect(parseStoredContacts('not json')).toEqual([]);
    expect(parseStoredContacts(JSON.stringify([{ name: ' Ann ', phone: ' 1 ' }, { name: 'no phone' }, 7]))).toEqual([{ name: 'Ann', phone: '1' }]);
    expect(parseStoredContacts(JSON.stringify(Array.from({ length: 8 }, (_, i) => ({ name: `N${i}`, phone: '1' }))))).toHaveLength(5);
    expect(normaliseContacts([{ name: ' Ann ', relation: ' ', phone: '1 ' }])).toEqual([{ name: 'Ann', phone: '1' }]);
  });
});

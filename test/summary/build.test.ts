import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  buildVisitSummaryHtml,
  CONTENT_SECURITY_POLICY,
  DEFAULT_SECTIONS,
  InvalidSummaryInputError,
  SUMMARY_SECTIONS,
  type SectionChoice,
  type SummarySection,
} from '../../main/summary/build.ts';
import { SUMMARY_STRINGS } from '../../main/summary/strings.ts';
import { EntryBuilder, margaretInput, MY_NOTES, PRINTED_ON, TOMAS_ONLY } from './fixtures.ts';

function only(section: SummarySection): SectionChoice {
  const choice = Object.fromEntries(SUMMARY_SECTIONS.map((s) => [s, s === section]));
  return choice as SectionChoice;
}

function sectionsIn(html: string): string[] {
  return [...html.matchAll(/<section data-section="([A-Za-z]+)">/g)].map((m) => m[1] ?? '');
}

/** The HTML of one section, to check that something appears where it belongs. */
function sectionHtml(html: string, name: SummarySection): string {
  const start = html.indexOf(`<section data-section="${name}">`);
  if (start < 0) return '';
  return html.slice(start, html.indexOf('</section>', start));
}

/** The table row (rows are one per line) whose first cell is this bold name. */
function rowOf(html: string, name: string): string {
  return html.split('\n').find((line) => line.startsWith('<tr>') && line.includes(`<b>${name}</b>`)) ?? '';
}

function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('sections', () => {
  it('prints every chosen section, in order', () => {
    const html = buildVisitSummaryHtml(margaretInput({ sections: { ...DEFAULT_SECTIONS, vaccinesDue: true, familyHistory: true }, vaccinesDue: null, myNotes: MY_NOTES }));
    expect(sectionsIn(html)).toEqual([...SUMMARY_SECTIONS]);
  });

  it.each(SUMMARY_SECTIONS)('prints only %s when only it is chosen', (section) => {
    const html = buildVisitSummaryHtml(margaretInput({ sections: only(section), vaccinesDue: null, myNotes: MY_NOTES }));
    expect(sectionsIn(html)).toEqual([section]);
  });

  it('leaves out notes and education when there is nothing to print, but keeps lines for questions', () => {
    const html = buildVisitSummaryHtml(margaretInput({ notesForClinician: '  ', myNotes: [], education: [], questions: [] }));
    expect(sectionsIn(html)).not.toContain('notes');
    expect(html).not.toContain('data-section="clinician-notes"');
    expect(sectionsIn(html)).not.toContain('education');
    expect(sectionHtml(html, 'questions')).toContain('class="write-lines"');
  });

  it('says so when a chosen clinical section has no entries, without claiming "no known allergies"', () => {
    const html = buildVisitSummaryHtml(margaretInput({ entries: [] }));
    expect(sectionHtml(html, 'medications')).toContain('None recorded.');
    expect(sectionHtml(html, 'allergies')).toContain('No allergies recorded (this does not mean there are none).');
    expect(sectionHtml(html, 'results')).toContain('None recorded.');
  });
});

describe('header', () => {
  it('shows the name, birth date with age, sex, printing date and who prepared it', () => {
    const html = buildVisitSummaryHtml(margaretInput());
    expect(html).toContain('<h1>Margaret A. Whitfield</h1>');
    expect(html).toContain('Date of birth:</b> Jan 31, 1950 (age 75)');
    expect(html).toContain('Sex:</b> Female');
    expect(html).toContain('Printed on:</b> Mar 14, 2025');
    expect(html).toContain('Prepared by:</b> Ellen Whitfield (daughter)');
    expect(html).toContain('<title>Margaret A. Whitfield — Visit summary</title>');
  });

  it('refuses a printing date that is not YYYY-MM-DD', () => {
    expect(() => buildVisitSummaryHtml(margaretInput({ printedOn: '03/14/2025' }))).toThrow(InvalidSummaryInputError);
    expect(() => buildVisitSummaryHtml(margaretInput({ printedOn: '2025-13-01' }))).toThrow(/YYYY-MM-DD/);
  });

  it('refuses a language or paper it cannot print, rather than writing it into the markup', () => {
    const language = '"><script>' as unknown as 'en';
    const paper = 'A4; } body { display: none' as unknown as 'A4';
    expect(() => buildVisitSummaryHtml(margaretInput({ language }))).toThrow(InvalidSummaryInputError);
    expect(() => buildVisitSummaryHtml(margaretInput({ paper }))).toThrow('The visit summary can only be printed on A4 or Letter paper.');
  });
});

describe('medications', () => {
  const html = buildVisitSummaryHtml(margaretInput());
  const meds = sectionHtml(html, 'medications');

  it('prints current medications in large type, with dose, route and frequency', () => {
    const bodySize = Number(/body \{[^}]*font-size: ([\d.]+)pt/.exec(html)?.[1]);
    const medSize = Number(/\.meds td \{ font-size: ([\d.]+)pt/.exec(html)?.[1]);
    expect(medSize).toBeGreaterThanOrEqual(14);
    expect(medSize).toBeGreaterThan(bodySize);
    expect(meds).toContain('<table class="meds">');
    expect(meds).toContain(
      '<td class="med-name">Metformin 500 mg tablet<span class="med-instructions">Take with breakfast and supper.</span></td><td>500 mg</td><td>by mouth</td><td>twice a day</td>',
    );
  });

  it('keeps active ones, ones without an end, and ones ending later; drops stopped and ended ones', () => {
    expect(meds).toContain('Lisinopril 10 mg tablet');
    expect(meds).toContain('Cholecalciferol 1000 unit tablet'); // no status, no end
    expect(meds).toContain('Prednisone 10 mg tablet'); // ends after the printing date
    expect(meds).not.toContain('Glipizide'); // stopped
    expect(meds).not.toContain('Amoxicillin'); // no status, ended before the printing date
    expect(meds.match(/<td class="med-name">/g)).toHaveLength(11);
  });

  it('sorts them by name', () => {
    const names = [...meds.matchAll(/<td class="med-name">([^<]+)/g)].map((m) => m[1]);
    expect(names[0]).toBe('Amlodipine 5 mg tablet');
    expect(names).toEqual([...names].sort((a, b) => (a ?? '').localeCompare(b ?? '', 'en')));
  });
});

describe('allergies and problems', () => {
  const html = buildVisitSummaryHtml(margaretInput());

  it('prints substance, reactions and severity, and leaves out resolved allergies', () => {
    const allergies = sectionHtml(html, 'allergies');
    expect(allergies).toContain('<tr><td><b>Codeine</b></td><td>Nausea, Vomiting</td><td>Moderate</td></tr>');
    expect(allergies).toContain('<b>Shellfish</b></td><td>Anaphylaxis</td><td>Severe</td>');
    expect(allergies).not.toContain('Egg protein');
  });

  it('prints active problems with their start, not resolved or ended ones', () => {
    const problems = sectionHtml(html, 'problems');
    expect(problems).toContain('Type 2 diabetes mellitus <span class="muted">(since Mar 2012)</span>');
    expect(problems).toContain('Essential hypertension <span class="muted">(since 2008)</span>');
    expect(problems).not.toContain('pneumonia');
    expect(problems).not.toContain('Urinary tract infection');
  });
});

describe('results', () => {
  const html = buildVisitSummaryHtml(margaretInput());

  it('shows the last value with its unit, flag, date and reference range', () => {
    const row = rowOf(html, 'Hemoglobin A1c');
    expect(row).toContain('6.9% <span class="flag flag-abnormal"><span aria-hidden="true">▲</span> High</span>');
    expect(row).toContain('Jan 20, 2025');
    expect(row).toContain('4–5.6%');
  });

  it('draws an arrow against the previous value: down, up, unchanged', () => {
    expect(rowOf(html, 'Hemoglobin A1c')).toContain('aria-label="down">↓</span> 7.1%');
    expect(rowOf(html, 'Creatinine')).toContain('aria-label="up">↑</span> 1.2 mg/dL');
    expect(rowOf(html, 'Potassium')).toContain('aria-label="unchanged">→</span> 4.5 mmol/L');
    // A single value has nothing to compare with.
    expect(rowOf(html, 'Sodium')).not.toMatch(/[↑↓→]/);
  });

  it('draws no arrow between values in different units', () => {
    const b = new EntryBuilder(1, { sourceId: 1, provider: 'Lab', fileName: 'x.xml', documentDate: '2025-01-01' });
    b.result('Glucose', '2345-7', '2024-12-01', 5.5, 'mmol/L', {});
    b.result('Glucose', '2345-7', '2025-01-01', 110, 'mg/dL', {});
    const row = rowOf(buildVisitSummaryHtml(margaretInput({ entries: b.entries })), 'Glucose');
    expect(row).toContain('110 mg/dL');
    expect(row).toContain('5.5 mmol/L');
    expect(row).not.toMatch(/[↑↓→]/);
  });

  it('prints glucose in the glucose unit chosen, each value and range converted and rounded as clinicians read it', () => {
    const b = new EntryBuilder(1, { sourceId: 1, provider: 'Lab', fileName: 'x.xml', documentDate: '2025-01-01' });
    b.result('Glucose', '2345-7', '2024-12-01', 5.5, 'mmol/L', { low: 3.9, high: 5.5 });
    b.result('Glucose', '2345-7', '2025-01-01', 110, 'mg/dL', { low: 70, high: 99 }, 'H');
    b.result('Cholesterol', '2093-3', '2025-01-01', 190, 'mg/dL', {});
    const mmol = buildVisitSummaryHtml(margaretInput({ entries: b.entries, glucoseUnit: 'mmol/L' }));
    expect(rowOf(mmol, 'Glucose')).toContain('6.1 mmol/L');
    expect(rowOf(mmol, 'Glucose')).toContain('5.5 mmol/L');
    expect(rowOf(mmol, 'Glucose')).toContain('3.9–5.5 mmol/L');
    expect(rowOf(mmol, 'Glucose')).not.toContain('mg/dL');
    // Only glucose follows the glucose setting.
    expect(rowOf(mmol, 'Cholesterol')).toContain('190 mg/dL');
    const mg = buildVisitSummaryHtml(margaretInput({ entries: b.entries, glucoseUnit: 'mg/dL' }));
    expect(rowOf(mg, 'Glucose')).toContain('110 mg/dL');
    expect(rowOf(mg, 'Glucose')).toContain('99 mg/dL');
    expect(rowOf(mg, 'Glucose')).not.toContain('mmol/L');
    // "auto" (and no setting) prints each value as written.
    const auto = rowOf(buildVisitSummaryHtml(margaretInput({ entries: b.entries, glucoseUnit: 'auto' })), 'Glucose');
    expect(auto).toContain('110 mg/dL');
    expect(auto).toContain('5.5 mmol/L');
  });

  it('prints meter glucose typed in mg/dL (2339-0) and in mmol/L (15074-8) as one row, with an arrow when both read in the chosen unit', () => {
    const b = new EntryBuilder(1, { sourceId: 1, provider: 'Meter', fileName: 'x.csv', documentDate: '2025-01-02' });
    b.result('Glucose (meter)', '2339-0', '2025-01-01', 101, 'mg/dL', { low: 70, high: 99 });
    b.result('Glucose (meter)', '15074-8', '2025-01-02', 6.1, 'mmol/L', { low: 3.9, high: 5.5 });
    // Glucose known only by name is never converted, so its two units are never compared.
    b.add('result', 'Glucose', { status: 'completed', start: '2025-01-01', value: { number: 99, text: '99', unit: 'mg/dL' } });
    b.add('result', 'Glucose', { status: 'completed', start: '2025-01-02', value: { number: 5.6, text: '5.6', unit: 'mmol/L' } });
    const rows = (glucoseUnit: 'auto' | 'mg/dL' | 'mmol/L') =>
      sectionHtml(buildVisitSummaryHtml(margaretInput({ entries: b.entries, glucoseUnit, chosenTrendTests: ['2339-0'] })), 'results')
        .split('\n')
        .filter((line) => line.startsWith('<tr>') && line.includes('<b>Glucose (meter)</b>'));

    const [mg, ...moreMg] = rows('mg/dL');
    expect(moreMg).toEqual([]);
    expect(mg).toMatch(/<td>110 mg\/dL <span class="flag flag-abnormal">.*<\/td>.*aria-label="up">↑<\/span> 101 mg\/dL/);
    expect(mg).toContain('70–99 mg/dL');
    // The small chart (chosen by the mg/dL code) draws both, in the chosen unit.
    expect(mg).toContain('aria-label="Glucose (meter) over time: 101 mg/dL, 110 mg/dL"');

    const [mmol, ...moreMmol] = rows('mmol/L');
    expect(moreMmol).toEqual([]);
    expect(mmol).toMatch(/<td>6\.1 mmol\/L <span class="flag flag-abnormal">.*<\/td>.*aria-label="up">↑<\/span> 5\.6 mmol\/L/);
    expect(mmol).toContain('aria-label="Glucose (meter) over time: 5.6 mmol/L, 6.1 mmol/L"');

    // "auto" prints each value as written: one row still, but no arrow and no chart across two units.
    const [auto, ...moreAuto] = rows('auto');
    expect(moreAuto).toEqual([]);
    expect(auto).toContain('6.1 mmol/L');
    expect(auto).toContain('101 mg/dL');
    expect(auto).not.toMatch(/[↑↓→]/);
    expect(auto).not.toContain('<svg');

    const byName = rowOf(buildVisitSummaryHtml(margaretInput({ entries: b.entries, glucoseUnit: 'mg/dL' })), 'Glucose');
    expect(byName).toContain('5.6 mmol/L');
    expect(byName).toContain('99 mg/dL');
    expect(byName).not.toMatch(/[↑↓→]/);
  });

  it('compares values as they read: equal once rounded in the chosen unit is unchanged; a value with a comparator only in its own unit', () => {
    const b = new EntryBuilder(1, { sourceId: 1, provider: 'Meter', fileName: 'x.csv', documentDate: '2025-01-02' });
    b.result('Glucose (meter)', '15074-8', '2025-01-01', 6.1, 'mmol/L', {});
    b.result('Glucose (meter)', '2339-0', '2025-01-02', 110, 'mg/dL', {});
    const row = rowOf(buildVisitSummaryHtml(margaretInput({ entries: b.entries, glucoseUnit: 'mg/dL' })), 'Glucose (meter)');
    expect(row).toContain('aria-label="unchanged">→</span> 110 mg/dL');
    // "<2.2 mmol/L" prints as written, so it is never set against a value it would read differently from.
    b.add('result', 'Glucose (meter)', { codes: b.entries[0]!.codes, status: 'completed', start: '2025-01-03', value: { number: 2.2, text: '<2.2', unit: 'mmol/L' } });
    const low = rowOf(buildVisitSummaryHtml(margaretInput({ entries: b.entries, glucoseUnit: 'mg/dL' })), 'Glucose (meter)');
    expect(low).toContain('&lt;2.2 mmol/L');
    expect(low).toContain('110 mg/dL');
    expect(low).not.toMatch(/[↑↓→]/);
  });

  it('draws small charts only for the chosen tests', () => {
    const results = sectionHtml(html, 'results');
    expect(results.match(/<svg class="sparkline"/g)).toHaveLength(2);
    expect(rowOf(html, 'Hemoglobin A1c')).toContain('aria-label="Hemoglobin A1c over time: 7.8%, 7.4%, 7.1%, 6.9%"');
    expect(rowOf(html, 'Creatinine')).toContain('<svg class="sparkline"');
    expect(rowOf(html, 'TSH')).not.toContain('<svg');
    const none = buildVisitSummaryHtml(margaretInput({ chosenTrendTests: [] }));
    expect(none).not.toContain('<svg');
    expect(none).not.toContain('<th scope="col">Chart</th>');
  });
});

describe('immunizations, visits and procedures', () => {
  const html = buildVisitSummaryHtml(margaretInput());

  it('groups doses of the same vaccine and leaves out refused ones', () => {
    expect(rowOf(html, 'Influenza vaccine, high dose')).toContain('<td>Oct 2, 2024</td><td>Oct 5, 2023</td>');
    expect(sectionHtml(html, 'immunizations')).not.toContain('Hepatitis B');
  });

  it('shows the 10 most recent visits when fewer than 10 fall in the last 12 months', () => {
    const visits = sectionHtml(html, 'encounters');
    expect(visits.match(/<tr><td>/g)).toHaveLength(10);
    expect(visits).toContain('Showing the 10 most recent of 12.');
    expect(visits).toContain('Oct 5, 2023');
    expect(visits).not.toContain('Hospital admission for pneumonia');
    expect(visits.indexOf('Jan 22, 2025')).toBeLessThan(visits.indexOf('Nov 4, 2024'));
  });

  it('shows every visit of the last 12 months when there are more than 10', () => {
    const b = new EntryBuilder(1, { sourceId: 1, provider: 'Clinic', fileName: 'x.xml', documentDate: '2025-03-01' });
    for (let month = 1; month <= 12; month++) {
      const date = month <= 2 ? `2025-0${month}-20` : `2024-${String(month).padStart(2, '0')}-20`;
      b.encounter(`Visit ${month}`, date, 'Clinic', []);
    }
    b.encounter('Old visit', '2023-01-05', 'Clinic', []);
    const visits = sectionHtml(buildVisitSummaryHtml(margaretInput({ entries: b.entries })), 'encounters');
    expect(visits.match(/<tr><td>/g)).toHaveLength(12);
    expect(visits).not.toContain('Old visit');
  });

  it('lists procedures newest first', () => {
    const procedures = sectionHtml(html, 'procedures');
    expect(procedures.indexOf('Corticosteroid injection')).toBeLessThan(procedures.indexOf('Screening colonoscopy'));
  });

  it('prints a procedure’s body site and method in the source’s words beside its name, escaped', () => {
    const b = new EntryBuilder(1, { sourceId: 1, provider: 'Clinic', fileName: 'x.xml', documentDate: '2025-03-01' });
    const hip = b.procedure('Total hip replacement', '52734007', '2025-01-02', 'Clinic');
    hip.details.bodySite = 'Hip <joint> (Left)';
    hip.details.method = 'Posterior approach';
    b.procedure('Chest X-ray', '168731009', '2025-01-03', 'Clinic');
    const procedures = sectionHtml(buildVisitSummaryHtml(margaretInput({ entries: b.entries })), 'procedures');
    expect(procedures).toContain('Total hip replacement <span class="muted">(Hip &lt;joint&gt; (Left); Posterior approach)</span>');
    expect(procedures).not.toMatch(/Chest X-ray <span/);
  });
});

describe('questions, notes and education', () => {
  const html = buildVisitSummaryHtml(margaretInput());

  it('numbers the questions and keeps the line breaks of the notes', () => {
    expect(sectionHtml(html, 'questions')).toContain(
      '<li>Should the metformin dose change now that the A1c is lower?</li>',
    );
    const clinician = html.slice(html.indexOf('data-section="clinician-notes"'), html.indexOf('</section>', html.indexOf('data-section="clinician-notes"')));
    expect(clinician).toContain('Mom lives alone; I visit every other day.\nShe sometimes');
    expect(sectionHtml(buildVisitSummaryHtml(margaretInput({ myNotes: MY_NOTES })), 'notes')).toContain('Bring the pill organizer.\nAsk about the shingles vaccine.');
    expect(html).toContain('.clinician-notes { white-space: pre-wrap;');
  });

  it('links MedlinePlus pages with the attribution next to each link', () => {
    const education = sectionHtml(html, 'education');
    expect(education).toContain(
      '<a href="https://medlineplus.gov/druginfo/meds/a696005.html?utm_source=mplusconnect&amp;utm_medium=service">Metformin</a>',
    );
    expect(education).toContain('(About: Metformin 500 mg tablet)');
    expect(education).toContain('Information from MedlinePlus.gov');
  });

  it('prints only https links on medlineplus.gov', () => {
    const links = [
      'http://medlineplus.gov/diabetes.html',
      'https://medlineplus.gov.example.com/diabetes.html',
      'https://example.com/?u=https://medlineplus.gov/',
      'javascript:alert(1)',
      'https://user:pw@medlineplus.gov/diabetes.html',
      'https://medlineplus.gov:8443/diabetes.html',
      'not a url',
      'https://medlineplus.gov/spanish/diabetes.html',
    ].map((url, i) => ({ entryId: 0, title: `Link ${i}`, url }));
    const education = sectionHtml(buildVisitSummaryHtml(margaretInput({ education: links })), 'education');
    expect(education.match(/<a href=/g)).toHaveLength(1);
    expect(education).toContain('<a href="https://medlineplus.gov/spanish/diabetes.html">Link 7</a>');
  });
});

describe('safety', () => {
  const hostile = '<script>alert(1)</script>';
  const attr = '" onerror="alert(1)';

  function hostileHtml(): string {
    const b = new EntryBuilder(1, { sourceId: 1, provider: hostile, fileName: 'evil.xml', documentDate: '2025-01-01' });
    b.medication(hostile, '1', { dose: attr, route: '<img src=x onerror=alert(1)>', frequency: "' onload='x", instructions: hostile });
    b.allergy(hostile, [attr, hostile], '<b>Severe</b>');
    b.problem(`${hostile}`, '1', '2020');
    b.add('result', `A1c ${attr}`, {
      codes: [{ system: 'LOINC', code: '4548-4' }],
      start: '2024-01-01',
      value: { number: 7, text: '7', unit: attr },
      referenceRange: { text: hostile },
      interpretation: hostile,
    });
    b.add('result', `A1c ${attr}`, {
      codes: [{ system: 'LOINC', code: '4548-4' }],
      start: '2025-01-01',
      value: { number: 6, text: '6', unit: attr },
    });
    b.immunization(hostile, '1', '2024-01-01');
    b.encounter(hostile, '2025-01-02', attr, [hostile]);
    b.procedure(hostile, '1', '2025-01-02', attr);
    return buildVisitSummaryHtml(
      margaretInput({
        person: { name: hostile, birthDate: attr, sex: hostile },
        preparedBy: attr,
        entries: b.entries,
        chosenTrendTests: ['4548-4'],
        questions: [hostile, attr],
        notesForClinician: `${hostile}\u0000\u001b`,
        education: [{ entryId: 1, title: hostile, url: `https://medlineplus.gov/a.html?x="><script>alert(1)</script>` }],
      }),
    );
  }

  const ALLOWED_TAGS = new Set(
    'html head meta title style body header main section h1 h2 p div span b br table thead tbody tr th td ul ol li a svg rect polyline circle'.split(' '),
  );
  const ALLOWED_ATTRIBUTES = new Set(
    'lang charset http-equiv content name class data-section data-fact scope role aria-label href xmlns width height viewBox x y points fill stroke stroke-width cx cy r'.split(' '),
  );

  it('escapes every string from the records and the caregiver', () => {
    const html = hostileHtml();
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('" onerror="');
    expect(html).not.toContain("' onload='");
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot; onerror=&quot;alert(1)');
    expect(html).not.toMatch(/[\u0000\u001b]/);
  });

  it('produces only known tags and attributes, with no event handlers', () => {
    const html = hostileHtml().replace(/<style>[\s\S]*?<\/style>/, '');
    for (const match of html.matchAll(/<([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
      const [, tag = '', attributes = ''] = match;
      expect(ALLOWED_TAGS, `tag <${tag}>`).toContain(tag.toLowerCase());
      for (const a of attributes.matchAll(/([^\s=]+)="[^"]*"/g)) {
        expect(ALLOWED_ATTRIBUTES, `attribute ${a[1]} on <${tag}>`).toContain(a[1]);
      }
      // Nothing left once the well-formed attributes are taken out: no stray unquoted ones.
      expect(attributes.replace(/\s*[^\s=]+="[^"]*"/g, '').replace(/\/$/, '').trim()).toBe('');
    }
  });

  it('carries a strict CSP and loads nothing from outside', () => {
    const html = buildVisitSummaryHtml(margaretInput());
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|@font-face|\ssrc=/i);
    // The only absolute URLs are the SVG namespace and the MedlinePlus link.
    const urls = [...html.matchAll(/https?:\/\/[^\s"<]+/g)].map((m) => m[0]);
    for (const url of urls) {
      expect(url === 'http://www.w3.org/2000/svg' || url.startsWith('https://medlineplus.gov/')).toBe(true);
    }
  });

  it('prints only what it is given: no other person’s data leaks in', () => {
    const text = textOf(buildVisitSummaryHtml(margaretInput()));
    for (const other of TOMAS_ONLY) expect(text).not.toContain(other);
  });
});

describe('Spanish', () => {
  const html = buildVisitSummaryHtml(margaretInput({ language: 'es' }));

  it('translates every heading and column label', () => {
    const labels = [...html.matchAll(/<(h2|th scope="col")>([^<]+)/g)].map((m) => (m[2] ?? '').trim());
    expect(labels.length).toBeGreaterThan(20);
    const english = new Set(
      Object.values(SUMMARY_STRINGS.en).filter((v): v is string => typeof v === 'string'),
    );
    const spanish = new Set(Object.values(SUMMARY_STRINGS.es).filter((v): v is string => typeof v === 'string'));
    for (const label of labels) {
      expect(english, label).not.toContain(label);
    }
    expect(labels).toContain('Medicamentos actuales');
    expect(labels).toContain('Dosis');
    expect(labels.every((l) => spanish.has(l) || l === 'Tendencia (anterior)')).toBe(true);
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Información de MedlinePlus.gov');
  });

  it('has a Spanish string for every English one', () => {
    const en = SUMMARY_STRINGS.en;
    const es = SUMMARY_STRINGS.es;
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      if (typeof en[key] === 'string' && key !== 'locale') expect(es[key], key).not.toBe(en[key]);
    }
  });

  it('writes dates the Spanish way', () => {
    expect(html).toContain('Fecha de nacimiento:</b> 31 ene 1950 (75 años)');
    expect(html).toContain('Impreso el:</b> 14 mar 2025');
    expect(rowOf(html, 'Hemoglobina A1c')).toContain('20 ene 2025');
    expect(sectionHtml(html, 'problems')).toContain('(desde mar 2012)');
  });
});

describe('determinism', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('gives the same bytes for the same input, whatever the clock and time zone', () => {
    vi.stubEnv('TZ', 'Pacific/Kiritimati');
    vi.useFakeTimers({ now: new Date('2031-07-01T23:59:00Z') });
    const first = buildVisitSummaryHtml(margaretInput());
    vi.stubEnv('TZ', 'America/Los_Angeles');
    vi.setSystemTime(new Date('1999-01-01T00:00:00Z'));
    const second = buildVisitSummaryHtml(margaretInput());
    expect(second).toBe(first);
    expect(first).toContain(`Printed on:</b> Mar 14, 2025`);
    expect(PRINTED_ON).toBe('2025-03-14');
  });

  it('differs when the paper differs, in the @page size only', () => {
    const letter = buildVisitSummaryHtml(margaretInput({ paper: 'Letter' }));
    const a4 = buildVisitSummaryHtml(margaretInput({ paper: 'A4' }));
    expect(letter).toContain('@page { size: letter;');
    expect(a4).toContain('@page { size: A4;');
    expect(a4.replace('size: A4;', 'size: letter;')).toBe(letter);
  });
});

describe('a visit’s reason and diagnoses', () => {
  const visitRow = (html: string, name: string) => html.split('\n').find((line) => line.startsWith('<tr>') && line.includes(name)) ?? '';
  it('are printed under the visit’s name, in the packet’s language; a visit with neither prints as before', () => {
    const b = new EntryBuilder(1, { sourceId: 1, provider: 'Clinic', fileName: 'x.xml', documentDate: '2025-03-01' });
    const visit = b.encounter('Office visit for cough', '2025-02-10', 'Clinic', []);
    visit.details.reason = 'Cough for two weeks';
    visit.details.reasonCodes = [{ system: 'SNOMED', code: '49727002', display: 'Cough' }];
    visit.details.diagnoses = [{ system: 'SNOMED', code: '233604007', display: 'Pneumonia' }];
    visit.details.diagnosisTexts = ['Asthma, moderate persistent'];
    // Stored before reasons were kept apart: the reason only in the comment.
    const older = b.encounter('Follow-up visit', '2025-01-10', 'Clinic', []);
    older.details.comment = 'Reason: Fever and chills';
    b.encounter('Annual check-up', '2024-12-01', 'Clinic', []);
    const english = sectionHtml(buildVisitSummaryHtml(margaretInput({ entries: b.entries })), 'encounters');
    expect(visitRow(english, 'Office visit for cough')).toContain('Reason: Cough for two weeks</span>');
    expect(visitRow(english, 'Office visit for cough')).toContain('Diagnoses: Pneumonia; Asthma, moderate persistent</span>');
    expect(visitRow(english, 'Follow-up visit')).toContain('Reason: Fever and chills</span>');
    expect(visitRow(english, 'Annual check-up')).not.toContain('visit-fact');
    const spanish = sectionHtml(buildVisitSummaryHtml(margaretInput({ entries: b.entries, language: 'es' })), 'encounters');
    expect(visitRow(spanish, 'Office visit for cough')).toContain('Motivo: Cough for two weeks</span>');
    expect(visitRow(spanish, 'Office visit for cough')).toContain('Diagnósticos: Pneumonia; Asthma, moderate persistent</span>');
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConnectAnswer } from '../../main/medlineplus/parse-answer.ts';
import type { EducationTopic } from '../../main/medlineplus/parse-answer.ts';
import { isAllowedEducationUrl } from '../../main/medlineplus/safe-url.ts';
import { plainText } from '../../main/medlineplus/sanitize-html.ts';
import { corpusDir, fixturesDir, hasCorpus } from './helpers.ts';

function topicsOf(file: string, language: 'en' | 'es' = 'en'): EducationTopic[] {
  const result = parseConnectAnswer(readFileSync(file, 'utf8'), language);
  if (!result.ok) throw new Error(`${file}: ${result.reason}`);
  return result.topics;
}

function expectSafe(topics: EducationTopic[]): void {
  for (const topic of topics) {
    expect(isAllowedEducationUrl(topic.url)).toBe(true);
    expect(topic.url).not.toContain('utm_');
    expect(JSON.stringify(topic.summary)).not.toMatch(/<[a-z]/i);
  }
}

describe.skipIf(!hasCorpus)('parseConnectAnswer on the recorded answers', () => {
  const corpus = (name: string): string => path.join(corpusDir, name);

  it('reads the current (2026) format with several entries', () => {
    const topics = topicsOf(corpus('icd10-G93.31_2026.json'));
    expect(topics.map((topic) => topic.title)).toEqual(['Fatigue', 'Neurologic Diseases', 'Viral Infections']);
    expect(topics[0]!.url).toBe('https://medlineplus.gov/fatigue.html');
    expect(plainText(topics[0]!.summary)).toContain('Fatigue is a feeling of weariness');
    expect(JSON.stringify(topics[0]!.summary)).toContain('"href":"https://medlineplus.gov/stress.html"');
    expectSafe(topics);
  });

  it('reads a drug answer whose first summary is bare text and a lab answer', () => {
    const drug = topicsOf(corpus('rxcui-861004_2026.json'));
    expect(drug.map((topic) => topic.url)).toEqual([
      'https://medlineplus.gov/druginfo/meds/a696005.html',
      'https://medlineplus.gov/diabetesmedicines.html',
    ]);
    expect(drug[0]!.summary[0]).toMatchObject({ tag: 'paragraph' });
    expect(plainText(drug[0]!.summary)).toMatch(/^Metformin is used alone/);
    const lab = topicsOf(corpus('loinc-2951-2_2026.json'));
    expect(lab.map((topic) => topic.title)).toEqual(['Electrolyte Panel', 'Sodium Blood Test']);
    expectSafe([...drug, ...lab]);
  });

  it('reads the empty answer as a valid answer with no topics', () => {
    expect(parseConnectAnswer(readFileSync(corpus('icd10-ZZZ99-empty_2026.json'), 'utf8'), 'en')).toEqual({ ok: true, topics: [] });
  });

  it('still reads the 2014 old-format answer (OID echo, nlm.nih.gov links)', () => {
    const topics = topicsOf(corpus('icd9-250.33_2014.json'));
    expect(topics.map((topic) => [topic.title, topic.url])).toEqual([
      ['Coma', 'https://medlineplus.gov/coma.html'],
      ['Diabetes Type 1', 'https://medlineplus.gov/diabetestype1.html'],
    ]);
    expect(topics[0]!.source).toBe('NIH: National Institute of Neurological Disorders and Stroke');
    expect(JSON.stringify(topics[0]!.summary)).toContain('https://medlineplus.gov/traumaticbraininjury.html');
    expect(plainText(topics[1]!.summary)).toContain('Also called: Insulin-dependent diabetes');
    expectSafe(topics);
  });

  it('still reads the 2016 old-format answer', () => {
    const topics = topicsOf(corpus('icd10-L70_2016.json'));
    expect(topics).toHaveLength(1);
    expect(topics[0]).toMatchObject({ title: 'Acne', url: 'https://medlineplus.gov/acne.html', language: 'en' });
    expect(topics[0]!.source).toBe('NIH: National Institute of Arthritis and Musculoskeletal and Skin Diseases');
    expectSafe(topics);
  });

  it('reads the 2015 answer whose header was blanked and whose summary is empty', () => {
    const topics = topicsOf(corpus('rxcui-637188_2015_ABBREVIATED.json'));
    expect(topics).toEqual([{ title: 'Varenicline', url: 'https://medlineplus.gov/druginfo/meds/a606024.html', summary: [], language: 'en' }]);
  });

  it('refuses the damaged XML recording and the PHP dump as malformed, without throwing', () => {
    for (const name of ['xml-icd9-250.33-es_2023_CORRUPTED.xml', 'icd9-272.1_2014_php-print_r.txt']) {
      expect(parseConnectAnswer(readFileSync(corpus(name), 'utf8'), 'es').ok).toBe(false);
    }
  });
});

describe('parseConnectAnswer on the project fixtures', () => {
  it('reads an old-format answer written for these tests', () => {
    const topics = topicsOf(path.join(fixturesDir, 'icd9-250.00_en.json'));
    expect(topics).toHaveLength(1);
    expect(topics[0]!.url).toBe('https://medlineplus.gov/diabetes.html');
    expect(topics[0]!.source).toBe('NIH: National Institute of Diabetes and Digestive and Kidney Diseases');
    expect(JSON.stringify(topics[0]!.summary)).toContain('https://medlineplus.gov/ency/article/003640.htm');
  });

  it('marks Spanish topics with the language asked for', () => {
    const topics = topicsOf(path.join(fixturesDir, 'icd10-E11.9_es.json'), 'es');
    expect(topics[0]).toMatchObject({ title: 'Diabetes tipo 2 (sustituto)', url: 'https://medlineplus.gov/spanish/diabetestype2.html', language: 'es' });
    expect(plainText(topics[0]!.summary)).toContain('moderación');
  });
});

describe('parseConnectAnswer on malformed answers', () => {
  it.each([
    ['empty body', ''],
    ['HTML error page', '<html><body>Service Unavailable</body></html>'],
    ['truncated JSON', '{"feed": {"entry": ['],
    ['no feed', '{"error": "bad request"}'],
    ['feed is a string', '{"feed": "x"}'],
    ['entries not a list', '{"feed": {"entry": "nothing"}}'],
    ['JSON null', 'null'],
    ['a JSON array', '[1,2]'],
  ])('%s is an error result', (_label, body) => {
    const result = parseConnectAnswer(body, 'en');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/\.$/);
  });

  it('skips entries without a title or an allowed link, keeps the rest', () => {
    const body = JSON.stringify({
      feed: {
        entry: [
          { title: { _value: 'No link' } },
          { title: { _value: 'Evil' }, link: [{ href: 'https://evil.example/page', rel: 'alternate' }] },
          { title: { _value: 'Script' }, link: [{ href: 'javascript:alert(1)' }] },
          { link: [{ href: 'https://medlineplus.gov/untitled.html' }] },
          'not an object',
          { title: 'Plain string title', link: { href: 'https://medlineplus.gov/ok.html' }, summary: '<p onclick="x">ok</p>' },
        ],
      },
    });
    const result = parseConnectAnswer(body, 'en');
    expect(result).toEqual({
      ok: true,
      topics: [{ title: 'Plain string title', url: 'https://medlineplus.gov/ok.html', summary: [{ tag: 'paragraph', children: ['ok'] }], language: 'en' }],
    });
  });
});

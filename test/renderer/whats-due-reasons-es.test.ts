// CDC's reason phrases the engine writes (logic specification 4.6: forecast reasons and dose
// evaluation reasons) each have a plain Spanish wording on What's due, so that no reason is left
// in English in Spanish mode other than the line that quotes CDC's own words.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { en } from '../../renderer/i18n/en.ts';
import { es } from '../../renderer/i18n/es.ts';

const ENGINE = path.join(import.meta.dirname, '../../main/immunizations');

function phrasesOfEngine(): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(ENGINE).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(path.join(ENGINE, file), 'utf8');
    for (const m of source.matchAll(/emptyForecast\(\s*'[^']+',\s*'([^']+)'\s*\)/g)) found.add(m[1]!);
    for (const m of source.matchAll(/reasons(?:\.push\(|\s*=\s*\[)\s*'([^']+)'/g)) found.add(m[1]!);
  }
  return [...found].sort();
}

test('every reason phrase the engine writes has an English and a Spanish wording', () => {
  const phrases = phrasesOfEngine();
  // The engine's seven forecast reasons and eight dose evaluation reasons.
  expect(phrases).toHaveLength(15);
  const key = (phrase: string) => `due_r_${phrase.replace(/[^A-Za-z0-9]/g, '')}`;
  expect(phrases.filter((p) => !Object.hasOwn(es, key(p)))).toEqual([]);
  expect(phrases.filter((p) => !Object.hasOwn(en, key(p)))).toEqual([]);
  expect(phrases.filter((p) => (es as Record<string, string>)[key(p)] === p)).toEqual([]);
});

// Spanish everywhere (issue #15), over real corpus files: the import's one answer for every file
// of another person and its single message per refused file, the one date field in the app's
// language, and a walk through every screen in Spanish that fails on any English the app wrote
// (source documents' own words excepted). Screenshots in English and Spanish at 1366×768 and
// 1024×700. Skipped without the corpus.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TITLE_TEXTS, sayTitle } from '../../main/records/readable/titles.ts';
import { frequencyWords } from '../../main/records/readable/frequency.ts';
import { en } from '../../renderer/i18n/en.ts';
import { es } from '../../renderer/i18n/es.ts';
import { CAN_RUN, goTo, launchBrowser, openApp, repoRoot, seriousViolations, setUp } from './support/harness.ts';
import { call, screenshotsAtBothSizes } from './support/page-tools.ts';

const corpus = path.resolve(repoRoot, '../shared/corpus');
const BATES = [
  'ccda/jddamore-ccda-samples/Get Real Health/Jeremy_Bates-1.xml',
  'ccda/jddamore-ccda-samples/NextTech/Jeremy_Bates_CCD.XML',
  'ccda/jddamore-ccda-samples/Navigating Cancer/JeremyBates_CCDdownload.xml',
];
const OTHERS = [
  'va-text/amida-blue-button/VA_My_HealtheVet_Blue_Button_Sample_Version_12_5_1.txt',
  'cms-text/amida-blue-button-cms/sample.txt',
  'cms-fhir/cmsgov-bluebutton-web-server/eob_search_v2.json',
];
const HAS_CORPUS = [...BATES, ...OTHERS].every((f) => existsSync(path.join(corpus, f)));
if (!HAS_CORPUS) console.warn(`[e2e] Skipping the Spanish walk: ${corpus} is absent.`);

const file = (f: string) => ({ name: path.basename(f), mimeType: 'application/octet-stream', buffer: readFileSync(path.join(corpus, f)) });
const REFUSED = { name: 'shopping-list.txt', mimeType: 'text/plain', buffer: Buffer.from('milk\neggs\nbread\n') };

async function toSpanish(page: Page): Promise<void> {
  await call(page, 'settings.set', { language: 'es' });
  await page.reload();
  await page.getByRole('navigation', { name: 'Principal' }).waitFor();
}

/** Chooses files on the Import screen and waits until none is waiting or being read. */
async function chooseFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const before = await page.getByTestId('import-job').count();
  await page.getByTestId('file-input').setInputFiles(files);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=import-job]').length === n, before + files.length);
  await page.waitForFunction(() => document.querySelectorAll('.job-queued, .job-importing').length === 0, undefined, { timeout: 90_000 });
}

// ---------------------------------------------------------------- English on a Spanish screen

const ENGLISH_KEYS = (Object.keys(en) as (keyof typeof en)[]).filter((k) => en[k] !== es[k]);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Every English catalogue string that differs from its Spanish one: whole strings, and templates as patterns. */
const ENGLISH_STRINGS = new Set<string>([
  ...ENGLISH_KEYS.filter((k) => !en[k].includes('{')).map((k) => en[k]),
  // The titles Chartkeeper writes itself, whose words are in main/records/readable/titles.ts.
  ...APP_TITLE_TEXTS.filter((title) => sayTitle(title, 'es') !== title),
]);
const ENGLISH_TEMPLATES = ENGLISH_KEYS.filter((k) => en[k].includes('{')).map((k) => ({
  key: k,
  pattern: new RegExp(`^${en[k].split(/\{\w+\}/).map(escape).join('.+?')}$`, 's'),
}));
/** English catalogue strings long enough to find inside a longer text ("Medicare Part D prescription claim: …"). */
const LONG_ENGLISH = [...ENGLISH_STRINGS].filter((e) => e.length >= 12 && e.includes(' '));
/** Words of English sentences that Spanish never uses. */
const ENGLISH_WORDS = /\b(the|and|with|from|your|this|was|were|for|of|has|have|been|could|cannot|into|which|would|should|is|are|not)\b/i;
/** Words Chartkeeper itself writes into records and says in the reader's language (titles, the hand-entered provider). */
const APP_WRITTEN = new Set<string>([
  ...APP_TITLE_TEXTS,
  ...(Object.keys(en) as (keyof typeof en)[]).filter((k) => /^(manualBadge|enteredByHand)/.test(k)).map((k) => en[k]),
]);
/** A frequency Chartkeeper composed ("1 time(s) every 1 d (MORN)"): read in Spanish words, so never the source's. */
const appWritten = (s: string) => APP_WRITTEN.has(s) || frequencyWords(s, 'es') !== s;

/** Every string the record's sources gave (titles, values, providers, names, CDC's schedule data): their words are theirs. */
async function sourceStrings(page: Page): Promise<Set<string>> {
  const strings = await page.evaluate(async () => {
    type Call = (input: unknown) => Promise<{ ok: boolean; value?: unknown }>;
    const api = (window as unknown as { chartkeeper: Record<string, Record<string, Call>> }).chartkeeper;
    const out = new Set<string>();
    const collect = (v: unknown): void => {
      if (typeof v === 'string') {
        out.add(v.trim());
        for (const line of v.split(/\r?\n/)) out.add(line.trim());
      } else if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    const profiles = (await api.profiles!.list!(undefined)).value as { id: string; name: string }[];
    for (const p of profiles) {
      collect(p.name);
      const list = await api.records!.list!({ profileId: p.id, kinds: ['problem', 'medication', 'allergy', 'immunization', 'result', 'vital', 'encounter', 'procedure', 'plan', 'social', 'functional', 'family', 'coverage', 'claim', 'note', 'appointment', 'question'] });
      collect(list.value);
      for (const e of (list.value as { id: number }[] | undefined) ?? []) collect((await api.records!.get!({ profileId: p.id, entryId: e.id })).value);
      const docs = (await api.documents!.list!({ profileId: p.id })).value as { id: number }[] | undefined;
      collect(docs);
      for (const d of docs ?? []) collect((await api.documents!.get!({ profileId: p.id, sourceId: d.id })).value);
      collect((await api.timeline!.providers!({ profileId: p.id })).value);
      collect((await api.trends!.tests!({ profileId: p.id })).value);
      collect((await api.immunizations!.profile!({ profileId: p.id })).value);
    }
    // CDC's schedule data: its observation and vaccine names, shown as CDC's own words (the
    // screen labels them "texto de los CDC, en inglés"), like a source document's.
    collect((await api.immunizations!.choices!(undefined)).value);
    return [...out].filter((s) => s.length > 0);
  });
  // A title Chartkeeper wrote before the source's words ("Medicare Part D prescription claim: Omeprazole"):
  // only the source's part is theirs.
  const own = (s: string) => {
    const colon = s.indexOf(': ');
    return colon > 0 && APP_WRITTEN.has(s.slice(0, colon)) ? s.slice(colon + 2) : s;
  };
  return new Set(strings.filter((s) => !appWritten(s)).map(own));
}

/** The texts on screen (text nodes, labels, placeholders, titles, the preview frames), narratives left out. */
async function screenTexts(page: Page): Promise<string[]> {
  const texts: string[] = [];
  for (const frame of page.frames()) {
    texts.push(
      ...(await frame.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          // A document's own text (its narrative) is the source's; so is the visit summary's copy of it.
          if (!el || el.closest('script, style, .narrative')) continue;
          const text = n.textContent?.trim();
          if (text) out.push(text);
        }
        for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
          for (const attr of ['aria-label', 'placeholder', 'title', 'alt']) {
            const v = el.getAttribute(attr)?.trim();
            if (v) out.push(v);
          }
        }
        return out;
      })),
    );
  }
  return texts;
}

/**
 * How the Spanish screen labels a text of CDC's schedule data: shown in CDC's English (es.ts
 * `due_cdcTitle`), or as the hover text beside a translated title (`due_cdcWords`).
 */
const CDC_LABELLED = /^([\s\S]*) \(texto de los CDC, en inglés\)$|^Texto de los CDC \(en inglés\): ([\s\S]*)$/;

/** English the app wrote that is on the screen now, each with why it counts as English. */
async function englishOnScreen(page: Page, sources: Set<string>): Promise<string[]> {
  const found: string[] = [];
  const longSources = [...sources].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  for (const text of await screenTexts(page)) {
    if (sources.has(text)) continue;
    // CDC's own words, labelled on screen as CDC's English text: theirs, like a source's.
    const cdc = CDC_LABELLED.exec(text);
    if (cdc && sources.has((cdc[1] ?? cdc[2]!).trim())) continue;
    if (ENGLISH_STRINGS.has(text)) {
      found.push(`catalogue: "${text}"`);
      continue;
    }
    const template = ENGLISH_TEMPLATES.find((t) => t.pattern.test(text));
    if (template) {
      found.push(`catalogue ${template.key}: "${text}"`);
      continue;
    }
    // A catalogue phrase inside a longer text, unless a source's own words on it hold that phrase.
    const inside = LONG_ENGLISH.find((e) => text.includes(e) && !longSources.some((s) => s.includes(e) && text.includes(s)));
    if (inside) {
      found.push(`catalogue inside: "${inside}" in "${text}"`);
      continue;
    }
    // What is left after the sources' own words are taken out must not read as English.
    let rest = text;
    for (const s of longSources) if (rest.includes(s)) rest = rest.split(s).join(' ');
    if (ENGLISH_WORDS.test(rest)) found.push(`English words: "${text}"`);
  }
  return [...new Set(found)];
}

async function waitForScreen(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.body.innerText.includes('Cargando…'), undefined, { timeout: 30_000 });
}

describe.skipIf(!CAN_RUN || !HAS_CORPUS)('Spanish everywhere, with real records', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('import: one answer for every file of another person, and a refused file said once with the formats read (English)', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page);
      await goTo(page, 'Import records');
      await chooseFiles(page, [...BATES.map(file), REFUSED]);
      const jobs = page.getByTestId('import-job');
      const asking = jobs.filter({ has: page.locator('.mismatch') });
      expect(await asking.count()).toBe(3);
      // The question stands alone: no red sentence from main below it, and the date in the reader's format.
      expect(await asking.locator('.error').count()).toBe(0);
      expect(await asking.first().textContent()).toContain('born Aug 1, 1980');
      expect(await asking.first().textContent()).not.toContain('1980-08-01');
      await asking.first().getByLabel('Do the same for the other 2 files for Jeremy V Bates').waitFor();
      // The refused file: its sentence once, and what Chartkeeper reads.
      const refused = jobs.filter({ hasText: REFUSED.name });
      expect(await refused.locator('.error').count()).toBe(1);
      expect(await refused.locator('.error').textContent()).toBe('"shopping-list.txt" is not a health record Chartkeeper can read.');
      await refused.getByText(/^Chartkeeper reads: C-CDA and CCD\/C32 documents \(XML\), IHE XDM packages \(zip\), .*, blood pressure monitor exports \(CSV\), Apple Health exports \(export\.zip or export\.xml\), and other tables of measurements \(CSV\), once you say what their columns hold\.$/).waitFor();
      expect(await page.locator('main').textContent()).not.toMatch(/\b1 (documents|sources|matches|entries)\b/);
      await screenshotsAtBothSizes(page, 'import-several-en');
      expect(await seriousViolations(page)).toEqual([]);

      // One answer, by keyboard: tick "do the same", then create the profile.
      const first = asking.first();
      await first.getByLabel('Do the same for the other 2 files for Jeremy V Bates').focus();
      await page.keyboard.press('Space');
      await first.getByRole('button', { name: 'Create a profile for Jeremy V Bates' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('.job-done').length === 3, undefined, { timeout: 90_000 });
      expect(await jobs.filter({ has: page.locator('.mismatch') }).count()).toBe(0);
      const profiles = await call<{ name: string }[]>(page, 'profiles.list', {});
      expect(profiles.map((p) => p.name).sort()).toEqual(['Eleanor Testperson', 'Jeremy V Bates']);
      expect(await jobs.filter({ hasText: '1 document' }).count()).toBeGreaterThan(0);
      await screenshotsAtBothSizes(page, 'import-several-answered-en');
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });

  it('import in Spanish: the question, the answer for all and the refused file in Spanish', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page);
      await toSpanish(page);
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Importar historiales', exact: true }).click();
      await chooseFiles(page, [...BATES.map(file), REFUSED]);
      const jobs = page.getByTestId('import-job');
      const asking = jobs.filter({ has: page.locator('.mismatch') });
      expect(await asking.count()).toBe(3);
      expect(await asking.locator('.error').count()).toBe(0);
      expect(await asking.first().textContent()).toContain('Este archivo es de Jeremy V Bates, nacido/a el 1 ago 1980.');
      const refused = jobs.filter({ hasText: REFUSED.name });
      expect(await refused.locator('.error').allTextContents()).toEqual(['shopping-list.txt no es un historial de salud que Chartkeeper pueda leer.']);
      await refused.getByText(/^Chartkeeper lee: documentos C-CDA y CCD\/C32 \(XML\), .*, exportaciones de tensiómetros \(CSV\), exportaciones de Apple Salud \(export\.zip o export\.xml\) y otras tablas de mediciones \(CSV\), una vez que diga qué contienen sus columnas\.$/).waitFor();
      await screenshotsAtBothSizes(page, 'import-several-es');
      expect(await seriousViolations(page)).toEqual([]);
      const first = asking.first();
      await first.getByLabel('Hacer lo mismo con los otros 2 archivos de Jeremy V Bates').check();
      await first.getByRole('button', { name: 'Importar en Eleanor Testperson de todos modos' }).click();
      await page.waitForFunction(() => document.querySelectorAll('.job-done').length === 3, undefined, { timeout: 90_000 });
      expect(await jobs.filter({ hasText: '1 documento' }).count()).toBeGreaterThan(0);
      expect(await page.locator('main').textContent()).not.toMatch(/\b1 documentos\b/);
      await screenshotsAtBothSizes(page, 'import-several-answered-es');
    } finally {
      await run.close();
    }
  });

  it('the date field follows the app’s language: dd/mm/aaaa in Spanish, mm/dd/yyyy in English, a wrong day in one sentence', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page);
      // English: month first.
      await goTo(page, 'Profiles');
      await page.getByRole('button', { name: 'Add a person' }).click();
      let dialog = page.getByRole('dialog');
      await dialog.getByLabel('Full name').fill('Ann Example');
      const birthEn = dialog.getByLabel('Birth date');
      expect(await birthEn.getAttribute('placeholder')).toBe('mm/dd/yyyy');
      await birthEn.fill('02/30/1950');
      await birthEn.blur();
      await dialog.getByText('“02/30/1950” is not a day on the calendar; check the day and the month (mm/dd/yyyy).').waitFor();
      await screenshotsAtBothSizes(page, 'date-field-error-en');
      await birthEn.fill('03/02/1948');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.locator('.profile-card', { hasText: 'Ann Example' }).getByText('born Mar 2, 1948').waitFor();

      await toSpanish(page);
      const nav = page.getByRole('navigation', { name: 'Principal' });
      await nav.getByRole('button', { name: 'Perfiles', exact: true }).click();
      await page.getByRole('button', { name: 'Añadir una persona' }).click();
      dialog = page.getByRole('dialog');
      await dialog.getByLabel('Nombre completo').fill('Beatriz Ejemplo');
      const birth = dialog.getByLabel('Fecha de nacimiento');
      expect(await birth.getAttribute('placeholder')).toBe('dd/mm/aaaa');
      await dialog.getByText('Escríbala como dd/mm/aaaa, por ejemplo 25/03/2024.').waitFor();
      // Submitting with a wrong day: the sentence under the field, in Spanish, and nothing saved.
      await birth.fill('30/02/1950');
      await dialog.getByRole('button', { name: 'Guardar' }).click();
      const error = dialog.getByRole('alert');
      await error.filter({ hasText: '«30/02/1950» no es un día del calendario; revise el día y el mes (dd/mm/aaaa).' }).waitFor();
      expect(await birth.getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200))).toContain('placeholder="dd/mm/aaaa"');
      await screenshotsAtBothSizes(page, 'date-field-error-es');
      expect(await seriousViolations(page)).toEqual([]);
      await birth.fill('2/3/1948');
      await birth.blur();
      expect(await birth.inputValue()).toBe('02/03/1948');
      await dialog.getByRole('button', { name: 'Guardar' }).click();
      await page.locator('.profile-card', { hasText: 'Beatriz Ejemplo' }).getByText('nacido/a el 2 mar 1948').waitFor();
      const saved = await call<{ name: string; birthDate: string }[]>(page, 'profiles.list', {});
      expect(saved.find((p) => p.name === 'Beatriz Ejemplo')?.birthDate).toBe('1948-03-02');
      // The English profile's date, written in Spanish order when edited.
      await page.getByRole('button', { name: 'Editar datos: Ann Example' }).click();
      expect(await page.getByRole('dialog').getByLabel('Fecha de nacimiento').inputValue()).toBe('02/03/1948');
      await page.keyboard.press('Escape');

      // A manual entry takes a month and year; the old field path never reaches the person.
      await nav.getByRole('button', { name: 'Medicamentos', exact: true }).click();
      await page.getByRole('button', { name: 'Añadir Medicamento' }).click();
      dialog = page.getByRole('dialog');
      await dialog.getByLabel('Nombre').fill('Metformina');
      const start = dialog.getByLabel('Inicio');
      await start.fill('2024-13');
      await dialog.getByRole('button', { name: 'Guardar' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'no es un día del calendario' }).waitFor();
      expect(await dialog.textContent()).not.toContain('entry.start');
      await start.fill('03/2024');
      await dialog.getByRole('button', { name: 'Guardar' }).click();
      await page.locator('.entry-row', { hasText: 'Metformina' }).getByText('mar 2024').waitFor();

      // The timeline's filter: the same field.
      await nav.getByRole('button', { name: 'Cronología', exact: true }).click();
      const from = page.getByLabel('Desde');
      expect(await from.getAttribute('placeholder')).toBe('dd/mm/aaaa');
      await from.fill('01/01/2030');
      await page.getByText('Todavía no hay nada').waitFor();
      await screenshotsAtBothSizes(page, 'date-field-filter-es');
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });

  it('walks every screen in Spanish with real records and finds no English the app wrote', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Jeremy Bates', '1980-08-01');
      await toSpanish(page);
      const nav = page.getByRole('navigation', { name: 'Principal' });
      await nav.getByRole('button', { name: 'Importar historiales', exact: true }).click();
      await chooseFiles(page, [...BATES.slice(0, 2).map(file), ...OTHERS.map(file)]);
      // The VA and Medicare files are for other people: imported here anyway, each answered.
      for (let asked = page.locator('.mismatch'); (await asked.count()) > 0; ) {
        await asked.first().getByRole('button', { name: /de todos modos/ }).click();
        await page.waitForFunction(() => document.querySelectorAll('.job-queued, .job-importing').length === 0);
      }
      expect(await page.locator('.job-done').count()).toBe(BATES.slice(0, 2).length + OTHERS.length);
      const sources = await sourceStrings(page);
      console.log(`[walk] ${sources.size} strings from the sources`);
      const problems: string[] = [];
      const started = Date.now();
      const check = async (where: string) => {
        const found = await englishOnScreen(page, sources);
        for (const p of found) problems.push(`${where}: ${p}`);
        console.log(`[walk] ${Math.round((Date.now() - started) / 1000)} s ${where}: ${found.length ? found.join(' | ') : 'ok'}`);
      };
      await check('Importar');

      const screens = await nav.getByRole('button').allTextContents();
      expect(screens.length).toBeGreaterThanOrEqual(15);
      for (const [i, name] of screens.entries()) {
        await nav.getByRole('button').nth(i).click();
        await waitForScreen(page);
        await check(name);
        await screenshotsAtBothSizes(page, `walk-es-${String(i).padStart(2, '0')}`);
        // The details of the first entries of each kind on the screen.
        const rows = page.locator('main .entry-row:visible');
        const seenKinds = new Set<string>();
        for (let r = 0; r < Math.min(await rows.count(), 40); r++) {
          const row = rows.nth(r);
          // The timeline's rows say their kind; a list's rows are all of one kind, so its first three are opened.
          const kind = (await row.evaluate((el) => el.querySelector('.kind-chip')?.textContent ?? '')) || `fila ${r + 1}`;
          if (seenKinds.has(kind) || seenKinds.size >= 6 || (kind.startsWith('fila') && r >= 3)) continue;
          seenKinds.add(kind);
          await row.click();
          const dialog = page.getByRole('dialog');
          await dialog.waitFor();
          await page.waitForFunction(() => !document.querySelector('dialog')?.textContent?.includes('Cargando…'));
          await check(`${name} › ${kind}`);
          await page.keyboard.press('Escape');
          await dialog.waitFor({ state: 'detached' });
        }
      }
      // Screens with more inside: a document, a trend's table, each manual form, the summary preview.
      await nav.getByRole('button', { name: 'Documentos', exact: true }).click();
      await waitForScreen(page);
      await page.locator('main li button').first().click();
      await waitForScreen(page);
      await check('Documentos › documento');
      await screenshotsAtBothSizes(page, 'walk-es-document');
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await nav.getByRole('button', { name: 'Tendencias', exact: true }).click();
      await waitForScreen(page);
      await page.getByText('Mostrar los valores en una tabla').first().click();
      await check('Tendencias › tabla');
      for (const [screen, button] of [
        ['Medicamentos', 'Añadir Medicamento'],
        ['Alergias', 'Añadir Alergia'],
        ['Mis notas y citas', /^Añadir/],
      ] as const) {
        await nav.getByRole('button', { name: screen, exact: true }).click();
        await waitForScreen(page);
        await page.getByRole('button', { name: button }).first().click();
        await page.getByRole('dialog').waitFor();
        await check(`${screen} › formulario`);
        await page.keyboard.press('Escape');
      }
      await nav.getByRole('button', { name: 'Resumen para la consulta', exact: true }).click();
      await waitForScreen(page);
      // Every section, so every kind of line the summary writes is read.
      const sections = page.getByRole('group', { name: 'Secciones' }).getByRole('checkbox');
      for (let i = 0; i < (await sections.count()); i++) await sections.nth(i).check();
      await page.getByRole('button', { name: /vista previa/i }).first().click();
      await page.frameLocator('iframe.preview-frame').getByText('Jeremy Bates').first().waitFor();
      // The preview's own text is read too (the frame is sandboxed, without scripts).
      const preview = page.frames().find((f) => f !== page.mainFrame());
      expect(await preview?.evaluate(() => document.body.innerText.length)).toBeGreaterThan(200);
      await check('Resumen › vista previa');
      await screenshotsAtBothSizes(page, 'walk-es-summary-preview');

      expect(problems).toEqual([]);
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  }, 900_000);
});

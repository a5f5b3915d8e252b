// A health card's signature in the import report when its issuer's keys are fetched: with
// online lookups off nothing is asked and the card says why and what to do; turned on, the
// issuer's jwks.json is fetched (through a fetch injected into the bridge: nothing leaves the
// machine), the card says which key checked it and where it came from, and the key is kept;
// an issuer that cannot be reached leaves "signature not checked" with its reason. English and
// Spanish, at 1366×768 and 1024×700.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../renderer/i18n/en.ts';
import { es } from '../../renderer/i18n/es.ts';
import { CARD_ISSUER, cardKeys, cardPayload, signedCard } from '../support/health-card.ts';
import { CAN_RUN, goTo, launchBrowser, openApp, screenshot, seriousViolations, setUp, type AppRun } from './support/harness.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];
const JWKS_URL = `${CARD_ISSUER}/.well-known/jwks.json`;
const OTHER_ISSUER = 'https://vaccines.other-state.example.gov';
// An issuer whose key announces a revocation list it does not hand out when asked.
const LISTING_ISSUER = 'https://records.listing.example.org';
const LISTING_CRL = `${LISTING_ISSUER}/.well-known/crl/test-key.json`;

const ENGLISH = Object.entries(en)
  .filter(([key, text]) => key.startsWith('card') && text !== (es as Record<string, string>)[key])
  .flatMap(([, text]) => text.split(/\{\w+\}/))
  .map((part) => part.trim())
  .filter((part) => part.length >= 12);

async function englishLeft(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return ENGLISH.filter((part) => text.includes(part));
}

async function atBothSizes(page: Page, name: string): Promise<void> {
  // The "Settings saved." notice passes; the report is what the picture is of.
  await page.waitForFunction(() => !document.querySelector('.toast')?.textContent, undefined, { timeout: 15_000 });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `${name}-${size.width}x${size.height}`);
  }
  await page.setViewportSize(SIZES[0]!);
}

const cardFile = (name: string, payload: object = cardPayload) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify({ verifiableCredential: [signedCard(payload)] })),
});

// Imported before their issuer's key is at hand, and again once it is: the same bytes each time.
const FIRST = cardFile('card.smart-health-card');
const SECOND = cardFile('segunda.smart-health-card', { ...cardPayload, nbf: 1690000000 });
// CDC's name of the cards' CVX 208, as resources/cdsi gives it.
const CVX_208 = 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose';

async function importCards(page: Page, files: ReturnType<typeof cardFile>[]): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(files);
  for (const f of files) await page.getByTestId('import-job').filter({ hasText: f.name }).locator('.job-state').filter({ hasText: /Done|Listo/ }).waitFor();
}

describe.skipIf(!CAN_RUN)('health card issuer keys fetched with permission', () => {
  let browser: Browser;
  let run: AppRun;
  const asked: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    run = await openApp(browser, {
      platform: {
        fetch: (async (url: string | URL | Request) => {
          asked.push(String(url));
          if (String(url) === JWKS_URL) return new Response(JSON.stringify(cardKeys), { status: 200 });
          if (String(url) === `${LISTING_ISSUER}/.well-known/jwks.json`) return new Response(JSON.stringify({ keys: [{ ...cardKeys.keys[0], crlVersion: 2 }] }), { status: 200 });
          if (String(url) === LISTING_CRL) return new Response('Service unavailable', { status: 503 });
          throw new TypeError('fetch failed');
        }) as typeof fetch,
      },
    });
    await setUp(run.page, 'Ana Fixture', '1960-01-20');
  });
  afterAll(async () => {
    await run?.close();
    await browser?.close();
  });

  it('asks nothing with online lookups off and says how to have the card checked; fetched once turned on, it names the key and its address', async () => {
    const { page } = run;
    await goTo(page, 'Import records');
    await importCards(page, [FIRST]);
    const card = page.getByTestId('card-signature');
    await expect.poll(() => card.textContent()).toContain('Signature not checked.');
    expect(await card.textContent()).toContain('online lookups are off, so Chartkeeper did not fetch one');
    expect(asked).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await atBothSizes(page, 'card-keys-online-off-en');
    await importCards(page, [SECOND]);

    await card.first().getByRole('button', { name: 'Open Settings' }).click();
    await page.getByLabel('Look up health information on MedlinePlus').check();
    await page.getByText('A health card’s issuer is asked only for its public keys').waitFor();

    await goTo(page, 'Import records');
    await importCards(page, [cardFile('later.smart-health-card', { ...cardPayload, nbf: 1700000000 })]);
    const checked = page.getByTestId('card-signature').filter({ hasText: 'Signature valid.' });
    await checked.waitFor();
    expect(await checked.textContent()).toContain(`Checked with key test-key, fetched just now from ${JWKS_URL}.`);
    expect(asked).toEqual([JWKS_URL]);
    await atBothSizes(page, 'card-keys-fetched-en');

    // The first card again, now that its issuer's key is kept: the import says what changed.
    await page.getByTestId('file-input').setInputFiles([FIRST]);
    await page.getByText(en.alreadyImportedCardChecked).waitFor();
    await atBothSizes(page, 'card-keys-reimport-en');

    // The card gives its vaccine only as CVX 208: it reads with CDC's name, the code and whose name it is.
    await goTo(page, 'Immunizations');
    await page.getByText(`${CVX_208} (CVX 208; name from CDC's vaccine code list)`).first().waitFor();
    await atBothSizes(page, 'cvx-name-en');

    await goTo(page, 'Settings');
    const keys = page.getByTestId('card-keys');
    await keys.getByText(CARD_ISSUER, { exact: true }).waitFor();
    expect(await keys.textContent()).toContain(`Fetched from ${JWKS_URL} on`);
  });

  it('in Spanish: a kept key says where it was fetched from; an issuer that cannot be reached leaves the card unchecked with the reason', async () => {
    const { page } = run;
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
    const keys = page.getByTestId('card-keys');
    await keys.scrollIntoViewIfNeeded();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await keys.screenshot({ path: `test/e2e/screenshots/card-keys-settings-es-${size.width}x${size.height}.png` });
    }
    await page.setViewportSize(SIZES[0]!);
    expect(await keys.textContent()).toContain(`Descargadas de ${JWKS_URL} el`);

    const nav = page.getByRole('navigation', { name: 'Principal' });
    await nav.getByRole('button', { name: 'Importar historiales', exact: true }).click();
    await importCards(page, [cardFile('tercera.smart-health-card', { ...cardPayload, nbf: 1710000000 }), cardFile('otra.smart-health-card', { ...cardPayload, iss: OTHER_ISSUER })]);
    const kept = page.getByTestId('card-signature').filter({ hasText: 'Firma válida.' });
    await kept.waitFor();
    expect(await kept.textContent()).toContain(`Comprobada con la clave test-key, guardada en Chartkeeper desde que se descargó de ${JWKS_URL} el`);
    const unreachable = page.getByTestId('card-signature').filter({ hasText: 'Firma no comprobada.' });
    await unreachable.waitFor();
    expect(await unreachable.textContent()).toContain('No se pudieron descargar las claves del emisor');
    expect(asked).toEqual([JWKS_URL, `${OTHER_ISSUER}/.well-known/jwks.json`]);
    expect(await seriousViolations(page)).toEqual([]);
    await atBothSizes(page, 'card-keys-report-es');
    expect(await englishLeft(page)).toEqual([]);

    await page.getByTestId('file-input').setInputFiles([SECOND]);
    await page.getByText(es.alreadyImportedCardChecked).waitFor();
    await atBothSizes(page, 'card-keys-reimport-es');
    expect(await englishLeft(page)).toEqual([]);

    await nav.getByRole('button', { name: es.navImmunizations, exact: true }).click();
    await page.getByText(`${CVX_208} (CVX 208; nombre en inglés de la lista de códigos de vacunas de los CDC)`).first().waitFor();
    await atBothSizes(page, 'cvx-name-es');
  });

  it('a revocation list that cannot be fetched says why, apart from an issuer that publishes none, in Spanish and English', async () => {
    const { page } = run;
    const nav = page.getByRole('navigation', { name: 'Principal' });
    await nav.getByRole('button', { name: 'Importar historiales', exact: true }).click();
    const listed = { ...cardPayload, iss: LISTING_ISSUER, vc: { ...cardPayload.vc, rid: 'card-rid' } };
    await importCards(page, [cardFile('lista.smart-health-card', listed)]);
    const card = page.getByTestId('card-signature').filter({ hasText: 'Firma válida.' }).filter({ hasText: LISTING_ISSUER });
    await card.waitFor();
    expect(await card.textContent()).toContain('No se comprobó la revocación: no se pudo descargar la lista de revocación del emisor (el emisor rechazó la petición).');
    expect(asked.slice(-2)).toEqual([`${LISTING_ISSUER}/.well-known/jwks.json`, LISTING_CRL]);
    expect(await seriousViolations(page)).toEqual([]);
    await atBothSizes(page, 'card-revocation-failed-es');
    expect(await englishLeft(page)).toEqual([]);

    await nav.getByRole('button', { name: es.navSettings, exact: true }).click();
    await page.getByLabel('Idioma').selectOption('en');
    await goTo(page, 'Import records');
    // The same issuer's other card, and a card of an issuer whose key announces no list.
    await importCards(page, [cardFile('list-2.smart-health-card', { ...listed, nbf: 1700000000 }), cardFile('no-list.smart-health-card', { ...cardPayload, nbf: 1720000000 })]);
    const failed = page.getByTestId('card-signature').filter({ hasText: LISTING_ISSUER });
    await failed.waitFor();
    expect(await failed.textContent()).toContain('Revocation was not checked: the issuer’s revocation list could not be fetched (the issuer refused the request). Import the card again later to check it.');
    const none = page.getByTestId('card-signature').filter({ hasText: CARD_ISSUER });
    await none.waitFor();
    expect(await none.textContent()).toContain('The issuer publishes no revocation list for this key, so there was none to check.');
    await atBothSizes(page, 'card-revocation-failed-en');
  });
});

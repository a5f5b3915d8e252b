// Issue 19: a reading of the person's own device and a clinic's reading of the same minute with
// another value stay on the Possible duplicates page (the clinic's may be a copy of the
// device's, so the instrument cannot be told), and the page says why in one sentence. A scale
// app's weight in an Apple Health export against a clinic's FHIR weight. English and Spanish
// at 1366×768 and 1024×700, with screenshots.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportXml } from '../apple-health/fixtures.ts';
import { CAN_RUN, importAnyway, launchBrowser, openApp, screenshot, setUp, goTo } from './support/harness.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 700 },
];

const scaleExport = exportXml(
  ' <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale App" unit="lb" startDate="2026-02-01 10:15:00 -0500" endDate="2026-02-01 10:15:00 -0500" value="150.2"/>\n',
);

const clinicBundle = JSON.stringify({
  resourceType: 'Bundle',
  type: 'collection',
  timestamp: '2026-02-01T12:00:00-05:00',
  entry: [
    { resource: { resourceType: 'Patient', id: 'p', name: [{ given: ['Ana'], family: 'Fixture' }], birthDate: '1960-01-20' } },
    {
      resource: {
        resourceType: 'Observation',
        id: 'w',
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
        code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body weight' }] },
        subject: { reference: 'Patient/p' },
        effectiveDateTime: '2026-02-01T10:15:00-05:00',
        valueQuantity: { value: 152, unit: 'lb', system: 'http://unitsofmeasure.org', code: '[lb_av]' },
      },
    },
  ],
});

async function openDuplicates(page: Page, name: RegExp): Promise<void> {
  await page.locator('nav').getByRole('button', { name }).click();
}

describe.skipIf(!CAN_RUN)('a device reading against a clinic reading of the same minute', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('stays to review, and the page says why in English and Spanish', async () => {
    const run = await openApp(browser);
    try {
      const { page } = run;
      await setUp(page, 'Ana Fixture', '1960-01-20');
      await importAnyway(page, [
        { name: 'export.xml', mimeType: 'application/xml', buffer: Buffer.from(scaleExport) },
        { name: 'clinic-weight.json', mimeType: 'application/json', buffer: Buffer.from(clinicBundle) },
      ]);
      await openDuplicates(page, /^Possible duplicates/);
      await page.getByRole('heading', { name: 'Possible duplicates', level: 1 }).waitFor();
      const card = page.locator('.pair-card').filter({ hasText: 'Body weight' });
      await card.waitFor();
      expect(await card.locator('.pair-reason').textContent()).toBe('Why they were flagged: Same time, different values: 150.2 lb and 152 lb');
      expect(await card.locator('.pair-why').textContent()).toBe(
        'One is from your own device and the other from a clinic’s record of the same minute: the clinic may have copied your device’s reading, so Chartkeeper cannot tell whether they are one reading and asks you.',
      );
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `device-clinic-pair-en-${size.width}`);
      }

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      // The settings' notice goes by itself; the page is looked at without it.
      await page.getByText('Configuración guardada.').waitFor({ state: 'hidden' });
      await openDuplicates(page, /^Posibles duplicados/);
      await page.getByRole('heading', { name: 'Posibles duplicados', level: 1 }).waitFor();
      const cardEs = page.locator('.pair-card').first();
      expect(await cardEs.locator('.pair-reason').textContent()).toBe('Por qué se señalaron: La misma hora con otros valores: 150,2 lb y 152 lb');
      expect(await cardEs.locator('.pair-why').textContent()).toBe(
        'Una viene de su propio dispositivo y la otra del registro de una clínica del mismo minuto: la clínica pudo copiar la lectura de su dispositivo, así que Chartkeeper no puede saber si son una sola lectura y se lo pregunta.',
      );
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `device-clinic-pair-es-${size.width}`);
      }
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });
});

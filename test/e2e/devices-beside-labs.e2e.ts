// The device audit's check of Trends: readings from a Dexcom export, a blood-pressure monitor's
// CSV and an Apple Health export are charted in the same series as a lab's results of the same
// LOINC code (a FHIR bundle written here), each point naming its source. One screenshot per
// kind in English at 1366×768, and the glucose chart in Spanish.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAN_RUN, goTo, importAnyway, launchBrowser, openApp, repoRoot, screenshot, setUp } from './support/harness.ts';

const corpus = path.resolve(repoRoot, '../shared/corpus');
const FILES = ['glucose-csv/cgm_format/Dexcom_001.csv', 'bp-csv/blood-pressure-monitor-fl/v1.0.csv', 'apple-health/local-health-agent/export.xml'];
const HAS_CORPUS = FILES.every((f) => existsSync(path.join(corpus, f)));

const quantity = (value: number, unit: string, code: string) => ({ value, unit, system: 'http://unitsofmeasure.org', code });
const loinc = (code: string, display: string) => ({ coding: [{ system: 'http://loinc.org', code, display }], text: display });
const vitalSigns = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }];
const laboratory = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }];

/** A clinic's results on days around the devices' readings. */
const LAB_BUNDLE = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { resource: { resourceType: 'Patient', id: 'p', name: [{ family: 'Testperson', given: ['Eleanor'] }], birthDate: '1948-03-02' } },
    ...[
      ['2020-02-10T08:05:00-05:00', 104],
      ['2020-02-20T08:10:00-05:00', 131],
    ].map(([date, value], i) => ({
      resource: { resourceType: 'Observation', id: `glu-${i}`, status: 'final', category: laboratory, code: loinc('2339-0', 'Glucose [Mass/volume] in Blood'), subject: { reference: 'Patient/p' }, effectiveDateTime: date, valueQuantity: quantity(value as number, 'mg/dL', 'mg/dL'), referenceRange: [{ low: quantity(70, 'mg/dL', 'mg/dL'), high: quantity(99, 'mg/dL', 'mg/dL') }] },
    })),
    ...[
      ['2023-12-01T10:00:00-08:00', 138, 86],
      ['2023-12-28T10:30:00-08:00', 132, 84],
    ].map(([date, sys, dia], i) => ({
      resource: {
        resourceType: 'Observation',
        id: `bp-${i}`,
        status: 'final',
        category: vitalSigns,
        code: loinc('85354-9', 'Blood pressure panel'),
        subject: { reference: 'Patient/p' },
        effectiveDateTime: date,
        component: [
          { code: loinc('8480-6', 'Systolic blood pressure'), valueQuantity: quantity(sys as number, 'mmHg', 'mm[Hg]') },
          { code: loinc('8462-4', 'Diastolic blood pressure'), valueQuantity: quantity(dia as number, 'mmHg', 'mm[Hg]') },
        ],
      },
    })),
    { resource: { resourceType: 'Observation', id: 'wt', status: 'final', category: vitalSigns, code: loinc('29463-7', 'Body weight'), subject: { reference: 'Patient/p' }, effectiveDateTime: '2026-03-05T09:00:00-05:00', valueQuantity: quantity(81.2, 'kg', 'kg') } },
  ],
};

async function chart(page: Page, name: RegExp): Promise<string[]> {
  await page.locator('.test-list button', { hasText: name }).first().click();
  await page.locator('.trend-chart').first().waitFor();
  const points = page.locator('[data-testid="trend-point"]');
  await expect.poll(() => points.count()).toBeGreaterThan(1);
  return points.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
}

describe.skipIf(!CAN_RUN || !HAS_CORPUS)('device readings beside a lab’s results in Trends', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('charts glucose, blood pressure and weight from devices in the series of the lab’s results of the same code', async () => {
    const run = await openApp(browser);
    const { page } = run;
    try {
      await setUp(page);
      await importAnyway(page, [
        { name: 'clinic.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(LAB_BUNDLE)) },
        ...FILES.map((f) => ({ name: path.basename(f), mimeType: 'text/plain', buffer: readFileSync(path.join(corpus, f)) })),
      ]);
      await goTo(page, 'Trends');
      await page.setViewportSize({ width: 1366, height: 768 });

      // Glucose: the sensor's day (mean of 5 readings, 112 mg/dL) between the lab's two results.
      const glucose = await chart(page, /^Glucose/);
      expect(glucose.some((s) => s.includes('104'))).toBe(true);
      expect(glucose.some((s) => s.includes('131'))).toBe(true);
      expect(glucose.some((s) => s.includes('112') && /5 readings/.test(s))).toBe(true);
      await expect.poll(() => page.locator('.trend-legend').textContent()).toContain('Blood (laboratory and meter)');
      await screenshot(page, 'devices-labs-glucose-en-1366x768');

      // Blood pressure: the monitor's readings of 2023-12-21 between the clinic's of 1 and 28 December.
      const pressure = await chart(page, /^Blood pressure/);
      expect(pressure).toContain('Systolic, Dec 1, 2023, 10:00 AM: 138 mmHg. From Unknown provider');
      expect(pressure.some((s) => /^Systolic, Dec 21, 2023, .*: 123 mmHg\. From Blood Pressure Monitor app$/.test(s))).toBe(true);
      expect(pressure.some((s) => /^Diastolic, Mar 7, 2026, 8:00 PM: 76 mmHg\. From Fixture Cuff \(Apple Health\)$/.test(s))).toBe(true);
      await screenshot(page, 'devices-labs-bp-en-1366x768');

      // Weight: the scale through Apple Health (180 and 179 lb) and the clinic's 81.2 kg, in one unit.
      const weight = await chart(page, /^Weight/);
      expect(weight.length).toBeGreaterThanOrEqual(3);
      await screenshot(page, 'devices-labs-weight-en-1366x768');

      await goTo(page, 'Settings');
      await page.getByLabel('Language').selectOption('es');
      await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('button', { name: 'Tendencias', exact: true }).click();
      // Apple's steps are said in Spanish: the unit is Chartkeeper's own, not the source's.
      expect(await page.locator('.test-list button', { hasText: 'Pasos' }).first().textContent()).toMatch(/8[.\u00a0]?500 pasos/);
      await chart(page, /^Glucosa/);
      await expect.poll(() => page.locator('.trend-legend').textContent()).toContain('Sangre (laboratorio y glucómetro)');
      await screenshot(page, 'devices-labs-glucose-es-1366x768');
      expect(run.pageErrors).toEqual([]);
    } finally {
      await run.close();
    }
  });
});

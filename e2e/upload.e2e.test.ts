/**
 * The upload wizard on the Data page, in a real browser: upload → preview → mapping → check →
 * load → undo, keyboard only where a person would use the keyboard, with axe checks.
 *
 * Runs against the app at ORDERLENS_E2E_URL when set, else starts the built app over a scratch
 * database without the demo (e2e/server.ts) and stops it afterwards. Every load it makes is undone
 * again.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { dataset, hasDatasets } from '../test/datasets';
import { chromiumPath, launchBrowser } from './browser';
import { startApp, type RunningApp } from './server';

let base = process.env.ORDERLENS_E2E_URL ?? '';
let app: RunningApp | undefined;
const fixture = (name: string) => path.join(__dirname, '..', 'lib', 'ingest', 'fixtures', name);

describe.skipIf(!existsSync(chromiumPath) && !process.env.CI)(
  'upload wizard in the browser',
  { timeout: 180_000 },
  () => {
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      if (!base) {
        app = await startApp();
        base = app.url;
      }
      browser = await launchBrowser();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      await page.goto(`${base}/data`, { waitUntil: 'networkidle' });
      // Interact only once React has hydrated the wizard (its button does nothing before).
      await page.waitForFunction(() => {
        const input = document.querySelector('input[type=file]');
        return input !== null && Object.keys(input).some((key) => key.startsWith('__reactProps'));
      });
    }, 900_000);

    afterAll(async () => {
      await browser?.close();
      await app?.stop();
    });

    const wizard = () => page.locator('section[aria-labelledby=add-heading]');

    async function axe(selector: string) {
      const result = await new AxeBuilder({ page }).include(selector).analyze();
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
    }

    it('opens the file chooser from the keyboard and previews the upload', async () => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Choose a file…' }).focus();
      await page.keyboard.press('Enter');
      await (await chooser).setFiles(fixture('flat-small.csv'));
      await page.getByRole('heading', { name: 'Column mapping' }).waitFor({ timeout: 60_000 });
      const preview = page.getByRole('region', { name: 'First rows of flat-small.csv' });
      expect(await preview.locator('thead th').allInnerTexts()).toEqual([
        'Row',
        'Order ID',
        'Order Date',
        'Ship Date',
        'Ship Mode',
        'Customer ID',
        'Line',
        'SKU',
        'Quantity',
      ]);
      await expect.poll(() => page.locator('#map-order_id').inputValue()).toBe('Order ID');
      // Confidence is written out, not only coloured.
      const confidence = page
        .locator('#map-order_id')
        .locator('xpath=ancestor::tr')
        .locator('td')
        .last();
      expect(await confidence.innerText()).toMatch(/\d+% · (high|good|fair)/);
      expect(await axe('section[aria-labelledby=add-heading]')).toEqual([]);
    });

    it('checks every row, lists the problems of a bad mapping and offers the rejected rows', async () => {
      await page.getByRole('button', { name: 'Check (dry run)' }).click();
      await page.getByText('All 5 rows pass the checks.').waitFor({ timeout: 60_000 });

      await page.selectOption('#map-ship_ts', 'Ship Mode');
      await page.getByRole('button', { name: 'Check (dry run)' }).click();
      await page.getByText(/The load would be refused: 5 of 5 rows/).waitFor({ timeout: 60_000 });
      const rules = wizard()
        .getByRole('table')
        .filter({ hasText: 'The value is not of the field’s type' });
      expect(await rules.innerText()).toContain('Ship Mode');
      const link = page.getByRole('link', { name: /Download the 5 rejected rows/ });
      const response = await page.request.get(`${base}${await link.getAttribute('href')}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-disposition']).toMatch(/^attachment; /);
      expect((await response.text()).split('\n')).toHaveLength(7); // header, 5 rows, final newline
      expect(await axe('section[aria-labelledby=add-heading]')).toEqual([]);
    });

    it('loads, shows the load in the ledger, and undoes it after a confirmation', async () => {
      await page.selectOption('#map-ship_ts', 'Ship Date');
      await page.getByRole('button', { name: 'Load', exact: true }).click();
      const result = page.getByText(/^Loaded as load \d+: 5 rows read\.$/);
      await result.waitFor({ timeout: 60_000 });
      const loadId = Number(/load (\d+)/.exec(await result.innerText())?.[1]);
      expect(await page.getByRole('link', { name: /scorecard/ }).getAttribute('href')).toBe('/');

      const undo = page.getByRole('button', { name: `Undo load ${loadId} (flat-small.csv)` });
      await undo.waitFor({ timeout: 30_000 });
      await undo.click();
      await page.getByRole('button', { name: 'Yes, undo' }).click();
      await page.getByText(`Load ${loadId} was undone`).waitFor({ timeout: 30_000 });
      expect(await axe('section[aria-labelledby=ledger-heading]')).toEqual([]);
    });

    it('refuses a file that is not an extract, in plain words', async () => {
      await page.getByRole('button', { name: 'Load another file' }).first().click();
      await page.setInputFiles('section[aria-labelledby="add-heading"] input[type=file]', {
        name: 'orders.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('%PDF-1.7 not really'),
      });
      await expect
        .poll(() => wizard().getByRole('alert').innerText())
        .toContain('orders.csv is a PDF document, not a CSV, TSV, XLSX or Parquet file.');
    });

    it.skipIf(!hasDatasets)(
      'uploads the Superstore orders with progress and checks them',
      async () => {
        const file = dataset('superstore', 'Orders.csv');
        const size = (await readFile(file)).length;
        await page.setInputFiles('section[aria-labelledby="add-heading"] input[type=file]', file);
        await page.getByRole('heading', { name: 'Column mapping' }).waitFor({ timeout: 120_000 });
        expect(await wizard().innerText()).toContain(`Orders.csv`);
        expect(size).toBeGreaterThan(2 * 1024 * 1024); // previewed from its first 2 MB
        await page.getByRole('button', { name: 'Check (dry run)' }).click();
        await page.getByRole('heading', { name: /^Check result/ }).waitFor({ timeout: 180_000 });
        expect(await wizard().innerText()).toMatch(/9,994 rows/);
      },
    );
  },
);

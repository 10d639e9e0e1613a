/**
 * The built app driven as a user would, in Debian's Chromium: upload Superstore through the wizard,
 * see it on the scorecard, filter, drill, import a band set; axe on every page; screenshots of every
 * page in light and dark (e2e/screenshots/, git-ignored).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset, hasDatasets } from '@/test/datasets';
import { chromiumPath, launchBrowser, seriousViolations, settled } from './browser';
import { startApp, type RunningApp } from './server';

const shots = path.join(__dirname, 'screenshots');
const canRun = existsSync(chromiumPath) && hasDatasets;
let app: RunningApp;
let browser: Browser;

async function visit(route: string, scheme: 'light' | 'dark' = 'light'): Promise<Page> {
  // axe needs a page of an explicit context; closing the page closes its context.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: scheme,
  });
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => undefined)); // the browser may be closing
  const response = await page.goto(app.url + route, { waitUntil: 'networkidle' });
  expect(response?.status(), route).toBeLessThan(400);
  await settled(page);
  return page;
}

/** The PDF's text, as poppler's pdftotext reads it. */
function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf-8');
}

describe.skipIf(!canRun && !process.env.CI)('the app in a browser', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await startApp();
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('sends security headers with every page and download', async () => {
    for (const route of ['/', '/api/kpis?kpis=order_fill_rate', '/api/reports?format=csv']) {
      const response = await fetch(app.url + route);
      expect(response.headers.get('x-content-type-options'), route).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), route).toBe('DENY');
      expect(response.headers.get('content-security-policy'), route).toMatch(
        /default-src 'self'.*frame-ancestors 'none'/,
      );
      expect(response.headers.get('x-powered-by'), route).toBeNull();
    }
  });

  it('answers 404 with a page that says what to do for an unknown KPI, order or page', async () => {
    for (const route of ['/kpis/no_such_kpi', '/orders/NO-SUCH-ORDER', '/no-such-page']) {
      const response = await fetch(app.url + route);
      expect(response.status, route).toBe(404);
      expect(await response.text(), route).toMatch(/not found/i);
    }
  });

  it('shows an empty state that leads to the upload', async () => {
    const page = await visit('/');
    await expect(
      page
        .getByRole('link', { name: /upload|data/i })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('uploads Superstore Orders.csv through the wizard, accepts the mapping and loads it', async () => {
    const page = await visit('/data');
    await page
      .locator('section[aria-labelledby="add-heading"] input[type=file]')
      .setInputFiles(dataset('superstore', 'Orders.csv'));
    const load = page.getByRole('button', { name: 'Load', exact: true });
    await load.waitFor({ state: 'visible', timeout: 60_000 });
    await expect.poll(() => load.isEnabled(), { timeout: 60_000 }).toBe(true);
    await load.click();
    await page
      .getByRole('button', { name: 'Load another file' })
      .first()
      .waitFor({ timeout: 120_000 });
    await expect(page.getByText(/9,994/).first().isVisible()).resolves.toBe(true);
    await page.close();
  }, 240_000);

  it('the scorecard shows 5,009 orders and the order shipment cycle time; a ship-mode filter changes it', async () => {
    const page = await visit('/');
    const body = await page.locator('main').innerText();
    expect(body).toContain('5,009');
    const card = page.getByRole('link', { name: /Order shipment cycle time/ }).first();
    // 3.958 days = 95.0 hours over all orders; First Class ships in 2.187 days = 52.5 hours.
    expect(await card.innerText()).toMatch(/95\.0/);
    await page.goto(`${app.url}/?ship_mode=First%20Class`, { waitUntil: 'networkidle' });
    await settled(page);
    const filtered = await page
      .getByRole('link', { name: /Order shipment cycle time/ })
      .first()
      .innerText();
    expect(filtered).toMatch(/52\.5/);
    await page.close();
  });

  it('opens the KPI detail and drills to the orders behind it', async () => {
    const page = await visit('/kpis/order_shipment_cycle_time');
    expect(await page.locator('h1').innerText()).toMatch(/Order shipment cycle time/);
    await page
      .getByRole('link', { name: /orders/i })
      .filter({ hasText: /order/i })
      .first()
      .click();
    await page.waitForURL(/\/orders/);
    await expect
      .poll(() => page.locator('main').innerText(), { timeout: 60_000 })
      .toMatch(/CA-20\d\d-\d+|US-20\d\d-\d+/);
    await page.close();
  });

  it('shows every order in one scrolling grid, read as Arrow, down to the first order placed', async () => {
    const page = await visit('/orders');
    const arrow: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/orders/arrow')) arrow.push(r.headers()['content-type'] ?? '');
    });
    await page.getByLabel(/rows per page/i).selectOption({ label: 'All (scroll)' });
    await page.waitForURL(/rows=all/);
    await expect
      .poll(() => page.getByRole('heading', { name: 'All 5,009 orders' }).count())
      .toBe(1);
    const grid = page.locator('table[aria-rowcount]');
    expect(await grid.getAttribute('aria-rowcount')).toBe('5010'); // the header row and 5,009
    // Newest first: the last row is Superstore's first order, placed on 4 January 2011.
    await grid.evaluate((table) => {
      const scroller = table.parentElement!;
      scroller.scrollTop = scroller.scrollHeight;
    });
    const last = page.locator('tr[aria-rowindex="5010"]');
    await expect.poll(() => last.innerText(), { timeout: 30_000 }).toMatch(/CA-2011-103800/);
    expect(await last.innerText()).toMatch(/2011-01-04/);
    expect(arrow.length).toBeGreaterThan(0);
    expect(arrow.every((type) => type === 'application/vnd.apache.arrow.stream')).toBe(true);
    await page.close();
  });

  it('imports a band set and shows the placement on the KPI', async () => {
    const page = await visit('/benchmarks');
    const set = {
      id: 'my-3pl-survey',
      kpi: 'order_shipment_cycle_time',
      name: 'Our 3PL peer survey',
      source: 'Internal 3PL survey',
      edition: '2026',
      peerGroup: 'our four DCs',
      sampleSize: 4,
      sourceDefinition: 'Hours from order to final shipment, complete orders',
      citation: 'internal memo',
      unit: 'hours',
      direction: 'lower',
      scheme: { type: 'quartiles', p25: 48, median: 72, p75: 110 },
    };
    const response = await page.evaluate(async (body) => {
      const r = await fetch('/api/bands?format=json', {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
      return r.status;
    }, set);
    expect(response).toBe(201);
    await page.reload({ waitUntil: 'networkidle' });
    await settled(page);
    expect(await page.locator('main').innerText()).toContain('Our 3PL peer survey');
    const detail = await visit('/kpis/order_shipment_cycle_time');
    // 95.0 h lies between the median (72 h) and p75 (110 h) of a lower-is-better set.
    expect(await detail.locator('main').innerText()).toMatch(/Internal 3PL survey/);
    await detail.close();
    await page.close();
  });

  it('previews the report for a filter and downloads it as a PDF that says the same', async () => {
    // All of Superstore's orders (2011–2014): without dates the page opens on the last month.
    const page = await visit(
      '/reports?ship_mode=First%20Class&org=Superstore%20Inc&from=2011-01-01&to=2014-12-31',
    );
    const preview = await page.locator('#preview-h').locator('..').innerText();
    expect(preview).toMatch(/Superstore Inc/i); // the cover's eyebrow is upper-cased by CSS
    expect(preview).toMatch(/Ship mode: First Class/);
    const summaryRow = page.getByRole('row', { name: /Order shipment cycle time/ }).first();
    expect(await summaryRow.innerText()).toMatch(/52\.5 h/);
    const href = await page.getByRole('link', { name: /^↓?\s*PDF/ }).getAttribute('href');
    expect(href).toMatch(/format=pdf/);
    expect(href).toMatch(/ship_mode=First\+Class/);
    const response = await fetch(app.url + href!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="orderlens-report-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    const text = pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain('Superstore Inc');
    expect(text).toMatch(/First Class/);
    expect(text).toMatch(/52\.5 h/);
    const png = await fetch(`${app.url}/api/reports?format=png&chart=order_shipment_cycle_time`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    // The PNG signature, then a 1920 px wide IHDR.
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(1920);
    await page.close();
  });

  const routes = [
    '/',
    '/kpis',
    '/kpis/order_shipment_cycle_time',
    '/cycle-time',
    '/returns',
    '/org',
    '/orders',
    '/orders?rows=all',
    '/orders/CA-2013-152156',
    '/data',
    '/benchmarks',
    '/reports',
  ];
  it.each(routes)(
    '%s has no serious or critical accessibility violations, light and dark',
    async (route) => {
      for (const scheme of ['light', 'dark'] as const) {
        const page = await visit(route, scheme);
        expect(await seriousViolations(page), `${route} ${scheme}`).toEqual([]);
        const name = route === '/' ? 'scorecard' : route.slice(1).replace(/[/?=]/g, '-');
        await page.screenshot({ path: path.join(shots, `${name}-${scheme}.png`), fullPage: true });
        await page.close();
      }
    },
    120_000,
  );
});

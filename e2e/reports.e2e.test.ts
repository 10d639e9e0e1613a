/**
 * The reports page on the demo data, in Debian's Chromium: it opens on the last complete month
 * with no warning, tells the executive pack's story (summary sentences, a scorecard with status
 * words, collapsed KPI sections) in a page a few screens long, downloads what it previews, and
 * carries the organisation's kept name and logo. Screenshots at 1280 and 390 px (e2e/screenshots/).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  chromiumPath,
  demoInBrowser,
  shots,
  type DemoInBrowser,
  seriousViolations,
} from './browser';

let app: DemoInBrowser;

/** A 1 × 1 PNG, whole. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const lastDayOf = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0))
    .toISOString()
    .slice(0, 10);

/** The month after YYYY-MM. */
const monthAfter = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1))
    .toISOString()
    .slice(0, 7);

describe.skipIf(!existsSync(chromiumPath) && !process.env.CI)('the reports page', () => {
  app = demoInBrowser();

  it('opens on the last complete month against the one before, without a warning', async () => {
    const page = await app.visit('/reports');
    const main = await page.locator('main').innerText();
    expect(main).not.toMatch(/no earlier period to compare with/i);
    expect(main).not.toMatch(/no complete month/i);
    expect(await page.locator('main [role=alert]').count()).toBe(0);

    const bar = page.getByRole('search', { name: 'Report filters' });
    expect(
      await bar.getByLabel('Period', { exact: true }).locator('option:checked').innerText(),
    ).toBe('Last complete month');
    const from = await bar.getByLabel('From', { exact: true }).inputValue();
    const to = await bar.getByLabel('To', { exact: true }).inputValue();
    expect(from).toMatch(/^\d{4}-\d{2}-01$/);
    expect(to).toBe(lastDayOf(from.slice(0, 7)));

    // The demo's orders end part-way through the month after: that month is not complete.
    const cover = page.locator('#preview-h').locator('..');
    const [, lastOrder] = /orders from \d{4}-\d{2}-\d{2} to (\d{4}-\d{2}-\d{2})/.exec(
      await cover.innerText(),
    )!;
    expect(lastOrder!.slice(0, 7)).toBe(monthAfter(from.slice(0, 7)));
    expect(await cover.innerText()).toContain(`${from} to ${to}`);
    // Compared with the previous month, named on the cover.
    expect(await cover.innerText()).toMatch(/Change against the previous period/);

    // What is previewed is what is downloaded: the links carry the dates, a PNG its KPI.
    const pdf = await page.getByRole('link', { name: /^↓?\s*PDF/ }).getAttribute('href');
    expect(pdf).toContain(`from=${from}&to=${to}`);
    const pngs = await page
      .locator('a[href*="format=png"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    expect(pngs.length).toBeGreaterThan(5);
    for (const href of pngs) {
      expect(href).toMatch(/[?&]chart=[a-z_]+(&|$)/);
      expect(href).toContain(`from=${from}`);
    }
    await page.close();
  });

  it('tells the story in a page a few screens long: summary, scorecard with words, sections', async () => {
    const page = await app.visit('/reports');
    const summary = page.locator('[aria-labelledby="summary-h"]');
    const messages = await summary.locator('ol > li').allInnerTexts();
    // The model's executive summary: three to five sentences, most significant first.
    expect(messages.length).toBeGreaterThanOrEqual(3);
    expect(messages.length).toBeLessThanOrEqual(5);
    for (const m of messages)
      expect(m.replace(/\s+/g, ' ')).toMatch(/^[▲▼] (Good news|Needs attention): .+\.$/);

    // The largest significant deterioration, from the scorecard CSV the page offers (its
    // significance column), is among the sentences.
    const csvHref = await page.getByRole('link', { name: /^↓?\s*CSV/ }).getAttribute('href');
    const csv = Papa.parse<Record<string, string>>(await (await fetch(app.url + csvHref!)).text(), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const worst = csv
      .map((row) => ({ name: row.kpi!, z: Number(row.significance || 0) }))
      .filter((k) => k.z < -1)
      .sort((a, b) => a.z - b.z)[0];
    expect(worst).toBeDefined();
    expect(messages.some((m) => m.includes(`${worst!.name} `))).toBe(true);

    const rows = page.locator('[aria-labelledby="scorecard-h"] table tbody tr');
    // Every sentence's number is the one its KPI's scorecard row prints.
    for (const m of messages) {
      const [, name, value] =
        /: (.+?) (?:(?:rose|fell) .+? to|held at) (-?[\d,]*\.?\d+(?:%| h| d| orders\/FTE| per order)?)/.exec(
          m.replace(/\s+/g, ' '),
        )!;
      const row = rows.filter({ has: page.getByRole('link', { name: name!, exact: true }) });
      expect(await row.innerText(), m).toContain(value);
    }
    const count = await rows.count();
    expect(count).toBeGreaterThan(10);
    for (let i = 0; i < count; i++) {
      const status = (await rows.nth(i).locator('td').first().innerText()).trim();
      // The status in words, not a dot alone: "On track", "Short of Best-in-Class", "No target or band"…
      expect(status, `row ${i}`).toMatch(/^[A-Z][^▲▼●]{3,}$/);
    }

    // One closed section per KPI with something to say; opening one shows its chart and table.
    const sections = page.locator('[aria-labelledby="sections-h"] details[id^="kpi-"]');
    expect(await sections.count()).toBeGreaterThan(5);
    expect(await page.locator('details[id^="kpi-"][open]').count()).toBe(0);
    const first = sections.first();
    await first.locator(':scope > summary').click();
    await expect.poll(() => first.locator('figure [role=img]').isVisible()).toBe(true);
    expect(await first.locator('figure [role=img]').getAttribute('aria-label')).toMatch(
      /^Trend chart by (day|week|month)\. .+: /,
    );
    await first.locator(':scope > summary').click();

    const height = await page.evaluate(() => document.body.scrollHeight);
    console.log(`[reports] page height at 1280 px: ${height} px (was 15,850)`);
    expect(height).toBeLessThan(6000);

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'reports-desktop.png'), fullPage: true });
    await page.close();

    const narrow = await app.visit('/reports', 390);
    const overflow = await narrow.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await narrow.screenshot({ path: path.join(shots, 'reports-narrow.png'), fullPage: true });
    await narrow.close();
  }, 240_000);

  it('prints the organisation’s kept name and logo, which the page offers as the default', async () => {
    const change = (method: string, body?: BodyInit, type?: string) =>
      fetch(`${app.url}/api/settings/branding`, {
        method,
        body,
        headers: { origin: app.url, ...(type ? { 'content-type': type } : {}) },
      });
    expect((await change('PUT', JSON.stringify({ organisation: 'Acme Wholesale' }))).status).toBe(
      200,
    );
    expect((await change('POST', new Uint8Array(PNG), 'image/png')).status).toBe(200);

    const page = await app.visit('/reports');
    expect(await page.getByLabel('Organisation', { exact: true }).inputValue()).toBe(
      'Acme Wholesale',
    );
    const cover = page.locator('#preview-h').locator('..');
    expect(await cover.innerText()).toMatch(/Acme Wholesale/i);
    const logo = cover.getByRole('img', { name: 'Acme Wholesale logo' });
    expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(
      1,
    );
    // The admin's form says what is kept.
    expect(await page.locator('main').innerText()).toMatch(/now “Acme Wholesale” with a logo/);

    // The download without an organisation of its own carries the kept one.
    const csv = await fetch(
      app.url + (await page.getByRole('link', { name: /^↓?\s*CSV/ }).getAttribute('href'))!,
    );
    expect(csv.status).toBe(200);
    await page.close();

    expect((await change('DELETE')).status).toBe(200);
    expect((await change('PUT', JSON.stringify({ organisation: '' }))).status).toBe(200);
    const audit = (await (await fetch(`${app.url}/api/audit?limit=20`)).json()) as {
      entries: { action: string; target?: string }[];
    };
    expect(
      audit.entries.filter((e) => e.action === 'settings.branding').map((e) => e.target),
    ).toEqual(['organisation', 'logo', 'logo', 'organisation']);
  });
});

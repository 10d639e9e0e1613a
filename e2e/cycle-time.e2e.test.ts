/**
 * The cycle-time page and the KPI breakdowns on the demo data, in Debian's Chromium: the trend's
 * period control changes the series, the median and p90 lines are in the chart's table
 * alternative, the slowest orders say how many days late they shipped; breakdowns keep the orders
 * without a value apart and hide a one-bar breakdown. Screenshots in light and dark at 1280 px
 * (e2e/screenshots/, git-ignored); axe on the cycle-time page.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumPath,
  demoInBrowser,
  seriousViolations,
  settled,
  type DemoInBrowser,
  shootBoth,
} from './browser';

let app: DemoInBrowser;

/** The rows of the trend's data table, each as its cells' text. */
async function trendTable(page: Page): Promise<string[][]> {
  const table = page.locator('#trend table');
  return table.evaluate((t) =>
    [...t.querySelectorAll('tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim()),
    ),
  );
}

describe.skipIf(!existsSync(chromiumPath) && !process.env.CI)('the cycle-time page', () => {
  app = demoInBrowser();

  it('draws the mean with p50 and p90 by the period chosen, and says how late the slowest orders shipped', async () => {
    const page = await app.visit('/cycle-time');
    const byMonth = await trendTable(page);
    expect(byMonth[0]!.slice(0, 5)).toEqual(['Period', 'Mean', 'Median (p50)', 'p90', 'Orders']);
    expect(byMonth.length).toBeGreaterThan(3);
    // Each complete month has a median and a p90 in hours.
    expect(byMonth[1]![2]).toMatch(/^\d[\d,.]* h$/);
    expect(byMonth[1]![3]).toMatch(/^\d[\d,.]* h$/);
    expect(await page.locator('#trend').innerText()).toMatch(/Median \(p50\), dotted/);

    const slowest = page.getByRole('table', { name: /20 slowest orders/ });
    const headers = await slowest.locator('thead th').allInnerTexts();
    expect(headers.map((h) => h.toLowerCase())).toContain('days late');
    const column = headers.findIndex((h) => h.toLowerCase() === 'days late');
    const lateCells = await slowest
      .locator('tbody tr')
      .evaluateAll(
        (rows, i) => rows.map((r) => (r.querySelectorAll('th, td')[i]?.textContent ?? '').trim()),
        column,
      );
    expect(lateCells.length).toBe(20);
    for (const cell of lateCells) expect(cell).toMatch(/^(\d[\d,]* days?|on time|—)$/);
    // At 1280 px the whole table, where the time went included, fits without scrolling sideways.
    const region = slowest.locator('xpath=..');
    expect(await region.evaluate((e) => e.scrollWidth - e.clientWidth)).toBe(0);

    expect(await page.locator('h2', { hasText: 'Where the time goes' }).count()).toBe(1);
    expect(await page.locator('main').innerText()).toMatch(
      /MEDIAN HOURS PER STAGE|Median hours per stage/i,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await shootBoth(page, 'cycle-time');

    // The period control: by week, the same range has more, weekly, periods.
    await page.locator('#trend').getByLabel('Period').selectOption('week');
    await page.locator('#trend').getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/grain=week/, { timeout: 60_000 });
    await settled(page);
    await expect
      .poll(async () => (await trendTable(page)).length, { timeout: 60_000 })
      .toBeGreaterThan(byMonth.length);
    const byWeek = await trendTable(page);
    expect(byWeek[0]).toEqual(byMonth[0]);
    expect(byWeek[1]![0]).not.toBe(byMonth[1]![0]);
    expect(await page.locator('#trend-h').innerText()).toBe('Week by week');
    await page.close();
  }, 240_000);

  it('keeps the orders without a carrier apart in a breakdown, and hides a one-bar breakdown', async () => {
    // Cancelled orders never ship, so they have no carrier.
    const page = await app.visit('/kpis/cancellation_rate?by=carrier');
    const breakdown = page.locator('#breakdown');
    const text = await breakdown.innerText();
    expect(text).not.toMatch(/not recorded\)/);
    const unrecorded = breakdown.getByTestId('breakdown-unrecorded');
    expect(await unrecorded.count()).toBe(1);
    expect(await unrecorded.innerText()).toMatch(/^[\d,]+ orders? ha(s|ve) no carrier recorded/);
    await shootBoth(page, 'kpi-breakdown-unrecorded');
    await page.close();

    const cycle = await app.visit('/kpis/order_shipment_cycle_time?by=site');
    // The chart's table is in a closed <details>: read its text, not what is shown.
    const site = (
      (await cycle.locator('#breakdown table tbody th').first().textContent()) ?? ''
    ).trim();
    expect(site).not.toBe('');
    await shootBoth(cycle, 'kpi-breakdown-site');
    await cycle.close();

    const filtered = await app.visit(
      `/kpis/order_shipment_cycle_time?site=${encodeURIComponent(site)}&by=site`,
    );
    expect(await filtered.locator('#breakdown figure').count()).toBe(0);
    expect(await filtered.getByTestId('breakdown-one-bar').innerText()).toContain(
      `Filtered to site ${site}, so a breakdown by site would be a single bar`,
    );
    await filtered.close();
  }, 240_000);
});

/**
 * Notes on dates and saved views on the demo data, in Debian's Chromium: a note added through the
 * KPI page's "Add a note" shows on its trend (numbered, listed under the chart) and in the chart's
 * table alternative, and on /annotations with Remove; a view saved from the filter bar's "Views"
 * is listed there, opens its page with the same filters from another page, and can be removed.
 * Screenshots in light and dark at 1280 px (e2e/screenshots/, git-ignored).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chromiumPath,
  demoInBrowser,
  hydrated,
  seriousViolations,
  type DemoInBrowser,
  shootBoth,
} from './browser';

let app: DemoInBrowser;

/** A complete month of the demo's fill-rate trend (the second), as its first and last day. */
async function demoMonth(): Promise<{ from: string; to: string }> {
  const response = await fetch(`${app.url}/api/kpis/order_fill_rate`);
  const body = (await response.json()) as { result: { series: { period: string }[] } };
  const from = body.result.series[1]!.period;
  const end = new Date(`${from}T00:00:00Z`);
  end.setUTCMonth(end.getUTCMonth() + 1, 0);
  return { from, to: end.toISOString().slice(0, 10) };
}

describe.skipIf(!existsSync(chromiumPath) && !process.env.CI)('notes and saved views', () => {
  app = demoInBrowser();

  it('adds a note through the form and shows it on the trend and in its table', async () => {
    const { from, to } = await demoMonth();
    const page = await app.visit('/kpis/order_fill_rate?grain=month');
    await page.locator('#trend summary', { hasText: 'Add a note' }).click();
    const form = page.getByRole('form', { name: 'Add a note' });
    await hydrated(page, 'form[aria-label="Add a note"]');
    await form.getByLabel('From', { exact: true }).fill(from);
    await form.getByLabel('To (optional)').fill(to);
    await form.getByLabel('Note', { exact: true }).fill('Peak season: extra temps in the DC');
    await form.getByRole('button', { name: 'Add note' }).click();
    await expect
      .poll(() => form.getByRole('status').innerText(), { timeout: 30_000 })
      .toMatch(/Note added/);
    const list = page.locator('#trend ol[aria-label^="Notes on"]');
    await list.waitFor({ timeout: 30_000 });
    expect(await list.innerText()).toContain(`${from} to ${to}`);
    expect(await list.innerText()).toContain('Peak season: extra temps in the DC');
    // The chart's summary names it, and its table alternative has a Notes column.
    expect(await page.locator('#trend figcaption').innerText()).toMatch(/One note on this range/);
    await page.locator('#trend details summary', { hasText: 'Data table' }).click();
    const notesCells = await page
      .locator('#trend table')
      .evaluate((t) =>
        [...t.querySelectorAll('tbody tr')].map((tr) => tr.lastElementChild?.textContent ?? ''),
      );
    expect(notesCells.filter((c) => c.includes('1. Peak season'))).toHaveLength(1);
    await page.locator('#trend').scrollIntoViewIfNeeded();
    await shootBoth(page, 'notes-trend');
    await page.close();

    const all = await app.visit('/annotations');
    expect(await all.locator('main').innerText()).toContain('Peak season: extra temps in the DC');
    expect(await seriousViolations(all)).toEqual([]);
    await all.close();
  });

  it('saves a view, opens it from the list on another page, and removes it', async () => {
    const { from, to } = await demoMonth();
    const page = await app.visit(`/kpis/order_fill_rate?from=${from}&to=${to}`);
    await hydrated(page, 'form[role="search"]');
    const views = page.locator('details', { has: page.locator('summary', { hasText: 'Views' }) });
    await views.locator('summary').click();
    await views.getByLabel('Save this view').fill('Fill rate, one month');
    await views.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => views.getByRole('status').innerText(), { timeout: 30_000 })
      .toMatch(/Saved “Fill rate, one month”/);
    await views.getByRole('link', { name: 'Fill rate, one month' }).waitFor();
    await shootBoth(page, 'saved-views');
    await page.close();

    const other = await app.visit('/cycle-time');
    await hydrated(other, 'form[role="search"]');
    const menu = other.locator('details', { has: other.locator('summary', { hasText: 'Views' }) });
    await menu.locator('summary').click();
    await menu.getByRole('link', { name: 'Fill rate, one month' }).click();
    await other.waitForURL(/\/kpis\/order_fill_rate\?/, { timeout: 30_000 });
    const url = new URL(other.url());
    expect([url.pathname, url.searchParams.get('from'), url.searchParams.get('to')]).toEqual([
      '/kpis/order_fill_rate',
      from,
      to,
    ]);
    await hydrated(other, 'form[role="search"]');
    const search = other.getByRole('search');
    expect(await search.locator('input[name="from"]').inputValue()).toBe(from);
    expect(await search.locator('input[name="to"]').inputValue()).toBe(to);

    const again = other.locator('details', { has: other.locator('summary', { hasText: 'Views' }) });
    if (!(await again.evaluate((d) => (d as HTMLDetailsElement).open)))
      await again.locator('summary').click();
    await again.getByRole('button', { name: 'Remove the view Fill rate, one month' }).click();
    await expect.poll(() => again.innerText(), { timeout: 30_000 }).toMatch(/None yet/);
    await other.close();
  });
});

/**
 * Browser Back undoes filters, on the demo data in Debian's Chromium: each deliberate change of the
 * filter bar (a preset picked, a chip toggled) is a history entry of its own, so Back steps back
 * through them, the URL and the bar alike, before it leaves the page.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromiumPath, demoInBrowser, hydrated, settled, type DemoInBrowser } from './browser';

let app: DemoInBrowser;

/** The URL's query, keys sorted, without the host (to compare one step with another). */
const queryOf = (url: string) => {
  const params = new URL(url).searchParams;
  params.sort();
  return params.toString();
};

describe.skipIf(!existsSync(chromiumPath) && !process.env.CI)('Back undoes filters', () => {
  app = demoInBrowser();

  it('on the scorecard, Back undoes a chip, then a period, each in the URL and the bar', async () => {
    const page = await app.visit('/');
    const bar = page.getByRole('search', { name: 'Filters' });
    const period = bar.getByLabel('Period', { exact: true });
    const chip = bar.locator('summary', { hasText: 'Ship mode' });
    await hydrated(page, 'form[role=search] select');
    const start = { query: queryOf(page.url()), period: await period.inputValue() };
    expect(await chip.getAttribute('aria-label')).toBe('Ship mode: all');

    // 1. A preset other than the one shown.
    await period.selectOption('90d');
    await page.waitForURL((url) => url.searchParams.has('from'));
    await settled(page);
    const afterPeriod = queryOf(page.url());
    expect(afterPeriod).toMatch(/from=\d{4}-\d{2}-\d{2}/);

    // 2. A ship mode, from its chip.
    await chip.click();
    const box = bar.locator('details[open]').getByRole('checkbox').first();
    const mode = (await box.getAttribute('value'))!;
    await box.check();
    await page.waitForURL((url) => url.searchParams.has('ship_mode'));
    await settled(page);
    expect(new URL(page.url()).searchParams.get('ship_mode')).toBe(mode);
    expect(await chip.getAttribute('aria-label')).toBe(`Ship mode: ${mode}`);

    // Back: the ship mode goes, the period stays.
    await page.goBack();
    await expect.poll(() => queryOf(page.url())).toBe(afterPeriod);
    await expect.poll(() => chip.getAttribute('aria-label')).toBe('Ship mode: all');
    expect(await period.inputValue()).toBe('90d');

    // Back again: the period goes too, and the page is the one first opened.
    await page.goBack();
    await expect.poll(() => queryOf(page.url())).toBe(start.query);
    await expect.poll(() => period.inputValue()).toBe(start.period);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.close();
  }, 120_000);

  it('on a KPI page, Back undoes a date typed, then a chip, without a step per keystroke', async () => {
    const page = await app.visit('/kpis/order_fill_rate');
    const bar = page.getByRole('search', { name: 'Filters' });
    const chip = bar.locator('summary', { hasText: 'Carrier' });
    await hydrated(page, 'form[role=search] input[type=date]');
    const start = queryOf(page.url());

    await chip.click();
    const box = bar.locator('details[open]').getByRole('checkbox').first();
    const carrier = (await box.getAttribute('value'))!;
    await box.check();
    await page.waitForURL((url) => url.searchParams.has('carrier'));
    await settled(page);
    const afterChip = queryOf(page.url());
    await page.keyboard.press('Escape');

    // A date typed digit by digit is applied once, when typing pauses.
    const from = bar.getByLabel('From', { exact: true });
    await from.focus(); // on its first part, the month
    await from.pressSequentially('03012025', { delay: 40 });
    await page.waitForURL((url) => url.searchParams.get('from') === '2025-03-01');
    await settled(page);

    await page.goBack();
    await expect.poll(() => queryOf(page.url())).toBe(afterChip);
    await expect.poll(() => from.inputValue()).toBe('');
    expect(await chip.getAttribute('aria-label')).toBe(`Carrier: ${carrier}`);

    await page.goBack();
    await expect.poll(() => queryOf(page.url())).toBe(start);
    await expect.poll(() => chip.getAttribute('aria-label')).toBe('Carrier: all');
    expect(new URL(page.url()).pathname).toBe('/kpis/order_fill_rate');
    await page.close();
  }, 120_000);
});

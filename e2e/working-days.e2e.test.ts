/**
 * Working-day cycle times on the demo data, in Debian's Chromium: the cycle-time page shows the
 * working-day mean, median and p90 beside the calendar-hour figures with the calendar in force;
 * the calendar set on the Benchmarks page is then the one the page names. Screenshots in light and
 * dark at 1280 px (e2e/screenshots/, git-ignored).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPath, demoInBrowser, hydrated, shots, type DemoInBrowser } from './browser';

let app: DemoInBrowser;

const workingDays = (page: Page) =>
  page.getByRole('region', { name: 'In working days, from the cut-off' });

describe.skipIf(!existsSync(chromiumPath) && !process.env.CI)('working-day cycle times', () => {
  app = demoInBrowser();

  it('shows the working-day figures and the calendar in force, and follows the calendar set', async () => {
    const page = await app.visit('/cycle-time');
    const panel = workingDays(page);
    const stats = await panel.getByLabel('Working-day figures').innerText();
    expect(stats).toMatch(/Mean \(working days\)\s+\d[\d,.]* d/);
    expect(stats).toMatch(/p90\s+\d[\d,.]* d/);
    expect(await panel.getByTestId('calendar-in-force').innerText()).toBe(
      'Mon–Fri, no holidays, no cut-off',
    );
    await page.close();

    const benchmarks = await app.visit('/benchmarks#calendar');
    const form = benchmarks.getByRole('form', { name: 'Working calendar' });
    await hydrated(benchmarks, 'form[aria-label="Working calendar"] button[type="submit"]');
    await form.getByLabel('Holidays').fill('2026-12-24, 2026-12-25, 2026-12-31');
    await form.getByLabel('Cut-off per site').fill('DC-North 14:00');
    await form.getByRole('button', { name: 'Save calendar' }).click();
    await expect
      .poll(() => benchmarks.getByTestId('calendar-in-force').innerText(), { timeout: 60_000 })
      .toBe('Mon–Fri, 3 holidays, cut-off 14:00 at DC-North, none elsewhere');
    await benchmarks
      .locator('#calendar')
      .screenshot({ path: path.join(shots, 'calendar-form.png') });
    await benchmarks.close();

    const after = await app.visit('/cycle-time');
    expect(await workingDays(after).getByTestId('calendar-in-force').innerText()).toBe(
      'Mon–Fri, 3 holidays, cut-off 14:00 at DC-North, none elsewhere',
    );
    for (const colorScheme of ['light', 'dark'] as const) {
      await after.emulateMedia({ colorScheme });
      const file = path.join(shots, `cycle-time-working-days-${colorScheme}.png`);
      await after.screenshot({ path: file, fullPage: true });
    }
    await after.close();
  });
});

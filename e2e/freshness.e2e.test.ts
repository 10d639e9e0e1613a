/**
 * The scorecard's freshness panel on the demo data, in Debian's Chromium: one line that says it
 * is demo data (no delivery schedule judged, nothing overdue), and a link to the ledger.
 * Screenshots in light and dark (e2e/screenshots/, git-ignored).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumPath, demoInBrowser, shots, type DemoInBrowser } from './browser';

let app: DemoInBrowser;

describe.skipIf(!existsSync(chromiumPath) && !process.env.CI)('data freshness', () => {
  app = demoInBrowser();

  it('says how new the demo data is, that it is demo data, and links to the ledger', async () => {
    const page = await app.visit('/');
    const panel = page.getByRole('region', { name: 'Data freshness' });
    await panel.waitFor({ timeout: 30_000 });
    // The demo's four sources in one line: generated data has no delivery schedule to judge.
    expect(await panel.getByRole('listitem').count()).toBe(0);
    expect(await panel.innerText()).toMatch(
      /Generated demo data, newest order date \d{4}-\d{2}-\d{2}, (from today|\d+ days? old): no delivery schedule is judged until your own extracts arrive\./,
    );
    expect(await panel.getByText(/overdue/i).count()).toBe(0);
    expect(await panel.getByRole('link', { name: /Load ledger/ }).getAttribute('href')).toBe(
      '/data',
    );
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await panel.screenshot({ path: path.join(shots, `home-freshness-${scheme}.png`) });
    }
    await page.close();
  }, 600_000);
});

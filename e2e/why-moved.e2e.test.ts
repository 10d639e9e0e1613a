/**
 * Why it moved, on the demo data in Debian's Chromium: the KPI page and the cycle-time page each
 * draw the change as a waterfall whose table alternative lists the parts, and the parts add up to
 * the change the page shows (in the printed figures, to their rounding, and exactly in the
 * numbers behind them). Screenshots in light and dark at 1280 px (e2e/screenshots/).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumPath,
  demoInBrowser,
  seriousViolations,
  shots,
  type DemoInBrowser,
} from './browser';

let app: DemoInBrowser;

/** "+1.2 pp", "-3.4 h", "±0.0 pp" as a number. */
const numberOf = (text: string) => Number(text.replace(/[^\d.+-]/g, '').replace(/^\+/, ''));

/** The waterfall table's parts (every row but the total) and its total, printed and exact. */
async function partsOf(page: Page) {
  const rows = await page.locator('#why-moved table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const part = tr.querySelector('[data-part]');
      return {
        text: (part?.textContent ?? '').trim(),
        exact: Number(part?.getAttribute('data-part')),
      };
    }),
  );
  const total = rows.at(-1)!;
  return { parts: rows.slice(0, -1), total };
}

async function shootBoth(page: Page, name: string) {
  const panel = page.locator('#why-moved');
  await panel.screenshot({ path: path.join(shots, `${name}-light.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await panel.screenshot({ path: path.join(shots, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

function expectAddsUp({ parts, total }: Awaited<ReturnType<typeof partsOf>>, shown: number) {
  expect(parts.length).toBeGreaterThan(1);
  // Exactly, in the numbers behind the table.
  const exact = parts.reduce((s, p) => s + p.exact, 0);
  expect(exact).toBeCloseTo(total.exact, 9);
  // As printed: each figure is rounded to a tenth, so the sum may be off by half a tenth each.
  const printed = parts.reduce((s, p) => s + numberOf(p.text), 0);
  expect(Math.abs(printed - shown)).toBeLessThanOrEqual(0.05 * parts.length + 1e-9);
  expect(numberOf(total.text)).toBeCloseTo(shown, 9);
}

describe.skipIf(!existsSync(chromiumPath) && !process.env.CI)('why it moved', () => {
  app = demoInBrowser();

  it('splits the order fill rate’s change by site into parts that add up to it', async () => {
    const page = await app.visit('/kpis/order_fill_rate?by=site');
    const panel = page.locator('#why-moved');
    expect(await panel.locator('h2').innerText()).toBe('Why it moved');
    const text = await panel.innerText();
    // No period or comparison in the address: the last complete month against the one before.
    expect(text).toMatch(/No period is chosen, so this is the last complete month/);
    expect(text).toMatch(/No comparison is chosen, so it is the period before of the same length/);
    const summary = await panel.locator('figcaption').innerText();
    const moved = /moved ([+±-][\d.]+) pp/.exec(summary);
    expect(moved, summary).not.toBeNull();
    expectAddsUp(await partsOf(page), numberOf(moved![1]!));
    // The table is in a closed <details>: its text, not what is shown.
    expect(await panel.locator('table thead th').allTextContents()).toEqual([
      'Site',
      'Before',
      'Now',
      'Share before',
      'Share now',
      'Rate effect',
      'Mix effect',
      'Part of the change',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await shootBoth(page, 'why-moved-kpi');
    await page.close();
  }, 240_000);

  it('splits the cycle time’s change by stage into parts that add up to it', async () => {
    const page = await app.visit('/cycle-time');
    const panel = page.locator('#why-moved');
    const summary = await panel.locator('figcaption').innerText();
    const moved = /moved ([+±-][\d.]+) h/.exec(summary);
    expect(moved, summary).not.toBeNull();
    const table = await partsOf(page);
    expect(table.parts).toHaveLength(3);
    expectAddsUp(table, numberOf(moved![1]!));
    await shootBoth(page, 'why-moved-cycle-time');
    await page.close();
  }, 240_000);
});

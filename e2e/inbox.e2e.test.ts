/**
 * The inbox while the server runs, in Debian's Chromium: a profile saved, a file dropped into
 * ORDERLENS_INBOX is loaded with it and moved to done/; a bad one lands in failed/ with its
 * rejected rows, a note and an alert; the same good file dropped again changes nothing. The data
 * page lists each file with its outcome (screenshots in light and dark, e2e/screenshots/).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledger } from './api';
import { chromiumPath, launchBrowser, seriousViolations, settled, shots } from './browser';
import { startApp, type RunningApp } from './server';

const fixture = (name: string) => path.join(__dirname, '..', 'lib', 'ingest', 'fixtures', name);
const HEADERS = [
  'Order ID',
  'Order Date',
  'Ship Date',
  'Ship Mode',
  'Customer ID',
  'Line',
  'SKU',
  'Quantity',
];

let app: RunningApp;
let browser: Browser;
let inbox: string;

/** Drop a file as a sync client does: written under a temporary name, then renamed. */
async function drop(source: string, name: string) {
  await copyFile(fixture(source), path.join(inbox, `${name}.part`));
  await rename(path.join(inbox, `${name}.part`), path.join(inbox, name));
}

/** The names in a folder of the inbox, without the time stamp the inbox puts before them. */
async function namesIn(sub: string): Promise<string[]> {
  const names = await readdir(path.join(inbox, sub)).catch(() => [] as string[]);
  return names.map((n) => n.replace(/^\d{8}-\d{6}-/, '')).sort();
}

describe.skipIf(!existsSync(chromiumPath) && !process.env.CI)('the inbox folder', () => {
  beforeAll(async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'orderlens-e2e-inbox-'));
    inbox = path.join(root, 'inbox');
    await mkdir(inbox);
    app = await startApp({
      env: { ORDERLENS_INBOX: inbox, ORDERLENS_INBOX_POLL_SECONDS: '1' },
    });
    browser = await launchBrowser();
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('loads a dropped file with its profile, fails a bad one, and ignores a repeat', async () => {
    const saved = await fetch(`${app.url}/api/profiles`, {
      method: 'POST',
      headers: { origin: app.url, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Shop lines',
        system: 'Shopify',
        headers: HEADERS,
        mapping: { ...JSON.parse(await readFile(fixture('flat-small.mapping.json'), 'utf-8')) },
      }),
    });
    expect(saved.status).toBe(201);

    // A good file: loaded and moved to done/.
    await drop('flat-small.csv', 'week-10.csv');
    await expect
      .poll(() => namesIn('done'), { timeout: 60_000, interval: 500 })
      .toEqual(['week-10.csv']);
    expect((await ledger(app.url)).map((l) => [l.fileName, l.status, l.rowsRead])).toEqual([
      ['week-10.csv', 'loaded', 5],
    ]);

    // A bad one: failed/ with its rejected rows and a note; an alert is raised.
    await drop('flat-bad.csv', 'week-11.csv');
    await expect
      .poll(() => namesIn('failed'), { timeout: 60_000, interval: 500 })
      .toEqual(['week-11.csv', 'week-11.csv.rejects.csv', 'week-11.csv.txt']);
    const [note] = (await readdir(path.join(inbox, 'failed'))).filter((n) => n.endsWith('.txt'));
    expect(await readFile(path.join(inbox, 'failed', note!), 'utf-8')).toContain(
      'week-11.csv: not loaded: its rows failed the checks',
    );

    // The same good file again: done/, and the ledger as it was (plus the bad file's refusal).
    await drop('flat-small.csv', 'week-10-again.csv');
    await expect
      .poll(() => namesIn('done'), { timeout: 60_000, interval: 500 })
      .toEqual(['week-10-again.csv', 'week-10-again.csv.txt', 'week-10.csv']);
    expect((await ledger(app.url)).map((l) => [l.fileName, l.status])).toEqual([
      ['week-10.csv', 'loaded'],
      ['week-11.csv', 'rejected'],
    ]);
    expect((await readdir(inbox)).sort()).toEqual(['done', 'failed']);

    // The data page lists each file with its outcome in words.
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        colorScheme: scheme,
      });
      const page = await context.newPage();
      await page.goto(`${app.url}/data#inbox`, { waitUntil: 'networkidle' });
      await settled(page);
      const panel = page.locator('section#inbox');
      await expect.poll(() => panel.getByRole('row').count()).toBe(4);
      const rows = await panel.getByRole('row').allInnerTexts();
      expect(rows[1]).toContain('week-10-again.csv');
      expect(rows[1]).toContain('already loaded; not loaded again');
      expect(rows[2]).toContain('week-11.csv');
      expect(rows[2]).toContain('not loaded: its rows failed the checks');
      expect(rows[2]).toContain('rejected rows: failed/');
      expect(rows[3]).toContain('loaded');
      if (scheme === 'light') expect(await seriousViolations(page)).toEqual([]);
      await panel.screenshot({ path: path.join(shots, `inbox-data-${scheme}.png`) });
      await context.close();
    }

    // An admin names who hears of a failure; the folder comes from ORDERLENS_INBOX, not the form.
    const settings = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await settings.goto(`${app.url}/data#inbox`, { waitUntil: 'networkidle' });
    await settled(settings);
    const form = settings.locator('section#inbox');
    await form.locator('summary', { hasText: 'Inbox settings' }).click();
    expect(await form.getByLabel('Inbox folder on the server').isDisabled()).toBe(true);
    await form.getByLabel('Mail when a file is not loaded').fill('ops@acme.test, bad-address');
    await form.getByRole('button', { name: 'Save inbox settings' }).click();
    await expect
      .poll(() => form.getByRole('alert').innerText())
      .toMatch(/“bad-address”: not an e-mail address/);
    await form.getByLabel('Mail when a file is not loaded').fill('ops@acme.test');
    await form.getByRole('button', { name: 'Save inbox settings' }).click();
    await form.getByText('Saved. The server looks into the folder from now on.').waitFor();
    const stored = (await (await fetch(`${app.url}/api/inbox`)).json()) as {
      settings: { notify: string[]; source: string };
    };
    expect(stored.settings).toMatchObject({ notify: ['ops@acme.test'], source: 'environment' });
    await form.screenshot({ path: path.join(shots, 'inbox-settings.png') });
    await settings.close();

    // The failure is an open alert, linked to the inbox.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.url}/alerts`, { waitUntil: 'networkidle' });
    await settled(page);
    await expect
      .poll(() => page.getByText('week-11.csv in the inbox was not loaded').count())
      .toBe(1);
    expect(await page.getByRole('link', { name: 'Open the inbox' }).getAttribute('href')).toBe(
      '/data#inbox',
    );
    await page.screenshot({ path: path.join(shots, 'inbox-alert.png'), fullPage: true });
    await page.close();
  }, 300_000);
});

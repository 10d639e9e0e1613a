/** Headless Debian Chromium for browser tests and screenshots (a test tool's own browser download fails here). */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startApp, type RunningApp } from './server';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/**
 * Waits until no Suspense fallback (they all carry aria-busy) is left on the page: a busy machine can
 * stream a panel after `networkidle` has fired.
 */
export async function settled(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, {
    timeout,
  });
}

/** Where the browser tests write their screenshots (git-ignored). */
export const shots = path.join(__dirname, 'screenshots');

/** A full-page screenshot of the page as it is, then in the dark scheme (`NAME-light/-dark.png`). */
export async function shootBoth(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(shots, `${name}-light.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(shots, `${name}-dark.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
}

export interface DemoInBrowser {
  readonly url: string;
  /** Opens a route at a width in a context of its own, once it answered 200 and settled. */
  visit(route: string, width?: number): Promise<Page>;
}

/**
 * The app on the demo data and a browser, for the suite whose describe calls this: started before
 * its tests (a build can take minutes), stopped after.
 */
export function demoInBrowser(): DemoInBrowser {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await startApp({ demo: true });
    browser = await launchBrowser();
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  return {
    get url() {
      return app!.url;
    },
    async visit(route, width = 1280) {
      // axe needs a page of an explicit context; closing the page closes its context.
      const context = await browser!.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      page.on('close', () => void context.close().catch(() => undefined));
      const response = await page.goto(app!.url + route, { waitUntil: 'networkidle' });
      expect(response?.status(), route).toBe(200);
      await settled(page);
      return page;
    },
  };
}

/** axe's serious and critical findings on the page, a line each. */
export async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`);
}

/** Waits until React has hydrated the element the selector finds (its handlers do nothing before). */
export async function hydrated(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((css) => {
    const element = document.querySelector(css);
    return element !== null && Object.keys(element).some((key) => key.startsWith('__reactProps'));
  }, selector);
}

/**
 * Screenshots of the app's pages for review: `npx tsx scripts/screenshots.ts [BASE_URL] [OUT_DIR]`.
 * Light and dark, desktop width.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../e2e/browser';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? 'screenshots';
const pages = (process.env.PAGES ?? '/,/data').split(',');

mkdirSync(out, { recursive: true });
const browser = await launchBrowser();
for (const scheme of ['light', 'dark'] as const) {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    colorScheme: scheme,
  });
  for (const route of pages) {
    await page.goto(base + route, { waitUntil: 'networkidle' });
    const name = `${route === '/' ? 'home' : route.slice(1).replaceAll('/', '-')}-${scheme}.png`;
    await page.screenshot({ path: path.join(out, name), fullPage: true });
    console.log(path.join(out, name));
  }
  await page.close();
}
await browser.close();

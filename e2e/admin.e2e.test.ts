/**
 * Issue 19 in Chromium, on a fresh server with the demo and no users: the first user's role starts
 * at Admin, a first Manager is refused with the reason and signs nobody out, and the Admin then
 * added can sign in and manage users; the demo banner on every page while the demo is loaded, and
 * the favicon. Screenshots of /admin, /benchmarks and an order, light and dark, in e2e/screenshots.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser, seriousViolations, settled, shots } from './browser';
import { startApp, type RunningApp } from './server';

let app: RunningApp;
let browser: Browser;
const PASSWORD = 'a long enough passphrase';

async function visit(route: string, scheme: 'light' | 'dark' = 'light'): Promise<Page> {
  // axe needs a page of an explicit context; closing the page closes its context.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: scheme,
  });
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => undefined));
  const response = await page.goto(app.url + route, { waitUntil: 'networkidle' });
  expect(response?.status(), route).toBe(200);
  await settled(page);
  return page;
}

/** Users as the API lists them; while there are none, the loopback server's local admin asks. */
async function users(): Promise<{ status: number; names: string[] }> {
  const response = await fetch(`${app.url}/api/users`);
  const body = (await response.json()) as { users?: { username: string }[] };
  return { status: response.status, names: (body.users ?? []).map((u) => u.username) };
}

describe.skipIf(!existsSync(chromiumPath) && !process.env.CI)('the first user and the demo', () => {
  let orderId: string;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await startApp({ demo: true });
    browser = await launchBrowser();
    const orders = (await (await fetch(`${app.url}/api/orders?pageSize=1`)).json()) as {
      rows: { order_id: string }[];
    };
    orderId = orders.rows[0]!.order_id;
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the demo banner on every page while the demo is loaded', async () => {
    const routes = [
      '/',
      '/kpis',
      '/kpis/order_fill_rate',
      '/cycle-time',
      '/returns',
      '/org',
      '/orders',
      `/orders/${encodeURIComponent(orderId)}`,
      '/data',
      '/benchmarks',
      '/reports',
      '/reports/subscriptions',
      '/alerts',
      '/admin',
    ];
    const missing: string[] = [];
    for (const route of routes) {
      const page = await visit(route);
      if ((await page.getByRole('note', { name: 'Demo data' }).count()) !== 1) missing.push(route);
      await page.close();
    }
    expect(missing).toEqual([]);
  }, 600_000);

  it('has a favicon: the lens of the wordmark in the accent colour', async () => {
    const page = await visit('/benchmarks');
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toMatch(/^\/icon\.svg/);
    const icon = await fetch(app.url + href!);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await icon.text()).toContain('#1f5fbf');
    await page.close();
  });

  it('shoots /benchmarks and an order with the banner, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const [route, name] of [
        ['/benchmarks', 'benchmarks'],
        [`/orders/${encodeURIComponent(orderId)}`, 'order'],
      ] as const) {
        const page = await visit(route, scheme);
        await page.screenshot({ path: path.join(shots, `issue19-${name}-${scheme}.png`) });
        if (scheme === 'light') expect(await seriousViolations(page), route).toEqual([]);
        await page.close();
      }
    }
  }, 300_000);

  it('starts the first user at Admin, and refuses a first Manager without signing anyone out', async () => {
    const setupCode = /use the setup code ([A-Z0-9-]{14})/.exec(app.log())?.[1];
    expect(setupCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const dark = await visit('/admin', 'dark');
    await dark.screenshot({ path: path.join(shots, 'issue19-admin-first-user-dark.png') });
    await dark.close();

    const page = await visit('/admin');
    // The label wraps the select, so its text holds the options too: found by name instead.
    const role = page.locator('select[name="role"]');
    expect(await role.inputValue()).toBe('admin');
    expect(await role.locator('option:checked').textContent()).toBe('Admin');
    await page.screenshot({ path: path.join(shots, 'issue19-admin-first-user-light.png') });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('User name').fill('max');
    await role.selectOption('manager');
    await page.getByLabel('First password (12 characters or more)').fill(PASSWORD);
    await page.getByLabel(/^Setup code/).fill(setupCode!);
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect
      // The form's alert, not Next's route announcer (also role=alert, and empty).
      .poll(() => page.locator('form [role="alert"]').textContent(), { timeout: 30_000 })
      .toBe(
        'The first user must be an admin: once a user exists, everyone signs in, and only an admin can add users or change roles. Make this one an admin, then add the others.',
      );
    await page.screenshot({ path: path.join(shots, 'issue19-admin-refused-light.png') });
    // Nobody was added, so the local admin is still signed in: the API answers, the page reloads.
    expect(await users()).toEqual({ status: 200, names: [] });
    const reload = await page.reload({ waitUntil: 'networkidle' });
    expect(reload?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/admin');
    await settled(page);
    expect(await role.inputValue()).toBe('admin');

    // The form as it opens (Admin) adds the first user, who signs in and manages users.
    await page.getByLabel('User name').fill('boss');
    await page.getByLabel('First password (12 characters or more)').fill(PASSWORD);
    await page.getByLabel(/^Setup code/).fill(setupCode!);
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.waitForURL(/\/signin/, { timeout: 60_000 });
    expect((await users()).status).toBe(401);
    await page.getByLabel('User name').fill('boss');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin$/, { timeout: 60_000 });
    await settled(page);
    const row = page.getByRole('row', { name: /boss \(you\)/ });
    await expect.poll(() => row.getByRole('cell').nth(1).textContent()).toBe('Admin');
    await page.close();
  }, 300_000);
});

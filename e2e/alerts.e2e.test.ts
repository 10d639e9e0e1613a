/**
 * Alerts and scheduled reports on the demo data, in Debian's Chromium: add an alert rule through
 * the form, check the rules, see the alert on /alerts and its line on the scorecard, acknowledge
 * it and see both go; schedule a report written to a folder, send it now and see the delivery
 * listed with its file, and a report that cannot be mailed shown as failed, in words. axe on both
 * pages; screenshots at 1280 and 390 px (e2e/screenshots/, git-ignored).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chromiumPath,
  demoInBrowser,
  shots,
  type DemoInBrowser,
  seriousViolations,
  settled,
} from './browser';

let app: DemoInBrowser;

/** Screenshots at desktop and phone width; the phone's must not scroll sideways. */
async function shoot(route: string, name: string) {
  for (const [width, suffix] of [
    [1280, 'desktop'],
    [390, 'narrow'],
  ] as const) {
    const page = await app.visit(route, width);
    if (route === '/') await page.getByText(/open alerts?:/).waitFor({ timeout: 30_000 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    await page.screenshot({ path: path.join(shots, `${name}-${suffix}.png`), fullPage: true });
    expect(overflow, `${route} at ${width} px scrolls sideways`).toBe(0);
    await page.close();
  }
}

describe.skipIf(!existsSync(chromiumPath) && !process.env.CI)(
  'alerts and scheduled reports',
  () => {
    app = demoInBrowser();

    it('raises an alert from a rule added through the form, shows it, and lets it be acknowledged', async () => {
      const page = await app.visit('/alerts');
      expect(await page.locator('#alerts-h').innerText()).toMatch(/Open alerts\s*0/);
      expect(await page.locator('main').innerText()).toMatch(/ORDERLENS_SMTP_URL/);

      const form = page.locator('form', { has: page.getByRole('button', { name: 'Add rule' }) });
      await form.getByLabel('KPI', { exact: true }).selectOption({ label: 'Order fill rate' });
      await form.getByLabel(/changes by more than an amount/).check();
      expect(await form.getByText('In percentage points').count()).toBe(1);
      await form.getByLabel('By more than', { exact: true }).fill('0.1');
      await form.getByLabel('Direction', { exact: true }).selectOption('any');
      await form.getByRole('button', { name: 'Add rule' }).click();
      await expect
        .poll(() => form.getByRole('status').innerText(), { timeout: 30_000 })
        .toMatch(
          /Rule added: Order fill rate changes by more than 0\.1 percentage points from one complete month to the next/,
        );

      // The rule is listed; check it now rather than wait for the scheduler's next tick.
      const rules = page.locator('section[aria-labelledby=rules-h]');
      await rules
        .locator('li', { hasText: /Order fill rate changes by more than 0\.1 percentage points/ })
        .waitFor();
      await rules.getByRole('button', { name: 'Check the rules now' }).click();
      await rules.getByText(/^Checked 1 rule: /).waitFor({ timeout: 120_000 });

      const alerts = page.locator('section[aria-labelledby=alerts-h]');
      const alert = alerts.locator('li').filter({ hasText: 'Order fill rate changed by' });
      await alert.waitFor({ timeout: 30_000 });
      const text = await alert.innerText();
      expect(text).toMatch(/Open/);
      expect(text).toMatch(/went from .+ to .+ \(.+ pp\), more than the 0\.1 percentage points/);
      expect(text).toMatch(/Listed here only: the rule mails nobody/);
      const kpiLink = alert.getByRole('link', {
        name: /^Open Order fill rate for [A-Z][a-z]{2} \d{4}$/,
      });
      expect(await kpiLink.getAttribute('href')).toMatch(
        /^\/kpis\/order_fill_rate\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}$/,
      );
      expect(await rules.innerText()).toMatch(/triggered/i);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();

      await shoot('/alerts', 'alerts');
      await shoot('/', 'home-alerts');

      // The scorecard says so in one line, linking to the alerts.
      const home = await app.visit('/');
      const notice = home.locator('main p', { hasText: /open alerts?:/ });
      await notice.waitFor({ timeout: 30_000 });
      expect(await notice.innerText()).toMatch(
        /1 open alert: Order fill rate changed by [^\n]+\s*—\s*Review/,
      );
      await notice.getByRole('link', { name: /Review/ }).click();
      await home.waitForURL(`${app.url}/alerts`);
      await settled(home);

      // Acknowledged, it leaves the open alerts and the scorecard's line.
      await home.getByRole('button', { name: /^Acknowledge: Order fill rate changed by/ }).click();
      await home.getByText('No open alerts: nothing needs a look.').waitFor({ timeout: 30_000 });
      await home.getByRole('link', { name: 'Show acknowledged alerts too' }).click();
      await home.waitForURL(/show=all/);
      await settled(home);
      expect(await home.locator('section[aria-labelledby=alerts-h]').innerText()).toMatch(
        /Acknowledged by .+, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/,
      );
      await home.close();

      const after = await app.visit('/');
      // The notice streams in its own boundary: give it the time it would take to appear.
      await after.waitForTimeout(1500);
      expect(await after.getByText(/open alerts?:/).count()).toBe(0);
      await after.close();
    }, 600_000);

    it('schedules a report written to a folder, sends it now and lists the delivery; says a failed one in words', async () => {
      // Opened from the reports page with its filters: the form starts from them.
      const page = await app.visit('/reports/subscriptions?channel=web&by=channel');
      const main = page.locator('main');
      expect(await main.innerText()).toMatch(/Mail is not configured on this server\./);
      expect(await main.innerText()).toMatch(/ORDERLENS_SMTP_URL/);
      const form = page.locator('form', {
        has: page.getByRole('button', { name: 'Schedule report' }),
      });
      // No dates in the link: each delivery reports the last complete month.
      expect(
        await form.getByLabel('The last complete month before each delivery').isChecked(),
      ).toBe(true);
      expect(await form.getByLabel('Only Channel web', { exact: true }).isChecked()).toBe(true);
      // The browser's time zone by default.
      const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
      expect(await form.getByLabel('Time zone', { exact: true }).inputValue()).toBe(zone);

      await form.getByLabel('Name (optional)').fill('E2E folder pack');
      await form.getByLabel('Repeats', { exact: true }).selectOption('monthly');
      await form.getByLabel('On', { exact: true }).selectOption('first-working-day');
      await form.getByLabel('At', { exact: true }).fill('06:30');
      expect(await form.innerText()).toContain(
        `Sent on the first working day (Monday to Friday) of every month at 06:30 (${zone}).`,
      );
      await form.getByLabel('Write to folder (optional)').fill('e2e-pack');
      await form.getByRole('button', { name: 'Schedule report' }).click();
      await expect
        .poll(() => form.getByRole('status').innerText(), { timeout: 30_000 })
        .toMatch(/Scheduled: E2E folder pack, sent on the first working day/);

      const card = page.locator('li', {
        has: page.getByRole('heading', { name: 'E2E folder pack' }),
      });
      await card.waitFor({ timeout: 30_000 });
      expect(await card.innerText()).toMatch(/Not delivered yet/);
      expect(await card.innerText()).toMatch(/Channel web/);
      await card.getByRole('button', { name: 'Send now: E2E folder pack' }).click();
      await expect
        .poll(() => card.getByRole('status').innerText(), { timeout: 240_000 })
        .toMatch(/\.pdf written to .+e2e-pack/);
      const written = /written to (\S+\.pdf)/.exec(await card.getByRole('status').innerText())![1]!;
      expect(existsSync(written)).toBe(true);

      const deliveries = page.locator('section[aria-labelledby=deliveries-h]');
      const row = deliveries.locator('tbody tr').filter({ hasText: 'E2E folder pack' });
      await row.waitFor({ timeout: 30_000 });
      const rowText = await row.innerText();
      expect(rowText).toMatch(/Sent now/);
      expect(rowText).toMatch(/Sent/);
      expect(rowText).toContain(path.basename(written));
      await expect.poll(() => card.innerText(), { timeout: 30_000 }).toMatch(/Delivered /);

      // A report only mailed, on a server without mail, fails: said on top and on its card.
      const added = await fetch(`${app.url}/api/subscriptions`, {
        method: 'POST',
        headers: { origin: app.url, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'E2E mailed pack',
          format: 'xlsx',
          cadence: 'weekly mon 07:00',
          timeZone: 'Europe/Berlin',
          recipients: ['ops@example.com'],
        }),
      });
      expect(added.status).toBe(201);
      const { subscription } = (await added.json()) as { subscription: { id: string } };
      const run = await fetch(`${app.url}/api/subscriptions/run`, {
        method: 'POST',
        headers: { origin: app.url, 'content-type': 'application/json' },
        body: JSON.stringify({ id: subscription.id }),
        signal: AbortSignal.timeout(240_000),
      });
      expect(run.status).toBe(200);
      await page.reload({ waitUntil: 'networkidle' });
      await settled(page);
      const failures = page.getByRole('alert').filter({ hasText: 'was not delivered' });
      expect(await failures.innerText()).toMatch(/E2E mailed pack: .*mail/i);
      const failedCard = page.locator('li', {
        has: page.getByRole('heading', { name: 'E2E mailed pack' }),
      });
      expect(await failedCard.innerText()).toMatch(/Delivery failed/);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();

      await shoot('/reports/subscriptions', 'subscriptions');
    }, 600_000);
  },
);

/**
 * Saved mapping profiles on /data, in Debian's Chromium (issue 19): import a mapping file through
 * the panel (a refused one shows the server's reason), see it listed with how it matches, download
 * its mapping JSON and get the file back as imported, remove it. axe on the page; screenshots in
 * light and dark at 1280 px (e2e/screenshots/, git-ignored).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMappingJson } from '@/lib/ingest/map/mapping';
import {
  chromiumPath,
  demoInBrowser,
  seriousViolations,
  shots,
  type DemoInBrowser,
} from './browser';

const fixture = path.join(__dirname, '..', 'lib', 'ingest', 'fixtures', 'sap-vbap.mapping.json');
let app: DemoInBrowser;

describe.skipIf(!existsSync(chromiumPath) && !process.env.CI)('saved mapping profiles', () => {
  app = demoInBrowser();

  it('imports a mapping file as a profile, lists it, exports its JSON and removes it', async () => {
    const page = await app.visit('/data');
    const panel = page.locator('section[aria-labelledby=profiles-heading]');
    expect(await panel.locator('h2').innerText()).toMatch(/Saved profiles\s*0/);
    await panel.getByText('No profiles yet.', { exact: false }).waitFor();

    const form = panel.locator('form');
    const importButton = form.getByRole('button', { name: 'Import as profile' });
    // A file that is no mapping: its problem under the file, nothing sent.
    const fileInput = form.getByLabel('Mapping file');
    await fileInput.setInputFiles({
      name: 'colours.mapping.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ table: 'flat', columns: { colour: 'Colour' } })),
    });
    expect(await form.getByLabel('Profile name').inputValue()).toBe('colours');
    await importButton.click();
    await form.getByRole('alert').waitFor({ timeout: 30_000 });
    expect(await form.getByRole('alert').innerText()).toMatch(
      /colours\.mapping\.json is not a valid mapping/,
    );
    expect(await fileInput.getAttribute('aria-invalid')).toBe('true');
    expect(await form.innerText()).toMatch(/columns\.colour: "colour" is not a field of flat/);

    // A mapping the server refuses (it maps no column): the server's reason, nothing saved.
    await fileInput.setInputFiles({
      name: 'empty.mapping.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ table: 'orders', columns: {} })),
    });
    await form.getByLabel('Profile name').fill('Empty');
    await importButton.click();
    await expect
      .poll(() => form.getByRole('alert').innerText(), { timeout: 30_000 })
      .toMatch(/The mapping of profile "Empty" maps no columns\./);

    // The real one, named and with its system.
    await form.getByLabel('Mapping file').setInputFiles(fixture);
    await form.getByLabel('Profile name').fill('SAP VBAP');
    await form.getByLabel('System (optional)').fill('SAP');
    await importButton.click();
    await expect
      .poll(() => form.getByRole('status').innerText(), { timeout: 30_000 })
      .toMatch(/Profile “SAP VBAP” saved\./);
    expect(await form.getByRole('alert').count()).toBe(0);
    const row = panel.locator('tbody tr', { hasText: 'SAP VBAP' });
    await row.waitFor({ timeout: 30_000 });
    const cells = await row.locator('th, td').allInnerTexts();
    expect(cells.slice(0, 6)).toEqual([
      'SAP VBAP',
      'SAP',
      'Flat extract',
      'Mapped columns (8)',
      '8',
      'None: any bad row rejects the file',
    ]);
    expect(await panel.locator('h2').innerText()).toMatch(/Saved profiles\s*1/);
    expect(await seriousViolations(page)).toEqual([]);

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await panel.screenshot({ path: path.join(shots, `data-profiles-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // Export JSON: the mapping file as imported, named after the profile.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: 'Export the mapping JSON of SAP VBAP' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('SAP_VBAP.mapping.json');
    const exported = await readFile((await download.path())!, 'utf-8');
    expect(parseMappingJson(exported)).toEqual(parseMappingJson(await readFile(fixture, 'utf-8')));

    // Remove, confirmed.
    await row.getByRole('button', { name: 'Remove' }).click();
    await row.getByRole('button', { name: 'Yes, remove' }).click();
    await panel.getByText('No profiles yet.', { exact: false }).waitFor({ timeout: 30_000 });
    expect(await panel.locator('tbody tr').count()).toBe(0);
    const gone = await fetch(`${app.url}/api/profiles/SAP%20VBAP`);
    expect(gone.status).toBe(404);
    await page.close();
  });
});

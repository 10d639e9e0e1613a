/**
 * The organisation chart as a screen reader meets it: each function a headed section with its
 * teams as a list, a team under its parent as a nested list, figures as words ("not known" where
 * missing) and the unattributed count said in text, not only by colour.
 */
import { freshServerData } from '@/test/server-env';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { addRole, addRule, saveTeam } from '@/lib/org/teams';
import { getServerDatabase } from '@/runtime/database';

freshServerData('orderlens-org-chart-');

describe('the organisation chart', () => {
  let html: string;
  beforeAll(async () => {
    const db = await getServerDatabase();
    await saveTeam(db, { name: 'Order desk', function: 'order_entry' });
    await saveTeam(db, { name: 'EDI cell', function: 'order_entry', parent: 'Order desk' });
    await saveTeam(db, { name: 'Returns', function: 'returns' });
    await addRule(db, 'EDI cell', { dimension: 'channel', value: 'edi' });
    await addRule(db, 'Order desk', { dimension: 'channel', value: 'web', priority: 1 });
    await addRole(db, 'Order desk', {
      title: 'Clerk',
      fte: 2,
      from: '2024-01-01',
      to: '2024-12-31',
    });
    const { ChartPanel } = await import('./chart');
    html = renderToStaticMarkup(
      await ChartPanel({ period: { from: '2024-01-01', to: '2024-01-31' } }),
    );
  });

  it('is a list per function, the child team nested in its parent’s item', () => {
    expect(html).toMatch(/<h3 id="fn-order_entry">Order entry/);
    expect(html).toMatch(
      /<ul[^>]*aria-labelledby="fn-order_entry"><li>.*Order desk.*<ul aria-label="Teams under Order desk"><li>.*EDI cell/,
    );
  });

  it('says what is not known, and what no team takes', () => {
    // EDI cell has no roles: its FTE and orders per FTE are not known, not 0.
    expect(html).toContain('not known <span');
    expect(html).toContain('Clerk: 2 FTE, 2024-01-01 to 2024-12-31');
    expect(html).toContain('Every order of the period has a team.');
    expect(html).toContain('Every return no other team&#x27;s rule matches.');
  });

  it('draws each team’s orders per FTE by month, with the numbers in a data table', async () => {
    const { TrendsPanel } = await import('./trends');
    const trends = renderToStaticMarkup(
      await TrendsPanel({ period: { from: '2024-01-01', to: '2024-02-29' } }),
    );
    expect(trends).toContain('Order desk: orders per FTE a year, by month');
    expect(trends).toContain('Data table');
  });
});

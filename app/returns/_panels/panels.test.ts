/**
 * The returns flow and backlog panels rendered on the KPI fixture (lib/kpi/fixtures/README.md):
 * R1 (order B) and R2 (order C) record every stage of the workflow; R3 is of cancelled order D.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshServerData, loadKpiFixtures } from '@/test/server-env';
import { BacklogPanel } from './backlog';
import { FlowPanel } from './flow';

freshServerData('orderlens-returns-panels-');
beforeAll(loadKpiFixtures);

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('returns panels', () => {
  it('draws the flow with counts in words and the same numbers as a table', async () => {
    const html = renderToStaticMarkup(await FlowPanel({ filters: {} }));
    const t = text(html);
    // Both returns were authorised, received, inspected and decided; R1 alone was credited.
    expect(t).toContain('2 returns by receipt date');
    expect(t).toContain('1 return of cancelled orders left out.');
    expect(html).toContain(
      '<caption>Returns reaching each stage, and the days from the stage before</caption>',
    );
    expect(t).toMatch(/Credited 1 /);
    expect(t).toContain('Dispositions: restock 1 · refurbish 0 · scrap 1 · return to vendor 0.');
  });

  it('draws the backlog matrix on the day asked, with a day chooser that keeps the filters', async () => {
    const html = renderToStaticMarkup(
      await BacklogPanel({ filters: { site: ['DC1', 'DC2'] }, asOf: '2024-01-07' }),
    );
    expect(html).toContain('name="asOf"');
    expect(html).toContain('value="2024-01-07"');
    expect(html).toContain('<input type="hidden" name="site" value="DC1,DC2"/>');
    const t = text(html);
    // R1 awaits receipt (authorised 01-06), R2 its disposition (inspected 01-07 09:00).
    expect(t).toContain('Awaiting receipt 1 (1 unit) 0 0 0 0 1 (1 unit)');
    expect(t).toContain('Awaiting disposition 1 (1 unit) 0 0 0 0 1 (1 unit)');
    expect(t).toContain('Total 2 (2 units) 0 0 0 0 2 (2 units)');
  });

  it('says the day is the data’s last date when none is chosen, and shows a bad day as a problem', async () => {
    const html = renderToStaticMarkup(
      await BacklogPanel({ filters: {}, problem: 'The as-of date x is not a calendar date' }),
    );
    const t = text(html);
    expect(t).toContain('by the end of 2024-01-10 (the data’s last date)');
    expect(t).toContain('The as-of date x is not a calendar date');
    expect(t).toContain('1 return (1 unit) authorised or received by the end of 2024-01-10');
  });
});

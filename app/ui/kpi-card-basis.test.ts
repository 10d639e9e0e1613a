import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '@/lib/db/database';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import type { Mapping } from '@/lib/ingest/map/mapping';
import { loadKpiFixture } from '@/lib/kpi/kpi-test-helpers';
import { scorecard } from '@/lib/kpi/scorecard';
import { KpiCard } from './kpi-card';

const card = (entry: Awaited<ReturnType<typeof scorecard>>[number]) =>
  renderToStaticMarkup(createElement(KpiCard, { entry, search: '' }));

describe('the KPI card of an assumed or partial value', () => {
  it('says "Assumed" in words, keeps the notes a click away, and claims no band', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kpi-card-basis-'));
    const file = path.join(dir, 'orders.csv');
    // Two orders shipped 48 h after ordering; the file has no shipped quantity.
    await writeFile(
      file,
      'Order ID,Order Date,Ship Date,Quantity\nO1,2024-01-01,2024-01-03,2\nO2,2024-01-02,2024-01-04,5\n',
    );
    const db = await openMemoryDatabase();
    await loadExtract(db, {
      file,
      mapping: {
        table: 'flat',
        columns: {
          order_id: 'Order ID',
          order_ts: 'Order Date',
          ship_ts: 'Ship Date',
          qty_ordered: 'Quantity',
        },
        dateFormat: '%Y-%m-%d',
      } as Mapping,
    });
    const [fill, index] = await scorecard(db, {}, ['order_fill_rate', 'perfect_order_index']);
    const html = card(fill!);
    expect(html).toContain('Assumed</span> rests on an assumption');
    expect(html).toMatch(/<details[^>]*>.*Shipped quantities were not in the extract/);
    expect(html).toContain('Not placed: assumed shipped quantity (WERC');
    // 100% would otherwise read as WERC's best band.
    expect(html).not.toContain('Best-in-Class');
    const partial = card(index!);
    expect(partial).toContain('Partial</span> not every component had data');
    expect(partial).toContain('Only 1 of 4 components had data');
    expect(partial).not.toContain('Median or better');
  });

  it('a measured value has no tag and keeps its band', async () => {
    const db = await loadKpiFixture();
    const [fill] = await scorecard(db, {}, ['order_fill_rate']);
    const html = card(fill!);
    expect(html).not.toContain('Assumed');
    expect(html).not.toContain('<details');
    expect(html).toContain('WERC');
    expect(html).not.toContain('Not placed');
  });
});

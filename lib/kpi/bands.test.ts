import { describe, expect, it } from 'vitest';
import { placeAll, placeResult } from './bands';
import { computeKpis } from './compute';
import { loadKpiFixture } from './kpi-test-helpers';

describe('KPI results placed in the shipped band sets', () => {
  it('order fill rate 50% against WERC best-in-class (> 99.56%): an honest no, same definition', async () => {
    const db = await loadKpiFixture();
    const [fill] = await computeKpis(db, {}, ['order_fill_rate']);
    const placement = await placeResult(db, fill!, fill!.value);
    expect(placement).toMatchObject({
      meets: false,
      estimatedPercentile: null,
      definitionDiffers: false,
      source: { source: expect.stringMatching(/^WERC/), edition: '2020' },
    });
    expect(placement!.gapToNext!.amount).toBeCloseTo(49.56, 6);
  });

  it('order accuracy is flagged as a different definition from WERC picking accuracy', async () => {
    const db = await loadKpiFixture();
    const [accuracy] = await computeKpis(db, {}, ['order_accuracy']);
    const placement = await placeResult(db, accuracy!, accuracy!.value);
    expect(placement?.definitionDiffers).toBe(true);
    expect(placement?.note).toBeTruthy();
  });

  it('the perfect order index is placed against APQC and OpsDog; a KPI without bands gets none', async () => {
    const db = await loadKpiFixture();
    const [index, cycle] = await computeKpis(db, {}, [
      'perfect_order_index',
      'order_shipment_cycle_time',
    ]);
    const placements = await placeAll(db, index!, index!.value);
    expect(placements.map((p) => p.source.setId).sort()).toEqual([
      'apqc-2016-perfect-order',
      'opsdog-perfect-customer-order-rate',
    ]);
    expect(await placeAll(db, cycle!, cycle!.value)).toEqual([]);
    expect(await placeResult(db, cycle!, cycle!.value)).toBeNull();
  });
});

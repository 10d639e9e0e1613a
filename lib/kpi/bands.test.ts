import { describe, expect, it } from 'vitest';
import { shippedBandSets } from '@/lib/benchmarks/shipped';
import { catalogue } from '@/metrics';
import { notPlacedInSets, placeAll, placeInSets, placeResult } from './bands';
import { computeKpis } from './compute';
import { loadKpiFixture } from './kpi-test-helpers';
import type { Basis } from './types';

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
    // Order shipment cycle time has only studies (Kurt Salmon 2014, Posti 2019): no band, and
    // both measure it otherwise, so its first set is a labelled reference without a comparison.
    expect(await placeAll(db, cycle!, cycle!.value)).toEqual([]);
    expect(await placeResult(db, cycle!, cycle!.value)).toMatchObject({
      band: null,
      notPlaced: 'definition differs',
      comparison: null,
      source: { setId: 'posti-2019-order-shipment', kind: 'study' },
    });
    const [split] = await computeKpis(db, {}, ['split_shipment_rate']);
    expect(await placeResult(db, split!, 12)).toBeNull();
  });
});

describe('sets of every kind: a verdict only for a measured value of the same definition', () => {
  const sets = shippedBandSets().map((s) => ({ ...s, version: 1, importedAt: null }));
  const kpi = (id: string, basis: Basis = 'measured') => {
    const { standard, variant } = catalogue.kpis.find((k) => k.id === id)!;
    return { id, standard, variant, basis, assumedFields: [] };
  };
  const byId = <T extends { source: { setId: string } }>(list: T[]) =>
    Object.fromEntries(list.map((x) => [x.source.setId, x]));

  it('on-time delivery 92%: meets Walmart (≥ 90%), WERC and the Consortium only as references', () => {
    const otd = kpi('on_time_delivery_rate');
    expect(placeInSets(sets, otd, 92)).toEqual([]);
    const refs = byId(notPlacedInSets(sets, otd, 92));
    expect(Object.keys(refs).sort()).toEqual([
      'scc-2013-on-time-delivery-truckload',
      'walmart-on-time-delivery',
      'walmart-otif-2024-prepaid-on-time',
      'werc-2020-on-time-delivery',
    ]);
    expect(refs['walmart-on-time-delivery']).toMatchObject({
      band: null,
      estimatedPercentile: null,
      reference: true,
      comparison: {
        kind: 'requirement',
        meets: true,
        text: 'meets the requirement (Walmart Marketplace on-time delivery ≥ 90%)',
      },
    });
    // Walmart's supplier goal counts cases by a must-arrive-by date: a different definition.
    expect(refs['walmart-otif-2024-prepaid-on-time']).toMatchObject({
      notPlaced: 'definition differs',
      reference: true,
      comparison: null,
    });
    expect(refs['scc-2013-on-time-delivery-truckload']).toMatchObject({
      notPlaced: 'definition differs',
      reference: true,
      comparison: null,
      note: expect.stringContaining('Counted per truckload shipment'),
    });
  });

  it.each<Basis>(['assumed', 'partial'])(
    'a value of %s basis gets no verdict from any kind',
    (basis) => {
      for (const [id, value] of [
        ['on_time_delivery_rate', 92],
        ['on_time_shipment_rate', 99],
        ['order_to_delivery_cycle_time', 6.2],
        ['order_fill_rate', 83],
        ['perfect_order_index', 95],
      ] as const) {
        const result = kpi(id, basis);
        expect(placeInSets(sets, result, value)).toEqual([]);
        const refused = notPlacedInSets(sets, result, value);
        expect(refused.length).toBeGreaterThan(0);
        for (const r of refused) {
          expect(r).toMatchObject({ band: null, comparison: null, reference: false });
          expect(r.notPlaced).toMatch(new RegExp(`^${basis}`));
        }
      }
    },
  );

  it('a requirement of another definition is a labelled reference, with no verdict', () => {
    const refs = byId(notPlacedInSets(sets, kpi('cancellation_rate'), 1.5));
    expect(refs['amazon-cancel-rate']).toMatchObject({
      notPlaced: 'definition differs',
      comparison: null,
      note: expect.stringContaining("Amazon counts the seller's cancellations only"),
    });
    expect(refs['walmart-cancel-rate']).toMatchObject({
      comparison: null,
      definitionDiffers: true,
    });
  });

  it('studies of the same definition give a reference with the difference', () => {
    const refs = byId(notPlacedInSets(sets, kpi('order_to_delivery_cycle_time'), 6.2));
    expect(refs['kurt-salmon-2015-order-to-delivery']!.comparison!.text).toBe(
      'reference: average 6.9 d; yours 0.7 days shorter',
    );
    expect(refs['kurt-salmon-2012-order-to-delivery']!.comparison!.text).toBe(
      'reference: average, Cyber Monday orders 6.2 d; yours equal',
    );
    expect(refs['posti-2019-order-to-delivery']!.comparison!.figures[0]!.difference).toBe(3.1);
  });

  it('a survey keeps its band: the perfect order index against APQC and OpsDog', () => {
    const placed = placeInSets(sets, kpi('perfect_order_index'), 95);
    expect(placed.map((p) => [p.source.setId, p.band])).toEqual([
      ['apqc-2016-perfect-order', 'Median or better'],
      ['opsdog-perfect-customer-order-rate', 'Average or better'],
    ]);
  });
});

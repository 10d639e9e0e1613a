import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '@/metrics';
import { kpiShape } from './kpis';
import { loadShipped, shippedBandSets } from './shipped';

describe('shipped band sets', () => {
  it('ship exactly the confirmed public figures of the reference', () => {
    const figures = shippedBandSets.map((s) => [s.id, s.kpi, s.scheme, s.sampleSize]);
    const threshold = (value: number) => ({
      type: 'threshold',
      value,
      label: 'Best-in-Class',
      comparison: '>',
    });
    expect(figures).toEqual([
      ['werc-2020-order-accuracy', 'order_accuracy', threshold(99.9), null],
      ['werc-2020-on-time-shipment', 'on_time_shipment_rate', threshold(99.7), null],
      ['werc-2020-on-time-delivery', 'on_time_delivery_rate', threshold(99.48), null],
      ['werc-2020-order-fill-rate', 'order_fill_rate', threshold(99.56), null],
      ['werc-2020-damage-free', 'damage_free_rate', threshold(99.7), null],
      ['werc-2020-documentation-accuracy', 'documentation_accuracy', threshold(99.8), null],
      [
        'apqc-2016-perfect-order',
        'perfect_order_index',
        { type: 'quartiles', p25: null, median: 90, p75: null },
        9032,
      ],
      [
        'opsdog-perfect-customer-order-rate',
        'perfect_order_index',
        { type: 'range', min: 75, max: 99, average: 89 },
        83,
      ],
    ]);
  });

  it.each(shippedBandSets.map((s) => [s.id, s] as const))(
    '%s cites its source and edition',
    (_, set) => {
      expect(set.origin).toBe('shipped');
      expect(set.citation.length).toBeGreaterThan(20);
      expect(set.edition).not.toBe('');
      expect(set.peerGroup).not.toBe('');
    },
  );

  it('WERC sets say best-in-class is the top 20% of all respondents', () => {
    for (const set of shippedBandSets.filter((s) => s.source === 'WERC DC Measures')) {
      expect(set).toMatchObject({ edition: '2020', peerGroup: 'All respondents' });
      expect(set.note).toContain('top 20%');
    }
  });

  it('rejects a broken or non-shipped file, naming the file and the path', () => {
    const [good] = shippedBandSets;
    expect(() =>
      loadShipped({
        'a.json': { ...good, scheme: { type: 'threshold', value: 'x' } },
        'b.json': { ...good, origin: 'imported' },
      }),
    ).toThrow(/a\.json: scheme\.value: must be a number[\s\S]*b\.json: origin/);
  });
});

describe('KPI shapes', () => {
  it.each(kpiCatalogue.map((k) => [k.id, k] as const))('%s agrees with metrics/', (id, kpi) => {
    expect(kpiShape(id)).toEqual({ unit: kpi.unit, direction: kpi.direction });
  });
});

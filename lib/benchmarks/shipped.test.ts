import { describe, expect, it } from 'vitest';
import { catalogue } from '@/metrics';
import { kpiShape } from './kpis';
import { loadShipped, shippedBandSets } from './shipped';

describe('shipped band sets', () => {
  it('ship exactly the public figures of the reference, confirmed and further', () => {
    const figures = shippedBandSets().map((s) => [s.id, s.kpi, s.scheme, s.sampleSize]);
    const reference = (...figures: [string, number, number?][]) => ({
      type: 'reference',
      figures: figures.map(([label, a, b]) =>
        b === undefined ? { label, value: a } : { label, low: a, high: b },
      ),
    });
    const requirement = (value: number, label: string, comparison: string) => ({
      type: 'threshold',
      value,
      label,
      comparison,
    });
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
      // Further figures (checked December 2026), as the reference table states them.
      [
        'scc-2013-on-time-delivery-truckload',
        'on_time_delivery_rate',
        // Opportunity < 92.0 | Leaders ≥ 98.5; median 96.5.
        { type: 'quartiles', p25: 92, median: 96.5, p75: 98.5 },
        null,
      ],
      ['opsdog-customer-backorder-rate', 'backorder_rate', reference(['average', 3.9]), 44],
      [
        'prtm-2000-on-time-to-request',
        'on_time_to_request_rate',
        reference(['median (range across industries)', 69, 81], ['best in class', 94]),
        null,
      ],
      [
        'kurt-salmon-2012-order-to-delivery',
        'order_to_delivery_cycle_time',
        reference(
          ['average, Cyber Monday orders', 6.2],
          ['average, off-peak orders', 5.3],
          ['top five retailers', 2.9],
        ),
        null,
      ],
      [
        'kurt-salmon-2015-order-to-delivery',
        'order_to_delivery_cycle_time',
        reference(['average', 6.9], ['top ten retailers', 2.8]),
        62,
      ],
      [
        'posti-2019-order-to-delivery',
        'order_to_delivery_cycle_time',
        reference(
          ['average', 3.1],
          ['of which picking and sending', 2],
          ['of which transport (about)', 1],
          ["the stores' own estimate", 2.3],
        ),
        null,
      ],
      [
        'posti-2019-order-shipment',
        'order_shipment_cycle_time',
        reference(['picking and sending (2 days at 24 h)', 2 * 24]),
        null,
      ],
      [
        'kurt-salmon-2014-order-shipment',
        'order_shipment_cycle_time',
        reference(['average time to process (3.4 days at 24 h)', 81.6]),
        100,
      ],
      [
        'nrf-2022-return-rate',
        'return_rate',
        reference(
          ['share of sales returned, 2022', 16.5],
          ['share of sales returned, 2021', 16.6],
          ['share of online sales returned, 2022', 16.5],
          ['share of online sales returned, 2021', 20.8],
        ),
        null,
      ],
      [
        'stellaservice-2014-returns-processing',
        'returns_processing_cycle_time',
        reference(['average, Q4 2014', 9.5], ['average, Q4 2013', 10.6]),
        null,
      ],
      [
        'amazon-late-shipment-rate',
        'on_time_shipment_rate',
        // Late shipment rate < 4% ⇔ on-time shipment > 100 − 4 = 96%.
        requirement(100 - 4, 'Amazon on-time shipment', '>'),
        null,
      ],
      [
        'amazon-cancel-rate',
        'cancellation_rate',
        requirement(2.5, 'Amazon pre-fulfilment cancel rate', '<'),
        null,
      ],
      [
        'walmart-on-time-delivery',
        'on_time_delivery_rate',
        requirement(90, 'Walmart Marketplace on-time delivery', '>='),
        null,
      ],
      [
        'walmart-cancel-rate',
        'cancellation_rate',
        requirement(2, 'Walmart Marketplace cancel rate', '<'),
        null,
      ],
      [
        'fcbco-order-fill-rate-by-category',
        'order_fill_rate',
        reference(
          ['advanced fashion', 70, 80],
          ['reorderable apparel', 80, 90],
          ['gifts and home', 85, 95],
          ['business supplies', 98, 100],
        ),
        null,
      ],
    ]);
  });

  it('state each kind, and where the definition differs from ours, how', () => {
    const kinds = Object.fromEntries(
      shippedBandSets().map((s) => [s.id, [s.kind, s.definitionDiffers ?? 'judged']]),
    );
    expect(kinds).toEqual({
      'werc-2020-order-accuracy': ['survey', 'judged'],
      'werc-2020-on-time-shipment': ['survey', 'judged'],
      'werc-2020-on-time-delivery': ['survey', 'judged'],
      'werc-2020-order-fill-rate': ['survey', 'judged'],
      'werc-2020-damage-free': ['survey', 'judged'],
      'werc-2020-documentation-accuracy': ['survey', 'judged'],
      'apqc-2016-perfect-order': ['survey', 'judged'],
      'opsdog-perfect-customer-order-rate': ['survey', 'judged'],
      'scc-2013-on-time-delivery-truckload': ['survey', true],
      'opsdog-customer-backorder-rate': ['survey', true],
      'prtm-2000-on-time-to-request': ['survey', false],
      'kurt-salmon-2012-order-to-delivery': ['study', false],
      'kurt-salmon-2015-order-to-delivery': ['study', false],
      'posti-2019-order-to-delivery': ['study', false],
      'posti-2019-order-shipment': ['study', true],
      'kurt-salmon-2014-order-shipment': ['study', true],
      'nrf-2022-return-rate': ['survey', true],
      'stellaservice-2014-returns-processing': ['study', true],
      'amazon-late-shipment-rate': ['requirement', false],
      'amazon-cancel-rate': ['requirement', true],
      'walmart-on-time-delivery': ['requirement', false],
      'walmart-cancel-rate': ['requirement', true],
      'fcbco-order-fill-rate-by-category': ['practitioner', true],
    });
    for (const set of shippedBandSets().filter((s) => s.definitionDiffers)) {
      expect(set.definitionDifference, set.id).toMatch(/ours/);
    }
  });

  it('say the unit conversions and versions they rest on', () => {
    const note = (id: string) => shippedBandSets().find((s) => s.id === id)?.note;
    expect(note('amazon-late-shipment-rate')).toContain('late shipment rate < 4%');
    expect(note('amazon-late-shipment-rate')).toContain('on-time shipment > 96%');
    expect(note('kurt-salmon-2014-order-shipment')).toContain('3.4 days is converted at 24 h');
    expect(note('posti-2019-order-shipment')).toContain('2 days = 48 h');
    expect(note('walmart-on-time-delivery')).toMatch(/> 95%.*≥ 90%/);
    expect(note('scc-2013-on-time-delivery-truckload')).toContain(
      'Leaders ≥ 98.5%; Competitive Advantage ≥ 96.0% and < 98.5%',
    );
  });

  it.each(shippedBandSets().map((s) => [s.id, s] as const))(
    '%s cites its source and edition',
    (_, set) => {
      expect(set.origin).toBe('shipped');
      expect(set.citation.length).toBeGreaterThan(20);
      expect(set.edition).not.toBe('');
      expect(set.peerGroup).not.toBe('');
    },
  );

  it('WERC sets say best-in-class is the top 20% of all respondents', () => {
    for (const set of shippedBandSets().filter((s) => s.source === 'WERC DC Measures')) {
      expect(set).toMatchObject({ edition: '2020', peerGroup: 'All respondents' });
      expect(set.note).toContain('top 20%');
    }
  });

  it('rejects a broken or non-shipped file, naming the file and the path', () => {
    const [good] = shippedBandSets();
    expect(() =>
      loadShipped({
        'a.json': { ...good, scheme: { type: 'threshold', value: 'x' } },
        'b.json': { ...good, origin: 'imported' },
        'c.json': { ...good, id: 'no-kind', kind: undefined },
      }),
    ).toThrow(
      /a\.json: scheme\.value: must be a number[\s\S]*b\.json: origin[\s\S]*c\.json: kind: a shipped band set states its kind/,
    );
  });
});

describe('KPI shapes', () => {
  it.each(catalogue.kpis.map((k) => [k.id, k] as const))('%s agrees with metrics/', (id, kpi) => {
    expect(kpiShape(id)).toEqual({ unit: kpi.unit, direction: kpi.direction });
  });
});

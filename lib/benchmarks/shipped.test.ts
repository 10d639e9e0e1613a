import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue } from '@/metrics';
import { kpiShape } from './kpis';
import { loadShipped, shippedBandSets } from './shipped';

const atLeast = (value: number, label: string) => ({
  type: 'threshold',
  value,
  label,
  comparison: '>=',
});
const statedFigures = (...stated: [string, number, number?][]) => ({
  type: 'reference',
  figures: stated.map(([label, a, b]) =>
    b === undefined ? { label, value: a } : { label, low: a, high: b },
  ),
});
/** The sets checked on 7 December 2026: KPI, kind, scheme and n, as their sources state them. */
const checkedDec7: Record<string, [string, string, unknown, number | null]> = {
  'etailing-group-2003-order-to-delivery': [
    'order_to_delivery_cycle_time',
    'study',
    statedFigures(['average, Q4 2003', 4.4], ['average, Q4 2002 (business days)', 4.4]),
    100,
  ],
  'etailing-group-2009-order-to-delivery': [
    'order_to_delivery_cycle_time',
    'study',
    statedFigures(
      ['average, holiday 2009', 4.05],
      ['average, holiday 2008', 4.76],
      ['average, 2007', 4.18],
    ),
    100,
  ],
  'etailing-group-2014-order-to-delivery': [
    'order_to_delivery_cycle_time',
    'study',
    statedFigures(
      ['average, ground shipping, Q4 2014', 3.42],
      ['average, ground shipping, Q4 2013', 3.8],
    ),
    100,
  ],
  'innotrac-2011-order-to-delivery': [
    'order_to_delivery_cycle_time',
    'study',
    // The 2% of orders that took more than seven days has no day count: only in the note.
    statedFigures(
      ['66% of orders arrived within', 3],
      ['22% of orders arrived in', 4],
      ['7% of orders arrived in', 5],
      ['3% of orders arrived in', 7],
    ),
    128,
  ],
  'innotrac-2011-returns-processing': [
    'returns_processing_cycle_time',
    'study',
    // The 16% of merchants that took more than 20 days has no upper bound: only in the note.
    statedFigures(
      ['19% of merchants refunded in', 1, 5],
      ['34% of merchants refunded in', 6, 10],
      ['23% of merchants refunded in', 11, 15],
      ['8% of merchants refunded in', 16, 20],
    ),
    128,
  ],
  'stellaservice-top25-2014-returns-processing': [
    'returns_processing_cycle_time',
    'study',
    statedFigures(
      ['average refund speed', 10.7],
      ['fastest retailer, about', 2],
      ['average of the bottom five, more than', 17],
      ['36% of the retailers refunded in less than', 10],
    ),
    25,
  ],
  'nrf-2023-return-rate': [
    'return_rate',
    'survey',
    statedFigures(
      ['share of sales returned, 2023', 14.5],
      ['share of online sales returned, 2023', 17.6],
      ['share of pure bricks-and-mortar sales returned, 2023', 10.02],
    ),
    null,
  ],
  'nrf-2024-return-rate': [
    'return_rate',
    'survey',
    statedFigures(['share of 2024 sales retailers expect to be returned', 16.9]),
    null,
  ],
  'walmart-otif-2024-prepaid-on-time': [
    'on_time_delivery_rate',
    'requirement',
    atLeast(90, 'Walmart OTIF prepaid on time (from Feb 2024)'),
    null,
  ],
  'walmart-otif-2024-collect-ready': [
    'on_time_shipment_rate',
    'requirement',
    atLeast(98, 'Walmart OTIF collect ready (from Feb 2024)'),
    null,
  ],
  'walmart-otif-2024-in-full': [
    'unit_fill_rate',
    'requirement',
    atLeast(95, 'Walmart OTIF in full (from Feb 2024)'),
    null,
  ],
};

/** The shipped sets checked before 7 December 2026; the later ones are checked from their files. */
const earlierSets = () => shippedBandSets().filter((s) => !(s.id in checkedDec7));

describe('shipped band sets', () => {
  it('ship exactly the public figures of the reference, confirmed and further', () => {
    const figures = earlierSets().map((s) => [s.id, s.kpi, s.scheme, s.sampleSize]);
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
        40,
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
      earlierSets().map((s) => [s.id, [s.kind, s.definitionDiffers ?? 'judged']]),
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

/**
 * Figures checked on 7 December 2026 (issue 16; data/benchmarks/SOURCES.md), read from their files:
 * shipped.ts lists them once the lead adds them there, and the expectations then move up.
 */
describe('band sets checked 7 December 2026', () => {
  const sets = loadShipped(
    Object.fromEntries(
      Object.keys(checkedDec7).map((id) => [
        `${id}.json`,
        JSON.parse(readFileSync(`data/benchmarks/${id}.json`, 'utf8')) as unknown,
      ]),
    ),
  );

  it('state exactly the figures their sources state', () => {
    const actual = Object.fromEntries(
      sets.map((s) => [s.id, [s.kpi, s.kind, s.scheme, s.sampleSize]]),
    );
    expect(actual).toEqual(checkedDec7);
  });

  it('each say how the definition differs from ours, and cite where the figure is', () => {
    for (const set of sets) {
      expect(set.definitionDiffers, set.id).toBe(true);
      expect(set.definitionDifference, set.id).toMatch(/ours/);
      expect(set.citation, set.id).toMatch(/paragraph|list|section/);
    }
  });

  it('state the peers only as far as the source does', () => {
    const peers = Object.fromEntries(sets.map((s) => [s.id, [s.peer ?? null, s.dataYear ?? null]]));
    // Online retailers are retailers too: a retail profile matches them.
    const b2cOnline = { industry: ['retail', 'ecommerce'], channel: 'b2c' };
    const walmartSuppliers = { region: 'US', channel: 'b2b' };
    expect(peers).toMatchObject({
      'etailing-group-2003-order-to-delivery': [b2cOnline, 2003],
      'etailing-group-2009-order-to-delivery': [b2cOnline, 2009],
      'etailing-group-2014-order-to-delivery': [b2cOnline, 2014],
      'innotrac-2011-order-to-delivery': [{ ...b2cOnline, size: 'any' }, 2011],
      'innotrac-2011-returns-processing': [{ ...b2cOnline, size: 'any' }, 2011],
      // The study period is not stated, so no data year.
      'stellaservice-top25-2014-returns-processing': [{ ...b2cOnline, size: 'large' }, null],
      'nrf-2023-return-rate': [{ industry: ['retail'], region: 'US', channel: 'mixed' }, 2023],
      'nrf-2024-return-rate': [{ industry: ['retail'] }, 2024],
    });
    // A requirement measures no year: its validity dates are in its edition.
    for (const set of sets.filter((s) => s.kind === 'requirement')) {
      expect(peers[set.id], set.id).toEqual([walmartSuppliers, null]);
      expect(set.edition, set.id).toMatch(/2020|2024/);
    }
  });

  it('say what they leave out rather than derive it', () => {
    const note = (id: string) => sets.find((s) => s.id === id)?.note;
    expect(note('innotrac-2011-order-to-delivery')).toContain(
      '2% of orders took more than seven days',
    );
    expect(note('innotrac-2011-returns-processing')).toContain(
      '16% of merchants took more than 20 days',
    );
    expect(note('nrf-2023-return-rate')).toContain('cannot be compared with 2022 and earlier');
    expect(note('nrf-2024-return-rate')).toContain('projection');
  });
});

describe('KPI shapes', () => {
  it.each(catalogue.kpis.map((k) => [k.id, k] as const))('%s agrees with metrics/', (id, kpi) => {
    expect(kpiShape(id)).toEqual({ unit: kpi.unit, direction: kpi.direction });
  });
});

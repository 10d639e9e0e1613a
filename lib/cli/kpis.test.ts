import { describe, expect, it } from 'vitest';
import type { BandSource } from '@/lib/benchmarks/place';
import type { NotPlaced, Placement } from '@/lib/kpi/bands';
import { formatKpiTable, wrap, type Entry } from './kpis';

// Two shipped band sets (data/benchmarks/), as a placement reports their source.
const werc: BandSource = {
  setId: 'werc-2020-order-fill-rate',
  name: 'WERC DC Measures 2020: Order fill rate',
  source: 'WERC DC Measures',
  edition: '2020',
  peerGroup: 'All respondents',
  sampleSize: null,
  citation: 'WERC DC Measures 2020, "Top 12" best-in-class values',
  definition: 'WERC DC Measures "Order fill rate": the share of orders shipped complete.',
  note: 'Best-in-Class = top 20% of respondents.',
  kind: 'survey',
  kindStated: true,
  kindText: 'Survey',
  bands: true,
  definitionDifference: null,
};
const kurtSalmon: BandSource = {
  setId: 'kurt-salmon-2012-order-to-delivery',
  name: 'Kurt Salmon holiday shipping study 2012: order to delivery',
  source: 'Kurt Salmon holiday shipping study',
  edition: 'December 2012 (press release, kurtsalmon.com)',
  peerGroup: 'More than 50 US online retailers; multi-unit orders',
  sampleSize: null,
  citation: 'Kurt Salmon holiday shipping study, press release, kurtsalmon.com, December 2012',
  definition: 'Kurt Salmon: days from the order being placed to its delivery.',
  note: null,
  kind: 'study',
  kindStated: true,
  kindText: 'Study',
  bands: false,
  definitionDifference: null,
};

function entry(fields: Partial<Entry> & Pick<Entry, 'id' | 'name' | 'unit'>): Entry {
  return {
    value: null,
    numerator: null,
    denominator: null,
    n: 0,
    excluded: [],
    available: true,
    variant: 'standard',
    basis: 'measured',
    basisNotes: [],
    band: null,
    ...fields,
  } as Entry;
}

const fillRate = entry({
  id: 'order_fill_rate',
  name: 'Order fill rate',
  unit: 'percent',
  value: 92.8,
  n: 291,
  band: { band: 'Short of Best-in-Class', source: werc } as Placement,
});
const onTime = entry({
  id: 'on_time_shipment',
  name: 'On-time shipment',
  unit: 'percent',
  value: 82.5,
  n: 269,
  band: { band: 'Short of Best-in-Class', source: werc } as Placement,
});
const fulfilment = entry({
  id: 'order_fulfilment_cycle_time',
  name: 'Order fulfilment cycle time',
  unit: 'days',
  value: 5.2,
  n: 287,
  band: {
    band: null,
    source: kurtSalmon,
    notPlaced:
      'study, not a band: reference: average, Cyber Monday orders 6.2 d; yours 1 day shorter',
  } as NotPlaced,
});
const perFte = entry({
  id: 'orders_per_fte',
  name: 'Orders per order-management FTE',
  unit: 'orders_per_fte',
  available: false,
  unavailableReason:
    'no FTE figures entered for January 2024: enter them on the Benchmarks page, or with orderlens inputs set',
});

describe('the kpis table', () => {
  it('keeps its columns aligned however long a reason is, and says each reason once below', () => {
    expect(formatKpiTable([fillRate, fulfilment, onTime, perFte], 72)).toBe(
      [
        'KPI                              Value    n  Band and notes',
        'Order fill rate                  92.8%  291  Short of Best-in-Class [1]',
        'Order fulfilment cycle time      5.2 d  287  not placed [2]',
        'On-time shipment                 82.5%  269  Short of Best-in-Class [1]',
        'Orders per order-management FTE      —    0  unavailable [3]',
        '',
        '[1] Band of WERC DC Measures 2020.',
        '[2] Not placed in Kurt Salmon holiday shipping study December 2012',
        '    (press release, kurtsalmon.com): study, not a band: reference:',
        '    average, Cyber Monday orders 6.2 d; yours 1 day shorter.',
        '[3] Unavailable: no FTE figures entered for January 2024: enter them on',
        '    the Benchmarks page, or with orderlens inputs set.',
      ].join('\n'),
    );
  });

  it('says an assumed basis, a period still open, and no data, in the notes column', () => {
    const assumed = entry({
      ...fillRate,
      basis: 'assumed',
      basisNotes: [
        'Shipped quantities were not in the extract; each line is assumed shipped in full.',
      ],
      band: null,
      period: '2024-01-01',
      partial: true,
      maturing: 2,
    });
    const empty = entry({ ...onTime, value: null, n: 0, band: null, period: '2024-01-01' });
    expect(formatKpiTable([assumed, empty], 80).split('\n')).toEqual([
      'KPI                            Value    n  Band and notes',
      'Order fill rate · 2024-01-01   92.8%  291  assumed [1]; partial period, 2 still open',
      'On-time shipment · 2024-01-01      —    0  no data in range',
      '',
      '[1] Assumed: Shipped quantities were not in the extract; each line is assumed',
      '    shipped in full.',
    ]);
  });

  it('numbers ten footnotes and more with their text in one column', () => {
    const many = Array.from({ length: 10 }, (_, i) =>
      entry({ ...perFte, id: `kpi_${i}`, unavailableReason: `reason ${i + 1}` }),
    );
    const notes = formatKpiTable(many, 80).split('\n').slice(-2);
    expect(notes).toEqual(['[9]  Unavailable: reason 9.', '[10] Unavailable: reason 10.']);
  });
});

describe('wrap', () => {
  it('breaks at spaces within the width, indents the lines after the first, never splits a word', () => {
    expect(wrap('[1] one two three four', 12, 4)).toBe('[1] one two\n    three\n    four');
    expect(wrap('[1] extraordinarily', 8, 4)).toBe('[1]\n    extraordinarily');
  });
});

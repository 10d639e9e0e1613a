import { describe, expect, it } from 'vitest';
import { lineOf, type Problem } from '@/lib/errors';
import { bandSetsToCsv, columnOf, csvColumns, parseBandSetCsv } from './csv';
import { BandSetValidationError } from './schema';

const header = csvColumns.join(',');
const blank = Object.fromEntries(csvColumns.map((c) => [c, '']));

/** One CSV line from named cells, quoted where needed. */
function row(cells: Record<string, string>): string {
  const all = { ...blank, ...cells };
  return csvColumns.map((c) => `"${(all[c] ?? '').replace(/"/g, '""')}"`).join(',');
}

const common = {
  name: 'Acme survey 2024',
  source: 'Acme survey',
  edition: '2024',
  peer_group: 'Wholesale',
  source_definition: 'Hours from order receipt to final shipment.',
  citation: 'Acme survey report 2024, table 4',
};
const cycle = { ...common, kpi: 'order_shipment_cycle_time', unit: 'hours', direction: 'lower' };
const fill = { ...common, kpi: 'order_fill_rate', unit: 'percent', direction: 'higher' };

function problemsOf(text: string): readonly Problem[] {
  try {
    parseBandSetCsv(text);
  } catch (error) {
    expect(error).toBeInstanceOf(BandSetValidationError);
    return (error as BandSetValidationError).problems;
  }
  throw new Error('expected a validation error');
}

/** The problems as the error's message lists them. */
const problems = (text: string): string[] => problemsOf(text).map(lineOf);

describe('parseBandSetCsv', () => {
  it('reads one set per row, each scheme from its own columns', () => {
    const text = [
      header,
      row({
        ...cycle,
        id: 'acme-q',
        scheme: 'quartiles',
        p25: '18',
        median: '24',
        p75: '36',
        sample_size: '57',
      }),
      row({ ...cycle, id: 'acme-m', scheme: 'quartiles', median: '24' }),
      row({
        ...fill,
        id: 'acme-5',
        scheme: 'quintiles',
        b20: '95',
        b40: '97',
        b60: '98.5',
        b80: '99.5%',
      }),
      row({ ...fill, id: 'acme-r', scheme: 'range', min: '75', max: '99', average: '89.0' }),
      row({
        ...fill,
        id: 'acme-t',
        scheme: 'threshold',
        threshold: '99.5',
        comparison: '>=',
        label: 'Top 10%',
        note: 'n/a',
      }),
    ].join('\n');
    const sets = parseBandSetCsv(text);
    expect(sets.map((s) => s.scheme)).toEqual([
      { type: 'quartiles', p25: 18, median: 24, p75: 36 },
      { type: 'quartiles', p25: null, median: 24, p75: null },
      expect.objectContaining({ type: 'quintiles', boundaries: [95, 97, 98.5, 99.5] }),
      { type: 'range', min: 75, max: 99, average: 89 },
      { type: 'threshold', value: 99.5, comparison: '>=', label: 'Top 10%' },
    ]);
    expect(sets[0]).toMatchObject({ sampleSize: 57, peerGroup: 'Wholesale', origin: 'imported' });
    expect(sets[1]!.sampleSize).toBeNull();
    expect(sets[4]!.note).toBe('n/a');
  });

  it('carries the kind, the figures of a reference and how the definition differs', () => {
    const days = {
      ...common,
      kpi: 'order_to_delivery_cycle_time',
      unit: 'days',
      direction: 'lower',
    };
    const text = [
      header,
      row({
        ...days,
        id: 'ks-2015',
        kind: 'Study',
        scheme: 'reference',
        figures: 'average=6.9 | top ten retailers=2.8',
        definition_differs: 'no',
      }),
      row({
        ...fill,
        id: 'fcb',
        kind: 'practitioner',
        scheme: 'reference',
        figures: 'gifts and home=85..95%',
        definition_differs: 'yes',
        definition_difference: 'Shipped complete within 24 h; ours has no time limit.',
      }),
      row({ ...cycle, id: 'no-kind', scheme: 'quartiles', median: '24' }),
    ].join('\n');
    const [study, guideline, unsaid] = parseBandSetCsv(text);
    expect(study).toMatchObject({
      kind: 'study',
      definitionDiffers: false,
      scheme: {
        type: 'reference',
        figures: [
          { label: 'average', value: 6.9 },
          { label: 'top ten retailers', value: 2.8 },
        ],
      },
    });
    expect(guideline).toMatchObject({
      kind: 'practitioner',
      definitionDiffers: true,
      definitionDifference: 'Shipped complete within 24 h; ours has no time limit.',
      scheme: { figures: [{ label: 'gifts and home', low: 85, high: 95 }] },
    });
    expect(unsaid!.kind).toBeUndefined();
  });

  it('names the cell of a wrong kind or figure', () => {
    const text = [
      header,
      row({ ...fill, id: 'a', kind: 'requirement', scheme: 'reference', figures: 'x=1' }),
      row({ ...fill, id: 'b', kind: 'opinion', scheme: 'reference', figures: 'avg=high' }),
      row({ ...fill, id: 'c', scheme: 'reference', figures: 'x=1', definition_differs: 'yes' }),
    ].join('\n');
    expect(problems(text)).toEqual([
      "row 2, column scheme: a requirement states its figure as a 'threshold' scheme",
      'row 3, column figures (figure 1): must be a number',
      'row 3, column kind: one of survey, study, practitioner, requirement',
      'row 4, column definition_difference: say how the definition differs when definitionDiffers is true',
    ]);
  });

  it('names the spreadsheet row and the column of every problem', () => {
    const text = [
      header,
      row({ ...cycle, id: 'ok', scheme: 'quartiles', median: '24' }),
      row({
        ...cycle,
        id: 'bad',
        scheme: 'quartiles',
        p25: '36',
        median: 'abc',
        p75: '18',
        min: '3',
      }),
      row({
        ...fill,
        id: 'bad-2',
        direction: 'lower',
        scheme: 'quintiles',
        b20: '95',
        b40: '',
        b60: '98',
        b80: '99',
      }),
      row({
        ...fill,
        id: 'bad-3',
        scheme: 'threshold',
        threshold: '99',
        comparison: '=>',
        label: '',
      }),
      row({ ...fill, id: 'bad-4', scheme: 'deciles' }),
    ].join('\n');
    expect(problems(text)).toEqual([
      'row 3, column min: not used by a quartiles scheme',
      'row 3, column median: must be a number',
      'row 4, column b40: required',
      'row 4, column direction: higher is better for the KPI',
      'row 5, column label: required',
      "row 5, column comparison: one of '>', '>=', '<', '<='",
      "row 6, column scheme: scheme type must be 'quintiles', 'quartiles', 'range', 'threshold' or 'reference'",
    ]);
  });

  it('rejects unknown and missing columns before reading rows', () => {
    const text = 'id,kpi,name,speed,threshold\nx,order_fill_rate,X,1,99';
    const found = problems(text);
    expect(found[0]).toMatch(/^column speed: not a band set column/);
    expect(found).toContain('column source: missing');
    expect(found).toContain('column scheme: missing');
  });

  it('locates each problem by row and column, and lists them in the message', () => {
    const text = [header, row({ ...cycle, id: 'bad', scheme: 'quartiles', median: 'abc' })].join(
      '\n',
    );
    expect(problemsOf(text)).toEqual([{ row: 2, column: 'median', message: 'must be a number' }]);
    expect(() => parseBandSetCsv(text)).toThrow(
      'The band set is not valid:\nrow 2, column median: must be a number',
    );
    expect(problemsOf('id,kpi,speed')).toContainEqual({ column: 'source', message: 'missing' });
  });

  it('rejects a file without rows', () => {
    expect(problems(`${header}\n`)).toEqual(['the file has no band set rows']);
  });

  it.each([
    [['peerGroup'], 'peer_group'],
    [['scheme', 'type'], 'scheme'],
    [['scheme', 'boundaries', 3], 'b80'],
    [['scheme', 'value'], 'threshold'],
    [['scheme', 'p25'], 'p25'],
    [['scheme', 'labels', 2], 'labels'],
    [['peer', 'industry', 1], 'peer_industry'],
    [['peer', 'region'], 'peer_region'],
    [['dataYear'], 'data_year'],
  ])('path %o comes from column %s', (path, column) => expect(columnOf(path)).toBe(column));

  it('reads who the peers are and the year measured; empty cells state nothing', () => {
    const text = [
      header,
      row({
        ...cycle,
        id: 'stated',
        scheme: 'quartiles',
        median: '24',
        peer_industry: 'Retail; wholesale_distribution',
        peer_size: 'Large',
        peer_region: 'us',
        peer_channel: 'B2C',
        data_year: '2019',
      }),
      row({ ...cycle, id: 'region-only', scheme: 'quartiles', median: '24', peer_region: 'EU' }),
      row({ ...cycle, id: 'unsaid', scheme: 'quartiles', median: '24' }),
    ].join('\n');
    const [stated, regionOnly, unsaid] = parseBandSetCsv(text);
    expect(stated).toMatchObject({
      peer: {
        industry: ['retail', 'wholesale_distribution'],
        size: 'large',
        region: 'US',
        channel: 'b2c',
      },
      dataYear: 2019,
    });
    expect(regionOnly!.peer).toEqual({ region: 'EU' });
    expect(unsaid!.peer).toBeUndefined();
    expect(unsaid!.dataYear).toBeUndefined();
  });

  it('names the peer cell that is wrong', () => {
    const text = [
      header,
      row({
        ...cycle,
        id: 'bad',
        scheme: 'quartiles',
        median: '24',
        peer_industry: 'retail;grocery',
        peer_size: 'huge',
        peer_region: 'UK',
        peer_channel: 'b2g',
        data_year: '2019.5',
      }),
    ].join('\n');
    expect(problems(text)).toEqual([
      'row 2, column peer_industry: one of retail, ecommerce, wholesale_distribution, manufacturing, consumer_products, third_party_logistics, cross_industry',
      'row 2, column peer_size: one of small, midsize, large, any',
      'row 2, column peer_region: not a region: "global", "EU" or an ISO 3166-1 alpha-2 country code such as US or DE',
      'row 2, column peer_channel: one of b2b, b2c, mixed',
      'row 2, column data_year: a whole year, e.g. 2019',
    ]);
  });
});

describe('bandSetsToCsv', () => {
  it('writes every set so that reading the file back gives the same sets', () => {
    const text = [
      header,
      row({
        ...cycle,
        id: 'acme-q',
        scheme: 'quartiles',
        p25: '18',
        median: '24',
        sample_size: '57',
        peer_industry: 'retail;ecommerce',
        peer_region: 'global',
        data_year: '2023',
      }),
      row({
        ...fill,
        id: 'acme-5',
        scheme: 'quintiles',
        b20: '95',
        b40: '97',
        b60: '98.5',
        b80: '99.5',
        peer_size: 'any',
        peer_channel: 'mixed',
        note: 'A note, with "quotes".',
      }),
      row({
        ...fill,
        id: 'fcb',
        kind: 'practitioner',
        scheme: 'reference',
        figures: 'gifts and home=85..95|average=90',
        definition_differs: 'yes',
        definition_difference: 'Shipped complete within 24 h; ours has no time limit.',
      }),
      row({
        ...fill,
        id: 'walmart',
        kind: 'requirement',
        scheme: 'threshold',
        threshold: '90',
        comparison: '>=',
        label: 'Standard',
      }),
    ].join('\n');
    const sets = parseBandSetCsv(text);
    const written = bandSetsToCsv(sets);
    expect(written.split('\n')[0]).toBe(header);
    expect(parseBandSetCsv(written)).toEqual(sets);
    expect(sets[0]!.peer).toEqual({ industry: ['retail', 'ecommerce'], region: 'global' });
  });
});

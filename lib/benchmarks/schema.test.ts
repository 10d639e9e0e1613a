import { describe, expect, it } from 'vitest';
import { lineOf } from '@/lib/errors';
import {
  BandSetValidationError,
  kindOf,
  kindText,
  parseBandSet,
  WERC_LABELS,
  yieldsBands,
} from './schema';

const base = {
  id: 'acme-survey-2024',
  kpi: 'order_shipment_cycle_time',
  name: 'Acme survey 2024: shipment cycle time',
  source: 'Acme survey',
  edition: '2024',
  peerGroup: 'Wholesale, $100M–$1B',
  sampleSize: 57,
  sourceDefinition: 'Hours from order receipt to final shipment, complete orders only.',
  citation: 'Acme survey report 2024, table 4',
  unit: 'hours',
  direction: 'lower',
  scheme: { type: 'quartiles', p25: 18, median: 24, p75: 36 },
};

function problems(input: unknown): string[] {
  try {
    parseBandSet(input);
  } catch (error) {
    expect(error).toBeInstanceOf(BandSetValidationError);
    return (error as BandSetValidationError).problems.map(lineOf);
  }
  throw new Error('expected a validation error');
}

describe('bandSetSchema', () => {
  it('carries who the peers are and the year measured, each key optional', () => {
    const set = parseBandSet({
      ...base,
      peer: { industry: ['retail'], size: 'large', region: 'US', channel: 'b2c' },
      dataYear: 2014,
    });
    expect(set).toMatchObject({
      peer: { industry: ['retail'], size: 'large', region: 'US', channel: 'b2c' },
      dataYear: 2014,
      peerGroup: 'Wholesale, $100M–$1B',
    });
    expect(parseBandSet({ ...base, peer: { region: 'global' } }).peer).toEqual({
      region: 'global',
    });
    expect(parseBandSet({ ...base, peer: { region: 'EU' } }).peer).toEqual({ region: 'EU' });
    expect(parseBandSet({ ...base, peer: {} }).peer).toEqual({});
    const unsaid = parseBandSet(base);
    expect(unsaid.peer).toBeUndefined();
    expect(unsaid.dataYear).toBeUndefined();
  });

  it('names each wrong peer attribute by its path', () => {
    expect(
      problems({
        ...base,
        peer: { industry: [], size: 'any', region: 'XY', channel: 'b2c', employees: 500 },
        dataYear: 14,
      }),
    ).toEqual([
      'peer.industry: at least one industry; leave industry out when the source does not say',
      'peer.region: not a region: "global", "EU" or an ISO 3166-1 alpha-2 country code such as US or DE',
      'peer: Unrecognized key: "employees"',
      'dataYear: a year from 1950 on',
    ]);
    expect(problems({ ...base, peer: { industry: ['retail', 'retail'] } })).toEqual([
      'peer.industry: names an industry twice',
    ]);
  });

  it('accepts a complete set and defaults origin, quintile labels and nullable points', () => {
    expect(parseBandSet(base)).toMatchObject({ origin: 'imported', sampleSize: 57 });
    const quintiles = parseBandSet({
      ...base,
      scheme: { type: 'quintiles', boundaries: [12, 24, 36, 60] },
    });
    expect(quintiles.scheme).toMatchObject({ labels: [...WERC_LABELS] });
    const median = parseBandSet({
      ...base,
      sampleSize: null,
      scheme: { type: 'quartiles', median: 24 },
    });
    expect(median.scheme).toEqual({ type: 'quartiles', p25: null, median: 24, p75: null });
  });

  it('reports every problem at once, by path', () => {
    const found = problems({
      ...base,
      id: 'Acme Survey',
      kpi: 'speed',
      sampleSize: 0,
      scheme: { type: 'quartiles', p25: 'low', median: 24, p75: 36 },
      extra: true,
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^id: lower-case snake_case or kebab-case/),
        'kpi: not a KPI id of the catalogue',
        expect.stringMatching(/^sampleSize: /),
        'scheme.p25: must be a number',
        expect.stringMatching(/^\(set\): Unrecognized key: "extra"/),
      ]),
    );
  });

  it.each([
    [{ unit: 'percent' }, 'unit: the KPI is measured in hours'],
    [{ direction: 'higher' }, 'direction: lower is better for the KPI'],
    [
      { scheme: { type: 'quartiles', p25: 36, median: 24, p75: 18 } },
      /^scheme.median: p25 ≤ median ≤ p75/,
    ],
    [
      { scheme: { type: 'quintiles', boundaries: [12, 36, 24, 60] } },
      /^scheme.boundaries: must ascend/,
    ],
    [{ scheme: { type: 'quintiles', boundaries: [12, 24, 36] } }, /^scheme.boundaries/],
    [
      { scheme: { type: 'range', min: 10, max: 40, average: 50 } },
      'scheme.average: min ≤ average ≤ max',
    ],
    [
      { scheme: { type: 'threshold', value: 8, label: 'Best-in-Class', comparison: '>' } },
      /^scheme.comparison: a threshold on a higher-is-better KPI/,
    ],
    [{ scheme: { type: 'deciles' } }, /^scheme.type: scheme type must be/],
    [
      {
        kpi: 'order_fill_rate',
        unit: 'percent',
        direction: 'higher',
        scheme: { type: 'range', min: 75, max: 120, average: 89 },
      },
      /^scheme: percent values lie between 0 and 100/,
    ],
  ])('%o → %s', (patch, expected) => {
    const input = { ...base, ...patch };
    expect(problems(input)).toContainEqual(
      typeof expected === 'string' ? expected : expect.stringMatching(expected),
    );
  });

  it('gives a user-safe message naming every problem', () => {
    expect(() => parseBandSet({ ...base, scheme: { type: 'quartiles', median: 'x' } })).toThrow(
      'The band set is not valid:\nscheme.median: must be a number',
    );
  });
});

describe('band set kinds', () => {
  const study = {
    ...base,
    kpi: 'order_to_delivery_cycle_time',
    unit: 'days',
    kind: 'study',
    scheme: { type: 'reference', figures: [{ label: 'average', value: 6.9 }] },
  };

  it('accepts each kind with the scheme it states its figure in', () => {
    expect(parseBandSet({ ...base, kind: 'survey' }).kind).toBe('survey');
    expect(parseBandSet(study).scheme).toEqual({
      type: 'reference',
      figures: [{ label: 'average', value: 6.9 }],
    });
    const guideline = parseBandSet({
      ...base,
      kpi: 'order_fill_rate',
      unit: 'percent',
      direction: 'higher',
      kind: 'practitioner',
      scheme: { type: 'reference', figures: [{ label: 'gifts and home', low: 85, high: 95 }] },
    });
    expect(kindText(guideline)).toBe('Practitioner guideline');
    const requirement = parseBandSet({
      ...base,
      kpi: 'on_time_delivery_rate',
      unit: 'percent',
      direction: 'higher',
      sampleSize: null,
      kind: 'requirement',
      scheme: { type: 'threshold', value: 90, label: 'Walmart', comparison: '>=' },
    });
    expect(kindText(requirement)).toBe('Requirement');
    expect(yieldsBands(requirement)).toBe(false);
  });

  it('reads a set without a kind as a survey, and says the kind was not stated', () => {
    const set = parseBandSet({ ...base, sampleSize: 9032 });
    expect(set.kind).toBeUndefined();
    expect(kindOf(set)).toBe('survey');
    expect(yieldsBands(set)).toBe(true);
    expect(kindText(set)).toBe('Survey of 9,032 (kind not stated by the import; read as a survey)');
    expect(kindText({ ...set, kind: 'survey' })).toBe('Survey of 9,032');
  });

  it.each([
    [{ kind: 'benchmark' }, 'kind: one of survey, study, practitioner, requirement'],
    [
      { kind: 'requirement' },
      "scheme.type: a requirement states its figure as a 'threshold' scheme",
    ],
    [
      { kind: 'practitioner' },
      "scheme.type: a practitioner states its figure as a 'reference' scheme",
    ],
    [
      { kind: 'study', scheme: { type: 'quartiles', median: 24 } },
      "scheme.type: a study states its figure as a 'reference' scheme",
    ],
    [{ scheme: { type: 'reference', figures: [] } }, 'scheme.figures: at least one figure'],
    [
      { scheme: { type: 'reference', figures: [{ label: 'average' }] } },
      'scheme.figures[0]: either a value, or a low and a high',
    ],
    [
      { scheme: { type: 'reference', figures: [{ label: 'x', value: 2, low: 1, high: 3 }] } },
      'scheme.figures[0]: either a value, or a low and a high',
    ],
    [
      { scheme: { type: 'reference', figures: [{ label: 'x', low: 30, high: 20 }] } },
      'scheme.figures[0].high: low ≤ high',
    ],
    [
      { definitionDiffers: true },
      'definitionDifference: say how the definition differs when definitionDiffers is true',
    ],
    [{ definitionDiffers: 'yes' }, 'definitionDiffers: true or false'],
  ])('refuses %o', (patch, expected) => {
    expect(problems({ ...base, ...patch })).toContain(expected);
  });
});

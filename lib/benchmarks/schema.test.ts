import { describe, expect, it } from 'vitest';
import { BandSetValidationError, parseBandSet, WERC_LABELS } from './schema';

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
    return (error as BandSetValidationError).problems;
  }
  throw new Error('expected a validation error');
}

describe('bandSetSchema', () => {
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

import { describe, expect, it } from 'vitest';
import { compareWithReference, placeInBands } from './place';
import { bandSet, HIGHER_PCT, LOWER_DAYS } from './place-test-helpers';
import { parseBandSet, type BandSet } from './schema';
import { shippedBandSet } from './shipped';

const shipped = (id: string): BandSet => {
  const set = shippedBandSet(id);
  if (!set) throw new Error(`no shipped set ${id}`);
  return set;
};

describe('a requirement: meets or does not meet, never a band or a percentile', () => {
  const walmart = shipped('walmart-on-time-delivery');
  const amazon = shipped('amazon-late-shipment-rate');

  it.each([
    [95.2, true, 'meets the requirement (Walmart Marketplace on-time delivery ≥ 90%)'],
    [90, true, 'meets the requirement (Walmart Marketplace on-time delivery ≥ 90%)'],
    [
      87.5,
      false,
      'does not meet the requirement (Walmart Marketplace on-time delivery ≥ 90%): 2.5 pts short',
    ],
  ])('Walmart on-time delivery ≥ 90: %s → meets %s', (value, meets, text) => {
    const compared = compareWithReference(value, walmart)!;
    expect(compared).toMatchObject({ kind: 'requirement', meets, text });
    expect(compared).not.toHaveProperty('band');
    expect(compared).not.toHaveProperty('estimatedPercentile');
    expect(placeInBands(value, walmart)).toBeNull();
  });

  it('Amazon late shipment < 4% is on-time shipment > 96%: exactly 96 (late 4%) does not meet', () => {
    expect(compareWithReference(96, amazon)!.meets).toBe(false);
    expect(compareWithReference(96.1, amazon)!.meets).toBe(true);
    expect(compareWithReference(95, amazon)!.text).toBe(
      'does not meet the requirement (Amazon on-time shipment > 96%): 1 pt short',
    );
  });

  it('a lower-is-better requirement: cancel rate under 2.5%', () => {
    const cancel = shipped('amazon-cancel-rate');
    expect(compareWithReference(1.2, cancel)!.meets).toBe(true);
    expect(compareWithReference(2.5, cancel)!.meets).toBe(false);
    expect(compareWithReference(3.1, cancel)!.figures[0]).toMatchObject({
      figure: '< 2.5%',
      difference: 0.6,
    });
  });
});

describe('a study: a reference value with the difference, never a band', () => {
  const ks2015 = shipped('kurt-salmon-2015-order-to-delivery');

  it('6.2 days against the Kurt Salmon 2015 average of 6.9 days', () => {
    const compared = compareWithReference(6.2, ks2015)!;
    expect(compared).toMatchObject({
      kind: 'study',
      meets: null,
      text: 'reference: average 6.9 d; yours 0.7 days shorter',
      source: { kindText: 'Study', sampleSize: 62, bands: false },
    });
    expect(compared.figures.map((f) => [f.label, f.difference, f.text])).toEqual([
      ['average', -0.7, '0.7 days shorter'],
      ['top ten retailers', 3.4, '3.4 days longer'],
    ]);
    expect(placeInBands(6.2, ks2015)).toBeNull();
  });

  it('says equal only when equal, and a difference below the precision as such', () => {
    expect(compareWithReference(6.9, ks2015)!.figures[0]!.text).toBe('equal');
    expect(compareWithReference(6.92, ks2015)!.figures[0]!.text).toBe('less than 0.1 days longer');
  });

  it('a study in hours, converted from days, compares in hours', () => {
    const ks2014 = shipped('kurt-salmon-2014-order-shipment');
    expect(compareWithReference(60, ks2014)!.figures[0]).toMatchObject({
      figure: '81.6 h',
      difference: -21.6,
      text: '21.6 h shorter',
    });
  });
});

describe('a practitioner guideline: a reference range, never a percentile', () => {
  const fcb = shipped('fcbco-order-fill-rate-by-category');

  it('83% against the good-performance ranges by category', () => {
    const compared = compareWithReference(83, fcb)!;
    expect(compared.kind).toBe('practitioner');
    expect(compared.meets).toBeNull();
    expect(compared.source.kindText).toBe('Practitioner guideline');
    expect(compared.figures.map((f) => [f.label, f.figure, f.difference, f.text])).toEqual([
      ['advanced fashion', '70–80%', 3, '3 pts above the range'],
      ['reorderable apparel', '80–90%', 0, 'within the range'],
      ['gifts and home', '85–95%', -2, '2 pts below the range'],
      ['business supplies', '98–100%', -15, '15 pts below the range'],
    ]);
    expect(compared.text).toBe('reference: advanced fashion 70–80%; yours 3 pts above the range');
    expect(placeInBands(83, fcb)).toBeNull();
  });
});

describe('a survey keeps its band', () => {
  it('WERC best-in-class stays a placement with its band and gap', () => {
    const werc = shipped('werc-2020-on-time-delivery');
    expect(placeInBands(99.5, werc)).toMatchObject({ band: 'Best-in-Class', meets: true });
    expect(placeInBands(98, werc)!.gapToNext!.text).toBe(
      'over 1.48 pts more to reach Best-in-Class (> 99.48%)',
    );
    expect(compareWithReference(99.5, werc)).toBeNull();
    expect(placeInBands(99.5, werc)!.source).toMatchObject({ kind: 'survey', bands: true });
  });

  it('quartiles of an imported set without a kind place as a survey, and say the kind was read', () => {
    const set = bandSet(HIGHER_PCT, { type: 'quartiles', p25: 85, median: 90, p75: 95 });
    expect(placeInBands(96, set)).toMatchObject({
      band: 'Top quartile',
      estimatedPercentile: 75,
      source: { kind: 'survey', kindStated: false },
    });
    expect(placeInBands(96, set)!.source.kindText).toBe(
      'Survey of 120 (kind not stated by the import; read as a survey)',
    );
  });

  it('a survey stating only an average is a reference, not a band', () => {
    const opsdog = shipped('opsdog-customer-backorder-rate');
    expect(placeInBands(5, opsdog)).toBeNull();
    expect(compareWithReference(5, opsdog)).toMatchObject({
      kind: 'survey',
      text: 'reference: average 3.9%; yours 1.1 pts above',
      source: { kindText: 'Survey of 44' },
    });
  });

  it('no value, no comparison', () => {
    const set = parseBandSet({
      ...bandSet(LOWER_DAYS, { type: 'reference', figures: [{ label: 'average', value: 5 }] }),
      origin: 'imported',
      kind: 'study',
    });
    expect(compareWithReference(null, set)).toBeNull();
    expect(compareWithReference(Number.NaN, set)).toBeNull();
  });
});

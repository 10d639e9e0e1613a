import { describe, expect, it } from 'vitest';
import { chartBandSet } from './chart-bands';
import { shippedBandSet } from './shipped';

describe('reference figures on a chart', () => {
  it('a study draws its values as labelled lines, never shaded bands', () => {
    const drawn = chartBandSet(shippedBandSet('kurt-salmon-2015-order-to-delivery')!, 'days');
    expect(drawn.areas).toEqual([]);
    expect(drawn.bandCount).toBe(0);
    expect(drawn.lines).toEqual([
      { y: 6.9, label: 'Average 6.9 d' },
      { y: 2.8, label: 'Top ten retailers 2.8 d' },
    ]);
    expect(drawn.description).toContain('reference figures, not bands of peers');
  });

  it('a guideline by category draws no line, and describes its ranges', () => {
    const drawn = chartBandSet(shippedBandSet('fcbco-order-fill-rate-by-category')!, 'percent');
    expect(drawn.lines).toEqual([]);
    expect(drawn.description).toContain('gifts and home 85–95%');
  });
});

import { describe, expect, it } from 'vitest';
import type { CycleStages } from './types';
import { whatItTakes, type TakesInput } from './what-it-takes';

const stageNames = { entry: 'Entry', release: 'Release', ship: 'Pick, pack & ship' };

const rate = (over: Partial<TakesInput> = {}): TakesInput => ({
  name: 'Order fill rate',
  unit: 'percent',
  direction: 'higher',
  kind: 'ratio',
  value: 90,
  numerator: 900,
  denominator: 1000,
  target: { value: 95, met: false },
  placement: null,
  // DC-North 440/500 = 88%, DC-South 460/500 = 92%; 10 orders without a site, all passing.
  segments: [
    { segment: 'DC-North', value: 88, numerator: 440, denominator: 500 },
    { segment: 'DC-South', value: 92, numerator: 460, denominator: 500 },
  ],
  dimension: 'Site',
  countWord: 'orders',
  ...over,
});

const band = (amount: number, strict = false) => ({
  gapToNext: {
    band: 'Second quartile',
    amount,
    text: `${strict ? 'over ' : ''}${amount} pts lower to reach the second quartile`,
  },
  source: { source: 'APQC', edition: '2024' } as never,
});

describe('what would it take', () => {
  it('counts the orders that would have had to pass to reach a missed target, and who lacks them', () => {
    // 95% of 1,000 = 950 passing; 900 pass, so 50 more. DC-North: 95% of 500 = 475, 440 pass,
    // 35 short = 70% of 50; DC-South 475 − 460 = 15 (30%).
    const r = whatItTakes(rate())!;
    expect(r.goal).toMatchObject({ kind: 'target', value: 95 });
    expect(r.items).toBe(50);
    expect(r.segments).toEqual([
      { segment: 'DC-North', amount: 35, share: 0.7, value: 88 },
      { segment: 'DC-South', amount: 15, share: 0.3, value: 92 },
    ]);
    expect(r.text).toBe(
      'To reach its target of 95.0%: 50 more orders would have had to pass, of 1,000 counted. Site DC-North alone is 35 short of that on its own orders (88.0%): 70% of it.',
    );
  });

  it('counts the failures to avoid for a lower-is-better rate short of the next band, strict or not', () => {
    // Backorders 120 of 1,000 = 12%; the next band starts 2 pts lower, at 10%: 120 − 100 = 20.
    const lower = rate({
      name: 'Backorder rate',
      direction: 'lower',
      value: 12,
      numerator: 120,
      target: null,
      placement: band(2),
      segments: [],
    });
    expect(whatItTakes(lower)).toMatchObject({ goal: { kind: 'band', value: 10 }, items: 20 });
    expect(whatItTakes(lower)!.text).toBe(
      'To reach Second quartile (APQC 2024): 20 of the 120 orders that failed would have had to pass, of 1,000 counted.',
    );
    // "< 10%" is passed only below it: 99 of 1,000 = 9.9%, so 21 fewer.
    expect(whatItTakes({ ...lower, placement: band(2, true) })!.items).toBe(21);
  });

  it('is nothing when the target is met and no band lies above', () => {
    expect(whatItTakes(rate({ target: { value: 85, met: true } }))).toBeNull();
  });

  it('takes hours off the mean, off the slowest segment alone, or off one stage', () => {
    // 100 orders, mean 40 h, target 36 h: 4 h off every order. Site A holds half the orders
    // (mean 50 h), so 4 ÷ 0.5 = 8 h off each of its orders; B (30 h) is already under 36 h.
    // 80 of the 100 have every timestamp: 4 × 100 ÷ 80 = 5 h off a stage of theirs; entry (2 h)
    // has not 5 h to give, so pick, pack & ship (28 h) comes first, then release (10 h).
    const stages: CycleStages = {
      counted: 100,
      orders: 80,
      cycleMeanHours: 40,
      cycleMedianHours: 30,
      inCycle: [
        { stage: 'entry', label: '', meanHours: 2, medianHours: 1, n: 80 },
        { stage: 'release', label: '', meanHours: 10, medianHours: 8, n: 80 },
        { stage: 'ship', label: '', meanHours: 28, medianHours: 20, n: 80 },
      ],
      delivery: { stage: 'delivery', label: '', meanHours: 30, medianHours: 24, n: 60 },
    };
    const r = whatItTakes({
      name: 'Order shipment cycle time',
      unit: 'hours',
      direction: 'lower',
      kind: 'duration',
      value: 40,
      numerator: 4000,
      denominator: 100,
      target: { value: 36, met: false },
      placement: null,
      segments: [
        { segment: 'A', value: 50, numerator: 2500, denominator: 50 },
        { segment: 'B', value: 30, numerator: 1500, denominator: 50 },
      ],
      dimension: 'Site',
      countWord: 'orders',
      stages,
      stageNames,
    })!;
    expect(r.hours).toBe(4);
    expect(r.segments).toEqual([{ segment: 'A', amount: 8, share: 0.5, value: 50 }]);
    expect(r.stages.map((s) => [s.stage, s.hours])).toEqual([
      ['ship', 5],
      ['release', 5],
    ]);
    expect(r.text).toBe(
      "To reach its target of 36.0 h: 4.0 h off every counted order, or 8.0 h off each of site A's orders alone (50% of them, now 50.0 h), or 5.0 h off pick, pack & ship on the orders with every timestamp (now 28.0 h).",
    );
  });
});

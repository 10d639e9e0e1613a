import { describe, expect, it } from 'vitest';
import { comparisonRange } from '@/lib/kpi/filters';
import { calendarGrainOf, windowed } from './history';
import {
  changesAt,
  contextOf,
  driverOf,
  messageOf,
  movementOf,
  rankMessages,
  statusOf,
  type BandFacts,
} from './story';
import { moversOf } from './summary';
import type { ReportChange, ReportKpi, ReportMessage, ReportMovement } from './types';

const change = (over: Partial<ReportChange> = {}): ReportChange => ({
  kind: 'previous',
  from: '2024-02-01',
  to: '2024-02-29',
  previous: 80,
  change: -4,
  improvement: -4,
  partial: false,
  note: null,
  text: '-4.0 pp',
  ...over,
});

/** A measured rate of 76.0%, down 4.0 pp from 80.0%, no target, no band. */
function kpi(over: Partial<ReportKpi> = {}): ReportKpi {
  return {
    id: 'on_time_shipment_rate',
    name: 'On-time shipment',
    unit: 'percent',
    unitLabel: '%',
    direction: 'higher',
    definition: '',
    standard: '',
    variant: '',
    asOf: '',
    needs: [],
    available: true,
    unavailableReason: null,
    value: 76,
    formatted: '76.0%',
    numerator: 76,
    denominator: 100,
    placements: [],
    basis: 'measured',
    basisNotes: [],
    notPlacedText: null,
    band: null,
    percentile: null,
    target: null,
    change: change(),
    trend: { grain: 'month', points: [] },
    chartBands: null,
    breakdown: { dimension: 'site', label: 'Site', segments: [] },
    coverage: { counted: 100, countWord: 'orders', excluded: [] },
    status: { colour: 'grey', against: null, label: 'No target or band' },
    movement: null,
    driver: null,
    context: '',
    section: true,
    ...over,
  };
}

const noBands: BandFacts = { previousBand: null, shortOfBest: null };

const placement = (band: string, rank: number, bandCount: number) => ({
  setId: 'werc',
  band,
  rank,
  bandCount,
  percentile: null,
  source: 'WERC 2024',
});

describe('the status of a KPI', () => {
  it('is judged against the target first, in words as well as colour', () => {
    const target = (status: 'on_track' | 'at_risk' | 'off_track') => ({
      value: 95,
      formatted: '95.0%',
      status,
    });
    expect(statusOf(kpi({ target: target('off_track') }))).toEqual({
      colour: 'red',
      against: 'target',
      label: 'Off track',
    });
    expect(statusOf(kpi({ target: target('at_risk') })).colour).toBe('amber');
    expect(
      statusOf(kpi({ target: target('on_track'), placements: [placement('Q4', 4, 4)] })),
    ).toEqual({ colour: 'green', against: 'target', label: 'On track' });
  });

  it('falls back to the band: best green, worst of three or more red, between amber', () => {
    expect(statusOf(kpi({ placements: [placement('Top quartile', 1, 4)] }))).toEqual({
      colour: 'green',
      against: 'band',
      label: 'Top quartile',
    });
    expect(statusOf(kpi({ placements: [placement('Bottom quartile', 4, 4)] })).colour).toBe('red');
    expect(statusOf(kpi({ placements: [placement('Second quartile', 2, 4)] })).colour).toBe(
      'amber',
    );
    // Short of a best-in-class threshold is not a failing grade.
    expect(statusOf(kpi({ placements: [placement('Short of Best-in-Class', 2, 2)] })).colour).toBe(
      'amber',
    );
  });

  it('is grey without a comparison, and says why an assumed value is not placed', () => {
    expect(statusOf(kpi())).toEqual({ colour: 'grey', against: null, label: 'No target or band' });
    expect(statusOf(kpi({ basis: 'assumed' })).label).toBe('Not placed (assumed value)');
    expect(statusOf(kpi({ available: false, value: null })).label).toBe('No data');
  });
});

describe('the movement against the KPI’s own history', () => {
  // History 10, 12, 11, 13: changes +2, −1, +2, whose root mean square is √3 = 1.7320508.
  const past = [10, 12, 11, 13];
  const history = { changes: changesAt(past, 1), past };

  it('divides the change in the good direction by the usual change', () => {
    const m = movementOf({
      value: 9,
      change: change({ change: -4 }),
      direction: 'higher',
      ...history,
      grain: 'month',
    })!;
    expect(m.variation).toBeCloseTo(1.7320508, 6);
    expect(m.significance).toBeCloseTo(-2.3094011, 6);
    expect(m).toMatchObject({ significant: true, periods: 4, grain: 'month', extreme: 'worst' });
    // A lower-is-better KPI falling by as much is as significant an improvement.
    const lower = movementOf({
      value: 9,
      change: change({ change: -4 }),
      direction: 'lower',
      ...history,
      grain: 'month',
    })!;
    expect(lower.significance).toBeCloseTo(2.3094011, 6);
    expect(lower.extreme).toBe('best');
  });

  it('takes changes between known values only', () => {
    expect(changesAt([10, null, 11, 13, 12], 1)).toEqual([2, -1]);
    expect(changesAt([10, 12, 11, 13, 14], 2)).toEqual([1, 1, 3]);
  });

  it('compares values a year apart when the change is against last year', () => {
    // Lag 2: 11 − 10, 13 − 12, 14 − 11 = 1, 1, 3; root mean square √(11/3) = 1.9148542.
    const m = movementOf({
      value: 16,
      change: change({ change: 3 }),
      direction: 'higher',
      changes: changesAt([10, 12, 11, 13, 14], 2),
      past: [10, 12, 11, 13, 14],
      grain: 'quarter',
    })!;
    expect(m.variation).toBeCloseTo(1.9148542, 6);
    expect(m.significance).toBeCloseTo(1.5666989, 6);
  });

  it('does not judge with fewer than three changes, a partial period, or within the usual', () => {
    const short = movementOf({
      value: 9,
      change: change(),
      direction: 'higher',
      changes: changesAt([10, 12, 11], 1),
      past: [10, 12, 11],
      grain: 'month',
    })!;
    expect(short).toMatchObject({ significance: null, significant: false, extreme: null });
    const partial = movementOf({
      value: 9,
      change: change({ partial: true }),
      direction: 'higher',
      ...history,
      grain: 'month',
    })!;
    expect(partial).toMatchObject({ significance: null, extreme: null, significant: false });
    const usual = movementOf({
      value: 12,
      change: change({ change: -1 }),
      direction: 'higher',
      ...history,
      grain: 'month',
    })!;
    expect(usual.significant).toBe(false);
    expect(usual.extreme).toBeNull();
  });

  it('caps the significance of any change after a flat history', () => {
    const m = movementOf({
      value: 6,
      change: change({ change: 1 }),
      direction: 'higher',
      changes: changesAt([5, 5, 5, 5], 1),
      past: [5, 5, 5, 5],
      grain: 'month',
    })!;
    expect(m).toMatchObject({ variation: 0, significance: 10, significant: true });
  });
});

describe('the segment that drove a change', () => {
  it('is the one whose weighted value moved most, in the direction of the change', () => {
    // Before: A 90% and B 70% of 100 orders each (80%). Now B fell to 50% (70%): B is all of it.
    const driver = driverOf({
      current: [
        { segment: 'A', value: 90, weight: 100 },
        { segment: 'B', value: 50, weight: 100 },
      ],
      previous: [
        { segment: 'A', value: 90, weight: 100 },
        { segment: 'B', value: 70, weight: 100 },
      ],
      change: -10,
      unit: 'percent',
      dimension: 'Site',
    });
    expect(driver).toEqual({
      segment: 'B',
      contribution: -10,
      share: 1,
      // B's share held at 50%: all of its part is its own rate, .5·(50 − 70) = −10.
      text: 'Site B explains 100% of it: 10.0 pp of the 10.0 pp change, all from its own value.',
    });
  });

  it('counts a shift of volume towards a weaker segment, and says when others offset it', () => {
    // Before: A 90% (100), B 50% (100) = 70%. Now A 95% (50), B 50% (150): 61.25%, −8.75 pp.
    // A: 0.25·95 − 0.5·90 = −21.25; B: 0.75·50 − 0.5·50 = +12.5; they add up to −8.75.
    const driver = driverOf({
      current: [
        { segment: 'A', value: 95, weight: 50 },
        { segment: 'B', value: 50, weight: 150 },
      ],
      previous: [
        { segment: 'A', value: 90, weight: 100 },
        { segment: 'B', value: 50, weight: 100 },
      ],
      change: -8.75,
      unit: 'percent',
      dimension: 'Site',
    })!;
    expect(driver.segment).toBe('A');
    expect(driver.contribution).toBeCloseTo(-21.25, 9);
    expect(driver.text).toBe(
      // A's rate .5·(95 − 90) = +2.5, its mix (.25 − .5)·95 = −23.75.
      'Site A moved it most: 21.3 pp of the 8.8 pp change (its own value: +2.5 pp; its share of the whole, 50% → 25%: -23.8 pp), while others moved the other way.',
    );
  });

  it('keeps the orders without the attribute in the split, but never names them', () => {
    // Before: A 80% (100), not recorded 50% (100) = 65%. Now A 80%, not recorded 20%: 50%,
    // −15 pp, all of it the not-recorded orders' own rate, .5·(20 − 50); A's part is 0.
    const driver = driverOf({
      current: [
        { segment: 'A', value: 80, weight: 100 },
        { segment: null, value: 20, weight: 100 },
      ],
      previous: [
        { segment: 'A', value: 80, weight: 100 },
        { segment: null, value: 50, weight: 100 },
      ],
      change: -15,
      unit: 'percent',
      dimension: 'Site',
    });
    expect(driver).toBeNull();
  });

  it('is none for a flat change', () => {
    const rows = [{ segment: 'A', value: 90, weight: 10 }];
    expect(
      driverOf({ current: rows, previous: rows, change: 0, unit: 'percent', dimension: 'Site' }),
    ).toBeNull();
  });
});

const significant = (significance: number, extreme: ReportMovement['extreme'] = null) => ({
  significance,
  variation: 1.5,
  significant: Math.abs(significance) > 1,
  periods: 12,
  grain: 'month' as const,
  extreme,
});

describe('the summary messages', () => {
  it('say the move, its rank in the history and the distance to the best band', () => {
    const k = kpi({ movement: significant(-2.7, 'worst'), placements: [placement('Short', 2, 2)] });
    const bands: BandFacts = {
      previousBand: { band: 'Short', rank: 2 },
      shortOfBest: '23.7 pp short of WERC 2024 Best-in-Class (> 99.7%)',
    };
    expect(messageOf(k, bands, true)).toEqual({
      kpiId: 'on_time_shipment_rate',
      kind: 'moved',
      tone: 'bad',
      weight: 2.7,
      text: 'On-time shipment fell 4.0 pp to 76.0%, its lowest month of the last 13; it is 23.7 pp short of WERC 2024 Best-in-Class (> 99.7%).',
    });
  });

  it('tell a band crossed and a target newly missed, and nothing within the usual', () => {
    const crossed = messageOf(
      kpi({
        movement: significant(-0.5),
        placements: [placement('Third quartile', 3, 4)],
        target: { value: 78, formatted: '78.0%', status: 'at_risk' },
      }),
      { previousBand: { band: 'Second quartile', rank: 2 }, shortOfBest: null },
      true,
    )!;
    expect(crossed.kind).toBe('band_crossed');
    expect(crossed.tone).toBe('bad');
    // 1 for the band and 0.25 per rank, 1 for the target missed (80% met 78%; 76% does not).
    expect(crossed.weight).toBe(2.25);
    expect(crossed.text).toBe(
      'On-time shipment fell 4.0 pp to 76.0%, from Second quartile into Third quartile (WERC 2024); it is 2.0 pp short of its target of 78.0%.',
    );
    expect(messageOf(kpi({ movement: significant(-0.5) }), noBands, true)).toBeNull();
  });

  it('keep the worst deterioration and the best improvement among at most five', () => {
    const m = (kpiId: string, tone: 'good' | 'bad', weight: number): ReportMessage => ({
      kpiId,
      kind: 'moved',
      tone,
      weight,
      text: kpiId,
    });
    const ranked = rankMessages([
      m('a', 'good', 9),
      m('b', 'good', 8),
      m('c', 'good', 7),
      m('d', 'good', 6),
      m('e', 'good', 5),
      m('f', 'good', 4),
      m('g', 'bad', 1.2),
      m('h', 'bad', 1.1),
    ]);
    expect(ranked.map((r) => r.kpiId)).toEqual(['a', 'b', 'c', 'd', 'g']);
  });

  it('give each KPI a sentence of context that says whether the move was usual', () => {
    const k = kpi({ movement: significant(-2.7) });
    expect(contextOf(k, noBands, 'February 2024')).toBe(
      'On-time shipment was 76.0% over February 2024; -4.0 pp against the previous period, beyond its usual move of 1.5 pp.',
    );
  });
});

describe('the movers', () => {
  it('are ranked by significance, not by the size of the change in mixed units', () => {
    const small = kpi({
      id: 'return_rate',
      name: 'Return rate',
      formatted: '2.0%',
      change: change({ change: -0.3, text: '-0.3 pp' }),
      direction: 'lower',
      movement: significant(0.4),
    });
    const large = kpi({ movement: significant(-3.1) });
    const cycle = kpi({
      id: 'cycle',
      name: 'Cycle time',
      formatted: '40.0 h',
      change: change({ change: 6, text: '+6.0 h' }),
      movement: significant(-1.2),
    });
    const flat = kpi({
      id: 'flat',
      change: change({ change: -0.01, text: '-0.0 pp' }),
      movement: significant(0.02),
    });
    const movers = moversOf([small, cycle, large, flat]);
    expect(movers.worst.map((m) => m.id)).toEqual(['on_time_shipment_rate', 'cycle']);
    expect(movers.worst[0]!.text).toBe('76.0% (-4.0 pp, 3.1× its usual move)');
    expect(movers.best.map((m) => m.id)).toEqual(['return_rate']);
  });
});

describe('calendar periods', () => {
  it('recognises a day, a week from Monday, a month, a quarter and a year', () => {
    expect(calendarGrainOf('2024-03-05', '2024-03-05')).toBe('day');
    expect(calendarGrainOf('2024-03-04', '2024-03-10')).toBe('week');
    expect(calendarGrainOf('2024-02-01', '2024-02-29')).toBe('month');
    expect(calendarGrainOf('2024-04-01', '2024-06-30')).toBe('quarter');
    expect(calendarGrainOf('2024-01-01', '2024-12-31')).toBe('year');
    expect(calendarGrainOf('2024-02-02', '2024-03-01')).toBeNull();
  });

  it('compare whole months with as many whole months before', () => {
    expect(comparisonRange({ from: '2024-03-01', to: '2024-03-31' }, 'previous')).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(comparisonRange({ from: '2024-01-01', to: '2024-03-31' }, 'previous')).toEqual({
      from: '2023-10-01',
      to: '2023-12-31',
    });
    // Any other range: the same number of days before.
    expect(comparisonRange({ from: '2024-03-05', to: '2024-03-11' }, 'previous')).toEqual({
      from: '2024-02-27',
      to: '2024-03-04',
    });
  });
});

describe('the usual change of a quarter, from rolling windows of months', () => {
  // Rates by month with their denominators: the window of months 1–3 is (90·100 + 80·100 +
  // 70·200) / 400 = 77.5; of 2–4 (80·100 + 70·200 + 90·100) / 400 = 77.5; of 3–5
  // (70·200 + 90·100 + 60·100) / 400 = 72.5; of 4–6 (90·100 + 60·100 + 90·100) / 300 = 80.
  const month = (value: number, denominator: number) => ({
    value,
    numerator: null,
    denominator,
    n: denominator,
    excluded: [],
  });
  const points = [
    month(90, 100),
    month(80, 100),
    month(70, 200),
    month(90, 100),
    month(60, 100),
    month(90, 100),
  ];

  it('weighs each month by its denominator and compares windows a quarter apart', () => {
    const history = windowed(points, 3, 3, (p) => p.denominator ?? 0);
    // Windows: −, −, 77.5, 77.5, 72.5, 80; three months apart: 80 − 77.5 = 2.5.
    expect(history.changes).toEqual([2.5]);
    // The calendar quarters before the report's: months 4–6 and months 1–3.
    expect(history.past).toEqual([77.5, 80]);
  });
});

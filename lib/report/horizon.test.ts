import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/database';
import { loadHalfMonthFixture } from '@/lib/kpi/kpi-test-helpers';
import { trendChartSvg } from './chart-svg';
import { buildReportModel } from './model';

// The half-over-March fixture (lib/kpi/kpi-test-helpers.ts): order shipment cycle time is 24 h in
// January, 48 h in February and 50 h so far in March (O3 24 h, O5 76 h; O4 not shipped); the data
// ends 2024-03-15 12:00.
const now = new Date('2024-03-16T09:00:00Z');
let db: Database;

beforeAll(async () => {
  db = await loadHalfMonthFixture();
});

describe('a report over a period that is not over', () => {
  it('marks the last month partial in the trend and draws it dashed and labelled', async () => {
    const model = await buildReportModel(
      db,
      {
        format: 'pdf',
        filters: { from: '2024-01-01', to: '2024-03-31' },
        grain: 'month',
        kpis: ['order_shipment_cycle_time'],
      },
      now,
    );
    expect(model.data.horizon).toBe('2024-03-15T12:00:00');
    const [cycle] = model.kpis;
    expect(cycle!.trend.points).toEqual([
      { period: '2024-01-01', label: 'Jan 2024', value: 24, n: 1, partial: false, maturing: 0 },
      { period: '2024-02-01', label: 'Feb 2024', value: 48, n: 1, partial: false, maturing: 0 },
      { period: '2024-03-01', label: 'Mar 2024', value: 50, n: 2, partial: true, maturing: 1 },
    ]);
    const svg = trendChartSvg(cycle!);
    expect(svg.match(/>partial</g)).toHaveLength(1);
    expect(svg).toContain('stroke-dasharray="6 4"');
  });

  it('leaves a change over a range past the horizon out of the movers, and says why', async () => {
    const options = { format: 'pdf' as const, kpis: ['order_shipment_cycle_time'] };
    // March (50 h so far) against February (O2, 48 h): +2 h, worse, but March is not over.
    const march = await buildReportModel(
      db,
      { ...options, filters: { from: '2024-03-01', to: '2024-03-31' } },
      now,
    );
    expect(march.kpis[0]!.change).toMatchObject({
      change: 2,
      partial: true,
      text: '+2.0 h (partial period)',
    });
    expect(march.movers).toEqual({ best: [], worst: [] });
    expect(march.comparison!.text).toBe(
      'Change against the previous period (2024-02-01 to 2024-02-29). The range runs to 2024-03-31 but the data ends at 2024-03-15 12:00: its value holds only what had happened by then, so the change is not between complete periods',
    );
    expect(march.kpis[0]!.movement).toMatchObject({ significance: null, extreme: null });
    // February (O2, 48 h) against January (O1, 24 h) is over, but one month of history cannot say
    // what a usual change is: not ranked as a mover either.
    const february = await buildReportModel(
      db,
      { ...options, filters: { from: '2024-02-01', to: '2024-02-29' } },
      now,
    );
    expect(february.kpis[0]!.change).toMatchObject({ change: 24, partial: false, note: null });
    expect(february.kpis[0]!.movement).toMatchObject({ significance: null, periods: 1 });
    expect(february.movers).toEqual({ best: [], worst: [] });
  });
});

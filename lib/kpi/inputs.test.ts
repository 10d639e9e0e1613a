import { describe, expect, it } from 'vitest';
import { computeKpis } from './compute';
import { removeKpiInput, setKpiInput } from './inputs';
import { loadKpiFixture } from './kpi-test-helpers';

describe('KPIs of entered FTE and cost figures', () => {
  it('are unavailable until figures are entered', async () => {
    const db = await loadKpiFixture();
    const kpis = await computeKpis(db, {}, ['orders_per_fte', 'cost_per_order']);
    expect(kpis.map((k) => [k.available, k.value])).toEqual([
      [false, null],
      [false, null],
    ]);
  });

  it('orders per FTE per year and cost per order, over the orders placed in the period', async () => {
    const db = await loadKpiFixture();
    await setKpiInput(db, {
      from: '2024-01-01',
      to: '2024-01-31',
      fte: 2,
      cost: 700,
      currency: 'EUR',
    });
    const [perFte, cost] = await computeKpis(db, {}, ['orders_per_fte', 'cost_per_order']);
    // Seven orders (A–G, the cancelled D included) placed in January; 2 FTE for 31 days = 2 × 31/365 FTE-years.
    expect(perFte).toMatchObject({ available: true, numerator: 7, n: 7 });
    expect(perFte!.value).toBeCloseTo(7 / ((2 * 31) / 365), 9);
    expect(cost).toMatchObject({ value: 100, numerator: 700, denominator: 7 });
    const [outside] = await computeKpis(db, { filters: { from: '2024-03-01', to: '2024-03-31' } }, [
      'cost_per_order',
    ]);
    expect(outside).toMatchObject({
      value: null,
      excluded: [{ reason: 'no cost figures entered for the period', count: 0 }],
    });
  });

  it('removes one period and team, after which the KPI is unavailable again', async () => {
    const db = await loadKpiFixture();
    await setKpiInput(db, { from: '2024-01-01', to: '2024-01-31', cost: 700 });
    await setKpiInput(db, { from: '2024-01-01', to: '2024-01-31', team: 'EU', cost: 70 });
    const [both] = await computeKpis(db, {}, ['cost_per_order']);
    expect(both).toMatchObject({ numerator: 770, denominator: 7 });
    await removeKpiInput(db, { from: '2024-01-01', to: '2024-01-31' });
    const [euOnly] = await computeKpis(db, {}, ['cost_per_order']);
    expect(euOnly).toMatchObject({ value: 10, numerator: 70 });
    await removeKpiInput(db, { from: '2024-01-01', to: '2024-01-31', team: 'EU' });
    const [none] = await computeKpis(db, {}, ['cost_per_order']);
    expect(none).toMatchObject({ available: false, value: null });
    await expect(
      removeKpiInput(db, { from: '2024-01-01', to: '2024-01-31', team: 'EU' }),
    ).rejects.toMatchObject({
      code: 'input_not_found',
      message: 'There are no figures for 2024-01-01 – 2024-01-31 (EU).',
    });
  });

  it('refuses an input without figures or with the dates reversed', async () => {
    const db = await loadKpiFixture();
    await expect(setKpiInput(db, { from: '2024-01-01', to: '2024-01-31' })).rejects.toThrow(
      /give fte, cost or both/,
    );
    await expect(setKpiInput(db, { from: '2024-02-01', to: '2024-01-31', fte: 1 })).rejects.toThrow(
      /from must not be after to/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { periodPresets, plausibleDay } from './period-presets';

describe('periodPresets', () => {
  it('offers only all data when the data has no last day', () => {
    expect(periodPresets(null)).toEqual([{ id: 'all', label: 'All data' }]);
    expect(periodPresets('not a day')).toEqual([{ id: 'all', label: 'All data' }]);
  });

  it('counts back from the last order day, not from today', () => {
    const byId = Object.fromEntries(periodPresets('2025-12-31').map((p) => [p.id, p]));
    expect(byId['30d']).toMatchObject({ from: '2025-12-02', to: '2025-12-31' });
    expect(byId['90d']).toMatchObject({ from: '2025-10-03', to: '2025-12-31' });
    expect(byId.month).toMatchObject({ from: '2025-12-01', to: '2025-12-31' });
    expect(byId.quarter).toMatchObject({ from: '2025-10-01', to: '2025-12-31' });
    expect(byId.ytd).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
    expect(byId['12m']).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
  });
});

describe('plausibleDay', () => {
  it('rejects the years a date passes through while its year is typed', () => {
    expect(['0002-05-01', '0020-05-01', '0202-05-01'].map(plausibleDay)).toEqual([
      false,
      false,
      false,
    ]);
    expect(plausibleDay('2025-05-01')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { kpiUnits } from '@/lib/semantic/kpi';
import {
  formatCount,
  formatKpiChange,
  formatKpiTick,
  formatKpiValue,
  formatPercent,
  formatPublishedFigure,
  isFlatChange,
  kpiChangeNumberFormat,
  kpiNumberFormat,
  kpiValueParts,
} from './kpi-value';

describe('the KPI value formatter', () => {
  it.each([
    [1234.5, 'currency_per_order', '1,234.50 per order'],
    [12.3, 'currency_per_order', '12.30 per order'],
    [99.56, 'percent', '99.6%'],
    [0.999, 'percent', '1.0%'],
    [0, 'percent', '0.0%'],
    [100, 'percent', '100.0%'],
    [52.5, 'hours', '52.5 h'],
    [1234.56, 'hours', '1,234.6 h'],
    [4.25, 'hours', '4.3 h'],
    [5.04, 'days', '5.0 d'],
    [1234.5, 'orders_per_fte', '1,235 orders/FTE'],
    [41.2, 'orders_per_fte', '41 orders/FTE'],
    [-3.25, 'hours', '-3.3 h'],
    [-0, 'hours', '0.0 h'],
  ] as const)('prints %s %s as %j', (value, unit, text) => {
    expect(formatKpiValue(value, unit)).toBe(text);
  });

  it('prints a missing value as a dash in every unit', () => {
    for (const unit of kpiUnits) {
      expect(formatKpiValue(null, unit)).toBe('—');
      expect(formatKpiValue(undefined, unit)).toBe('—');
      expect(formatKpiValue(Number.NaN, unit)).toBe('—');
      expect(formatKpiChange(null, unit)).toBe('—');
    }
  });

  it('splits the number from its unit without changing the text', () => {
    expect(kpiValueParts(1234.5, 'currency_per_order')).toEqual({
      number: '1,234.50',
      unit: 'per order',
      text: '1,234.50 per order',
    });
    expect(kpiValueParts(95, 'percent')).toEqual({ number: '95.0', unit: '%', text: '95.0%' });
    expect(kpiValueParts(null, 'hours')).toEqual({ number: '—', unit: '', text: '—' });
  });

  it('prints changes signed, rates in percentage points', () => {
    expect(formatKpiChange(0.4, 'percent')).toBe('+0.4 pp');
    expect(formatKpiChange(-1.25, 'percent')).toBe('-1.3 pp');
    expect(formatKpiChange(0, 'percent')).toBe('±0.0 pp');
    expect(formatKpiChange(-2.5, 'hours')).toBe('-2.5 h');
    expect(formatKpiChange(1234.5, 'currency_per_order')).toBe('+1,234.50 per order');
    expect(formatKpiChange(-12, 'orders_per_fte')).toBe('-12 orders/FTE');
    // A change too small to show keeps its direction, as the spreadsheet's signed format does.
    expect(formatKpiChange(-0.01, 'percent')).toBe('-0.0 pp');
    expect(isFlatChange(-0.01, 'percent')).toBe(true);
    expect(isFlatChange(0.05, 'percent')).toBe(false);
    expect(isFlatChange(0.004, 'currency_per_order')).toBe(true);
  });

  it('prints axis ticks compactly, with the short units only', () => {
    expect(formatKpiTick(97.5, 'percent')).toBe('97.5%');
    expect(formatKpiTick(1250, 'hours')).toBe('1,250 h');
    expect(formatKpiTick(12, 'days')).toBe('12 d');
    expect(formatKpiTick(2.5, 'currency_per_order')).toBe('2.5');
    expect(formatKpiTick(12000, 'orders_per_fte')).toBe('12,000');
  });

  it('prints published figures at their own precision, counts and shares', () => {
    expect(formatPublishedFigure(99.95, 'percent')).toBe('99.95%');
    expect(formatPublishedFigure(42, 'hours')).toBe('42 h');
    expect(formatPublishedFigure(1500.5, null)).toBe('1,500.5');
    expect(formatCount(9994)).toBe('9,994');
    expect(formatCount(null)).toBe('—');
    expect(formatPercent(12.345)).toBe('12.3%');
  });

  it('gives the workbook number formats of the same precision and unit', () => {
    expect(kpiNumberFormat('percent')).toBe('#,##0.0"%"');
    expect(kpiNumberFormat('hours')).toBe('#,##0.0" h"');
    expect(kpiNumberFormat('orders_per_fte')).toBe('#,##0" orders/FTE"');
    expect(kpiNumberFormat('currency_per_order')).toBe('#,##0.00" per order"');
    expect(kpiChangeNumberFormat('percent')).toBe(
      '"+"#,##0.0" pp";"-"#,##0.0" pp";"±"#,##0.0" pp"',
    );
  });
});

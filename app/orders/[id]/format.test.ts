import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '@/lib/orders/timeline';
import { duration, fmtQty, money, when } from './format';
import { gapsOf } from './panels/timeline-gaps';

describe('the order page formats', () => {
  it('print times in UTC, a day alone without a time', () => {
    expect(when('2025-12-23T08:03:00.000Z')).toBe('2025-12-23 08:03 UTC');
    expect(when('2026-01-05T00:00:00.000Z')).toBe('2026-01-05');
    expect(when(null)).toBe('—');
  });

  it('print durations in minutes, hours under two days, else days', () => {
    expect(duration(0)).toBe('at the same time');
    expect(duration(0.5)).toBe('30 min');
    expect(duration(10.6)).toBe('10.6 h');
    expect(duration(48)).toBe('2 days');
    expect(duration(113)).toBe('4.7 days');
  });

  it('print quantities and money', () => {
    expect(fmtQty(85)).toBe('85');
    expect(fmtQty(null)).toBe('—');
    expect(money(1309.31, 'EUR')).toBe('€1,309.31');
    expect(money(12, '')).toBe('12');
    expect(money(12, 'NOT-A-CODE')).toBe('12 NOT-A-CODE');
    expect(money(undefined, 'EUR')).toBe('—');
  });
});

describe('gapsOf', () => {
  const event = (label: string, hours: number | null, planned = false): TimelineEvent => ({
    kind: planned ? 'requested_delivery' : 'shipped',
    at: '2025-01-01T00:00:00.000Z',
    label,
    planned,
    hoursSincePrevious: hours,
  });

  it('names the previous step when a due date sits between', () => {
    expect(
      gapsOf([
        event('Placed', null),
        event('Shipped', 10),
        event('Due', null, true),
        event('Delivered', 30),
      ]),
    ).toEqual([undefined, '10 h later', undefined, '30 h after “Shipped”']);
    expect(gapsOf([event('Placed', null), event('Entered', 0)])).toEqual([
      undefined,
      'at the same time',
    ]);
  });
});

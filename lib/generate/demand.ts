/**
 * Demand shape: when orders arrive. Orders are spread over the days of the period by a weight for
 * the weekday, the season and a mild growth trend, then over the hours of each day. The clock yields
 * order timestamps in ascending order, so order ids follow time as in a real ERP.
 */
import { DAY, HOUR, civilFromDays, isHoliday, weekday } from './calendar';
import type { Rng } from './random';

/** Monday … Sunday: businesses order on weekdays; web and EDI trickle in at weekends. */
const weekdayFactor = [1.1, 1.05, 1.0, 1.0, 0.9, 0.25, 0.15];
/** January … December: the November/December peak. */
const monthFactor = [0.85, 0.85, 0.95, 0.95, 1.0, 0.95, 0.9, 0.85, 1.0, 1.05, 1.3, 1.35];
/** Orders per hour of day (relative): office hours with a lunch dip. */
const hourWeights = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4, 6, 6.5, 6, 4.5, 5.5, 6, 5.5, 4.5, 3, 2, 1.8, 1.6, 1.2,
  0.8, 0.4,
];
const hourCumulative = hourWeights.reduce<number[]>(
  (acc, w) => [...acc, (acc[acc.length - 1] ?? 0) + w],
  [],
);
const hourTotal = hourCumulative[hourCumulative.length - 1] ?? 1;

function dayWeight(days: number, position: number): number {
  const { month, day } = civilFromDays(days);
  const holiday = isHoliday(month, day);
  const quietChristmas = month === 12 && day > 26 ? 0.5 : 1;
  const trend = 1 + 0.1 * position;
  return (
    (weekdayFactor[weekday(days)] ?? 1) *
    (monthFactor[month - 1] ?? 1) *
    (holiday ? 0.1 : quietChristmas) *
    trend
  );
}

/** Second of day for a quantile q in [0, 1) of the intraday profile (piecewise linear inverse). */
function secondOfDay(q: number): number {
  const target = q * hourTotal;
  let hour = 0;
  while (hour < 23 && (hourCumulative[hour] ?? 0) <= target) hour++;
  const before = hour === 0 ? 0 : (hourCumulative[hour - 1] ?? 0);
  const within = (target - before) / (hourWeights[hour] ?? 1);
  return Math.min(DAY - 1, Math.floor(hour * HOUR + within * HOUR));
}

/** Yields `total` ascending order timestamps within [startDay, endDay). */
export class OrderClock {
  private readonly counts: Int32Array;
  private day = 0;
  private indexInDay = 0;

  constructor(
    private readonly startDay: number,
    endDay: number,
    total: number,
    private readonly rng: Rng,
  ) {
    const span = endDay - startDay;
    const weights = Array.from({ length: span }, (_, i) => dayWeight(startDay + i, i / span));
    const sum = weights.reduce((a, b) => a + b, 0);
    // Allocate by rounded cumulative share: the counts add up to exactly `total`.
    this.counts = new Int32Array(span);
    let cumulative = 0;
    let allocated = 0;
    weights.forEach((w, i) => {
      cumulative += w;
      const upTo = Math.round((total * cumulative) / sum);
      this.counts[i] = upTo - allocated;
      allocated = upTo;
    });
  }

  /** The next order timestamp (seconds); call exactly `total` times. */
  next(): number {
    while ((this.counts[this.day] ?? 0) <= this.indexInDay) {
      if (this.day >= this.counts.length) throw new Error('OrderClock exhausted');
      this.day++;
      this.indexInDay = 0;
    }
    const count = this.counts[this.day] ?? 1;
    // Stratified quantile: the k-th order of the day lands in the k-th slice, so times ascend.
    const q = (this.indexInDay + this.rng.next()) / count;
    this.indexInDay++;
    return (this.startDay + this.day) * DAY + secondOfDay(q);
  }
}

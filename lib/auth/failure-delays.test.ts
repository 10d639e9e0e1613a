import { describe, expect, it } from 'vitest';
import { FailureDelays } from './failure-delays';

describe('growing delays after failures', () => {
  it('lets the free failures pass, then doubles the wait up to its cap, and forgets in time', () => {
    let now = 1_000_000;
    const delays = new FailureDelays(
      { free: 2, baseSeconds: 5, maxSeconds: 30, forgetAfterSeconds: 600 },
      () => now,
    );
    delays.fail('k');
    expect(delays.waitFor('k')).toBe(0);
    delays.fail('k');
    expect(delays.waitFor('k')).toBe(5);
    now += 2_000;
    expect(delays.waitFor('k')).toBe(3);
    delays.fail('k');
    expect(delays.waitFor('k')).toBe(10);
    delays.fail('k');
    delays.fail('k');
    expect(delays.waitFor('k')).toBe(30); // 40 capped at 30
    expect(delays.waitFor('other')).toBe(0);
    now += 601_000;
    expect(delays.waitFor('k')).toBe(0);
    delays.fail('k');
    expect(delays.waitFor('k')).toBe(0); // counted anew after being forgotten
    delays.fail('k');
    delays.forget('k');
    expect(delays.waitFor('k')).toBe(0);
  });
});

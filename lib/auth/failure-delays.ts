/**
 * Growing delays after failed sign-ins, per key: the first `free` failures cost nothing, then each
 * further attempt must wait `base` seconds, doubling with every failure up to `max`. A count is
 * forgotten `forgetAfter` seconds after its last failure. The map is bounded, so a flood of made-up
 * names cannot grow the server without end (the oldest entries go first).
 */
export interface DelayRule {
  free: number;
  baseSeconds: number;
  maxSeconds: number;
  forgetAfterSeconds: number;
}

interface Entry {
  failures: number;
  last: number;
}

const MAX_ENTRIES = 50_000;

export class FailureDelays {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly rule: DelayRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds the key must still wait before its next attempt (0: go ahead). */
  waitFor(key: string): number {
    const entry = this.current(key);
    if (!entry || entry.failures < this.rule.free) return 0;
    const delay = Math.min(
      this.rule.baseSeconds * 2 ** (entry.failures - this.rule.free),
      this.rule.maxSeconds,
    );
    return Math.max(0, (entry.last + delay * 1000 - this.now()) / 1000);
  }

  fail(key: string): void {
    const failures = (this.current(key)?.failures ?? 0) + 1;
    this.entries.delete(key); // re-inserted last, so the map's order is the order of last use
    this.entries.set(key, { failures, last: this.now() });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.last > this.rule.forgetAfterSeconds * 1000) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}

import 'server-only';
/**
 * How fresh each source is (issue 19, "Freshness"): per canonical table that holds rows, the
 * newest date in it, the last committed load that fed it, how often such loads usually come, and
 * whether the next one is overdue. The scorecard's freshness panel renders this.
 *
 * A source is a canonical table: a load of one table feeds that table; a flat load feeds the
 * tables its `table_counts` names (orders, lines, shipments). Only loads that committed and still
 * stand count (status `loaded`: not rejected, failed, unchanged or undone), and never demo loads:
 * generated data has no delivery schedule to judge.
 */
import type { Database } from '@/lib/db/database';
import { canonicalTables, mappingTargets, tablesOfTarget } from '@/lib/model/canonical';
import type { CanonicalTable, MappingTarget } from '@/lib/model/canonical';
import { listLoads, type LedgerEntry } from './ledger';

const DAY_MS = 86_400_000;

/**
 * Loads of one table closer together than this are one arrival (two sites' files loaded the same
 * morning, a file loaded again after a fix): otherwise their near-zero gap would halve the median.
 */
const SAME_ARRIVAL_MS = 6 * 3_600_000;

/** Arrivals needed before a cadence is stated: three, so the median stands on two intervals. */
const MIN_ARRIVALS_FOR_CADENCE = 3;

/** Overdue once the time since the last load exceeds 1.5 × the usual interval, and by a day at least. */
const OVERDUE_FACTOR = 1.5;
const OVERDUE_MIN_MARGIN_MS = DAY_MS;

export interface FreshnessLoad {
  loadId: number;
  fileName: string;
  /** ISO timestamp (UTC) the load committed. */
  finishedAt: string;
}

export interface SourceFreshness {
  table: CanonicalTable;
  /** "Orders", "Order lines", "Shipments", "Returns". */
  label: string;
  /** What the newest date is of: "order date", "ship date", "return date". */
  dateOf: string;
  rows: number;
  /** The newest date in the table (ISO timestamp), or null when no row has one. */
  newest: string | null;
  /** Whole calendar days (UTC) from the newest date to `now`; 0 for today or a later date. */
  ageDays: number | null;
  /** Every row of this source is generated demo data: no load, cadence or overdue is judged. */
  demo: boolean;
  /** The last committed, standing, non-demo load that fed this table. */
  lastLoad: FreshnessLoad | null;
  /** Whole calendar days (UTC) from lastLoad's day to `now`'s (overdue is judged to the hour). */
  daysSinceLastLoad: number | null;
  /** Distinct arrivals counted (loads less than 6 hours apart are one). */
  arrivals: number;
  /** The usual interval between arrivals, or null while fewer than three arrivals are known. */
  cadence: { medianDays: number; words: string } | null;
  /** The cadence in a phrase: "usually weekly", or why it is unknown. */
  cadenceNote: string;
  overdue: boolean;
  /** Why it is overdue, as a sentence; null when it is not. */
  overdueReason: string | null;
}

const sources: Record<CanonicalTable, { label: string; dateOf: string }> = {
  orders: { label: 'Orders', dateOf: 'order date' },
  order_lines: { label: 'Order lines', dateOf: 'order date' },
  shipments: { label: 'Shipments', dateOf: 'ship date' },
  returns: { label: 'Returns', dateOf: 'return date' },
};

/**
 * Row counts and newest dates, one static statement. Each table by its own main date: the order
 * date for orders, and for lines the order date of their orders (a line has no date of its own);
 * the ship date of a shipment (its delivery date when the file gave only that); the return's
 * received date (its credit date when the file gave only that).
 */
const NEWEST_SQL = `SELECT
  (SELECT count(*) FROM orders) AS orders_rows,
  (SELECT max(order_ts) FROM orders) AS orders_newest,
  (SELECT count(*) FROM order_lines) AS order_lines_rows,
  (SELECT max(order_ts) FROM orders WHERE order_id IN (SELECT order_id FROM order_lines))
    AS order_lines_newest,
  (SELECT count(*) FROM shipments) AS shipments_rows,
  (SELECT max(coalesce(ship_ts, delivered_ts)) FROM shipments) AS shipments_newest,
  (SELECT count(*) FROM returns) AS returns_rows,
  (SELECT max(coalesce(return_ts, credited_ts)) FROM returns) AS returns_newest`;

/** Enough of the ledger, newest first, for any plausible weekly or daily routine's cadence. */
const LEDGER_LIMIT = 1000;

/** Per source that holds rows, in canonical order: how fresh it is, as committed. */
export async function dataFreshness(db: Database, now: Date): Promise<SourceFreshness[]> {
  const [[row], loads] = await Promise.all([
    // Per write generation: every page asks, and only a load or an undo changes the answer.
    db.memo('freshness:newest', () => db.read<Record<string, number | string | null>>(NEWEST_SQL)),
    listLoads(db, LEDGER_LIMIT),
  ]);
  const standing = loads.filter((l) => l.status === 'loaded' && !l.undoneAt);
  return canonicalTables.flatMap((table) => {
    const rows = Number(row?.[`${table}_rows`] ?? 0);
    if (rows === 0) return [];
    const newest = (row?.[`${table}_newest`] as string | null) ?? null;
    const fed = standing.filter((l) => tablesFedBy(l).includes(table));
    return [judge(table, rows, newest, fed, now)];
  });
}

/** The tables a load wrote to: its table_counts' keys, or the tables of its target. */
function tablesFedBy(load: LedgerEntry): CanonicalTable[] {
  const counted = Object.keys(load.tableCounts ?? {}).filter(isCanonicalTable);
  if (counted.length) return counted;
  return isMappingTarget(load.target) ? tablesOfTarget(load.target) : [];
}

const isCanonicalTable = (name: string): name is CanonicalTable =>
  (canonicalTables as readonly string[]).includes(name);
const isMappingTarget = (name: string): name is MappingTarget =>
  (mappingTargets as readonly string[]).includes(name);

function judge(
  table: CanonicalTable,
  rows: number,
  newest: string | null,
  fed: LedgerEntry[],
  now: Date,
): SourceFreshness {
  const { label, dateOf } = sources[table];
  const ageDays = newest === null ? null : Math.max(0, calendarDays(newest, now));
  const real = fed.filter((l) => !l.isDemo);
  const base = { table, label, dateOf, rows, newest, ageDays };
  if (real.length === 0) {
    // Rows without a standing real load: the demo (the first real load removes it), or loads
    // older than the ledger read here.
    const demo = fed.some((l) => l.isDemo);
    return {
      ...base,
      demo,
      lastLoad: null,
      daysSinceLastLoad: null,
      arrivals: 0,
      cadence: null,
      cadenceNote: demo
        ? 'generated demo data, so no delivery schedule is judged'
        : 'no recent load of it is in the ledger',
      overdue: false,
      overdueReason: null,
    };
  }
  const times = real.map((l) => ({ load: l, at: Date.parse(loadTime(l)) })).sort(byTime);
  const last = times[times.length - 1]!;
  const arrivals = arrivalTimes(times.map((t) => t.at));
  const intervals = arrivals.slice(1).map((at, i) => at - arrivals[i]!);
  const sinceLast = now.getTime() - last.at;
  const daysSinceLastLoad = Math.max(0, calendarDays(loadTime(last.load), now));
  const lastLoad = {
    loadId: last.load.loadId,
    fileName: last.load.fileName,
    finishedAt: loadTime(last.load),
  };

  // A cadence stands on two intervals at least; until then nothing is overdue.
  const medianMs = arrivals.length >= MIN_ARRIVALS_FOR_CADENCE ? median(intervals) : null;
  const cadence =
    medianMs === null
      ? null
      : { medianDays: round1(medianMs / DAY_MS), words: cadenceWords(medianMs) };
  const overdue =
    medianMs !== null &&
    sinceLast > Math.max(OVERDUE_FACTOR * medianMs, medianMs + OVERDUE_MIN_MARGIN_MS);
  const so = arrivals.length === 1 ? 'one load so far' : `${arrivals.length} loads so far`;
  return {
    ...base,
    demo: false,
    lastLoad,
    daysSinceLastLoad,
    arrivals: arrivals.length,
    cadence,
    cadenceNote: cadence
      ? `usually ${cadence.words}`
      : `usual interval not known yet (${so}; it takes ${MIN_ARRIVALS_FOR_CADENCE})`,
    overdue,
    overdueReason:
      overdue && cadence
        ? `${label} are overdue: they usually arrive ${cadence.words}; the last arrived ${daysAgo(daysSinceLastLoad)}.`
        : null,
  };
}

/** When a load's data arrived: when it committed (its start if the ledger lacks the end). */
const loadTime = (load: LedgerEntry) => load.finishedAt ?? load.startedAt;

const byTime = (a: { at: number }, b: { at: number }) => a.at - b.at;

/** Load times (ascending) folded into arrivals: a load within 6 hours of the one before joins it. */
function arrivalTimes(times: number[]): number[] {
  const out: number[] = [];
  for (const at of times) {
    const previous = out[out.length - 1];
    if (previous === undefined || at - previous >= SAME_ARRIVAL_MS) out.push(at);
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Whole calendar days (UTC) from an ISO timestamp's day to now's day. */
function calendarDays(iso: string, now: Date): number {
  const day = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((today - day) / DAY_MS);
}

function daysAgo(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/**
 * A usual interval in words: "daily", "weekly", "every two weeks", "monthly", "quarterly", or
 * "about every 10 days" / "about every 6 hours" between them.
 */
export function cadenceWords(intervalMs: number): string {
  const days = intervalMs / DAY_MS;
  if (days < 0.75) return `about every ${Math.max(1, Math.round(days * 24))} hours`;
  if (days <= 1.5) return 'daily';
  if (days >= 6 && days <= 8) return 'weekly';
  if (days >= 13 && days <= 15) return 'every two weeks';
  if (days >= 27 && days <= 32) return 'monthly';
  if (days >= 88 && days <= 93) return 'quarterly';
  return `about every ${Math.round(days)} days`;
}

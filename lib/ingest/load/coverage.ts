import 'server-only';
/** What the database holds: row counts, date span, loads, and whether it is demo data. */
import type { Database } from '@/lib/db/database';

export interface DataCoverage {
  orders: number;
  orderLines: number;
  shipments: number;
  returns: number;
  firstOrder: string | null;
  lastOrder: string | null;
  activeLoads: number;
  demoLoads: number;
  lastLoadAt: string | null;
  /** Demo data is loaded (and so in every number): the pages show the demo banner. */
  isDemo: boolean;
  /** Orders of the demo loads, counted in `orders` while the demo is loaded. */
  demoOrders: number;
  /**
   * The demo was loaded once and is gone (removed by the first real load or on request): none of
   * its orders is in the counts above or in any number.
   */
  demoSetAside: boolean;
  /** The generated orders that were set aside (0 unless demoSetAside). */
  demoOrdersSetAside: number;
}

export async function getDataCoverage(db: Database): Promise<DataCoverage> {
  // As committed (a reader connection), not the rows of a load still in its transaction; once per
  // write generation (only the writer changes it), as every page shows it.
  const [row] = await db.memo('coverage', () =>
    db.read<Record<string, number | string | null>>(
      `SELECT (SELECT count(*) FROM orders) AS orders,
            (SELECT count(*) FROM order_lines) AS order_lines,
            (SELECT count(*) FROM shipments) AS shipments,
            (SELECT count(*) FROM returns) AS returns,
            (SELECT min(order_ts) FROM orders) AS first_order,
            (SELECT max(order_ts) FROM orders) AS last_order,
            (SELECT count(*) FROM loads WHERE status = 'loaded') AS active_loads,
            (SELECT count(*) FROM loads WHERE status = 'loaded' AND is_demo) AS demo_loads,
            (SELECT max(finished_at) FROM loads WHERE status = 'loaded') AS last_load_at,
            (SELECT count(*) FROM orders WHERE load_id IN (SELECT load_id FROM loads
              WHERE is_demo AND status IN ('loaded', 'unchanged'))) AS demo_orders,
            (SELECT count(*) FROM loads WHERE status = 'undone' AND is_demo) AS demo_undone,
            (SELECT coalesce(sum(CAST(table_counts->>'$.orders.inserted' AS BIGINT)), 0) FROM loads
              WHERE status = 'undone' AND is_demo) AS demo_orders_undone`,
    ),
  );
  const n = (key: string) => Number(row?.[key] ?? 0);
  return {
    orders: n('orders'),
    orderLines: n('order_lines'),
    shipments: n('shipments'),
    returns: n('returns'),
    firstOrder: (row?.first_order as string | null) ?? null,
    lastOrder: (row?.last_order as string | null) ?? null,
    activeLoads: n('active_loads'),
    demoLoads: n('demo_loads'),
    lastLoadAt: (row?.last_load_at as string | null) ?? null,
    isDemo: n('demo_loads') > 0,
    demoOrders: n('demo_orders'),
    demoSetAside: n('demo_loads') === 0 && n('demo_undone') > 0,
    demoOrdersSetAside: n('demo_loads') === 0 ? n('demo_orders_undone') : 0,
  };
}

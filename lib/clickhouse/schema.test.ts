/**
 * The canonical schema on ClickHouse: the exact DDL of one table, its columns against DuckDB's,
 * and on the local two-shard cluster: idempotent creation on each shard, every row of an order
 * (lines, shipments, returns) on the order's shard, a newer load of a line winning under FINAL,
 * a tombstone hiding a line, and undo by dropping the load's partition. Expected values are
 * written by hand below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { canonicalTables, type CanonicalTable } from '@/lib/model/canonical';
import { clickhouseInstalled, clusterSuiteName, useLocalCluster } from '@/test/clickhouse-cluster';
import type { ClickHouseClient } from './client';
import {
  CANONICAL_SCHEMA_VERSION,
  canonicalColumns,
  canonicalDdl,
  ensureCanonicalSchema,
} from './schema';
import type { ParamValue } from './sql';

describe('canonicalDdl', () => {
  const ddl = canonicalDdl({ database: 'orderlens', cluster: 'main' });

  it('creates the database and the schema version table first', () => {
    expect(ddl.slice(0, 2)).toEqual([
      'CREATE DATABASE IF NOT EXISTS `orderlens`',
      [
        'CREATE TABLE IF NOT EXISTS `orderlens`.`schema_versions` (',
        '  `version` UInt32,',
        '  `name` String,',
        "  `applied_at` DateTime('UTC')",
        ') ENGINE = MergeTree',
        'ORDER BY `version`',
      ].join('\n'),
    ]);
    expect(ddl).toHaveLength(2 + 4 * canonicalTables.length);
  });

  it('gives orders a local table, a Distributed table by order, and their current views', () => {
    const orders = ddl.slice(2, 6);
    const fields = [
      '`order_id` String',
      "`order_ts` DateTime('UTC')",
      '`customer_id` Nullable(String)',
      '`channel` Nullable(String)',
      '`site` Nullable(String)',
      '`region` Nullable(String)',
      "`entered_ts` Nullable(DateTime('UTC'))",
      "`released_ts` Nullable(DateTime('UTC'))",
      "`promised_ship_ts` Nullable(DateTime('UTC'))",
      "`promised_delivery_ts` Nullable(DateTime('UTC'))",
      "`requested_delivery_ts` Nullable(DateTime('UTC'))",
      "`cancelled_ts` Nullable(DateTime('UTC'))",
      '`status` Nullable(String)',
      '`order_value` Nullable(Float64)',
      '`currency` Nullable(String)',
      '`customer_group` Nullable(String)',
    ];
    expect(orders).toEqual([
      [
        'CREATE TABLE IF NOT EXISTS `orderlens`.`orders_local` (',
        '  `nk` String,',
        ...fields.map((f) => `  ${f},`),
        '  `load_id` UInt64,',
        '  `is_deleted` UInt8',
        ') ENGINE = ReplacingMergeTree(`load_id`)',
        'PARTITION BY `load_id`',
        'ORDER BY (`order_id`, `nk`)',
      ].join('\n'),
      [
        'CREATE TABLE IF NOT EXISTS `orderlens`.`orders` AS `orderlens`.`orders_local`',
        'ENGINE = Distributed(`main`, `orderlens`, `orders_local`, cityHash64(`order_id`))',
      ].join('\n'),
      [
        'CREATE VIEW IF NOT EXISTS `orderlens`.`orders_current_local` AS',
        'SELECT `nk`, `order_id`, `order_ts`, `customer_id`, `channel`, `site`, `region`, `entered_ts`, `released_ts`, `promised_ship_ts`, `promised_delivery_ts`, `requested_delivery_ts`, `cancelled_ts`, `status`, `order_value`, `currency`, `customer_group`, `load_id`',
        'FROM `orderlens`.`orders_local` FINAL',
        'WHERE `is_deleted` = 0',
      ].join('\n'),
      [
        'CREATE TABLE IF NOT EXISTS `orderlens`.`orders_current` AS `orderlens`.`orders_current_local`',
        'ENGINE = Distributed(`main`, `orderlens`, `orders_current_local`)',
      ].join('\n'),
    ]);
  });

  it('quotes every name it is given', () => {
    const odd = canonicalDdl({ database: 'a`b', cluster: 'c' });
    expect(odd[0]).toBe('CREATE DATABASE IF NOT EXISTS `a\\`b`');
  });
});

describe("canonical columns match DuckDB's", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openMemoryDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  /** DuckDB column type → the ClickHouse type the schema gives it. */
  const MAPPED: Record<string, string> = {
    VARCHAR: 'String',
    TIMESTAMP: "DateTime('UTC')",
    DOUBLE: 'Float64',
    INTEGER: 'Int64', // widened: DuckDB's INTEGER fits, and JSON answers read both the same
    BIGINT: 'UInt64', // load_id only: ledger ids start at 1
    BOOLEAN: 'UInt8',
  };

  it.each(canonicalTables)(
    '%s: the same columns (plus is_deleted), the same nullability',
    async (table) => {
      const columns = await db.all<{ name: string; type: string; nullable: string }>(
        `SELECT column_name AS name, data_type AS type, is_nullable AS nullable
         FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
        [table],
      );
      const expected = columns.map((c) => {
        const base = MAPPED[c.type] ?? `unmapped ${c.type}`;
        return { name: c.name, type: c.nullable === 'YES' ? `Nullable(${base})` : base };
      });
      // DuckDB's order is its migrations' (columns added later follow load_id); ours is the model's.
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect(canonicalColumns(table).sort(byName)).toEqual(
        [...expected, { name: 'is_deleted', type: 'UInt8' }].sort(byName),
      );
    },
  );
});

// --- on the cluster -------------------------------------------------------------------------------

const NULL_ROW: ParamValue = null;
const ts = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
const US = '\x1f'; // the natural key separator of lib/ingest/load/canonical-rows.ts (chr(31))

/** A row in canonicalColumns order: nk, the given fields (others NULL), load_id, is_deleted. */
function rowOf(
  table: CanonicalTable,
  nk: string,
  fields: Record<string, ParamValue>,
  load: number,
  deleted = 0,
): ParamValue[] {
  return canonicalColumns(table).map((c) => {
    if (c.name === 'nk') return nk;
    if (c.name === 'load_id') return load;
    if (c.name === 'is_deleted') return deleted;
    return c.name in fields ? fields[c.name]! : NULL_ROW;
  });
}

const ORDER_IDS = ['O-1', 'O-2', 'O-3', 'O-4', 'O-5', 'O-6', 'O-7', 'O-8', 'O-9'];

/** Load 1: nine orders; O-1 has two lines, a shipment and a return; O-k (k ≥ 2) one line of k units. */
const LOAD_1 = {
  orders: ORDER_IDS.map((id, k) =>
    rowOf(
      'orders',
      id,
      {
        order_id: id,
        order_ts: ts(`2024-03-0${k + 1} 08:00:00`),
        channel: k % 2 ? 'edi' : 'web',
        order_value: 10 * (k + 1),
      },
      1,
    ),
  ),
  order_lines: [
    rowOf(
      'order_lines',
      `O-1${US}1`,
      { order_id: 'O-1', line_no: 1, sku: 'A', qty_ordered: 2, unit_price: 10.5 },
      1,
    ),
    rowOf(
      'order_lines',
      `O-1${US}2`,
      { order_id: 'O-1', line_no: 2, sku: 'B', qty_ordered: 5, unit_price: 3.25 },
      1,
    ),
    ...ORDER_IDS.slice(1).map((id, k) =>
      rowOf(
        'order_lines',
        `${id}${US}1`,
        { order_id: id, line_no: 1, sku: 'C', qty_ordered: k + 2 },
        1,
      ),
    ),
  ],
  shipments: [
    rowOf(
      'shipments',
      `SS-1${US}O-1${US}1`,
      {
        shipment_id: 'S-1',
        order_id: 'O-1',
        line_no: 1,
        qty_shipped: 2,
        ship_ts: ts('2024-03-02 09:00:00'),
        damaged: false,
      },
      1,
    ),
    rowOf(
      'shipments',
      `SS-3${US}O-3${US}1`,
      {
        shipment_id: 'S-3',
        order_id: 'O-3',
        line_no: 1,
        qty_shipped: 3,
        ship_ts: ts('2024-03-04 09:00:00'),
      },
      1,
    ),
  ],
  returns: [
    rowOf(
      'returns',
      'RR-1',
      {
        return_id: 'R-1',
        order_id: 'O-1',
        line_no: 1,
        qty_returned: 1,
        return_ts: ts('2024-03-10 12:00:00'),
        reason_category: 'damaged',
        return_value: 10.5,
      },
      1,
    ),
    rowOf(
      'returns',
      'RR-5',
      {
        return_id: 'R-5',
        order_id: 'O-5',
        line_no: 1,
        qty_returned: 2,
        return_ts: ts('2024-03-12 12:00:00'),
        reason_category: 'customer_choice',
      },
      1,
    ),
  ],
} satisfies Record<CanonicalTable, ParamValue[][]>;

/** Load 2: O-1 line 2 now 8 units at 3.5; O-2's only line removed (a tombstone). */
const LOAD_2_LINES = [
  rowOf(
    'order_lines',
    `O-1${US}2`,
    { order_id: 'O-1', line_no: 2, sku: 'B', qty_ordered: 8, unit_price: 3.5 },
    2,
  ),
  rowOf(
    'order_lines',
    `O-2${US}1`,
    { order_id: 'O-2', line_no: 1, sku: 'C', qty_ordered: 2 },
    2,
    1,
  ),
];

const LINES_SQL = 'SELECT order_id, line_no, qty_ordered, unit_price, load_id FROM';
const line = (
  order_id: string,
  line_no: number,
  qty: number,
  price: number | null,
  load: number,
) => ({
  order_id,
  line_no,
  qty_ordered: qty,
  unit_price: price,
  load_id: load,
});
/** Lines after load 1: O-k (k ≥ 2) holds k units. 10 lines, 2 + 5 + (2 + … + 9) = 51 units. */
const AFTER_LOAD_1 = [
  line('O-1', 1, 2, 10.5, 1),
  line('O-1', 2, 5, 3.25, 1),
  ...ORDER_IDS.slice(1).map((id, k) => line(id, 1, k + 2, null, 1)),
];
/** After load 2: O-1 line 2 is 8 units, O-2 is gone. 9 lines, 51 + 3 − 2 = 52 units. */
const AFTER_LOAD_2 = [
  line('O-1', 1, 2, 10.5, 1),
  line('O-1', 2, 8, 3.5, 2),
  ...ORDER_IDS.slice(2).map((id, k) => line(id, 1, k + 3, null, 1)),
];

/** The distinct order ids of a shard's local table. */
async function ordersOn(shard: ClickHouseClient, table: CanonicalTable): Promise<string[]> {
  const rows = await shard.query<{ order_id: string }>(
    `SELECT DISTINCT order_id FROM ${table}_local ORDER BY order_id`,
  );
  return rows.map((r) => r.order_id);
}

describe.skipIf(!clickhouseInstalled)(
  clusterSuiteName('lib/clickhouse/schema on the local cluster'),
  () => {
    const cluster = useLocalCluster();

    it('creates the schema on each shard once, and checks it was given every shard', async () => {
      const { client, shards, engine } = cluster();
      expect(await ensureCanonicalSchema(client, shards, engine.cluster)).toEqual([
        { shard: 1, httpUrl: shards[0].httpUrl, applied: true },
        { shard: 2, httpUrl: shards[1].httpUrl, applied: true },
      ]);
      expect(
        (await ensureCanonicalSchema(client, shards, engine.cluster)).map((s) => s.applied),
      ).toEqual([false, false]);
      for (const shard of shards) {
        const tables = await shard.query<{ name: string }>(
          'SELECT name FROM system.tables WHERE database = $1 ORDER BY name',
          [engine.database],
        );
        expect(tables.map((t) => t.name)).toEqual([
          'order_lines',
          'order_lines_current',
          'order_lines_current_local',
          'order_lines_local',
          'orders',
          'orders_current',
          'orders_current_local',
          'orders_local',
          'returns',
          'returns_current',
          'returns_current_local',
          'returns_local',
          'schema_versions',
          'shipments',
          'shipments_current',
          'shipments_current_local',
          'shipments_local',
        ]);
        const [version] = await shard.query('SELECT max(version) AS v FROM schema_versions');
        expect(version).toEqual({ v: CANONICAL_SCHEMA_VERSION });
      }
      await expect(ensureCanonicalSchema(client, [shards[0]], engine.cluster)).rejects.toThrow(
        /no address was given for shard 2 replica 1, so the schema cannot be created there/,
      );
      await expect(
        ensureCanonicalSchema(client, [shards[0], shards[0]], engine.cluster),
      ).rejects.toThrow(/are the same server of cluster orderlens/);
      await expect(ensureCanonicalSchema(client, shards, 'elsewhere')).rejects.toThrow(
        'ClickHouse has no cluster elsewhere',
      );
    });

    it('creates a database that does not exist yet, on every shard', async () => {
      const { client, shards, engine } = cluster();
      const fresh = [client, ...shards].map((c) => c.withDatabase('orderlens_fresh'));
      const applied = await ensureCanonicalSchema(fresh[0]!, fresh.slice(1), engine.cluster);
      expect(applied.map((s) => s.applied)).toEqual([true, true]);
      for (const shard of shards) {
        const [row] = await shard.query<{ n: number }>(
          "SELECT count() AS n FROM system.tables WHERE database = 'orderlens_fresh'",
        );
        expect(Number(row!.n)).toBe(17);
        await shard.command('DROP DATABASE orderlens_fresh');
      }
    });

    it('puts every row of an order, in all four tables, on one shard', async () => {
      const { client, shards } = cluster();
      for (const table of canonicalTables) {
        const columns = canonicalColumns(table).map((c) => c.name);
        expect(await client.insertRows(table, columns, LOAD_1[table])).toBe(LOAD_1[table].length);
      }
      const [orders1, orders2] = await Promise.all(shards.map((s) => ordersOn(s, 'orders')));
      expect(orders1!.length).toBeGreaterThan(0);
      expect(orders2!.length).toBeGreaterThan(0);
      expect([...orders1!, ...orders2!].sort()).toEqual(ORDER_IDS);
      for (const table of ['order_lines', 'shipments', 'returns'] as const) {
        const [on1, on2] = await Promise.all(shards.map((s) => ordersOn(s, table)));
        expect(on1!.every((id) => orders1!.includes(id))).toBe(true);
        expect(on2!.every((id) => orders2!.includes(id))).toBe(true);
      }
      // O-1's two lines, shipment and return sit where O-1 does.
      const home = orders1!.includes('O-1') ? shards[0] : shards[1];
      const [o1] = await home.query(
        `SELECT (SELECT count() FROM order_lines_local WHERE order_id = $1) AS lines,
              (SELECT count() FROM shipments_local WHERE order_id = $1) AS shipments,
              (SELECT count() FROM returns_local WHERE order_id = $1) AS returns`,
        ['O-1'],
      );
      expect(o1).toEqual({ lines: 2, shipments: 1, returns: 1 });
      expect(
        await client.query(`${LINES_SQL} order_lines_current ORDER BY order_id, line_no`),
      ).toEqual(AFTER_LOAD_1);
    });

    it('reads the newest load of a line and hides a tombstoned one, through FINAL and the current view', async () => {
      const { client, shards } = cluster();
      const columns = canonicalColumns('order_lines').map((c) => c.name);
      await client.insertRows('order_lines', columns, LOAD_2_LINES);

      expect(
        await client.query(
          `${LINES_SQL} order_lines FINAL WHERE is_deleted = 0 ORDER BY order_id, line_no`,
        ),
      ).toEqual(AFTER_LOAD_2);
      expect(
        await client.query(`${LINES_SQL} order_lines_current ORDER BY order_id, line_no`),
      ).toEqual(AFTER_LOAD_2);
      expect(
        await client.query(
          'SELECT count() AS n, sum(qty_ordered) AS units FROM order_lines_current',
        ),
      ).toEqual([{ n: 9, units: 52 }]);
      // A filter on the replaced value finds nothing: it applies after FINAL, not before.
      expect(
        await client.query(
          `${LINES_SQL} order_lines_current WHERE qty_ordered = 5 AND order_id = 'O-1'`,
        ),
      ).toEqual([]);
      expect(
        await client.query(`${LINES_SQL} order_lines_current WHERE order_id = $1`, ['O-2']),
      ).toEqual([]);
      // Both versions are still stored: the replaced one in load 1's partition.
      const [stored] = await client.query('SELECT count() AS n FROM order_lines');
      expect(stored).toEqual({ n: 12 });

      // A shard-local join: the Distributed view on the left, each shard's own view on the right.
      const shipped = await client.query(
        `SELECT order_id, line_no, shipped FROM order_lines_current
         ALL LEFT JOIN (SELECT order_id, line_no, sum(qty_shipped) AS shipped
                          FROM orderlens.shipments_current_local GROUP BY order_id, line_no)
         USING (order_id, line_no)
        WHERE order_id IN ($1, $2, $3) ORDER BY order_id, line_no`,
        ['O-1', 'O-3', 'O-4'],
      );
      expect(shipped).toEqual([
        { order_id: 'O-1', line_no: 1, shipped: 2 },
        // No match: the default of the right column's type, NULL for a Nullable sum (as in SQL).
        { order_id: 'O-1', line_no: 2, shipped: null },
        { order_id: 'O-3', line_no: 1, shipped: 3 },
        { order_id: 'O-4', line_no: 1, shipped: null },
      ]);

      // Undo of load 2: drop its partition on every shard; load 1's rows show again.
      for (const shard of shards)
        await shard.command('ALTER TABLE orderlens.order_lines_local DROP PARTITION 2');
      expect(
        await client.query(`${LINES_SQL} order_lines_current ORDER BY order_id, line_no`),
      ).toEqual(AFTER_LOAD_1);
    });
  },
);

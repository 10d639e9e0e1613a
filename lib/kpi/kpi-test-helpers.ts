/** Load the hand-made KPI fixture (lib/kpi/fixtures) into an in-memory database, for KPI tests. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { fixtureMapping } from '@/test/fixture-mapping';
import { canonicalTables } from '@/lib/model/canonical';

export async function loadKpiFixture(dir = path.join(__dirname, 'fixtures')): Promise<Database> {
  const db = await openMemoryDatabase();
  for (const table of canonicalTables) {
    const file = path.join(dir, `${table}.csv`);
    const report = await loadExtract(db, { file, mapping: await fixtureMapping(file, table) });
    if (report.status !== 'loaded') throw new Error(`fixture ${table}: ${report.message}`);
  }
  return db;
}

/**
 * Five orders over three months; the last event is O5's shipment on 2024-03-15 12:00, so March is
 * half over in the data.
 *
 * | order | ordered     | shipped (h after order) | delivered (days after order) |
 * | O1    | 01-10 08:00 | 01-11 08:00 (24 h)      | 01-13 08:00 (3 d)            |
 * | O2    | 02-05 08:00 | 02-07 08:00 (48 h)      | 02-09 08:00 (4 d)            |
 * | O3    | 03-01 08:00 | 03-02 08:00 (24 h)      | 03-04 08:00 (3 d)            |
 * | O4    | 03-10 08:00 | not yet                 | not yet                      |
 * | O5    | 03-12 08:00 | 03-15 12:00 (76 h)      | not yet                      |
 *
 * O1's return (received 01-20, credited 01-22) is earlier than the horizon.
 */
const halfMonthFiles = {
  'orders.csv': [
    'order_id,order_ts,customer_id,channel,site,region,entered_ts,released_ts,promised_ship_ts,promised_delivery_ts,requested_delivery_ts,cancelled_ts,status,order_value,currency',
    'O1,2024-01-10 08:00:00,C1,web,DC1,North,,,2024-01-11,2024-01-14,,,closed,10,EUR',
    'O2,2024-02-05 08:00:00,C1,web,DC1,North,,,2024-02-06,2024-02-08,,,closed,10,EUR',
    'O3,2024-03-01 08:00:00,C1,web,DC1,North,,,2024-03-02,2024-03-05,,,closed,10,EUR',
    'O4,2024-03-10 08:00:00,C1,web,DC1,North,,,2024-03-11,2024-03-14,,,open,10,EUR',
    'O5,2024-03-12 08:00:00,C1,web,DC1,North,,,2024-03-13,2024-03-16,,,open,10,EUR',
  ],
  'order_lines.csv': [
    'order_id,line_no,sku,qty_ordered,unit_price,qty_cancelled,promised_ship_ts,promised_delivery_ts',
    ...['O1', 'O2', 'O3', 'O4', 'O5'].map((o) => `${o},1,S1,1,10,,,`),
  ],
  'shipments.csv': [
    'shipment_id,order_id,line_no,sku,qty_shipped,ship_ts,delivered_ts,carrier,ship_mode,site,damaged,documentation_error',
    'S1,O1,1,S1,1,2024-01-11 08:00:00,2024-01-13 08:00:00,DHL,standard,DC1,false,false',
    'S2,O2,1,S1,1,2024-02-07 08:00:00,2024-02-09 08:00:00,DHL,standard,DC1,false,false',
    'S3,O3,1,S1,1,2024-03-02 08:00:00,2024-03-04 08:00:00,DHL,standard,DC1,false,false',
    'S5,O5,1,S1,1,2024-03-15 12:00:00,,DHL,standard,DC1,false,false',
  ],
  'returns.csv': [
    'return_id,order_id,line_no,sku,qty_returned,return_ts,credited_ts,reason_code,reason_category,return_value',
    'R1,O1,1,S1,1,2024-01-20 10:00:00,2024-01-22 10:00:00,CUST,customer_choice,10',
  ],
};

/** Write the half-over-March fixture and load it. */
export function loadHalfMonthFixture(): Promise<Database> {
  return loadFixtureFiles(halfMonthFiles);
}

/** Write a test's own fixture (file name → lines, every canonical table) and load it. */
export async function loadFixtureFiles(files: Record<string, string[]>): Promise<Database> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kpi-fixture-'));
  for (const [name, lines] of Object.entries(files))
    await writeFile(path.join(dir, name), `${lines.join('\n')}\n`);
  return loadKpiFixture(dir);
}

/**
 * Issue 12: the automatic mapping judges a column by its values as well as its header, says what
 * it could not find and what that costs, and does not call a list of people an order extract.
 * Fixtures are small CSVs in lib/ingest/fixtures/, previewed as the upload wizard previews them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '@/lib/db/database';
import { loadExtract } from '../load/load-extract';
import { previewUpload } from '../load/preview';
import { proposeMapping } from './automap';
import { kpisWithout } from './automap-kpis';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);

async function preview(name: string, settings: { delimiter?: string } = {}) {
  const db = await openMemoryDatabase();
  return previewUpload(db, fixture(name), name, { settings });
}

describe('id columns must look like ids', () => {
  it('does not take a zip prefix for the customer or a category for the SKU (Olist style)', async () => {
    const { proposal, headers, samples } = await preview('olist-style-orders.csv');
    expect(proposal.target).toBe('orders');
    expect(proposal.status).toBe('ok');
    expect(proposal.columns).toEqual({
      order_id: 'id',
      order_ts: 'order_purchase_timestamp',
      status: 'order_status',
    });
    expect(proposal.doubts).toEqual(
      expect.arrayContaining([
        {
          field: 'customer_id',
          source: 'customer_zip_code_prefix',
          reason: '"zip" in the header: a place, postal code or grouping, not an id',
        },
        {
          field: 'customer_id',
          source: 'customer_key',
          reason: 'the values look like postal codes (3 to 5 digits, repeated)',
        },
      ]),
    );
    // Orders have no SKU; read as a flat extract, the category is no SKU either.
    const flat = proposeMapping(headers, { target: 'flat', samples });
    expect(flat.columns.sku).toBeUndefined();
    expect(flat.proposals.filter((p) => p.field === 'sku')).toEqual([]);
    expect(flat.doubts).toContainEqual({
      field: 'sku',
      source: 'product_group',
      reason: 'the values are a few words repeated (3 distinct in 12): a category',
    });
    // Nothing doubtful is offered as a suggestion either.
    expect(proposal.proposals.filter((p) => p.field === 'customer_id')).toEqual([]);
  });

  it('takes the same header when its values are customer numbers', () => {
    const unique = Array.from({ length: 12 }, (_, i) => String(40_100 + i));
    const p = proposeMapping(['Order ID', 'Order Date', 'customer_key'], {
      samples: { customer_key: unique },
    });
    expect(p.columns.customer_id).toBe('customer_key');
  });

  it('in an orders file an order id that repeats is not the order id; in a lines file it is', () => {
    const headers = ['Order ID', 'Order Date', 'Quantity'];
    const samples = { 'Order ID': ['SO-1', 'SO-1', 'SO-2'], 'Order Date': ['2024-03-01'] };
    const orders = proposeMapping(headers, { target: 'orders', samples });
    expect(orders.columns.order_id).toBeUndefined();
    expect(orders.unmappedRequired).toEqual(['order_id']);
    expect(orders.doubts).toEqual([
      {
        field: 'order_id',
        source: 'Order ID',
        reason: 'the values repeat (2 distinct in 3 rows): an orders file has one row per order',
      },
    ]);
    expect(proposeMapping(headers, { target: 'order_lines', samples }).columns.order_id).toBe(
      'Order ID',
    );
  });

  it('an order number must have digits, a date field dates and a quantity numbers', () => {
    const p = proposeMapping(['Order', 'Order Date', 'Quantity'], {
      samples: {
        Order: ['Anna Berg', 'Jonas Weiss', 'Maria Lopez'],
        'Order Date': ['soon', 'later', 'never'],
        Quantity: ['a few', 'many', 'one'],
      },
    });
    expect(p.recognised).toEqual({});
    expect(p.doubts).toContainEqual({
      field: 'order_id',
      source: 'Order',
      reason: 'the values are not document numbers (no digits, or free text)',
    });
    // Halved below the mapping threshold: suggested at most, never mapped.
    expect(p.proposals.find((x) => x.field === 'order_ts')?.confidence).toBe(0.48);
  });
});

describe('a file that is not order data', () => {
  it('says a list of people does not look like an order extract and proposes nothing', async () => {
    const { proposal } = await preview('people.csv');
    expect(proposal.status).toBe('not_orders');
    expect(proposal.columns).toEqual({});
    expect(proposal.recognised).toEqual({ customer_id: 'name' });
    expect(proposal.message).toBe(
      'Recognised customer_id ← "name", and nothing else: this does not look like an order ' +
        'extract (no order number, order date, quantity, shipment or return column was found). ' +
        'Choose the table and map the columns by hand if it is one.',
    );
  });

  it('a returns list of one strong column (Superstore Returns.csv) is still one', () => {
    const p = proposeMapping(['Returned', 'Order ID'], {
      samples: { Returned: ['Yes', 'Yes'], 'Order ID': ['CA-2014-153822', 'CA-2014-129707'] },
    });
    expect(p).toMatchObject({ status: 'ok', target: 'returns', columns: { order_id: 'Order ID' } });
  });
});

describe('SAP returns with German headers', () => {
  it('maps the technical names: VBELN is the return, AUBEL the order', async () => {
    const { proposal, detected } = await preview('sap-returns.csv');
    expect(proposal.target).toBe('returns');
    expect(proposal.system).toBe('sap');
    expect(proposal.columns).toEqual({
      return_id: 'VBELN',
      order_id: 'AUBEL',
      sku: 'MATNR',
      qty_returned: 'MENGE',
      return_ts: 'EINGANG',
      credited_ts: 'GUTSCHRIFT',
      reason_code: 'GRUND',
    });
    expect(proposal.status).toBe('ok');
    // 1,000 and 2,500 with nothing else numeric: the preview says it cannot tell.
    expect(detected.separators?.undecided).toMatch(/^Column "MENGE": "1,000" and "2,500" read as/);
  });

  it('maps the ALV names', async () => {
    const { proposal } = await preview('sap-returns-alv.csv');
    expect(proposal.target).toBe('returns');
    expect(proposal.columns).toEqual({
      return_id: 'Retourenauftrag',
      order_id: 'Kundenauftrag',
      sku: 'Material',
      qty_returned: 'Menge',
      return_ts: 'Eingangsdatum',
      credited_ts: 'Gutschriftsdatum',
      reason_code: 'Retourengrund',
    });
  });

  it('VBELN alone in a returns list is the order it refers to', () => {
    const p = proposeMapping(['VBELN', 'MENGE', 'EINGANG', 'GRUND']);
    expect(p.columns).toMatchObject({ order_id: 'VBELN', qty_returned: 'MENGE' });
  });
});

describe('what the unmapped fields cost', () => {
  const catalogue = [
    { name: 'On-time delivery', needs: ['orders.promised_delivery_ts', 'shipments.delivered_ts'] },
    { name: 'Cancellation rate', needs: ['orders.cancelled_ts|orders.status'] },
    { name: 'Return rate', needs: ['returns', 'shipments.ship_ts'] },
  ];

  it('names the KPIs each unmapped field of the target feeds', () => {
    expect(kpisWithout('orders', ['order_id', 'order_ts'], catalogue)).toEqual([
      { field: 'promised_delivery_ts', kpis: ['On-time delivery'] },
      { field: 'cancelled_ts', kpis: ['Cancellation rate'] },
      { field: 'status', kpis: ['Cancellation rate'] },
    ]);
    // One alternative mapped is enough.
    expect(kpisWithout('orders', ['status'], catalogue).map((x) => x.field)).toEqual([
      'promised_delivery_ts',
    ]);
    expect(kpisWithout('shipments', ['order_id'], catalogue)).toEqual([
      { field: 'ship_ts', kpis: ['Return rate'] },
      { field: 'delivered_ts', kpis: ['On-time delivery'] },
    ]);
  });

  it('lists every unmapped field of the target, required first', () => {
    const p = proposeMapping(['Order ID', 'Customer'], { target: 'orders' });
    expect(p.unmappedRequired).toEqual(['order_ts']);
    expect(p.unmappedFields.slice(0, 3)).toEqual(['order_ts', 'channel', 'site']);
    expect(p.unmappedFields).not.toContain('customer_id');
    expect(p.status).toBe('incomplete');
    expect(p.message).toBe('Mapped 2 of 16 fields. Required and not found: order_ts.');
  });
});

describe('a load with no mapping', () => {
  it('judges the columns by their values as the wizard does: the zip-like customer key is not the customer', async () => {
    const db = await openMemoryDatabase();
    const report = await loadExtract(db, { file: fixture('olist-style-orders.csv') });
    expect(report.status).toBe('loaded');
    expect(report.mapping!.columns).toEqual({
      order_id: 'id',
      order_ts: 'order_purchase_timestamp',
      status: 'order_status',
    });
    expect(report.warnings.join(' ')).toMatch(/none was recognised for .*customer_id/);
    const customers = await db.all<{ n: number }>(
      'SELECT count(*) AS n FROM orders WHERE customer_id IS NOT NULL',
    );
    expect(customers[0]!.n).toBe(0);
  });
});

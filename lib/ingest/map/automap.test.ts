import { describe, expect, it } from 'vitest';
import {
  canonicalFields,
  canonicalTables,
  mappingTargets,
  type MappingTarget,
} from '@/lib/model/canonical';
import { proposeMapping, type MappingProposal } from './automap';
import { MAPPING_THRESHOLD } from './automap-candidates';
import { normaliseHeader } from './automap-words';
import { headerSynonyms } from './synonyms';

const split = (csv: string) => csv.split(',');
const confidenceOf = (p: MappingProposal, field: string, source: string) =>
  p.proposals.find((x) => x.field === field && x.source === source)?.confidence;

const superstore = split(
  'Row ID,Order ID,Order Date,Ship Date,Ship Mode,Customer ID,Customer Name,Segment,Country,City,State,' +
    'Postal Code,Region,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Discount,Profit',
);
const olist = split(
  'order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,' +
    'order_estimated_delivery_date,order_delivered_customer_date,order_delivered_carrier_date',
);

describe('normaliseHeader', () => {
  it.each([
    ['Order-Date ', 'orderdate'],
    ['\uFEFFOrder ID', 'orderid'],
    [' order date ', 'orderdate'],
    ['Währung', 'wahrung'],
    ['WADAT_IST', 'wadatist'],
    ['Quantity Fulfilled/Received', 'quantityfulfilledreceived'],
    ['Straße', 'strasse'],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseHeader(input)).toBe(expected);
  });
});

describe('synonyms data', () => {
  it('only names canonical fields', () => {
    const names = new Set(canonicalTables.flatMap((t) => canonicalFields[t].map((f) => f.name)));
    expect(Object.keys(headerSynonyms).filter((field) => !names.has(field))).toEqual([]);
  });
});

interface Case {
  name: string;
  headers: string[];
  target: MappingTarget;
  system: MappingProposal['system'];
  columns: Record<string, string>;
  unused?: string[];
}

const systemCases: Case[] = [
  {
    name: 'SAP sales order (VBAK/VBAP technical names)',
    headers: split(
      'VBELN,POSNR,ERDAT,ERZET,AUDAT,KUNNR,VKORG,VTWEG,WERKS,MATNR,KWMENG,NETWR,WAERK,ABGRU,VDATU',
    ),
    target: 'flat',
    system: 'sap',
    columns: {
      order_id: 'VBELN',
      line_no: 'POSNR',
      order_ts: 'AUDAT',
      entered_ts: 'ERDAT',
      customer_id: 'KUNNR',
      channel: 'VTWEG',
      site: 'WERKS',
      sku: 'MATNR',
      qty_ordered: 'KWMENG',
      order_value: 'NETWR',
      currency: 'WAERK',
      status: 'ABGRU',
      requested_delivery_ts: 'VDATU',
    },
    unused: ['ERZET', 'VKORG'],
  },
  {
    name: 'SAP delivery (LIKP/LIPS): VBELN is the delivery, VGBEL/VGPOS the order',
    headers: split(
      'VBELN,POSNR,VGBEL,VGPOS,MATNR,LFIMG,WADAT_IST,WADAT,LFDAT,PODAT,VSTEL,TDLNR,VSART,ROUTE',
    ),
    target: 'shipments',
    system: 'sap',
    columns: {
      shipment_id: 'VBELN',
      order_id: 'VGBEL',
      line_no: 'VGPOS',
      sku: 'MATNR',
      qty_shipped: 'LFIMG',
      ship_ts: 'WADAT_IST',
      delivered_ts: 'PODAT',
      site: 'VSTEL',
      carrier: 'TDLNR',
      ship_mode: 'VSART',
    },
    unused: ['POSNR', 'WADAT', 'LFDAT', 'ROUTE'],
  },
  {
    name: 'SAP German ALV headers',
    headers: split(
      'Verkaufsbeleg,Position,Angelegt am,Auftraggeber,Material,Werk,Auftragsmenge,Wunschlieferdatum,Nettowert,Währung',
    ),
    target: 'flat',
    system: 'sap',
    columns: {
      order_id: 'Verkaufsbeleg',
      line_no: 'Position',
      order_ts: 'Angelegt am',
      entered_ts: 'Angelegt am',
      customer_id: 'Auftraggeber',
      sku: 'Material',
      site: 'Werk',
      qty_ordered: 'Auftragsmenge',
      requested_delivery_ts: 'Wunschlieferdatum',
      order_value: 'Nettowert',
      currency: 'Währung',
    },
  },
  {
    name: 'SAP German delivery headers',
    headers: split(
      'Lieferung,Referenzbeleg,Referenzposition,Material,Liefermenge,Ist-Warenausgangsdatum,Warenausgangsdatum',
    ),
    target: 'shipments',
    system: 'sap',
    columns: {
      shipment_id: 'Lieferung',
      order_id: 'Referenzbeleg',
      line_no: 'Referenzposition',
      sku: 'Material',
      qty_shipped: 'Liefermenge',
      ship_ts: 'Ist-Warenausgangsdatum',
    },
    unused: ['Warenausgangsdatum'],
  },
  {
    name: 'SAP English ALV headers ("Item" is the line here)',
    headers: [
      'Sales Document',
      'Item',
      'Created On',
      'Document Date',
      'Sold-To Party',
      'Distribution Channel',
      'Plant',
      'Material',
      'Order Quantity',
      'Net Value',
      'Document Currency',
      'Reason for rejection',
      'Req. deliv.date',
    ],
    target: 'flat',
    system: 'sap',
    columns: {
      order_id: 'Sales Document',
      line_no: 'Item',
      entered_ts: 'Created On',
      order_ts: 'Document Date',
      customer_id: 'Sold-To Party',
      channel: 'Distribution Channel',
      site: 'Plant',
      sku: 'Material',
      qty_ordered: 'Order Quantity',
      order_value: 'Net Value',
      currency: 'Document Currency',
      status: 'Reason for rejection',
      requested_delivery_ts: 'Req. deliv.date',
    },
  },
  {
    name: 'NetSuite sales order saved search',
    headers: [
      'Internal ID',
      'Document Number',
      'Date',
      'Date Created',
      'Name',
      'Item',
      'Line ID',
      'Quantity',
      'Quantity Committed',
      'Quantity Fulfilled/Received',
      'Quantity Billed',
      'Ship Date',
      'Actual Ship Date',
      'Location',
      'Ship Via',
      'Status',
      'Amount',
      'Currency',
      'Memo',
    ],
    target: 'flat',
    system: 'netsuite',
    columns: {
      order_id: 'Document Number',
      order_ts: 'Date',
      entered_ts: 'Date Created',
      customer_id: 'Name',
      sku: 'Item',
      line_no: 'Line ID',
      qty_ordered: 'Quantity',
      qty_shipped: 'Quantity Fulfilled/Received',
      promised_ship_ts: 'Ship Date',
      ship_ts: 'Actual Ship Date',
      site: 'Location',
      ship_mode: 'Ship Via',
      status: 'Status',
      order_value: 'Amount',
      currency: 'Currency',
    },
    unused: ['Internal ID', 'Quantity Committed', 'Quantity Billed', 'Memo'],
  },
  {
    name: 'NetSuite item fulfilment search: Created From is the order',
    headers: split(
      'Document Number,Created From,Date,Item,Quantity,Line ID,Ship Via,Tracking Numbers,Location',
    ),
    target: 'shipments',
    system: 'netsuite',
    columns: {
      shipment_id: 'Document Number',
      order_id: 'Created From',
      ship_ts: 'Date',
      sku: 'Item',
      qty_shipped: 'Quantity',
      line_no: 'Line ID',
      ship_mode: 'Ship Via',
      site: 'Location',
    },
    unused: ['Tracking Numbers'],
  },
  {
    name: 'Dynamics 365 F&O sales lines (technical names)',
    headers: [
      'SalesId',
      'LineNum',
      'ItemId',
      'SalesQty',
      'CustAccount',
      'InventSiteId',
      'InventLocationId',
      'ShippingDateRequested',
      'ShippingDateConfirmed',
      'ReceiptDateRequested',
      'ReceiptDateConfirmed',
      'DlvMode',
      'CreatedDateTime',
      'SalesStatus',
      'CurrencyCode',
      'LineAmount',
    ],
    target: 'flat',
    system: 'dynamics',
    columns: {
      order_id: 'SalesId',
      line_no: 'LineNum',
      sku: 'ItemId',
      qty_ordered: 'SalesQty',
      customer_id: 'CustAccount',
      site: 'InventSiteId',
      promised_ship_ts: 'ShippingDateConfirmed',
      requested_delivery_ts: 'ReceiptDateRequested',
      promised_delivery_ts: 'ReceiptDateConfirmed',
      ship_mode: 'DlvMode',
      order_ts: 'CreatedDateTime',
      entered_ts: 'CreatedDateTime',
      status: 'SalesStatus',
      currency: 'CurrencyCode',
    },
    unused: ['InventLocationId', 'ShippingDateRequested', 'LineAmount'],
  },
  {
    name: 'Dynamics 365 labels',
    headers: [
      'Sales order',
      'Line number',
      'Item number',
      'Quantity',
      'Customer account',
      'Site',
      'Warehouse',
      'Requested ship date',
      'Confirmed ship date',
      'Requested receipt date',
      'Confirmed receipt date',
      'Mode of delivery',
      'Created date and time',
    ],
    target: 'flat',
    system: 'dynamics',
    columns: {
      order_id: 'Sales order',
      line_no: 'Line number',
      sku: 'Item number',
      qty_ordered: 'Quantity',
      customer_id: 'Customer account',
      site: 'Site',
      promised_ship_ts: 'Confirmed ship date',
      requested_delivery_ts: 'Requested receipt date',
      promised_delivery_ts: 'Confirmed receipt date',
      ship_mode: 'Mode of delivery',
      order_ts: 'Created date and time',
      entered_ts: 'Created date and time',
    },
    unused: ['Warehouse', 'Requested ship date'],
  },
  {
    name: 'Dynamics packing slips',
    headers: split('PackingSlipId,SalesId,ItemId,Quantity,DeliveryDate,DlvMode,InventSiteId'),
    target: 'shipments',
    system: 'dynamics',
    columns: {
      shipment_id: 'PackingSlipId',
      order_id: 'SalesId',
      sku: 'ItemId',
      qty_shipped: 'Quantity',
      ship_ts: 'DeliveryDate',
      ship_mode: 'DlvMode',
      site: 'InventSiteId',
    },
  },
  {
    name: 'Shopify order export',
    headers: [
      'Name',
      'Email',
      'Financial Status',
      'Paid at',
      'Fulfillment Status',
      'Fulfilled at',
      'Currency',
      'Subtotal',
      'Shipping',
      'Total',
      'Shipping Method',
      'Created at',
      'Lineitem quantity',
      'Lineitem name',
      'Lineitem price',
      'Lineitem sku',
      'Lineitem fulfillment status',
      'Cancelled at',
      'Shipping Province',
      'Shipping Country',
      'Source',
      'Location',
    ],
    target: 'flat',
    system: 'shopify',
    columns: {
      order_id: 'Name',
      customer_id: 'Email',
      released_ts: 'Paid at',
      status: 'Fulfillment Status',
      ship_ts: 'Fulfilled at',
      currency: 'Currency',
      order_value: 'Total',
      ship_mode: 'Shipping Method',
      order_ts: 'Created at',
      qty_ordered: 'Lineitem quantity',
      unit_price: 'Lineitem price',
      sku: 'Lineitem sku',
      cancelled_ts: 'Cancelled at',
      region: 'Shipping Province',
      channel: 'Source',
      site: 'Location',
    },
    unused: [
      'Financial Status',
      'Subtotal',
      'Shipping',
      'Lineitem name',
      'Lineitem fulfillment status',
      'Shipping Country',
    ],
  },
  {
    name: 'Plain English order lines',
    headers: split(
      'Order Number,Line No,SKU,Qty Ordered,Qty Shipped,Unit Price,Order Date,Shipped Date,Carrier',
    ),
    target: 'flat',
    system: 'generic',
    columns: {
      order_id: 'Order Number',
      line_no: 'Line No',
      sku: 'SKU',
      qty_ordered: 'Qty Ordered',
      qty_shipped: 'Qty Shipped',
      unit_price: 'Unit Price',
      order_ts: 'Order Date',
      ship_ts: 'Shipped Date',
      carrier: 'Carrier',
    },
  },
  {
    name: 'Plain English orders with promise dates',
    headers: split(
      'Order No,Order Date,Customer,Channel,DC,Region,Promised Date,Requested Date,Status,Cancelled Date,Currency',
    ),
    target: 'orders',
    system: 'generic',
    columns: {
      order_id: 'Order No',
      order_ts: 'Order Date',
      customer_id: 'Customer',
      channel: 'Channel',
      site: 'DC',
      region: 'Region',
      promised_delivery_ts: 'Promised Date',
      requested_delivery_ts: 'Requested Date',
      status: 'Status',
      cancelled_ts: 'Cancelled Date',
      currency: 'Currency',
    },
  },
  {
    name: 'Plain English shipments',
    headers: split(
      'Shipment ID,Order ID,Line,Item,Ship Date,Delivered Date,Carrier,Ship Mode,Warehouse',
    ),
    target: 'shipments',
    system: 'generic',
    columns: {
      shipment_id: 'Shipment ID',
      order_id: 'Order ID',
      line_no: 'Line',
      sku: 'Item',
      ship_ts: 'Ship Date',
      delivered_ts: 'Delivered Date',
      carrier: 'Carrier',
      ship_mode: 'Ship Mode',
      site: 'Warehouse',
    },
  },
  {
    name: 'Plain English returns',
    headers: split('RMA,Order ID,Line No,SKU,Qty Returned,Return Date,Credit Date,Reason Code'),
    target: 'returns',
    system: 'generic',
    columns: {
      return_id: 'RMA',
      order_id: 'Order ID',
      line_no: 'Line No',
      sku: 'SKU',
      qty_returned: 'Qty Returned',
      return_ts: 'Return Date',
      credited_ts: 'Credit Date',
      reason_code: 'Reason Code',
    },
  },
];

describe('source systems', () => {
  it.each(systemCases)('$name', ({ headers, target, system, columns, unused }) => {
    const p = proposeMapping(headers);
    expect(p.target).toBe(target);
    expect(p.system).toBe(system);
    expect(p.columns).toEqual(columns);
    expect(p.unmappedRequired).toEqual([]);
    if (unused) expect(p.unusedHeaders).toEqual(unused);
  });

  it('names SAP technical fields in the reason', () => {
    const p = proposeMapping(['VBELN', 'POSNR', 'KWMENG']);
    expect(p.proposals.find((x) => x.field === 'order_id')).toEqual({
      field: 'order_id',
      source: 'VBELN',
      confidence: 0.95,
      reason: 'SAP field VBELN',
    });
  });
});

describe('datasets', () => {
  it('Superstore orders -> flat, Row ID as line number at 0.6', () => {
    const p = proposeMapping(superstore);
    expect(p.target).toBe('flat');
    expect(p.system).toBe('generic');
    expect(p.columns).toEqual({
      order_id: 'Order ID',
      order_ts: 'Order Date',
      customer_id: 'Customer ID',
      region: 'Region',
      line_no: 'Row ID',
      sku: 'Product ID',
      qty_ordered: 'Quantity',
      ship_ts: 'Ship Date',
      ship_mode: 'Ship Mode',
    });
    expect(confidenceOf(p, 'line_no', 'Row ID')).toBe(0.6);
    expect(p.unusedHeaders).toContain('Sales');
    expect(p.unmappedRequired).toEqual([]);
  });

  it('Superstore Returns -> returns', () => {
    const p = proposeMapping(['Returned', 'Order ID']);
    expect(p.target).toBe('returns');
    expect(p.columns).toEqual({ order_id: 'Order ID' });
    expect(p.unusedHeaders).toEqual(['Returned']);
  });

  it('Olist orders -> flat: the delivery dates feed the shipment, no quantity needed', () => {
    const p = proposeMapping(olist);
    expect(p.target).toBe('flat');
    expect(p.columns).toEqual({
      order_id: 'order_id',
      order_ts: 'order_purchase_timestamp',
      customer_id: 'customer_id',
      released_ts: 'order_approved_at',
      promised_delivery_ts: 'order_estimated_delivery_date',
      delivered_ts: 'order_delivered_customer_date',
      ship_ts: 'order_delivered_carrier_date',
      status: 'order_status',
    });
    expect(p.unmappedRequired).toEqual([]);
    expect(confidenceOf(p, 'order_id', 'order_id')).toBe(1);
  });

  it('Olist orders as orders: the delivery dates stay unused', () => {
    const p = proposeMapping(olist, { target: 'orders' });
    expect(p.unusedHeaders).toEqual([
      'order_delivered_customer_date',
      'order_delivered_carrier_date',
    ]);
  });

  it('Online Retail -> flat', () => {
    const p = proposeMapping(
      split('InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'),
    );
    expect(p.target).toBe('flat');
    expect(p.columns).toEqual({
      order_id: 'InvoiceNo',
      sku: 'StockCode',
      qty_ordered: 'Quantity',
      order_ts: 'InvoiceDate',
      unit_price: 'UnitPrice',
      customer_id: 'CustomerID',
      region: 'Country',
    });
    expect(p.unusedHeaders).toEqual(['Description']);
  });
});

describe('canonical headers', () => {
  it.each(canonicalTables)('%s.csv maps to its own table at 1.0', (table) => {
    const headers = canonicalFields[table].map((f) => f.name);
    const p = proposeMapping(headers);
    expect(p.target).toBe(table);
    expect(p.columns).toEqual(Object.fromEntries(headers.map((h) => [h, h])));
    expect(p.unusedHeaders).toEqual([]);
    for (const h of headers) expect(confidenceOf(p, h, h)).toBe(1);
  });
});

describe('unmapped required fields', () => {
  it.each<[MappingTarget, string[]]>([
    ['flat', ['order_ts']],
    ['orders', ['order_ts']],
  ])('no date column: %s reports %j and guesses nothing', (target, missing) => {
    const p = proposeMapping(['Order ID', 'SKU', 'Quantity', 'Customer', 'Row ID'], { target });
    expect(p.unmappedRequired).toEqual(missing);
    expect(p.columns.order_ts).toBeUndefined();
    expect(
      p.proposals.filter((x) => x.field === 'order_ts' && x.confidence >= MAPPING_THRESHOLD),
    ).toEqual([]);
  });

  it('returns without an order number', () => {
    const p = proposeMapping(['RMA', 'Return Date', 'Reason']);
    expect(p.target).toBe('returns');
    expect(p.unmappedRequired).toEqual(['order_id']);
  });

  it('unknown headers map nothing', () => {
    const p = proposeMapping(['foo', 'bar', '']);
    expect(p.columns).toEqual({});
    expect(p.system).toBeUndefined();
    expect(p.unusedHeaders).toEqual(['foo', 'bar']);
    expect(Object.keys(p.targetScores).sort()).toEqual([...mappingTargets].sort());
  });
});

describe('header spelling', () => {
  it.each([
    ['\uFEFFOrder ID', 'order_id'],
    [' order date ', 'order_ts'],
    ['Währung', 'currency'],
    ['WÄHRUNG', 'currency'],
    ['ORDER_NUMBER', 'order_id'],
    ['qty', 'qty_ordered'],
    ['Order #', 'order_id'],
  ])('%j -> %s, source header kept as given', (header, field) => {
    const p = proposeMapping([header, 'Quantity'], { target: 'flat' });
    expect(p.columns[field]).toBe(header);
  });

  it('BOM and case around a canonical name still count as the name itself', () => {
    const p = proposeMapping(['\uFEFFORDER_ID', 'order_ts']);
    expect(confidenceOf(p, 'order_id', '\uFEFFORDER_ID')).toBe(1);
  });

  it('similar headers map at a lower confidence, free text never', () => {
    const p = proposeMapping([
      'Order Ref',
      'Order Date (UTC)',
      'Ordered Quantity',
      'Line Item Description',
    ]);
    const c = confidenceOf(p, 'order_ts', 'Order Date (UTC)') ?? 0;
    expect(c).toBeGreaterThanOrEqual(MAPPING_THRESHOLD);
    expect(c).toBeLessThanOrEqual(0.8);
    expect(p.proposals.find((x) => x.source === 'Order Date (UTC)')?.reason).toBe(
      'similar to "Order Date"',
    );
    expect(p.unusedHeaders).toEqual(['Line Item Description']);
  });
});

describe('ambiguous headers', () => {
  it('"Date" alone is a moderate order date', () => {
    const p = proposeMapping(['Order ID', 'Date', 'Quantity']);
    const c = confidenceOf(p, 'order_ts', 'Date') ?? 0;
    expect(p.columns.order_ts).toBe('Date');
    expect(c).toBeGreaterThanOrEqual(MAPPING_THRESHOLD);
    expect(c).toBeLessThan(0.8);
  });

  it('"Delivery Date" is a moderate delivered date, with the promise as runner-up', () => {
    const p = proposeMapping(['Order ID', 'Order Date', 'Quantity', 'Delivery Date']);
    expect(p.columns.delivered_ts).toBe('Delivery Date');
    expect(confidenceOf(p, 'delivered_ts', 'Delivery Date')).toBe(0.75);
    expect(confidenceOf(p, 'promised_delivery_ts', 'Delivery Date')).toBe(0.7);
    expect(p.columns.promised_delivery_ts).toBeUndefined();
  });

  it.each([
    ['generic', ['Order ID', 'Item', 'Quantity'], { sku: 'Item' }],
    [
      'SAP',
      ['Sales Document', 'Item', 'Sold-To Party', 'Material', 'Order Quantity'],
      { line_no: 'Item', sku: 'Material' },
    ],
    [
      'SAP',
      ['Sales Document', 'Sold-To Party', 'Delivery Date', 'Order Quantity'],
      { promised_delivery_ts: 'Delivery Date' },
    ],
    [
      'Dynamics',
      ['PackingSlipId', 'SalesId', 'DlvMode', 'Delivery Date', 'Quantity'],
      { ship_ts: 'Delivery Date' },
    ],
    ['Shopify', ['Name', 'Lineitem sku', 'Lineitem quantity', 'Created at'], { order_id: 'Name' }],
    [
      'NetSuite',
      ['Document Number', 'Name', 'Date', 'Quantity', 'Date Created'],
      { customer_id: 'Name' },
    ],
  ])('%s meaning wins', (_system, headers, expected) => {
    expect(proposeMapping(headers, { target: 'flat' }).columns).toMatchObject(expected);
  });

  it('lists every proposal, best first per field, including low-confidence ones', () => {
    const p = proposeMapping(['Order ID', 'Order Date', 'Quantity', 'Ship Via']);
    const qty = p.proposals.filter((x) => x.field === 'qty_ordered' || x.field === 'qty_shipped');
    expect(qty.map((x) => [x.field, x.confidence])).toEqual([
      ['qty_ordered', 0.9],
      ['qty_shipped', 0.7],
    ]);
    expect(p.proposals).toContainEqual(
      expect.objectContaining({ field: 'carrier', source: 'Ship Via' }),
    );
    expect(p.columns.carrier).toBeUndefined();
    for (const field of new Set(p.proposals.map((x) => x.field))) {
      const cs = p.proposals.filter((x) => x.field === field).map((x) => x.confidence);
      expect(cs).toEqual([...cs].sort((a, b) => b - a));
    }
  });
});

describe('conflicts', () => {
  it.each([
    [['Order No', 'Order Number', 'Order Date', 'Qty'], 'Order No'],
    [['Order Number', 'Order No', 'Order Date', 'Qty'], 'Order Number'],
    [['Order ID', 'order_id', 'Order Date', 'Qty'], 'order_id'],
  ])(
    'equal synonyms resolve by header order, the canonical name first: %j',
    (headers, expected) => {
      const p = proposeMapping(headers);
      expect(p.columns.order_id).toBe(expected);
      expect(proposeMapping(headers)).toEqual(p);
    },
  );

  it('higher confidence wins regardless of order', () => {
    expect(proposeMapping(['Warehouse', 'Site', 'Order ID']).columns.site).toBe('Site');
    expect(proposeMapping(['Country', 'Region', 'Order ID']).columns.region).toBe('Region');
  });

  it('one header feeds two fields only where synonyms say so', () => {
    const p = proposeMapping(['ERDAT', 'VBELN', 'KWMENG'], { target: 'flat' });
    expect(p.columns).toMatchObject({ order_ts: 'ERDAT', entered_ts: 'ERDAT' });
    const q = proposeMapping(['Quantity', 'Order ID', 'Order Date'], { target: 'flat' });
    expect(q.columns.qty_ordered).toBe('Quantity');
    expect(q.columns.qty_shipped).toBeUndefined();
  });
});

describe('sample values', () => {
  it('a date field whose samples are not dates is down-weighted', () => {
    const samples = { 'Order Date': ['Alice', 'Bob', 'Carol'] };
    const p = proposeMapping(['Order ID', 'Order Date', 'Quantity'], { target: 'flat', samples });
    expect(confidenceOf(p, 'order_ts', 'Order Date')).toBeLessThan(MAPPING_THRESHOLD);
    expect(p.unmappedRequired).toEqual(['order_ts']);
    expect(p.proposals.find((x) => x.field === 'order_ts')?.reason).toMatch(
      /samples do not look like dates/,
    );
  });

  it.each([
    [['2024-01-31', '2024-02-01T10:00:00Z']],
    [['31.01.2024', '1/2/24']],
    [['20240131', '20240201']],
    [['45321', '45322.5']],
    [['05-Jan-2024', 'Jan 5, 2024']],
  ])('date samples %j keep the confidence', (values) => {
    const p = proposeMapping(['Order ID', 'Order Date', 'Qty'], {
      samples: { 'Order Date': values },
    });
    expect(confidenceOf(p, 'order_ts', 'Order Date')).toBe(0.95);
  });

  it('quantities must look like numbers', () => {
    const samples = { Quantity: ['1', '2,5', '1.000', '3-'], Qty: ['many', 'few'] };
    const p = proposeMapping(['Order ID', 'Order Date', 'Quantity', 'Qty'], {
      target: 'flat',
      samples,
    });
    expect(p.columns.qty_ordered).toBe('Quantity');
    expect(confidenceOf(p, 'qty_ordered', 'Qty')).toBe(0.45);
  });

  it.each([
    [['1', '2', '3'], 0.6, 'Row ID'],
    [['CA-2016-152156', 'CA-2016-152157'], 0.3, undefined],
  ])('Row ID samples %j -> line_no at %d', (values, confidence, mapped) => {
    const p = proposeMapping(superstore, { samples: { 'Row ID': values } });
    expect(confidenceOf(p, 'line_no', 'Row ID')).toBe(confidence);
    expect(p.columns.line_no).toBe(mapped);
  });
});

describe('targets', () => {
  it('uses the target asked for', () => {
    const p = proposeMapping(superstore, { target: 'orders' });
    expect(p.target).toBe('orders');
    expect(p.columns).toEqual({
      order_id: 'Order ID',
      order_ts: 'Order Date',
      customer_id: 'Customer ID',
      region: 'Region',
    });
    expect(p.targetScores.flat).toBeGreaterThan(p.targetScores.orders);
  });

  it('shipments need shipment headers; order lines alone are not a shipment file', () => {
    const p = proposeMapping(['Order ID', 'Line No', 'SKU', 'Qty']);
    expect(p.target).toBe('order_lines');
    expect(p.targetScores.shipments).toBeLessThan(p.targetScores.order_lines);
  });
});

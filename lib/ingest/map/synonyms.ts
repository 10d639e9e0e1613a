/**
 * Header synonyms per canonical field, grouped by the source system that uses them.
 * Pure data, safe to import anywhere. Read by automap.ts; headers are compared after
 * normaliseHeader (case, accents, punctuation and spaces do not matter here).
 */

export const sourceSystems = ['sap', 'netsuite', 'dynamics', 'shopify', 'generic'] as const;
export type SourceSystem = (typeof sourceSystems)[number];

export const systemLabels: Record<SourceSystem, string> = {
  sap: 'SAP',
  netsuite: 'NetSuite',
  dynamics: 'Dynamics',
  shopify: 'Shopify',
  generic: '',
};

export interface SynonymGroup {
  system: SourceSystem;
  headers: string[];
  /** Confidence of an exact match; 0.95 unless the header is ambiguous or approximate. */
  confidence?: number;
  /** The header may feed this field besides its primary one (SAP ERDAT: entered and order date). */
  shared?: boolean;
  /** Context: applies only if one of `present` is among the headers and none of `absent` is. */
  when?: { present?: string[]; absent?: string[] };
  /** Shown in the proposal's reason. */
  note?: string;
}

/** On a delivery or fulfilment these point at the sales order; the document number is then the delivery. */
const orderReference = [
  'VGBEL',
  'Referenzbeleg',
  'Reference Document',
  'Reference Doc.',
  'Created From',
];
const itemReference = ['VGPOS', 'Referenzposition', 'Reference Item'];
/**
 * Headers of an SAP returns list (technical and German ALV names): beside them MENGE is the
 * returned quantity, and VBELN the return order when AUBEL names the sales order.
 */
const sapReturnHeaders = [
  'GRUND',
  'Retourengrund',
  'Rücksendegrund',
  'GUTSCHRIFT',
  'Gutschriftsdatum',
  'EINGANG',
  'Eingangsdatum',
  'AUGRU',
  'Retourenauftrag',
];

export const headerSynonyms: Record<string, SynonymGroup[]> = {
  order_id: [
    {
      system: 'generic',
      headers: ['Order ID', 'Order No', 'Order Number', 'Order #', 'Order Ref', 'Order Reference'],
    },
    { system: 'generic', headers: ['Order', 'Sales Order', 'Sales Order Number', 'SO Number'] },
    { system: 'generic', headers: ['InvoiceNo', 'Invoice Number'], confidence: 0.85 },
    {
      system: 'generic',
      headers: ['id'],
      confidence: 0.65,
      note: 'a bare id; its values must be unique per order',
    },
    { system: 'sap', headers: ['VBELN'], when: { absent: [...orderReference, 'AUBEL'] } },
    { system: 'sap', headers: ['Verkaufsbeleg', 'Sales Document', 'Sales Doc.', 'Kundenauftrag'] },
    { system: 'sap', headers: ['VGBEL', 'Referenzbeleg', 'Reference Document', 'Reference Doc.'] },
    { system: 'sap', headers: ['AUBEL'], confidence: 0.9 },
    { system: 'netsuite', headers: ['Document Number'], when: { absent: orderReference } },
    { system: 'netsuite', headers: ['Created From'], note: 'the sales order of a fulfilment' },
    {
      system: 'netsuite',
      headers: ['Internal ID'],
      confidence: 0.7,
      when: { absent: orderReference },
    },
    { system: 'dynamics', headers: ['SalesId', 'Sales order', 'Document No.'] },
    { system: 'shopify', headers: ['Name'], confidence: 0.8, note: 'order name such as #1001' },
  ],
  line_no: [
    {
      system: 'generic',
      headers: ['Line', 'Line No', 'Line Number', 'Line #', 'Order Line', 'Order Line No'],
    },
    { system: 'generic', headers: ['Line Item', 'Item Line', 'order_item_id'], confidence: 0.9 },
    {
      system: 'generic',
      headers: ['Row ID'],
      confidence: 0.6,
      note: 'a row number, unique per file',
    },
    { system: 'sap', headers: ['POSNR', 'Position', 'Pos.'], when: { absent: itemReference } },
    { system: 'sap', headers: ['Item'], confidence: 0.8, when: { absent: itemReference } },
    { system: 'sap', headers: ['Sales Document Item'], when: { absent: itemReference } },
    { system: 'sap', headers: itemReference },
    { system: 'netsuite', headers: ['Line ID', 'Line Sequence Number'] },
    { system: 'dynamics', headers: ['LineNum', 'Line number'] },
  ],
  sku: [
    {
      system: 'generic',
      headers: ['SKU', 'Item Code', 'Item No', 'Item Number', 'Item ID', 'Product ID'],
    },
    { system: 'generic', headers: ['Product Code', 'Part Number', 'Part No', 'Article Number'] },
    { system: 'generic', headers: ['StockCode', 'Stock Code', 'product_id'] },
    { system: 'generic', headers: ['Material', 'Product', 'Article'], confidence: 0.9 },
    { system: 'generic', headers: ['Item'], confidence: 0.8 },
    { system: 'sap', headers: ['MATNR', 'Material', 'Material Number', 'Materialnummer'] },
    { system: 'netsuite', headers: ['Item'] },
    { system: 'dynamics', headers: ['ItemId', 'Item number'] },
    { system: 'shopify', headers: ['Lineitem sku'] },
  ],
  qty_ordered: [
    {
      system: 'sap',
      headers: ['MENGE', 'Menge'],
      confidence: 0.85,
      when: { absent: sapReturnHeaders },
    },
    {
      system: 'generic',
      headers: ['Qty Ordered', 'Quantity Ordered', 'Ordered Qty', 'Order Qty', 'Order Quantity'],
    },
    { system: 'generic', headers: ['Quantity', 'Qty'], confidence: 0.9 },
    { system: 'generic', headers: ['Units'], confidence: 0.8 },
    { system: 'sap', headers: ['KWMENG', 'Auftragsmenge', 'Order Quantity'] },
    { system: 'dynamics', headers: ['SalesQty'] },
    { system: 'shopify', headers: ['Lineitem quantity'] },
  ],
  qty_shipped: [
    {
      system: 'generic',
      headers: ['Qty Shipped', 'Quantity Shipped', 'Shipped Qty', 'Shipped Quantity', 'Ship Qty'],
    },
    { system: 'generic', headers: ['Delivered Qty', 'Delivered Quantity', 'Qty Delivered'] },
    { system: 'generic', headers: ['Quantity', 'Qty'], confidence: 0.7 },
    { system: 'sap', headers: ['LFIMG', 'Liefermenge', 'Delivery Quantity', 'Delivery qty'] },
    { system: 'netsuite', headers: ['Quantity Fulfilled/Received', 'Quantity Fulfilled'] },
  ],
  qty_cancelled: [
    {
      system: 'generic',
      headers: ['Qty Cancelled', 'Quantity Cancelled', 'Cancelled Qty', 'Canceled Qty'],
    },
  ],
  unit_price: [
    { system: 'generic', headers: ['Unit Price', 'UnitPrice', 'Price', 'Price Each', 'Net Price'] },
    { system: 'sap', headers: ['NETPR', 'Nettopreis'] },
    { system: 'netsuite', headers: ['Rate', 'Item Rate'], confidence: 0.9 },
    { system: 'dynamics', headers: ['SalesPrice'] },
    { system: 'shopify', headers: ['Lineitem price'] },
  ],
  order_ts: [
    {
      system: 'generic',
      headers: ['Order Date', 'Order Time', 'Order Datetime', 'Order Timestamp', 'Order Placed'],
    },
    { system: 'generic', headers: ['Ordered At', 'Date Ordered', 'Purchase Date', 'Placed At'] },
    { system: 'generic', headers: ['order_purchase_timestamp', 'Order Created At'] },
    { system: 'generic', headers: ['InvoiceDate', 'Invoice Date'], confidence: 0.85 },
    { system: 'generic', headers: ['Transaction Date', 'Created Date'], confidence: 0.8 },
    {
      system: 'generic',
      headers: ['Date'],
      confidence: 0.7,
      note: 'a bare date, read as order date',
    },
    { system: 'sap', headers: ['AUDAT', 'Belegdatum', 'Document Date', 'Doc. Date'] },
    {
      system: 'sap',
      headers: ['ERDAT', 'Angelegt am', 'Created On', 'Erstellt am'],
      confidence: 0.9,
      shared: true,
      note: 'entry date, also the order date',
    },
    {
      system: 'netsuite',
      headers: ['Date Created'],
      confidence: 0.85,
      shared: true,
      when: { absent: ['Date'] },
    },
    {
      system: 'dynamics',
      headers: ['CreatedDateTime', 'Created date and time'],
      confidence: 0.9,
      shared: true,
    },
    { system: 'shopify', headers: ['Created at'] },
  ],
  entered_ts: [
    { system: 'generic', headers: ['Entered Date', 'Entry Date', 'Entered At', 'Date Entered'] },
    { system: 'sap', headers: ['ERDAT', 'Angelegt am', 'Created On', 'Erstellt am'] },
    { system: 'netsuite', headers: ['Date Created'] },
    { system: 'dynamics', headers: ['CreatedDateTime', 'Created date and time'] },
  ],
  released_ts: [
    {
      system: 'generic',
      headers: ['Released Date', 'Release Date', 'Released At', 'Approved At', 'Approval Date'],
    },
    { system: 'generic', headers: ['Approved Date', 'Credit Release Date', 'order_approved_at'] },
    { system: 'generic', headers: ['order_aproved_at'], note: 'misspelt in Olist exports' },
    { system: 'sap', headers: ['CMFRE'], confidence: 0.8 },
    {
      system: 'shopify',
      headers: ['Paid at'],
      confidence: 0.75,
      note: 'payment releases the order',
    },
  ],
  promised_ship_ts: [
    {
      system: 'generic',
      headers: ['Promised Ship Date', 'Scheduled Ship Date', 'Planned Ship Date', 'Ship By Date'],
    },
    {
      system: 'generic',
      headers: ['Expected Ship Date', 'Confirmed Ship Date', 'Commit Ship Date'],
    },
    {
      system: 'sap',
      headers: ['WADAT', 'Planned GI Date', 'Pl.GI Date', 'Plan-Warenausgangsdatum'],
    },
    { system: 'sap', headers: ['Warenausgangsdatum', 'Goods Issue Date'], confidence: 0.8 },
    {
      system: 'netsuite',
      headers: ['Ship Date'],
      confidence: 0.85,
      note: 'planned on a sales order',
    },
    { system: 'dynamics', headers: ['ShippingDateConfirmed', 'Confirmed ship date'] },
    {
      system: 'dynamics',
      headers: ['ShippingDateRequested', 'Requested ship date'],
      confidence: 0.7,
    },
  ],
  promised_delivery_ts: [
    {
      system: 'generic',
      headers: [
        'Promised Delivery Date',
        'Promise Date',
        'Committed Date',
        'order_estimated_delivery_date',
      ],
    },
    {
      system: 'generic',
      headers: ['Commit Date', 'Expected Delivery Date', 'Estimated Delivery Date'],
      confidence: 0.9,
    },
    { system: 'generic', headers: ['Promised Date', 'Confirmed Delivery Date'], confidence: 0.85 },
    { system: 'generic', headers: ['Due Date'], confidence: 0.75 },
    { system: 'generic', headers: ['Delivery Date'], confidence: 0.65 },
    { system: 'sap', headers: ['LFDAT', 'Lieferdatum'] },
    { system: 'sap', headers: ['Delivery Date', 'EDATU'], confidence: 0.7 },
    { system: 'dynamics', headers: ['ReceiptDateConfirmed', 'Confirmed receipt date'] },
  ],
  requested_delivery_ts: [
    {
      system: 'generic',
      headers: ['Requested Delivery Date', 'Customer Requested Date', 'Need By Date', 'Want Date'],
    },
    {
      system: 'generic',
      headers: ['Requested Date', 'Request Date', 'Required Date'],
      confidence: 0.8,
    },
    { system: 'sap', headers: ['VDATU', 'Wunschlieferdatum', 'Req. deliv.date', 'Req.dlv.dt'] },
    { system: 'dynamics', headers: ['ReceiptDateRequested', 'Requested receipt date'] },
  ],
  cancelled_ts: [
    {
      system: 'generic',
      headers: ['Cancelled Date', 'Canceled Date', 'Cancellation Date', 'Cancel Date'],
    },
    { system: 'generic', headers: ['Cancelled At', 'Canceled At'] },
  ],
  status: [
    { system: 'generic', headers: ['Status', 'Order Status', 'order_status'] },
    { system: 'sap', headers: ['GBSTK', 'Overall Status', 'Gesamtstatus'], confidence: 0.85 },
    {
      system: 'sap',
      headers: ['ABGRU', 'Reason for rejection', 'Absagegrund'],
      confidence: 0.8,
      note: 'a rejection reason marks the item cancelled',
    },
    { system: 'dynamics', headers: ['SalesStatus'] },
    { system: 'shopify', headers: ['Fulfillment Status'], confidence: 0.7 },
    { system: 'shopify', headers: ['Financial Status'], confidence: 0.5, note: 'payment status' },
  ],
  order_value: [
    { system: 'generic', headers: ['Order Value', 'Order Total', 'Order Amount', 'Grand Total'] },
    { system: 'generic', headers: ['Net Value', 'Total Amount'], confidence: 0.9 },
    { system: 'generic', headers: ['Total'], confidence: 0.8 },
    { system: 'generic', headers: ['Amount'], confidence: 0.65 },
    { system: 'sap', headers: ['NETWR', 'Nettowert', 'Net Value'] },
    {
      system: 'dynamics',
      headers: ['LineAmount'],
      confidence: 0.5,
      note: 'a line amount, not the order value',
    },
    { system: 'shopify', headers: ['Total'] },
  ],
  currency: [
    { system: 'generic', headers: ['Currency', 'Currency Code', 'Curr.'] },
    {
      system: 'sap',
      headers: ['WAERK', 'Währung', 'Document Currency', 'Doc. Currency', 'Belegwährung'],
    },
    { system: 'dynamics', headers: ['CurrencyCode'] },
  ],
  customer_id: [
    {
      system: 'generic',
      headers: ['Customer ID', 'CustomerID', 'Customer No', 'Customer Number', 'Customer Code'],
    },
    { system: 'generic', headers: ['Customer Account', 'Client ID', 'Sold To', 'Sold-To'] },
    { system: 'generic', headers: ['Customer', 'Client', 'Account'], confidence: 0.9 },
    { system: 'generic', headers: ['customer_unique_id'], confidence: 0.8 },
    { system: 'generic', headers: ['Customer Name'], confidence: 0.75 },
    { system: 'sap', headers: ['KUNNR', 'Auftraggeber', 'Sold-To Party', 'Sold-to pt', 'Kunde'] },
    { system: 'netsuite', headers: ['Name'], confidence: 0.8, note: 'the customer entity' },
    { system: 'dynamics', headers: ['CustAccount', 'Sell-to Customer No.'] },
    { system: 'shopify', headers: ['Email'], confidence: 0.8 },
  ],
  channel: [
    { system: 'generic', headers: ['Channel', 'Sales Channel', 'Order Channel', 'Order Source'] },
    { system: 'generic', headers: ['Source'], confidence: 0.7 },
    { system: 'sap', headers: ['VTWEG', 'Distribution Channel', 'Distr. Channel', 'Vertriebsweg'] },
    {
      system: 'sap',
      headers: ['VKORG', 'Sales Organization', 'Sales Org.', 'Verkaufsorganisation'],
      confidence: 0.7,
    },
    { system: 'dynamics', headers: ['SalesOriginId', 'Sales origin'], confidence: 0.85 },
    { system: 'shopify', headers: ['Source'], confidence: 0.8 },
  ],
  site: [
    { system: 'generic', headers: ['Site', 'Ship From Site', 'Ship From', 'Fulfillment Center'] },
    {
      system: 'generic',
      headers: ['Plant', 'Warehouse', 'DC', 'Distribution Center'],
      confidence: 0.85,
    },
    { system: 'generic', headers: ['Facility', 'Location'], confidence: 0.75 },
    { system: 'sap', headers: ['WERKS', 'Werk', 'Plant'] },
    {
      system: 'sap',
      headers: ['VSTEL', 'Versandstelle', 'Shipping Point', 'Shipping Point/Receiving Pt'],
      confidence: 0.85,
    },
    { system: 'netsuite', headers: ['Location'], confidence: 0.9 },
    { system: 'dynamics', headers: ['InventSiteId'] },
    { system: 'dynamics', headers: ['InventLocationId'], confidence: 0.85 },
    { system: 'shopify', headers: ['Location'], confidence: 0.85 },
  ],
  region: [
    { system: 'generic', headers: ['Region', 'Customer Region', 'Sales Region'] },
    { system: 'generic', headers: ['Country', 'Territory', 'customer_state'], confidence: 0.8 },
    { system: 'generic', headers: ['State', 'Province', 'Ship To Country'], confidence: 0.7 },
    { system: 'sap', headers: ['REGIO'], confidence: 0.9 },
    { system: 'sap', headers: ['LAND1'], confidence: 0.75 },
    { system: 'shopify', headers: ['Shipping Province'], confidence: 0.8 },
    { system: 'shopify', headers: ['Shipping Country', 'Billing Province'], confidence: 0.7 },
  ],
  // Bare 'Segment' and 'Category' stay unmapped: in retail extracts they are often the product's.
  customer_group: [
    { system: 'generic', headers: ['Customer Group', 'Customer Segment', 'Customer Category'] },
    { system: 'generic', headers: ['Customer Type', 'Customer Class'], confidence: 0.8 },
    { system: 'sap', headers: ['KDGRP', 'Kundengruppe'], note: 'VBKD-KDGRP, the customer group' },
    { system: 'dynamics', headers: ['CustGroup', 'CustGroupId'] },
    {
      system: 'netsuite',
      headers: ['Customer Category'],
      confidence: 0.9,
      note: 'the category of the customer record',
    },
  ],
  shipment_id: [
    {
      system: 'generic',
      headers: ['Shipment ID', 'Shipment No', 'Shipment Number', 'Delivery ID', 'Delivery No'],
    },
    {
      system: 'generic',
      headers: ['Delivery Number', 'Packing Slip ID', 'Packing Slip No', 'ASN'],
    },
    {
      system: 'generic',
      headers: ['Tracking Number'],
      confidence: 0.55,
      note: 'a parcel, not a shipment',
    },
    { system: 'sap', headers: ['VBELN'], when: { present: orderReference }, note: 'the delivery' },
    { system: 'sap', headers: ['Lieferung', 'Delivery'], confidence: 0.85 },
    { system: 'netsuite', headers: ['Document Number'], when: { present: orderReference } },
    { system: 'netsuite', headers: ['Tracking Numbers'], confidence: 0.55 },
    { system: 'dynamics', headers: ['PackingSlipId', 'Packing slip'] },
  ],
  ship_ts: [
    {
      system: 'generic',
      headers: ['Shipped Date', 'Shipped At', 'Date Shipped', 'Actual Ship Date'],
    },
    {
      system: 'generic',
      headers: ['Dispatch Date', 'Dispatched At', 'order_delivered_carrier_date'],
    },
    {
      system: 'generic',
      headers: ['Ship Date', 'Shipping Date', 'Shipment Date', 'Pickup Date'],
      confidence: 0.9,
    },
    {
      system: 'sap',
      headers: ['WADAT_IST', 'Ist-Warenausgangsdatum', 'Ist-Warenbewegungsdatum', 'Actual GI Date'],
    },
    {
      system: 'sap',
      headers: ['Act. GI Date', 'Actual Goods Movement Date', 'Act.Gds Mvmnt Date'],
    },
    {
      system: 'netsuite',
      headers: ['Date'],
      confidence: 0.75,
      when: { present: ['Created From'] },
      note: 'the fulfilment date',
    },
    { system: 'dynamics', headers: ['DeliveryDate'], confidence: 0.8, note: 'packing slip date' },
    { system: 'shopify', headers: ['Fulfilled at'] },
  ],
  delivered_ts: [
    {
      system: 'generic',
      headers: ['Delivered Date', 'Delivered At', 'Date Delivered', 'Actual Delivery Date'],
    },
    {
      system: 'generic',
      headers: ['Proof of Delivery Date', 'POD Date', 'order_delivered_customer_date'],
    },
    { system: 'generic', headers: ['Arrival Date'], confidence: 0.8 },
    { system: 'generic', headers: ['Delivery Date'], confidence: 0.75, note: 'actual or planned' },
    { system: 'sap', headers: ['PODAT', 'POD Date', 'Datum Abliefernachweis'] },
  ],
  carrier: [
    { system: 'generic', headers: ['Carrier', 'Carrier Name', 'Carrier Code', 'Shipping Carrier'] },
    { system: 'generic', headers: ['Freight Carrier', 'Forwarder', 'Courier', 'SCAC'] },
    { system: 'sap', headers: ['TDLNR', 'Forwarding agent', 'Spediteur', 'Service agent'] },
    { system: 'netsuite', headers: ['Ship Via'], confidence: 0.55, note: 'carrier with service' },
    { system: 'dynamics', headers: ['ShipCarrierId', 'CarrierCode'] },
  ],
  ship_mode: [
    {
      system: 'generic',
      headers: ['Ship Mode', 'Shipping Method', 'Shipping Mode', 'Ship Method'],
    },
    { system: 'generic', headers: ['Service Level', 'Shipping Service', 'Delivery Method'] },
    { system: 'generic', headers: ['Ship Via'], confidence: 0.85 },
    { system: 'sap', headers: ['VSART', 'Shipping type', 'Versandart'] },
    { system: 'sap', headers: ['ROUTE', 'Route'], confidence: 0.7, note: 'route as service level' },
    { system: 'netsuite', headers: ['Ship Via'], confidence: 0.85 },
    { system: 'dynamics', headers: ['DlvMode', 'Mode of delivery', 'DlvModeId'] },
  ],
  damaged: [
    { system: 'generic', headers: ['Damaged', 'Is Damaged', 'Arrived Damaged', 'Damage Flag'] },
  ],
  documentation_error: [
    { system: 'generic', headers: ['Documentation Error', 'Doc Error', 'Paperwork Error'] },
  ],
  return_id: [
    { system: 'generic', headers: ['Return ID', 'Return No', 'Return Number', 'Return Order'] },
    {
      system: 'generic',
      headers: ['RMA', 'RMA Number', 'RMA No', 'RMA #', 'Return Authorization'],
    },
    { system: 'sap', headers: ['Retourenauftrag', 'Retourennummer', 'Retoure'] },
    {
      system: 'sap',
      headers: ['CustRetMatlAuthzn', 'Customer Return Material Authorization'],
      confidence: 0.9,
      note: 'the RMA number of an advanced return',
    },
    { system: 'netsuite', headers: ['Return Authorization #', 'Return Authorization Number'] },
    { system: 'dynamics', headers: ['RMA number', 'ReturnItemNum'] },
    { system: 'shopify', headers: ['Return Name'], confidence: 0.9 },
    {
      system: 'sap',
      headers: ['VBELN'],
      confidence: 0.7,
      when: { present: ['AUBEL'] },
      note: 'the return order; AUBEL is the sales order',
    },
  ],
  return_ts: [
    {
      system: 'generic',
      headers: ['Return Date', 'Returned Date', 'Date Returned', 'Returned At'],
    },
    { system: 'generic', headers: ['Return Received Date', 'Return Received'] },
    { system: 'generic', headers: ['Received Date'], confidence: 0.7 },
    {
      system: 'sap',
      headers: ['EINGANG', 'Eingangsdatum', 'Wareneingangsdatum', 'Rücksendedatum'],
      confidence: 0.9,
      note: 'receipt of the returned goods',
    },
    {
      system: 'sap',
      headers: ['Wareneingang', 'Wareneingang am', 'Goods Receipt Date'],
      confidence: 0.85,
      when: { present: sapReturnHeaders },
      note: 'the goods receipt of the returned goods',
    },
    {
      system: 'netsuite',
      headers: ['Item Receipt Date', 'Item Receipt'],
      confidence: 0.9,
      note: 'the item receipt of the return authorization',
    },
    {
      system: 'dynamics',
      headers: ['ReturnArrivalDate', 'Arrival date'],
      confidence: 0.9,
      note: 'the arrival of the returned goods',
    },
  ],
  authorised_ts: [
    {
      system: 'generic',
      headers: [
        'RMA Date',
        'RMA Issued',
        'RMA Issued Date',
        'Authorised Date',
        'Authorized Date',
        'Authorisation Date',
        'Authorization Date',
        'Return Authorised',
        'Return Authorized',
      ],
    },
    { system: 'generic', headers: ['Return Requested', 'Return Request Date'], confidence: 0.8 },
    {
      system: 'sap',
      headers: ['Retourenauftragsdatum', 'Datum Retourenauftrag', 'RMA-Datum', 'Genehmigungsdatum'],
      confidence: 0.9,
      note: 'the return order (RMA) date',
    },
    {
      system: 'netsuite',
      headers: ['Return Authorization Date', 'RA Date'],
      note: 'the date of the return authorization',
    },
    { system: 'dynamics', headers: ['RMA date', 'Return order date'], confidence: 0.9 },
    {
      system: 'shopify',
      headers: ['Return Approved At', 'Return Opened At', 'Return Created At'],
      confidence: 0.85,
      note: 'the return opened in Shopify',
    },
  ],
  inspected_ts: [
    {
      system: 'generic',
      headers: ['Inspection Date', 'Inspected Date', 'Inspected At', 'Date Inspected', 'Inspected'],
    },
    { system: 'generic', headers: ['Grading Date', 'QC Date', 'Graded At'], confidence: 0.85 },
    {
      system: 'sap',
      headers: ['Prüfdatum', 'Prüfung am', 'Inspektionsdatum', 'Datum Materialprüfung'],
      confidence: 0.9,
      note: 'the material inspection of the return',
    },
  ],
  disposition: [
    {
      system: 'generic',
      headers: ['Disposition', 'Return Disposition', 'Disposition Code', 'Return Action'],
    },
    {
      system: 'sap',
      headers: [
        'Folgeaktivität',
        'Logistische Folgeaktivität',
        'Retourenentscheidung',
        'Follow-Up Activity',
        'Logistical Follow-Up Activity',
        'CustRetItmFollowUpActivity',
      ],
      confidence: 0.9,
      note: 'the logistical follow-up activity; its codes need a value map',
    },
    {
      system: 'sap',
      headers: ['NextFllwUpActivityForMatlInsp'],
      confidence: 0.85,
      note: 'the follow-up activity after the inspection; its codes need a value map',
    },
    {
      system: 'dynamics',
      headers: ['ReturnDispositionCodeId', 'DispositionCodeId'],
      note: 'the disposition code; its codes need a value map',
    },
    {
      system: 'shopify',
      headers: ['Restock Type', 'restock_type'],
      confidence: 0.8,
      note: 'Shopify restock types need a value map (return → restock)',
    },
  ],
  disposition_ts: [
    {
      system: 'generic',
      headers: ['Disposition Date', 'Disposed Date', 'Disposed At', 'Disposition Decided'],
    },
    { system: 'generic', headers: ['Restock Date', 'Restocked At'], confidence: 0.85 },
    {
      system: 'sap',
      headers: ['Datum Folgeaktivität', 'Folgeaktivität am', 'Entscheidungsdatum'],
      confidence: 0.9,
      note: 'the date of the follow-up activity',
    },
  ],
  credited_ts: [
    { system: 'generic', headers: ['Credit Date', 'Credited Date', 'Credit Memo Date'] },
    { system: 'generic', headers: ['Refund Date', 'Refunded At'], confidence: 0.9 },
    {
      system: 'sap',
      headers: ['GUTSCHRIFT', 'Gutschriftsdatum', 'Gutschrift am'],
      confidence: 0.9,
      note: 'date of the credit memo',
    },
    {
      system: 'dynamics',
      headers: ['ReturnClosedDate'],
      confidence: 0.85,
      note: 'the return order closed (credited)',
    },
    { system: 'shopify', headers: ['Refund Created At'], confidence: 0.9 },
  ],
  reason_code: [
    { system: 'generic', headers: ['Reason Code', 'Return Reason', 'Return Reason Code'] },
    { system: 'generic', headers: ['Reason', 'Return Code'], confidence: 0.9 },
    { system: 'sap', headers: ['AUGRU', 'Order reason', 'Auftragsgrund'], confidence: 0.9 },
    { system: 'sap', headers: ['Retourengrund', 'Rücksendegrund'] },
    { system: 'sap', headers: ['GRUND', 'Grund'], confidence: 0.85, note: 'the return reason' },
    { system: 'dynamics', headers: ['ReturnReasonCodeId', 'Return reason code'] },
  ],
  reason_category: [
    { system: 'generic', headers: ['Reason Category', 'Return Category', 'Reason Group'] },
  ],
  qty_returned: [
    {
      system: 'generic',
      headers: [
        'Qty Returned',
        'Quantity Returned',
        'Returned Qty',
        'Return Qty',
        'Return Quantity',
      ],
    },
    { system: 'generic', headers: ['Quantity', 'Qty'], confidence: 0.7 },
    {
      system: 'sap',
      headers: ['MENGE', 'Menge'],
      when: { present: sapReturnHeaders },
    },
    { system: 'sap', headers: ['Retourenmenge', 'Rücksendemenge'] },
  ],
  return_value: [
    {
      system: 'generic',
      headers: ['Return Value', 'Returned Value', 'Return Amount', 'Refund Amount'],
    },
    { system: 'generic', headers: ['Credit Amount', 'Refund'], confidence: 0.85 },
  ],
};

/**
 * Headers we recognise but that feed no canonical field. They are never matched by similarity
 * (e.g. NetSuite 'Quantity Committed' is allocated, not ordered) and they count toward the system.
 */
export const knownUnmappedHeaders: { system: SourceSystem; headers: string[] }[] = [
  { system: 'sap', headers: ['ERZET', 'Uhrzeit', 'ERNAM', 'Angelegt von', 'Created By', 'ARKTX'] },
  { system: 'netsuite', headers: ['Quantity Committed', 'Quantity Billed', 'Memo'] },
  { system: 'dynamics', headers: ['SalesName', 'ItemName'] },
  {
    system: 'shopify',
    headers: ['Lineitem name', 'Lineitem fulfillment status', 'Subtotal', 'Shipping', 'Taxes'],
  },
  {
    system: 'shopify',
    headers: ['Discount Code', 'Discount Amount', 'Billing Name', 'Shipping Name'],
  },
  {
    system: 'generic',
    headers: ['Returned', 'Description', 'Product Name', 'Item Description', 'Sales', 'Profit'],
  },
  { system: 'generic', headers: ['Discount', 'Segment', 'Category', 'Sub-Category', 'City'] },
  { system: 'generic', headers: ['Postal Code', 'Zip', 'Time'] },
];

/** Abbreviations read as the full word when comparing header words. */
export const tokenAliases: Record<string, string> = {
  qty: 'quantity',
  no: 'number',
  nr: 'number',
  num: 'number',
  nbr: 'number',
  dt: 'date',
  cust: 'customer',
  amt: 'amount',
  whse: 'warehouse',
  canceled: 'cancelled',
  desc: 'description',
};

/** Headers with these words hold free text; similarity never maps them ('Line Item Description'). */
export const freeTextWords = new Set([
  'description',
  'text',
  'comment',
  'comments',
  'note',
  'notes',
  'memo',
  'remark',
  'remarks',
]);

/** Words too common to make two headers similar on their own ('Order ID' is not like 'Order Date'). */
export const weakTokens = new Set([
  'date',
  'time',
  'timestamp',
  'at',
  'on',
  'of',
  'by',
  'to',
  'the',
  'id',
  'number',
  'name',
  'code',
  'line',
  'item',
  'value',
  'amount',
  'total',
  'type',
  'order',
  'sales',
  'document',
  'doc',
  'key',
]);

/** Words that mark a returns extract even when no return field is mapped (Superstore 'Returned'). */
export const returnWords = new Set([
  'return',
  'returns',
  'returned',
  'rma',
  'reason',
  'credit',
  'credited',
  'refund',
  'retoure',
  'retouren',
  'retourengrund',
  'rucksendegrund',
  'grund',
  'gutschrift',
  'gutschriftsdatum',
]);

/**
 * Words of headers that hold a place, a postal code or a grouping: never an id column, however
 * like one the rest of the header reads ('customer_zip_code_prefix' is not 'Customer Code').
 */
export const notIdentifierWords = new Set([
  'zip',
  'postal',
  'postcode',
  'plz',
  'cep',
  'prefix',
  'category',
  'categoria',
  'city',
  'state',
  'country',
  'segment',
  'lenght',
  'length',
  'quantity',
  'count',
  'score',
]);

/**
 * CSV rows for one generated order, one function per canonical table. Columns follow the canonical
 * field order exactly (the header comes from the canonical model; the test checks the values under
 * each header). Each function returns the number of rows it wrote. Pure (writes into a CsvSink).
 */
import { canonicalFields, type CanonicalTable } from '@/lib/model/canonical';
import { reasonCodeCategories } from './catalogue';
import type { CsvSink } from './csv-sink';
import type { OrderDraft } from './draft';

/** Ids: `SO-0000001`, `SH-0000001`, `RMA-000001` (wider when the numbers outgrow the padding). */
const orderId = (out: CsvSink, id: number) => out.code('SO-', id, 7);
const shipmentId = (out: CsvSink, id: number) => out.code('SH-', id, 7);
const returnId = (out: CsvSink, id: number) => out.code('RMA-', id, 6);

/** The header line of a table: its canonical field names in canonical order. */
export function csvHeader(table: CanonicalTable): string {
  return canonicalFields[table].map((field) => field.name).join(',') + '\n';
}

export function writeOrderRow(out: CsvSink, o: OrderDraft): number {
  orderId(out, o.id);
  out.ts(o.orderTs);
  out.text(o.customer.id);
  out.text(o.channel);
  out.text(o.site.name);
  out.text(o.customer.region);
  out.ts(o.enteredTs);
  out.ts(o.releasedTs);
  out.ts(o.promisedShipTs);
  out.ts(o.promisedDeliveryTs);
  out.ts(o.requestedDeliveryTs);
  out.ts(o.cancelledTs);
  out.text(o.status);
  out.money(o.valueCents);
  out.text('EUR');
  out.text(o.customer.group);
  out.endRow();
  return 1;
}

export function writeLineRows(out: CsvSink, o: OrderDraft): number {
  for (const line of o.lines) {
    orderId(out, o.id);
    out.int(line.lineNo);
    out.text(line.sku.code);
    out.int(line.qty);
    out.money(line.sku.priceCents);
    out.int(line.qtyCancelled);
    out.ts(line.promisedShipTs);
    out.ts(line.promisedDeliveryTs);
    out.endRow();
  }
  return o.lines.length;
}

/** One row per (shipment, line); the shipment's attributes repeat on each of its lines. */
export function writeShipmentRows(out: CsvSink, o: OrderDraft): number {
  let rows = 0;
  for (const shipment of o.shipments) {
    for (const item of shipment.items) {
      shipmentId(out, shipment.id);
      orderId(out, o.id);
      out.int(item.line.lineNo);
      out.text(item.line.sku.code);
      out.int(item.qty);
      out.ts(shipment.shipTs);
      out.ts(shipment.deliveredTs);
      out.text(shipment.carrier.name);
      out.text(shipment.mode);
      out.text(o.site.name);
      out.bool(shipment.damaged);
      out.bool(shipment.documentationError);
      out.endRow();
      rows++;
    }
  }
  return rows;
}

export function writeReturnRows(out: CsvSink, o: OrderDraft): number {
  for (const ret of o.returns) {
    returnId(out, ret.id);
    orderId(out, o.id);
    out.int(ret.line.lineNo);
    out.text(ret.line.sku.code);
    out.int(ret.qty);
    out.ts(ret.returnTs);
    out.ts(ret.creditedTs);
    out.text(ret.reasonCode);
    out.text(reasonCodeCategories[ret.reasonCode] ?? 'other');
    out.money(ret.qty * ret.line.sku.priceCents);
    out.ts(ret.authorisedTs);
    out.ts(ret.inspectedTs);
    out.text(ret.disposition);
    out.ts(ret.dispositionTs);
    out.endRow();
  }
  return o.returns.length;
}

/**
 * One order from receipt to release: customer, channel, lines, entry and release times, promised and
 * requested dates, and cancellation. Shipping and returns are in fulfilment.ts. Pure.
 */
import {
  DAY,
  HOUR,
  MINUTE,
  addWorkingDays,
  isWorkingDay,
  nextWorkingDay,
  toWorkingHours,
} from './calendar';
import {
  carriersByMode,
  lineCounts,
  type Channel,
  type Customer,
  type ShipMode,
  type Sku,
} from './catalogue';
import type { GeneratorContext, LineDraft, OrderDraft } from './draft';
import { fulfil, orderStatus, transitDays } from './fulfilment';
import { pickWeighted, type Rng } from './random';

/** Phone calls and sales visits happen in office hours; outside them the order came by email. */
function orderChannel(rng: Rng, customer: Customer, orderTs: number): Channel {
  const channel = rng.chance(0.85)
    ? customer.channel
    : pickWeighted(rng, [
        ['web', 3],
        ['email', 2],
        ['phone', 1],
        ['marketplace', 1],
      ] as const);
  const day = Math.floor(orderTs / DAY);
  const hour = (orderTs - day * DAY) / HOUR;
  const officeHours = isWorkingDay(day) && hour >= 8 && hour < 18;
  return !officeHours && (channel === 'phone' || channel === 'sales_rep') ? 'email' : channel;
}

/** EDI and web are entered by machine; email, phone and sales-rep orders wait for a person. */
function entryTime(rng: Rng, channel: Channel, orderTs: number): number {
  switch (channel) {
    case 'edi':
      return orderTs + rng.int(5, 120);
    case 'web':
      return orderTs + rng.int(30, 900);
    case 'marketplace': // hourly batch import
      return (Math.floor(orderTs / HOUR) + 1) * HOUR + rng.int(60, 600);
    case 'phone':
      return toWorkingHours(orderTs, 8, 18) + rng.int(2 * MINUTE, 15 * MINUTE);
    case 'email':
      return (
        toWorkingHours(orderTs, 8, 17) +
        Math.round(Math.min(8 * HOUR, rng.logNormal(75 * MINUTE, 0.8)))
      );
    case 'sales_rep':
      return (
        toWorkingHours(orderTs + Math.round(rng.logNormal(18 * HOUR, 0.7)), 8, 18) +
        rng.int(0, 30 * MINUTE)
      );
  }
}

/** Credit-held orders wait days for credit control; the rest are released automatically. */
function releaseTime(rng: Rng, enteredTs: number, held: boolean): number {
  if (!held) return enteredTs + rng.int(MINUTE, 30 * MINUTE);
  return toWorkingHours(enteredTs + Math.round(rng.logNormal(1.5, 0.6) * DAY), 9, 17);
}

function hasSku(lines: readonly LineDraft[], sku: Sku): boolean {
  for (const line of lines) if (line.sku === sku) return true;
  return false;
}

function generateLines(rng: Rng, ctx: GeneratorContext, customer: Customer): LineDraft[] {
  const count = lineCounts.pick(rng);
  const lines: LineDraft[] = [];
  for (let lineNo = 1; lineNo <= count; lineNo++) {
    let sku = ctx.catalogue.skus.pick(rng);
    for (let tries = 0; hasSku(lines, sku) && tries < 10; tries++)
      sku = ctx.catalogue.skus.pick(rng);
    if (hasSku(lines, sku)) break; // an order never repeats a SKU
    const qty = Math.min(
      999,
      Math.max(1, Math.round(sku.typicalQty * customer.size * rng.logNormal(1, 0.6))),
    );
    lines.push({
      lineNo,
      sku,
      qty,
      qtyCancelled: customerReduction(rng, qty, lineNo),
      promisedShipTs: null,
      promisedDeliveryTs: null,
    });
  }
  return lines;
}

/** Customers sometimes reduce a quantity or drop a line (never the first, so the order survives). */
function customerReduction(rng: Rng, qty: number, lineNo: number): number {
  if (lineNo > 1 && rng.chance(0.005)) return qty;
  return qty > 1 && rng.chance(0.015) ? rng.int(1, qty - 1) : 0;
}

function chooseMode(rng: Rng, lines: readonly LineDraft[], valueCents: number): ShipMode {
  const units = lines.reduce((sum, line) => sum + line.qty, 0);
  if ((valueCents > 600_000 || units > 250) && rng.chance(0.9)) return 'freight';
  return rng.chance(0.1) ? 'express' : 'standard';
}

/** Commit dates are calendar dates (midnight), set at entry from the site's standard lead times. */
function promiseDates(rng: Rng, order: OrderDraft): void {
  if (!rng.chance(order.channel === 'marketplace' ? 0.7 : 0.93)) return;
  // Standard commitment: ship the next working day (freight: the one after).
  let shipDay = nextWorkingDay(Math.floor(order.orderTs / DAY));
  if (order.mode === 'freight') shipDay = nextWorkingDay(shipDay);
  order.promisedShipTs = shipDay * DAY;
  order.promisedDeliveryTs = addWorkingDays(shipDay, transitDays(order)) * DAY;
}

function requestDate(rng: Rng, order: OrderDraft): void {
  if (!rng.chance(order.customer.requestRate)) return;
  const lead = Math.max(1, order.customer.requestLeadDays + rng.int(-1, 2));
  order.requestedDeliveryTs = addWorkingDays(Math.floor(order.orderTs / DAY), lead) * DAY;
}

/** Cancelled before anything ships; the cancellation may come before or after release. */
function cancel(rng: Rng, order: OrderDraft, enteredTs: number, cutoff: number): void {
  const cancelledTs = enteredTs + Math.round(Math.min(10 * DAY, rng.logNormal(6 * HOUR, 1.2)));
  if (cancelledTs >= cutoff) return; // cancelled after the extract: still open, nothing shipped
  order.cancelledTs = cancelledTs;
  if (order.releasedTs !== null && order.releasedTs > cancelledTs) order.releasedTs = null;
  for (const line of order.lines) line.qtyCancelled = line.qty;
}

/** Generate order `id` placed at `orderTs`, with everything that happened to it before the cut-off. */
export function generateOrder(ctx: GeneratorContext, id: number, orderTs: number): OrderDraft {
  const { rng } = ctx;
  const customer = ctx.catalogue.customers.pick(rng);
  const channel = orderChannel(rng, customer, orderTs);
  const lines = generateLines(rng, ctx, customer);
  const valueCents = lines.reduce((sum, line) => sum + line.qty * line.sku.priceCents, 0);
  const mode = chooseMode(rng, lines, valueCents);
  const enteredTs = entryTime(rng, channel, orderTs);
  const held = rng.chance(customer.creditHoldRate);
  const order: OrderDraft = {
    id,
    orderTs,
    customer,
    channel,
    site: customer.site,
    enteredTs,
    releasedTs: releaseTime(rng, enteredTs, held),
    promisedShipTs: null,
    promisedDeliveryTs: null,
    requestedDeliveryTs: null,
    cancelledTs: null,
    status: 'open',
    valueCents,
    carrier: carriersByMode[mode].pick(rng),
    mode,
    lines,
    shipments: [],
    returns: [],
  };
  promiseDates(rng, order);
  requestDate(rng, order);
  if (rng.chance(held ? 0.12 : 0.025)) cancel(rng, order, enteredTs, ctx.cutoff);
  else fulfil(ctx, order);
  clipToCutoff(order, ctx.cutoff);
  order.status = orderStatus(order, ctx.cutoff);
  return order;
}

/** Steps after the cut-off have not happened yet in the extract. */
function clipToCutoff(order: OrderDraft, cutoff: number): void {
  if (order.releasedTs !== null && order.releasedTs >= cutoff) order.releasedTs = null;
  if (order.enteredTs !== null && order.enteredTs >= cutoff) {
    order.enteredTs = null;
    order.promisedShipTs = null;
    order.promisedDeliveryTs = null;
  }
}

/**
 * From release to delivery: the ship day (15:00 cut-off, site backlog, peak season), backorders and
 * split shipments, carrier transit and delays, damage and documentation flags, and the order status
 * that follows from the shipments. Pure.
 */
import { DAY, HOUR, addWorkingDays, isWorkingDay, monthIndexOf, nextWorkingDay } from './calendar';
import { incident } from './catalogue';
import type { GeneratorContext, LineDraft, OrderDraft, OrderStatus, ShipmentItem } from './draft';
import type { Rng } from './random';
import { generateReturns } from './returns';

/** Orders released after 15:00 miss the day's carrier pick-up. */
const CUTOFF_HOUR = 15;
/** Proofs of delivery the carrier never sent. */
const MISSING_POD_RATE = 0.003;

const isPeak = (monthIndex: number): boolean => monthIndex % 12 >= 10;

/** Planned working days in transit: the carrier's time for the mode, +1 outside the site's region. */
export function transitDays(order: OrderDraft): number {
  const base = order.carrier.transitDays[order.mode] ?? 2;
  return base + (order.site.name.endsWith(order.customer.region) ? 0 : 1);
}

/** Carrier pick-up happens late afternoon, after the cut-off. */
function shipTimeOn(rng: Rng, day: number): number {
  return day * DAY + rng.int(15.5 * HOUR, 19.5 * HOUR);
}

function firstShipDay(ctx: GeneratorContext, order: OrderDraft, releasedTs: number): number {
  const { rng } = ctx;
  const releaseDay = Math.floor(releasedTs / DAY);
  const beforeCutoff =
    isWorkingDay(releaseDay) && releasedTs - releaseDay * DAY < CUTOFF_HOUR * HOUR;
  let day = beforeCutoff ? releaseDay : nextWorkingDay(releaseDay);
  const month = monthIndexOf(releasedTs);
  const inIncident =
    order.site.name === incident.site && month - ctx.startMonthIndex === incident.monthIndex;
  let backlogRate = inIncident ? incident.backlogRate : order.site.backlogRate;
  if (isPeak(month)) backlogRate = Math.min(0.9, backlogRate * 1.8);
  if (rng.chance(backlogRate)) day = addWorkingDays(day, rng.int(1, order.site.backlogMaxDays));
  return day;
}

function deliveryTime(ctx: GeneratorContext, order: OrderDraft, shipTs: number): number | null {
  const { rng } = ctx;
  if (rng.chance(MISSING_POD_RATE)) return null;
  const delayRate = order.carrier.delayRate * (isPeak(monthIndexOf(shipTs)) ? 1.8 : 1);
  const delay = rng.chance(delayRate) ? rng.int(1, 3) : 0;
  const day = addWorkingDays(Math.floor(shipTs / DAY), transitDays(order) + delay);
  const deliveredTs = day * DAY + rng.int(8 * HOUR, 18 * HOUR);
  return deliveredTs < ctx.cutoff ? deliveredTs : null;
}

function ship(ctx: GeneratorContext, order: OrderDraft, shipTs: number, items: ShipmentItem[]) {
  if (items.length === 0 || shipTs >= ctx.cutoff) return;
  const { rng } = ctx;
  order.shipments.push({
    id: ctx.nextShipmentId++,
    shipTs,
    deliveredTs: deliveryTime(ctx, order, shipTs),
    carrier: order.carrier,
    mode: order.mode,
    damaged: rng.chance(order.carrier.damageRate),
    documentationError: rng.chance(order.site.docErrorRate),
    items,
  });
}

/** A backordered line often gets its own, later commit date. */
function repromise(rng: Rng, order: OrderDraft, line: LineDraft, backorderDay: number): void {
  if (order.promisedShipTs === null || !rng.chance(0.6)) return;
  line.promisedShipTs = backorderDay * DAY;
  line.promisedDeliveryTs = addWorkingDays(backorderDay, transitDays(order)) * DAY;
}

/** Ship a released, uncancelled order: first shipment, warehouse wave splits and backorders. */
export function fulfil(ctx: GeneratorContext, order: OrderDraft): void {
  if (order.releasedTs === null) return;
  const { rng } = ctx;
  const firstDay = firstShipDay(ctx, order, order.releasedTs);
  const backorderDay = addWorkingDays(firstDay, rng.int(2, 15));
  const backorderRate = order.site.backorderRate * (isPeak(monthIndexOf(firstDay * DAY)) ? 1.4 : 1);
  const first: ShipmentItem[] = [];
  const later: ShipmentItem[] = [];
  for (const line of order.lines) {
    const open = line.qty - line.qtyCancelled;
    if (open <= 0) continue;
    if (!rng.chance(backorderRate)) {
      first.push({ line, qty: open });
      continue;
    }
    const now = Math.floor(open * rng.uniform(0, 0.85));
    if (now > 0) first.push({ line, qty: now });
    if (now > 0 && rng.chance(0.15)) {
      line.qtyCancelled += open - now; // ship what is in stock, cancel the rest
    } else {
      later.push({ line, qty: open - now });
      repromise(rng, order, line, backorderDay);
    }
  }
  // Large orders are sometimes picked in two waves from different zones.
  const wave =
    first.length >= 3 && rng.chance(0.025) ? first.splice(rng.int(1, first.length - 1)) : [];
  ship(ctx, order, shipTimeOn(rng, firstDay), first);
  ship(ctx, order, shipTimeOn(rng, nextWorkingDay(firstDay)), wave);
  ship(ctx, order, shipTimeOn(rng, backorderDay), later);
  generateReturns(ctx, order);
}

function shippedQty(order: OrderDraft, line: LineDraft): number {
  let qty = 0;
  for (const shipment of order.shipments) {
    for (const item of shipment.items) if (item.line === line) qty += item.qty;
  }
  return qty;
}

/** Status as the ERP would show it at the cut-off, consistent with the shipments. */
export function orderStatus(order: OrderDraft, cutoff: number): OrderStatus {
  if (order.cancelledTs !== null) return 'cancelled';
  if (order.shipments.length === 0) return 'open';
  let lastDelivery = 0;
  let allDelivered = true;
  for (const shipment of order.shipments) {
    if (shipment.deliveredTs === null) allDelivered = false;
    else lastDelivery = Math.max(lastDelivery, shipment.deliveredTs);
  }
  const complete = order.lines.every(
    (line) => shippedQty(order, line) >= line.qty - line.qtyCancelled,
  );
  if (!complete) return 'open';
  if (!allDelivered) return 'shipped';
  const settled = order.returns.every((ret) => ret.creditedTs !== null);
  return settled && lastDelivery < cutoff - 30 * DAY ? 'closed' : 'delivered';
}

/**
 * Returns of delivered goods. Most causes are tied to what happened in fulfilment (a damaged
 * shipment, a picking error at a weaker site, a late delivery), so return KPIs correlate with the
 * operational ones; the rest are defects and customer choice. Pure.
 */
import { DAY, HOUR, addWorkingDays, toWorkingHours } from './calendar';
import type { GeneratorContext, LineDraft, OrderDraft, ReturnDraft, ShipmentDraft } from './draft';
import { Rng, pickWeighted } from './random';

const otherReasons = [
  ['DEF', 0.35],
  ['CUST', 0.35],
  ['NLN', 0.12],
  ['OTH', 0.18],
] as const;
const BASE_RETURN_RATE = 0.035;
const CREDITED_SHARE = 0.9;

interface Cause {
  code: string;
  shipment: ShipmentDraft;
}

function isLate(order: OrderDraft, shipment: ShipmentDraft): boolean {
  const promised = order.promisedDeliveryTs;
  return (
    promised !== null && shipment.deliveredTs !== null && shipment.deliveredTs >= promised + DAY
  );
}

function returnCauses(
  ctx: GeneratorContext,
  order: OrderDraft,
  delivered: ShipmentDraft[],
): Cause[] {
  const { rng } = ctx;
  const causes: Cause[] = [];
  for (const shipment of delivered) {
    if (shipment.damaged && rng.chance(0.5))
      causes.push({ code: rng.chance(0.7) ? 'DMG' : 'TRN', shipment });
    if (shipment.documentationError && rng.chance(0.25)) causes.push({ code: 'DOC', shipment });
    for (let i = 0; i < shipment.items.length; i++) {
      if (rng.chance(order.site.pickErrorRate))
        causes.push({ code: rng.chance(0.6) ? 'WRI' : 'WRQ', shipment });
    }
    if (isLate(order, shipment) && rng.chance(0.05)) causes.push({ code: 'LATE', shipment });
  }
  if (rng.chance(BASE_RETURN_RATE)) {
    causes.push({ code: pickWeighted(rng, otherReasons), shipment: rng.pick(delivered) });
  }
  return causes;
}

/** Damage and miscounts concern a few units; other returns often send back the whole line. */
function returnQty(ctx: GeneratorContext, code: string, available: number): number {
  const { rng } = ctx;
  if (code === 'WRQ' || code === 'DMG' || code === 'TRN' || code === 'DEF') {
    return rng.int(1, Math.min(available, 3));
  }
  return rng.chance(0.5) ? available : rng.int(1, available);
}

function creditTime(ctx: GeneratorContext, order: OrderDraft, returnTs: number): number | null {
  const { rng } = ctx;
  if (!rng.chance(CREDITED_SHARE)) return null;
  const days = Math.max(1, Math.round(rng.logNormal(order.site.creditDays, 0.5)));
  const creditedTs =
    addWorkingDays(Math.floor(returnTs / DAY), days) * DAY + rng.int(9 * HOUR, 17 * HOUR);
  return creditedTs < ctx.cutoff ? creditedTs : null;
}

/** What happens to returned goods, by reason: damage is scrapped or refurbished, defects go back. */
const dispositionsByReason: Record<string, readonly (readonly [string, number])[]> = {
  DMG: [
    ['scrap', 0.55],
    ['refurbish', 0.35],
    ['return_to_vendor', 0.1],
  ],
  TRN: [
    ['scrap', 0.5],
    ['refurbish', 0.4],
    ['restock', 0.1],
  ],
  DEF: [
    ['return_to_vendor', 0.5],
    ['refurbish', 0.3],
    ['scrap', 0.2],
  ],
};
const sellableDispositions = [
  ['restock', 0.85],
  ['refurbish', 0.1],
  ['scrap', 0.05],
] as const;
/** Returns that arrive without an authorisation (no RMA was asked for). */
const UNANNOUNCED_SHARE = 0.06;
/** Open returns still waiting for their disposition at the cut-off, beyond those just received. */
const STUCK_SHARE = 0.25;

type Stages = Pick<ReturnDraft, 'authorisedTs' | 'inspectedTs' | 'disposition' | 'dispositionTs'>;

/**
 * The workflow stages of a return, from a stream of their own seeded by the return: drawing them
 * from the generator's stream would shift every value drawn after them, and the demo's figures
 * (asserted by tests) would all change. Authorised between delivery and receipt; inspected and
 * decided between receipt and credit, or after receipt while the return is open; a stage that
 * would fall after the cut-off has not happened yet.
 */
function workflowStages(
  ctx: GeneratorContext,
  id: number,
  deliveredTs: number,
  returnTs: number,
  creditedTs: number | null,
  reasonCode: string,
): Stages {
  const rng = new Rng((Math.imul(id, 0x9e3779b1) ^ Math.floor(returnTs)) >>> 0);
  const authorisedTs = rng.chance(UNANNOUNCED_SHARE)
    ? null
    : Math.round(deliveredTs + rng.uniform(0.2, 0.8) * (returnTs - deliveredTs));
  const disposition = pickWeighted(rng, dispositionsByReason[reasonCode] ?? sellableDispositions);
  if (creditedTs !== null) {
    const span = creditedTs - returnTs;
    const inspectedTs = Math.round(returnTs + rng.uniform(0.15, 0.5) * span);
    const dispositionTs = Math.round(
      inspectedTs + rng.uniform(0.1, 0.9) * (creditedTs - inspectedTs),
    );
    return { authorisedTs, inspectedTs, disposition, dispositionTs };
  }
  const inspected = returnTs + Math.max(HOUR, Math.round(rng.logNormal(1.5, 0.6) * DAY));
  const decided = inspected + Math.max(HOUR, Math.round(rng.logNormal(0.5, 0.8) * DAY));
  const inspectedTs = inspected < ctx.cutoff ? inspected : null;
  const open = inspectedTs === null || decided >= ctx.cutoff || rng.chance(STUCK_SHARE);
  return {
    authorisedTs,
    inspectedTs,
    disposition: open ? null : disposition,
    dispositionTs: open ? null : decided,
  };
}

/** Add the order's returns (received before the cut-off); never more than was delivered per line. */
export function generateReturns(ctx: GeneratorContext, order: OrderDraft): void {
  if (order.shipments.every((shipment) => shipment.deliveredTs === null)) return;
  const delivered = order.shipments.filter((shipment) => shipment.deliveredTs !== null);
  const causes = returnCauses(ctx, order, delivered);
  if (causes.length === 0) return;
  const { rng } = ctx;
  const returnable = new Map<LineDraft, number>();
  for (const shipment of delivered) {
    for (const item of shipment.items)
      returnable.set(item.line, (returnable.get(item.line) ?? 0) + item.qty);
  }
  for (const { code, shipment } of causes) {
    const item = rng.pick(shipment.items);
    const available = returnable.get(item.line) ?? 0;
    if (available <= 0) continue;
    const qty = returnQty(ctx, code, available);
    const delay = Math.max(HOUR, Math.round(rng.logNormal(6, 0.7) * DAY));
    const returnTs = toWorkingHours((shipment.deliveredTs ?? 0) + delay, 8, 17);
    if (returnTs >= ctx.cutoff) continue;
    returnable.set(item.line, available - qty);
    const creditedTs = creditTime(ctx, order, returnTs);
    const id = ctx.nextReturnId++;
    const deliveredTs = shipment.deliveredTs ?? returnTs;
    order.returns.push({
      id,
      line: item.line,
      qty,
      returnTs,
      creditedTs,
      reasonCode: code,
      ...workflowStages(ctx, id, deliveredTs, returnTs, creditedTs, code),
    });
  }
}

/**
 * The in-memory shape of one generated order with its lines, shipments and returns, before it is
 * written out. Times are whole seconds since 2000-01-01 UTC (calendar.ts); null means "not (yet) happened as of
 * the extract's cut-off". Money is integer cents, so sums never pick up floating-point noise.
 */
import type { Carrier, Channel, Customer, ShipMode, Site, Sku } from './catalogue';
import type { Catalogue } from './catalogue';
import type { Rng } from './random';

export type OrderStatus = 'open' | 'shipped' | 'delivered' | 'closed' | 'cancelled';

export interface LineDraft {
  lineNo: number;
  sku: Sku;
  qty: number;
  qtyCancelled: number;
  /** Line-level re-promise, set when a line is backordered. */
  promisedShipTs: number | null;
  promisedDeliveryTs: number | null;
}

export interface ShipmentItem {
  line: LineDraft;
  qty: number;
}

export interface ShipmentDraft {
  id: number;
  shipTs: number;
  deliveredTs: number | null;
  carrier: Carrier;
  mode: ShipMode;
  damaged: boolean;
  documentationError: boolean;
  items: ShipmentItem[];
}

export interface ReturnDraft {
  id: number;
  line: LineDraft;
  qty: number;
  returnTs: number;
  creditedTs: number | null;
  reasonCode: string;
  /** The returns workflow's stages (./returns.ts draws them from a stream of their own). */
  authorisedTs: number | null;
  inspectedTs: number | null;
  disposition: string | null;
  dispositionTs: number | null;
}

export interface OrderDraft {
  id: number;
  orderTs: number;
  customer: Customer;
  channel: Channel;
  site: Site;
  enteredTs: number | null;
  releasedTs: number | null;
  promisedShipTs: number | null;
  promisedDeliveryTs: number | null;
  requestedDeliveryTs: number | null;
  cancelledTs: number | null;
  status: OrderStatus;
  valueCents: number;
  carrier: Carrier;
  mode: ShipMode;
  lines: LineDraft[];
  shipments: ShipmentDraft[];
  returns: ReturnDraft[];
}

/** Shared state of one generation run. */
export interface GeneratorContext {
  rng: Rng;
  catalogue: Catalogue;
  /** End of the period (exclusive), in seconds: the moment the extract was taken. */
  cutoff: number;
  /** Calendar month index (year × 12 + month − 1) of the period's first month. */
  startMonthIndex: number;
  nextShipmentId: number;
  nextReturnId: number;
}

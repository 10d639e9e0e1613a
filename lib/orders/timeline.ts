/** One order's events in time order, with the gaps between them and how late each one was. */
type Row = Record<string, unknown>;

export type TimelineKind =
  | 'placed'
  | 'entered'
  | 'released'
  | 'promised_ship'
  | 'promised_delivery'
  | 'requested_delivery'
  | 'shipped'
  | 'delivered'
  | 'returned'
  | 'credited'
  | 'cancelled';

export interface TimelineEvent {
  kind: TimelineKind;
  /** ISO timestamp (UTC). */
  at: string;
  label: string;
  detail?: string;
  /** A date the order was due by (promised or requested), not something that happened. */
  planned: boolean;
  /** Hours since the previous event that happened (planned dates are skipped); null for the first. */
  hoursSincePrevious: number | null;
  /** Days after the promised date, for a shipment or delivery later than promised (calendar days). */
  daysLate?: number;
}

const eventRank: Record<TimelineKind, number> = {
  placed: 0,
  entered: 1,
  released: 2,
  cancelled: 3,
  promised_ship: 4,
  shipped: 5,
  promised_delivery: 6,
  requested_delivery: 7,
  delivered: 8,
  returned: 9,
  credited: 10,
};

/** One order by id (bound as a parameter), or undefined when there is none. */
const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const plural = (n: number, word: string) => `${fmt(n)} ${word}${n === 1 ? '' : 's'}`;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const dayOf = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
const daysAfter = (at: string, due: string | undefined) => {
  if (!due) return undefined;
  const days = Math.round((dayOf(at) - dayOf(due)) / 86_400_000);
  return days > 0 ? days : undefined;
};

/** The order's events in time order; planned dates sit where they fall. */
export function timelineOf(order: Row, shipments: Row[], returns: Row[]): TimelineEvent[] {
  type Draft = Omit<TimelineEvent, 'hoursSincePrevious'>;
  const events: Draft[] = [];
  const add = (kind: TimelineKind, at: unknown, label: string, extra: Partial<Draft> = {}) => {
    const ts = str(at);
    if (ts) events.push({ kind, at: ts, label, planned: false, ...extra });
  };
  const promisedShip = str(order.promised_ship_ts);
  const promisedDelivery = str(order.promised_delivery_ts);
  add('placed', order.order_ts, 'Order placed', {
    detail: [str(order.channel) && `via ${order.channel}`, str(order.customer_id)]
      .filter(Boolean)
      .join(' · '),
  });
  add('entered', order.entered_ts, 'Entered in the ERP');
  add('released', order.released_ts, 'Released to the warehouse');
  add('promised_ship', promisedShip, 'Promised ship date', { planned: true });
  add('promised_delivery', promisedDelivery, 'Promised delivery date', { planned: true });
  add('requested_delivery', order.requested_delivery_ts, 'Delivery requested by the customer', {
    planned: true,
  });
  add('cancelled', order.cancelled_ts, 'Order cancelled');

  // A shipment (by id, else by ship time) is one event, however many lines it carries.
  const groups = new Map<string, Row[]>();
  for (const s of shipments) {
    const key = `${str(s.shipment_id) ?? ''}|${str(s.ship_ts) ?? str(s.delivered_ts) ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const rows of groups.values()) {
    const first = rows[0]!;
    const id = str(first.shipment_id);
    const name = id ? `Shipment ${id}` : 'Shipment';
    const units = rows.reduce((sum, r) => sum + num(r.qty_shipped), 0);
    const flags = [
      rows.some((r) => r.damaged === true) && 'arrived damaged',
      rows.some((r) => r.documentation_error === true) && 'documentation error',
    ].filter((f): f is string => !!f);
    const shipDetail = [
      `${plural(rows.length, 'line')}, ${plural(units, 'unit')}`,
      [str(first.carrier), str(first.ship_mode)].filter(Boolean).join(' '),
      str(first.site) && `from ${first.site}`,
    ]
      .filter(Boolean)
      .join(' · ');
    const shipTs = str(first.ship_ts);
    if (shipTs)
      add('shipped', shipTs, `${name} shipped`, {
        detail: shipDetail,
        daysLate: daysAfter(shipTs, promisedShip),
      });
    // Lines of one shipment may arrive at different times: one delivery event per arrival.
    const arrivals = new Map<string, Row[]>();
    for (const r of rows) {
      const at = str(r.delivered_ts);
      if (at) arrivals.set(at, [...(arrivals.get(at) ?? []), r]);
    }
    for (const [at, arrived] of arrivals) {
      const detail = [
        shipTs ? undefined : shipDetail,
        arrived.length < rows.length ? plural(arrived.length, 'line') : undefined,
        ...flags,
      ]
        .filter(Boolean)
        .join(' · ');
      add('delivered', at, `${name} delivered`, {
        ...(detail ? { detail } : {}),
        daysLate: daysAfter(at, promisedDelivery),
      });
    }
  }
  for (const r of returns) {
    const id = str(r.return_id);
    const name = id ? `Return ${id}` : 'Return';
    const reason = [str(r.reason_category)?.replaceAll('_', ' '), str(r.reason_code)]
      .filter(Boolean)
      .join(', code ');
    add('returned', r.return_ts, `${name} received`, {
      detail: [`${plural(num(r.qty_returned), 'unit')}${str(r.sku) ? ` of ${r.sku}` : ''}`, reason]
        .filter(Boolean)
        .join(' · '),
    });
    add('credited', r.credited_ts, `${name} credited`);
  }

  events.sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || eventRank[a.kind] - eventRank[b.kind],
  );
  let previous: number | undefined;
  return events.map((event) => {
    const at = Date.parse(event.at);
    const hours = event.planned || previous === undefined ? null : (at - previous) / 3_600_000;
    if (!event.planned) previous = at;
    const out: TimelineEvent = { ...event, hoursSincePrevious: hours };
    if (out.daysLate === undefined) delete out.daysLate;
    if (out.detail === undefined || out.detail === '') delete out.detail;
    return out;
  });
}

/** How the order counts in every order-level KPI: passed, failed, measured, excluded or not counted. */

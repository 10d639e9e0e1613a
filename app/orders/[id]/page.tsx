import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { getServerDatabase } from '@/lib/db/server';
import {
  getOrder,
  type KpiVerdictStatus,
  type OrderKpiVerdict,
  type TimelineEvent,
  type TimelineKind,
} from '@/lib/orders/list';
import type { OrderStatus } from '@/lib/orders/query';
import { formatCount, formatKpiValue } from '../../ui/format';
import { StatusPill } from '../orders-table';
import styles from './order.module.css';
import { requirePage } from '../../session';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Order ${id}` };
}

type Row = Record<string, unknown>;

const text = (value: unknown) =>
  typeof value === 'string' && value !== ''
    ? value
    : typeof value === 'number'
      ? String(value)
      : '';
const num = (value: unknown) => (typeof value === 'number' ? value : null);
const qty = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const fmtQty = (value: unknown) => (num(value) === null ? '—' : qty.format(num(value)!));

/** '2024-01-02 09:00 UTC', or the day alone for a date without a time. */
function when(iso: unknown): string {
  const s = text(iso);
  if (!s) return '—';
  const time = s.slice(11, 16);
  return time === '00:00' && s.slice(11, 19) === '00:00:00'
    ? s.slice(0, 10)
    : `${s.slice(0, 10)} ${time} UTC`;
}

function duration(hours: number): string {
  if (hours === 0) return 'at the same time';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
  const days = hours / 24;
  return `${Number.isInteger(days) ? days : days.toFixed(1)} days`;
}

function money(value: unknown, currency: unknown): string {
  const n = num(value);
  if (n === null) return '—';
  const code = text(currency);
  try {
    return new Intl.NumberFormat('en-US', {
      style: code ? 'currency' : 'decimal',
      currency: code || undefined,
      maximumFractionDigits: 2,
    }).format(n);
  } catch {
    return `${qty.format(n)} ${code}`;
  }
}

export default async function OrderPage({ params }: { params: Params }) {
  await connection();
  const { id } = await params;
  await requirePage('drill', `/orders/${encodeURIComponent(id)}`);
  const db = await getServerDatabase();
  const detail = await getOrder(db, id);
  if (!detail) notFound();
  const { order, lines, shipments, returns, timeline, kpis } = detail;
  const placed = text(order.order_ts);
  const finalShip = text(order.final_ship_ts);
  const delivered = text(order.delivered_ts);
  const hoursBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 3_600_000;
  const facts: { label: string; value: string; note?: string }[] = [
    {
      label: 'Order value',
      value: money(order.order_value, order.currency),
    },
    {
      label: 'Lines',
      value: formatCount(num(order.lines) ?? lines.length),
      note: `${fmtQty(order.units_due)} units due`,
    },
    {
      label: 'Shipped',
      value: `${fmtQty(order.qty_shipped ?? 0)} units`,
      note:
        num(order.ship_dates) && num(order.ship_dates)! > 1
          ? `on ${order.ship_dates} days (split)`
          : order.complete
            ? 'in full'
            : shipments.length
              ? 'not yet in full'
              : 'nothing yet',
    },
    {
      label: 'To final shipment',
      value:
        placed && finalShip && order.complete ? duration(hoursBetween(placed, finalShip)) : '—',
      note: order.complete ? when(finalShip) : 'not shipped in full',
    },
    {
      label: 'To delivery',
      value: placed && delivered ? duration(hoursBetween(placed, delivered)) : '—',
      note: delivered ? when(delivered) : 'not delivered in full',
    },
    {
      label: 'Returned',
      value: returns.length ? `${fmtQty(order.qty_returned)} units` : 'Nothing',
      note: returns.length
        ? `${returns.length} return${returns.length === 1 ? '' : 's'}${order.error_return ? ', fulfilment error' : ''}`
        : undefined,
    },
  ];
  const who = [
    text(order.customer_id) && `customer ${text(order.customer_id)}`,
    text(order.channel) && `via ${text(order.channel)}`,
    text(order.site) && `from ${text(order.site)}`,
    text(order.region) && `${text(order.region)} region`,
  ].filter(Boolean);

  return (
    <>
      <nav aria-label="Breadcrumb" className={styles.crumbs}>
        <Link href="/orders">
          <span aria-hidden="true">←</span> Orders
        </Link>
      </nav>
      <div className={styles.head}>
        <h1>
          Order <span className={styles.orderId}>{order.order_id}</span>
        </h1>
        <StatusPill status={order.status as OrderStatus} />
      </div>
      <p className="lede">
        Placed {when(placed)}
        {who.length ? `, ${who.join(', ')}` : ''}.
      </p>

      <dl className={styles.facts}>
        {facts.map((f) => (
          <div key={f.label} className={styles.fact}>
            <dt>{f.label}</dt>
            <dd>
              <span className={styles.factValue}>{f.value}</span>
              {f.note && <span className={styles.factNote}>{f.note}</span>}
            </dd>
          </div>
        ))}
      </dl>

      <div className={styles.columns}>
        <section className="panel" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Timeline</h2>
          <p className={styles.sectionNote}>
            What happened, in order, with the time each step took. Promised and requested dates are
            shown where they fall, dashed.
          </p>
          <Timeline events={timeline} />
        </section>
        <section className="panel" aria-labelledby="kpis-heading">
          <h2 id="kpis-heading">How it counts in each KPI</h2>
          <p className={styles.sectionNote}>
            The verdict of each order-level KPI on this order, by the catalogue&rsquo;s definitions.
          </p>
          <Verdicts kpis={kpis} />
        </section>
      </div>

      <section className="panel" aria-labelledby="lines-heading">
        <h2 id="lines-heading">Lines</h2>
        <LinesTable lines={lines} />
      </section>
      <section className="panel" aria-labelledby="shipments-heading">
        <h2 id="shipments-heading">Shipments</h2>
        <ShipmentsTable shipments={shipments} />
      </section>
      <section className="panel" aria-labelledby="returns-heading">
        <h2 id="returns-heading">Returns</h2>
        <ReturnsTable returns={returns} currency={order.currency} />
      </section>
      <p className={styles.source}>
        From load {text(order.load_id) || '—'} · <Link href="/data">loads and their files</Link>
        {' · '}
        <Link href={`/orders?search=${encodeURIComponent(text(order.customer_id))}`}>
          other orders of this customer
        </Link>
      </p>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Timeline

/**
 * The duration shown above each step that happened: from the previous step that happened, named
 * when a due date sits between them (so it does not read as time since the due date).
 */
function gapsOf(events: TimelineEvent[]): (string | undefined)[] {
  const gaps: (string | undefined)[] = [];
  let previous: TimelineEvent | undefined;
  let dueBetween = false;
  for (const event of events) {
    let gap: string | undefined;
    if (!event.planned && event.hoursSincePrevious !== null && previous) {
      const name = `“${previous.label}”`;
      gap =
        event.hoursSincePrevious === 0
          ? `at the same time${dueBetween ? ` as ${name}` : ''}`
          : `${duration(event.hoursSincePrevious)}${dueBetween ? ` after ${name}` : ' later'}`;
    }
    gaps.push(gap);
    if (event.planned) dueBetween = true;
    else {
      previous = event;
      dueBetween = false;
    }
  }
  return gaps;
}

function Timeline({ events }: { events: TimelineEvent[] }) {
  if (!events.length) return <p className="empty">No dated events.</p>;
  const gaps = gapsOf(events);
  return (
    <ol className={styles.timeline}>
      {events.map((event, i) => (
        <li
          key={`${event.kind}-${event.at}-${i}`}
          className={`${styles.event} ${event.planned ? styles.planned : ''} ${styles[`kind_${event.kind}`] ?? ''}`}
        >
          {gaps[i] && <div className={styles.gap}>{gaps[i]}</div>}
          <div className={styles.eventRow}>
            <span className={styles.icon} aria-hidden="true">
              <EventIcon kind={event.kind} />
            </span>
            <div className={styles.eventBody}>
              <div className={styles.eventHead}>
                <span className={styles.eventLabel}>{event.label}</span>
                {event.planned && <span className={styles.plannedTag}>Due date</span>}
                {event.daysLate !== undefined && (
                  <span className={styles.late}>
                    <span aria-hidden="true">⚠ </span>
                    {event.daysLate} day{event.daysLate === 1 ? '' : 's'} after the promised date
                  </span>
                )}
              </div>
              <time dateTime={event.at} className={styles.eventTime}>
                {when(event.at)}
              </time>
              {event.detail && <div className={styles.eventDetail}>{event.detail}</div>}
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}

const iconPaths: Record<TimelineKind, ReactNode> = {
  placed: <path d="M4 3h8v10H4zM6 6h4M6 8.5h4M6 11h2" />,
  entered: <path d="M3 12.5V10l6.5-6.5 2.5 2.5L5.5 12.5zM8.5 4.5l2.5 2.5" />,
  released: <path d="M3 8h8m0 0L8 5m3 3-3 3M13 3v10" />,
  promised_ship: <path d="M4 14V2.5m0 .5h7l-1.5 2.5L11 8H4" />,
  promised_delivery: <path d="M4 14V2.5m0 .5h7l-1.5 2.5L11 8H4" />,
  requested_delivery: <path d="M8 2.5a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11zM8 5v3l2 1.5" />,
  shipped: (
    <path d="M1.5 4.5h8v6h-8zM9.5 7h3l2 2v1.5h-5M4 12.5a1 1 0 1 0 0-.1M12 12.5a1 1 0 1 0 0-.1" />
  ),
  delivered: <path d="M2.5 5 8 2.5 13.5 5v6L8 13.5 2.5 11zM2.5 5 8 7.5 13.5 5M8 7.5v6" />,
  returned: <path d="M6 4 3 7l3 3M3 7h6.5a3.5 3.5 0 0 1 0 7H7" />,
  credited: (
    <path d="M8 2.5a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11zM10 6H7.2a1 1 0 0 0 0 2h1.6a1 1 0 0 1 0 2H6M8 4.8v1.2m0 4v1.2" />
  ),
  cancelled: <path d="M8 2.5a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11zM6 6l4 4m0-4-4 4" />,
};

function EventIcon({ kind }: { kind: TimelineKind }) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      focusable="false"
    >
      {iconPaths[kind]}
    </svg>
  );
}

// ---------------------------------------------------------------------------------------------
// KPI verdicts

const verdictText: Record<KpiVerdictStatus, { glyph: string; label: string }> = {
  failed: { glyph: '✕', label: 'Failed' },
  passed: { glyph: '✓', label: 'Passed' },
  measured: { glyph: '◷', label: 'Measured' },
  excluded: { glyph: '–', label: 'Excluded' },
  not_in_scope: { glyph: '·', label: 'Not counted' },
};

/** In the KPI's own unit, as the KPI pages show it. */
function verdictValue(kpi: OrderKpiVerdict): string {
  if (kpi.value === null || kpi.value === undefined) return '';
  return formatKpiValue(kpi.value, kpi.unit);
}

function Verdicts({ kpis }: { kpis: OrderKpiVerdict[] }) {
  const counts = kpis.reduce<Record<string, number>>((acc, k) => {
    acc[k.status] = (acc[k.status] ?? 0) + 1;
    return acc;
  }, {});
  return (
    <>
      <p className={styles.verdictSummary}>
        {(['failed', 'passed', 'measured', 'excluded', 'not_in_scope'] as const)
          .filter((s) => counts[s])
          .map((s) => (
            <span key={s} className={`${styles.verdict} ${styles[`verdict_${s}`] ?? ''}`}>
              <span aria-hidden="true">{verdictText[s].glyph}</span> {counts[s]}{' '}
              {verdictText[s].label.toLowerCase()}
            </span>
          ))}
      </p>
      <table className={styles.verdictTable}>
        <caption className="visually-hidden">KPI verdicts for this order</caption>
        <thead>
          <tr>
            <th scope="col">KPI</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {kpis.map((kpi) => {
            const v = verdictText[kpi.status];
            return (
              <tr key={kpi.id}>
                <th scope="row" className="row-head">
                  <Link
                    href={`/orders?kpi=${kpi.id}${kpi.status === 'failed' ? '&failed=1' : ''}`}
                    className={styles.kpiLink}
                  >
                    {kpi.name}
                  </Link>
                </th>
                <td>
                  <span className={`${styles.verdict} ${styles[`verdict_${kpi.status}`] ?? ''}`}>
                    <span aria-hidden="true">{v.glyph}</span> {v.label}
                    {kpi.status === 'measured' && kpi.value !== null && kpi.value !== undefined
                      ? `: ${verdictValue(kpi)}`
                      : ''}
                  </span>
                  {kpi.reason && <span className={styles.reason}>{kpi.reason}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Lines, shipments, returns

function Empty({ children }: { children: ReactNode }) {
  return <p className={styles.none}>{children}</p>;
}

function LinesTable({ lines }: { lines: Row[] }) {
  if (!lines.length) return <Empty>No order lines were loaded for this order.</Empty>;
  return (
    <DetailTable
      caption="Order lines"
      headers={[
        ['Line', true],
        ['SKU'],
        ['Ordered', true],
        ['Cancelled', true],
        ['Shipped', true],
        ['Open', true],
        ['Unit price', true],
        ['Promised ship'],
        ['Promised delivery'],
      ]}
    >
      {lines.map((line) => {
        const due = (num(line.qty_ordered) ?? 0) - (num(line.qty_cancelled) ?? 0);
        const open = Math.max(due - (num(line.qty_shipped) ?? 0), 0);
        return (
          <tr key={String(line.line_no)}>
            <td className="num">{text(line.line_no)}</td>
            <td>{text(line.sku) || '—'}</td>
            <td className="num">{fmtQty(line.qty_ordered)}</td>
            <td className="num">{fmtQty(line.qty_cancelled)}</td>
            <td className="num">{fmtQty(line.qty_shipped ?? 0)}</td>
            <td className="num">
              {open > 0 ? (
                <strong>{qty.format(open)}</strong>
              ) : (
                <span className={styles.muted}>0</span>
              )}
            </td>
            <td className="num">{fmtQty(line.unit_price)}</td>
            <td className="nowrap">{when(line.promised_ship_ts)}</td>
            <td className="nowrap">{when(line.promised_delivery_ts)}</td>
          </tr>
        );
      })}
    </DetailTable>
  );
}

function ShipmentsTable({ shipments }: { shipments: Row[] }) {
  if (!shipments.length) return <Empty>Nothing has shipped.</Empty>;
  return (
    <DetailTable
      caption="Shipment lines"
      headers={[
        ['Shipment'],
        ['Line', true],
        ['SKU'],
        ['Qty', true],
        ['Shipped'],
        ['Delivered'],
        ['Carrier'],
        ['Site'],
        ['Issues'],
      ]}
    >
      {shipments.map((s, i) => (
        <tr key={`${text(s.shipment_id)}-${text(s.line_no)}-${i}`}>
          <td>{text(s.shipment_id) || '—'}</td>
          <td className="num">{text(s.line_no) || '—'}</td>
          <td>{text(s.sku) || '—'}</td>
          <td className="num">{fmtQty(s.qty_shipped)}</td>
          <td className="nowrap">{when(s.ship_ts)}</td>
          <td className="nowrap">{when(s.delivered_ts)}</td>
          <td>{[text(s.carrier), text(s.ship_mode)].filter(Boolean).join(' · ') || '—'}</td>
          <td>{text(s.site) || '—'}</td>
          <td>
            {s.damaged === true && <span className={styles.issue}>Damaged</span>}
            {s.documentation_error === true && (
              <span className={styles.issue}>Documentation error</span>
            )}
            {s.damaged !== true && s.documentation_error !== true && (
              <span className={styles.muted}>None</span>
            )}
          </td>
        </tr>
      ))}
    </DetailTable>
  );
}

function ReturnsTable({ returns, currency }: { returns: Row[]; currency: unknown }) {
  if (!returns.length) return <Empty>Nothing was returned.</Empty>;
  return (
    <DetailTable
      caption="Returns"
      headers={[
        ['Return'],
        ['Line', true],
        ['SKU'],
        ['Qty', true],
        ['Received'],
        ['Credited'],
        ['Reason'],
        ['Value', true],
      ]}
    >
      {returns.map((r, i) => (
        <tr key={`${text(r.return_id)}-${i}`}>
          <td>{text(r.return_id) || '—'}</td>
          <td className="num">{text(r.line_no) || '—'}</td>
          <td>{text(r.sku) || '—'}</td>
          <td className="num">{fmtQty(r.qty_returned)}</td>
          <td className="nowrap">{when(r.return_ts)}</td>
          <td className="nowrap">
            {text(r.credited_ts) ? (
              when(r.credited_ts)
            ) : (
              <span className={styles.muted}>Not yet</span>
            )}
          </td>
          <td>
            {text(r.reason_category).replaceAll('_', ' ') || '—'}
            {text(r.reason_code) && <span className={styles.muted}> · {text(r.reason_code)}</span>}
          </td>
          <td className="num">{money(r.return_value, currency)}</td>
        </tr>
      ))}
    </DetailTable>
  );
}

/** A table of the order's rows: a caption for screen readers, headers (numeric ones right-aligned). */
function DetailTable({
  caption,
  headers,
  children,
}: {
  caption: string;
  headers: ([string] | [string, true])[];
  children: ReactNode;
}) {
  return (
    <div className={styles.tableWrap}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {headers.map(([label, numeric]) => (
              <th key={label} scope="col" className={numeric ? 'num' : undefined}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/**
 * Subscriptions and deliveries in words, as the page lists them: the report a subscription sends,
 * an instant in the subscription's own time zone, a delivery's kind. Pure.
 */
import type { SubscribedReport } from '@/lib/delivery/subscriptions';
import { dimensionLabels } from '@/lib/format/labels';
import { dimensionNames } from '@/lib/kpi/filters';

export const formatLabels = { pdf: 'PDF', pptx: 'PowerPoint', xlsx: 'Excel' } as const;

export const runKindLabels = {
  schedule: 'Scheduled',
  retry: 'Retry',
  now: 'Sent now',
} as const;

/** "Mon 8 Dec 2025, 07:00 (Europe/Berlin)": when a run comes, on the clock it was set by. */
export function instantIn(iso: string, timeZone: string): string {
  try {
    const text = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));
    return `${text} (${timeZone})`;
  } catch {
    return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  }
}

/** The period each delivery reports: fixed dates, or the last complete month before it. */
export function periodWords(filters: SubscribedReport['filters']): string {
  if (filters.from && filters.to) return `always ${filters.from} to ${filters.to}`;
  if (filters.from) return `always from ${filters.from} on`;
  if (filters.to) return `always up to ${filters.to}`;
  return 'the last complete month before each delivery';
}

/** The report's filters other than the period: "Site DC-North or DC-South; SKU A-1". */
export function filterWords(filters: SubscribedReport['filters']): string | null {
  const parts = dimensionNames
    .filter((d) => filters[d]?.length)
    .map((d) => `${dimensionLabels[d]} ${filters[d]!.join(' or ')}`);
  if (filters.sku?.length) parts.push(`SKU ${filters.sku.join(' or ')}`);
  return parts.length ? parts.join('; ') : null;
}

/** The rest of what the report holds: its KPIs, breakdown, comparison and organisation. */
export function contentWords(
  report: Pick<SubscribedReport, 'kpis' | 'by' | 'compare' | 'organisation'>,
  kpiName: (id: string) => string,
): string[] {
  const out = [report.kpis?.length ? `KPIs: ${report.kpis.map(kpiName).join(', ')}` : 'Every KPI'];
  if (report.by) out.push(`broken down by ${dimensionLabels[report.by].toLowerCase()}`);
  if (report.compare)
    out.push(
      report.compare === 'last_year'
        ? 'compared with the same period last year'
        : 'compared with the period before',
    );
  if (report.organisation) out.push(`for ${report.organisation}`);
  return out;
}

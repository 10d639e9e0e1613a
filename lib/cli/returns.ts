import 'server-only';
/**
 * orderlens returns backlog [--as-of DATE] [--site S …] [--json]: the open returns on a day (by
 * default the data's last date) by stage and age bucket, as a table or one JSON object.
 */
import { filtersSchema } from '@/lib/kpi/filters';
import {
  ageBuckets,
  returnsBacklog,
  type BacklogCell,
  type ReturnsBacklog,
} from '@/lib/kpi/returns-backlog';
import { isCalendarDate } from '@/lib/model/iso-date';
import { parse, UsageError, type Io } from './args';
import { openCliDatabase } from './db';
import { kpiQueryFlags, kpiQueryFromFlags } from './kpis';

/** The KPI query's dimension filters: the as-of day takes the place of the date range. */
const filterFlags = Object.fromEntries(
  Object.entries(kpiQueryFlags).filter(([flag]) => !['from', 'to', 'kpis'].includes(flag)),
) as Omit<typeof kpiQueryFlags, 'from' | 'to' | 'kpis'>;

export async function returnsCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'backlog') throw new UsageError('returns takes a subcommand: backlog.');
  const { values, positionals } = parse(rest, {
    ...filterFlags,
    'as-of': { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError('returns backlog takes no arguments.');
  const asOf = values['as-of'] as string | undefined;
  if (asOf !== undefined && !isCalendarDate(asOf))
    throw new UsageError('--as-of takes a calendar date as YYYY-MM-DD.');
  const filters = filtersSchema.parse(kpiQueryFromFlags(values).filters);
  const db = await openCliDatabase(values.db as string | undefined, 'view');
  const backlog = await returnsBacklog(db, filters, asOf);
  io.out(values.json ? JSON.stringify(backlog, null, 2) : formatBacklog(backlog));
  return 0;
}

const cellText = (c: BacklogCell) => (c.count ? `${c.count} (${c.units} u)` : '0');

/** The matrix of open returns: stages down, age buckets across, with totals. */
export function formatBacklog(b: ReturnsBacklog): string {
  if (b.asOf === null) return ['No returns are loaded.', ...b.notes.slice(1)].join('\n');
  const source = b.asOfSource === 'data_end' ? ' (the data’s last date)' : '';
  const head = ['', ...ageBuckets.map((a) => a.label), 'total'];
  const rows = b.stages.map((s) =>
    s.buckets && s.total
      ? [s.label, ...ageBuckets.map((a) => cellText(s.buckets![a.id])), cellText(s.total)]
      : [s.label, `not recorded: ${s.notRecorded}`],
  );
  rows.push(['Total', ...ageBuckets.map((a) => cellText(b.bucketTotals[a.id])), cellText(b.total)]);
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.filter((r) => r.length === head.length).map((r) => r[i]!.length)),
  );
  const line = (cells: string[]) =>
    cells.length === head.length
      ? cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[i]!))).join('  ')
      : `${cells[0]!.padEnd(widths[0]!)}  ${cells[1]}`;
  const notes = [
    ...b.notes,
    ...(b.cancelledOrderReturns
      ? [`${b.cancelledOrderReturns} open return(s) of cancelled orders are not counted.`]
      : []),
    ...(b.unitsUnknown
      ? [`${b.unitsUnknown} open return(s) have no quantity (no units counted).`]
      : []),
  ];
  return [
    `Open returns as of ${b.asOf}${source}, by stage and age (u = units; age from authorisation, or receipt without one)`,
    '',
    line(head),
    ...rows.map(line),
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n');
}

import 'server-only';
/**
 * orderlens explain: why a KPI moved between a range and its comparison period, split by a
 * dimension into each segment's rate and mix effects (lib/kpi/explain-change.ts), as a table or
 * one JSON object.
 */
import { formatKpiChange, formatKpiValue } from '@/lib/format/kpi-value';
import { explainChange, type ChangeExplained } from '@/lib/kpi/explain-change';
import { dimensionNames, type Dimension } from '@/lib/kpi/filters';
import { parse, UsageError, type Io } from './args';
import { openCliDatabase } from './db';
import { kpiQueryFlags, kpiQueryFromFlags } from './kpis';

/** The KPI query's flags but --kpis: explain takes its one KPI as an argument. */
const filterFlags = Object.fromEntries(
  Object.entries(kpiQueryFlags).filter(([flag]) => flag !== 'kpis'),
) as Omit<typeof kpiQueryFlags, 'kpis'>;

export async function explainCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    ...filterFlags,
    by: { type: 'string' },
    compare: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [kpi, ...extra] = positionals;
  if (!kpi || extra.length) throw new UsageError('explain takes one KPI id.');
  const by = values.by as string | undefined;
  if (!by || !dimensionNames.includes(by as Dimension))
    throw new UsageError(`--by must be one of ${dimensionNames.join(', ')}.`);
  const compare = (values.compare as string | undefined) ?? 'previous';
  if (compare !== 'previous' && compare !== 'last_year')
    throw new UsageError('--compare must be previous or last_year.');
  if (!values.from || !values.to) throw new UsageError('--from and --to are required.');
  const { filters } = kpiQueryFromFlags(values);
  const db = await openCliDatabase(values.db as string | undefined, 'view');
  const result = await explainChange(db, kpi, {
    filters: JSON.parse(JSON.stringify(filters)),
    by: by as Dimension,
    compare,
  });
  io.out(values.json ? JSON.stringify(jsonOf(result), null, 2) : formatExplanation(result));
  return 0;
}

/** The JSON contract: the split and its segments, largest contribution first. */
function jsonOf(r: ChangeExplained) {
  return {
    kpi: r.kpi,
    by: r.by,
    compare: r.compare,
    unit: r.unit,
    previous: r.previous,
    current: r.current,
    change: r.change,
    rateEffect: r.rateEffect,
    mixEffect: r.mixEffect,
    segments: r.segments.map((s) => ({
      segment: s.segment,
      recorded: s.recorded,
      previousShare: s.previousShare,
      currentShare: s.currentShare,
      previousValue: s.previousValue,
      currentValue: s.currentValue,
      rateEffect: s.rateEffect,
      mixEffect: s.mixEffect,
    })),
    ...(r.note ? { note: r.note } : {}),
  };
}

/** The split as an aligned table, the segments in order of their part of the change. */
export function formatExplanation(r: ChangeExplained): string {
  const v = (x: number | null) => formatKpiValue(x, r.unit);
  const d = (x: number | null) => formatKpiChange(x, r.unit);
  const share = (x: number) => `${(x * 100).toFixed(1)}%`;
  const head = [
    `${r.name}: ${v(r.previous.value)} (${r.previous.from} to ${r.previous.to}, n ${r.previous.n}) → ${v(r.current.value)} (${r.current.from} to ${r.current.to}, n ${r.current.n}): ${d(r.change)}`,
    `Rate effect ${d(r.rateEffect)} (segments' own values), mix effect ${d(r.mixEffect)} (their shares), by ${r.by}.`,
    ...(r.note ? [r.note] : []),
    '',
  ];
  const rows = r.segments.map((s) => [
    s.segment,
    s.previousValue === null ? '—' : v(s.previousValue),
    s.currentValue === null ? '—' : v(s.currentValue),
    share(s.previousShare),
    share(s.currentShare),
    d(s.rateEffect),
    d(s.mixEffect),
    d(s.rateEffect + s.mixEffect),
  ]);
  const header = ['Segment', 'Before', 'Now', 'Share before', 'Share now', 'Rate', 'Mix', 'Total'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [...head, line(header), ...rows.map(line)].join('\n');
}

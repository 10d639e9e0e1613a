import 'server-only';
/**
 * CSV exports of the report: the scorecard (one row per KPI) and the drill-through list of one
 * KPI (every order or return behind its value). Numbers stay numbers; every text cell is
 * neutralised against formula injection; timestamps are written as YYYY-MM-DD HH:MM:SS (UTC).
 */
import type { Database } from '@/lib/db/database';
import { streamDrill } from '@/lib/kpi/drill';
import type { Filters } from '@/lib/kpi/filters';
import { csvLine } from '@/lib/orders/list';
import { numberCell, textCell, type Cell } from './cells';
import { targetStatusText } from './labels';
import type { ReportModel } from './types';

const scorecardColumns = [
  'kpi_id',
  'kpi',
  'value',
  'unit',
  'formatted',
  'band',
  'band_source',
  'percentile',
  'target',
  'target_status',
  'previous',
  'change',
  'counted',
];

/** The scorecard of the report model as CSV text. */
export function renderScorecardCsv(model: ReportModel): string {
  const rows = model.kpis.map((k): Cell[] => [
    textCell(k.id),
    textCell(k.name),
    numberCell(k.value),
    textCell(k.unit),
    textCell(k.formatted),
    textCell(k.band),
    textCell(k.placements[0]?.source),
    numberCell(k.percentile),
    numberCell(k.target?.value),
    textCell(k.target?.status ? targetStatusText[k.target.status] : null),
    numberCell(k.change?.previous),
    numberCell(k.change?.change),
    k.coverage.counted,
  ]);
  return [scorecardColumns, ...rows].map((r) => csvLine(r.map(cellText))).join('');
}

const cellText = (cell: Cell) => (cell === null ? '' : String(cell));

/** Every row behind a KPI for the filters, as CSV text, one chunk per chunk DuckDB streams. */
export async function* drillCsv(
  db: Database,
  kpiId: string,
  filters: Filters,
): AsyncGenerator<string> {
  let first = true;
  for await (const { columns, rows } of streamDrill(db, kpiId, { filters })) {
    let text = first ? csvLine(columns) : '';
    first = false;
    for (const row of rows) text += csvLine(columns.map((c) => drillCell(row[c])));
    yield text;
  }
}

function drillCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(text)) return text.slice(0, 19).replace('T', ' ');
  return textCell(text) ?? '';
}

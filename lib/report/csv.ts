import 'server-only';
/**
 * CSV exports of the report: the scorecard (one row per KPI) and the drill-through list of one
 * KPI (every order or return behind its value). Numbers stay numbers; every text cell is
 * neutralised against formula injection; timestamps are written as YYYY-MM-DD HH:MM:SS (UTC).
 */
import type { Database } from '@/lib/db/database';
import type { Filters } from '@/lib/kpi/filters';
import { csvLine, exportOrdersCsv } from '@/lib/orders/export';
import { numberCell, textCell, type Cell } from './cells';
import { basisText, summaryBandText, targetStatusText } from './labels';
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
  'basis',
  // Appended, so scripts reading the earlier columns by position keep working.
  'status',
  'status_label',
  'significance',
];

/** The scorecard of the report model as CSV text. */
export function renderScorecardCsv(model: ReportModel): string {
  const rows = model.kpis.map((k): Cell[] => [
    textCell(k.id),
    textCell(k.name),
    numberCell(k.value),
    textCell(k.unit),
    textCell(k.formatted),
    textCell(summaryBandText(k)),
    textCell(k.placements[0]?.source),
    numberCell(k.percentile),
    numberCell(k.target?.value),
    textCell(k.target?.status ? targetStatusText[k.target.status] : null),
    numberCell(k.change?.previous),
    numberCell(k.change?.change),
    k.coverage.counted,
    textCell(basisText(k)),
    textCell(k.status.colour),
    textCell(k.status.label),
    numberCell(k.movement?.significance),
  ]);
  return [scorecardColumns, ...rows].map((r) => csvLine(r.map(cellText))).join('');
}

const cellText = (cell: Cell) => (cell === null ? '' : String(cell));

/**
 * Every row behind a KPI for the filters, as CSV text in chunks: the orders explorer's export of
 * that KPI's rows, so both downloads write the same cells (one neutralisation policy).
 */
export function drillCsv(db: Database, kpiId: string, filters: Filters): AsyncGenerator<string> {
  return exportOrdersCsv(db, { kpi: kpiId, filters });
}

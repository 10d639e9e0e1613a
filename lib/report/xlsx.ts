import 'server-only';
/**
 * The report as a workbook: a scorecard sheet, one sheet per KPI (trend series and breakdown),
 * definitions, sources, coverage and the load ledger. Numbers are stored as numbers with a format
 * per unit; text is neutralised against formula injection.
 */
import ExcelJS from 'exceljs';
import { changeFormats, COUNT_FORMAT, numberCell, textCell, unitFormats, type Cell } from './cells';
import { basisText, summaryBandText, targetStatusText } from './labels';
import type { ReportKpi, ReportModel } from './types';

type Sheet = ExcelJS.Worksheet;

/** Render the report model as an XLSX workbook. */
export async function renderReportXlsx(model: ReportModel): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const at = new Date(model.generatedAt);
  Object.assign(book, { creator: 'Orderlens', created: at, modified: at });
  scorecardSheet(book.addWorksheet('Scorecard'), model);
  const names = new Set(['scorecard', 'definitions', 'sources', 'coverage', 'ledger']);
  for (const kpi of model.kpis) kpiSheet(book.addWorksheet(sheetName(kpi.name, names)), kpi, model);
  definitionsSheet(book.addWorksheet('Definitions'), model);
  sourcesSheet(book.addWorksheet('Sources'), model);
  coverageSheet(book.addWorksheet('Coverage'), model);
  ledgerSheet(book.addWorksheet('Ledger'), model);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Excel sheet names: at most 31 characters, no control characters or []:*?/\\, not starting or
 * ending with an apostrophe, unique without regard to case.
 */
function sheetName(name: string, taken: Set<string>): string {
  const cleaned = name.replace(/[\u0000-\u001f[\]:*?/\\]/g, ' ').replace(/^[\s']+|[\s']+$/g, '');
  const base = (cleaned || 'KPI').slice(0, 31);
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++)
    candidate = `${base.slice(0, 26)} (${i})`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** The title rows every sheet starts with: what it is and for which slice of the data. */
function title(sheet: Sheet, text: string, model: ReportModel): void {
  sheet.addRow([textCell(`${model.organisation}: ${text}`)]).font = { bold: true, size: 14 };
  sheet.addRow([textCell(model.context)]);
  sheet.addRow([]);
}

function header(sheet: Sheet, labels: string[]): void {
  const row = sheet.addRow(labels.map(textCell));
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F5' } };
}

function scorecardSheet(sheet: Sheet, model: ReportModel): void {
  title(sheet, 'KPI scorecard', model);
  header(sheet, [
    'KPI id',
    'KPI',
    'Value',
    'Unit',
    'Band',
    'Band source',
    'Percentile',
    'Target',
    'Target status',
    'Previous value',
    'Change',
    'Counted',
    'Basis',
  ]);
  for (const k of model.kpis) {
    const row = sheet.addRow([
      textCell(k.id),
      textCell(k.name),
      numberCell(k.value),
      textCell(k.unit),
      textCell(summaryBandText(k)),
      textCell(k.placements[0]?.source),
      numberCell(k.percentile),
      numberCell(k.target?.value),
      textCell(k.target?.status ? targetStatusText[k.target.status] : null),
      numberCell(k.change?.previous),
      numberCell(k.change?.change),
      k.coverage.counted,
      textCell(basisText(k)),
    ] satisfies Cell[]);
    for (const col of [3, 8, 10]) row.getCell(col).numFmt = unitFormats[k.unit];
    row.getCell(11).numFmt = changeFormats[k.unit];
    row.getCell(7).numFmt = '0';
    row.getCell(12).numFmt = COUNT_FORMAT;
  }
  widths(sheet, [30, 36, 12, 10, 24, 30, 11, 12, 14, 14, 12, 12, 60]);
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
}

function kpiSheet(sheet: Sheet, kpi: ReportKpi, model: ReportModel): void {
  title(sheet, kpi.name, model);
  sheet.addRow([textCell('Definition'), textCell(kpi.definition)]);
  sheet.addRow([textCell('Value'), numberCell(kpi.value)]).getCell(2).numFmt =
    unitFormats[kpi.unit];
  sheet.addRow([]);
  header(sheet, [`Period (${kpi.trend.grain})`, 'Value', 'Counted', 'Period state']);
  for (const p of kpi.trend.points) {
    // The period start as a real date, so the series sorts and charts in a spreadsheet.
    const row = sheet.addRow([
      new Date(`${p.period}T00:00:00Z`),
      numberCell(p.value),
      p.n,
      textCell(periodState(p)),
    ]);
    row.getCell(1).numFmt = 'yyyy-mm-dd';
    row.getCell(2).numFmt = unitFormats[kpi.unit];
    row.getCell(3).numFmt = COUNT_FORMAT;
  }
  sheet.addRow([]);
  header(sheet, [kpi.breakdown.label, 'Value', 'Counted', 'Internal quartile']);
  for (const s of kpi.breakdown.segments) {
    const row = sheet.addRow([textCell(s.segment), numberCell(s.value), s.n, s.quartile]);
    row.getCell(2).numFmt = unitFormats[kpi.unit];
    row.getCell(3).numFmt = COUNT_FORMAT;
  }
  widths(sheet, [28, 14, 12, 16]);
}

function definitionsSheet(sheet: Sheet, model: ReportModel): void {
  title(sheet, 'definitions', model);
  header(sheet, ['KPI id', 'KPI', 'Definition', 'Standard', 'Variant', 'As of', 'Data needed']);
  for (const k of model.kpis)
    sheet.addRow(
      [k.id, k.name, k.definition, k.standard, k.variant, k.asOf, k.needs.join(', ')].map(textCell),
    );
  widths(sheet, [28, 32, 80, 36, 36, 20, 40]);
}

function sourcesSheet(sheet: Sheet, model: ReportModel): void {
  title(sheet, 'benchmark sources', model);
  header(sheet, [
    'Band set',
    'Name',
    'Source',
    'Edition',
    'Peer group',
    'Sample size',
    'Citation',
    'Source definition',
    'Used for',
  ]);
  for (const s of model.sources) {
    const row = sheet.addRow([
      textCell(s.setId),
      textCell(s.name),
      textCell(s.source),
      textCell(s.edition),
      textCell(s.peerGroup),
      numberCell(s.sampleSize),
      textCell(s.citation),
      textCell(s.definition),
      textCell(s.kpis.join(', ')),
    ]);
    row.getCell(6).numFmt = COUNT_FORMAT;
  }
  widths(sheet, [24, 32, 24, 12, 30, 12, 60, 60, 40]);
}

function coverageSheet(sheet: Sheet, model: ReportModel): void {
  title(sheet, 'coverage', model);
  sheet.addRow([textCell('Loads'), model.data.loads]);
  sheet.addRow([textCell('First order'), textCell(model.data.firstOrder)]);
  sheet.addRow([textCell('Last order'), textCell(model.data.lastOrder)]);
  sheet.addRow([textCell('Orders in scope'), model.data.ordersCounted]).getCell(2).numFmt =
    COUNT_FORMAT;
  sheet.addRow([]);
  header(sheet, ['KPI', 'Counted', 'Counted as', 'Excluded', 'Why excluded']);
  for (const k of model.kpis) {
    const excluded = k.coverage.excluded.length ? k.coverage.excluded : [null];
    for (const e of excluded) {
      const row = sheet.addRow([
        textCell(k.name),
        k.coverage.counted,
        textCell(k.coverage.countWord),
        e ? e.count : null,
        textCell(e ? e.reason : k.unavailableReason),
      ]);
      row.getCell(2).numFmt = COUNT_FORMAT;
      row.getCell(4).numFmt = COUNT_FORMAT;
    }
  }
  widths(sheet, [36, 12, 12, 12, 60]);
}

function ledgerSheet(sheet: Sheet, model: ReportModel): void {
  title(sheet, 'load ledger', model);
  header(sheet, ['Load', 'File', 'Table', 'Rows read', 'SHA-256', 'Finished']);
  for (const l of model.ledger) {
    const row = sheet.addRow([
      l.loadId,
      textCell(l.fileName),
      textCell(l.target),
      l.rows,
      textCell(l.contentHash),
      textCell(l.finishedAt),
    ]);
    row.getCell(4).numFmt = COUNT_FORMAT;
  }
  widths(sheet, [8, 36, 14, 12, 68, 24]);
}

function widths(sheet: Sheet, values: number[]): void {
  values.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
}

/** "partial", with the open rows of a duration, or empty for a period that is over. */
function periodState(p: ReportKpi['trend']['points'][number]): string {
  if (!p.partial) return '';
  return p.maturing ? `partial; ${p.maturing} still open` : 'partial';
}

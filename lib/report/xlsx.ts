import 'server-only';
/**
 * The report as a workbook: a branded scorecard sheet, one sheet per KPI (its facts, trend chart,
 * trend series and breakdown), definitions, sources, coverage and the load ledger. Numbers are
 * stored as numbers with a format per unit, so each cell shows the text the other formats print;
 * text is neutralised against formula injection.
 */
import ExcelJS from 'exceljs';
import { CHART_WIDTH, CHART_HEIGHT, trendChartSvg } from './chart-svg';
import { changeFormats, COUNT_FORMAT, numberCell, textCell, unitFormats, type Cell } from './cells';
import { basisText, summaryBandText, targetStatusText } from './labels';
import { changeMark, fitLogo, statusColours, toneInk } from './office';
import { svgToPng } from './png';
import type { ReportKpi, ReportModel, ReportStatus } from './types';

type Sheet = ExcelJS.Worksheet;
type Row = ExcelJS.Row;

/** Sheet names the workbook uses itself, and "History", which Excel keeps for its own. */
const RESERVED = ['scorecard', 'definitions', 'sources', 'coverage', 'ledger', 'notes', 'history'];
/** The chart image on a KPI sheet, in screen pixels; drawn at 1.5 times that to stay sharp zoomed. */
const CHART_PX = { width: 720, height: Math.round((720 * CHART_HEIGHT) / CHART_WIDTH) };

/** Render the report model as an XLSX workbook. */
export async function renderReportXlsx(model: ReportModel): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const at = new Date(model.generatedAt);
  Object.assign(book, { creator: 'Orderlens', created: at, modified: at });
  scorecardSheet(book, book.addWorksheet('Scorecard'), model);
  const taken = new Set(RESERVED);
  for (const kpi of model.kpis)
    kpiSheet(book, book.addWorksheet(sheetName(kpi.name, taken)), kpi, model);
  definitionsSheet(book.addWorksheet('Definitions'), model);
  sourcesSheet(book.addWorksheet('Sources'), model);
  coverageSheet(book.addWorksheet('Coverage'), model);
  ledgerSheet(book.addWorksheet('Ledger'), model);
  if (model.notes?.length) notesSheet(book.addWorksheet('Notes'), model);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Excel sheet names: at most 31 characters, none of : \ / ? * [ ] or control characters, not
 * starting or ending with an apostrophe, unique without regard to case. A name cut short can
 * meet another: the later one gets " (2)", " (3)" within the 31.
 */
export function sheetName(name: string, taken: Set<string>): string {
  const cleaned = tidy(name.replace(/[\u0000-\u001f[\]:*?/\\]/g, ' ').replace(/\s+/g, ' '));
  const base = tidy(cleaned.slice(0, 31)) || 'KPI';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    candidate = `${tidy(base.slice(0, 31 - suffix.length))}${suffix}`;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

const tidy = (name: string) => name.replace(/^[\s']+|[\s']+$/g, '');

/** The title rows every sheet starts with: what it is and for which slice of the data. */
function title(sheet: Sheet, text: string, model: ReportModel): void {
  sheet.addRow([textCell(`${model.organisation}: ${text}`)]).font = titleFont;
  sheet.addRow([textCell(model.context)]);
  sheet.addRow([]);
}

/** Named, or a spreadsheet falls back to its default font (a serif in LibreOffice) for bold. */
const FONT = 'Calibri';
const titleFont: Partial<ExcelJS.Font> = { name: FONT, bold: true, size: 14 };

function header(sheet: Sheet, labels: string[]): void {
  const row = sheet.addRow(labels.map(textCell));
  row.font = { name: FONT, bold: true };
  row.fill = solid('EEF1F5');
}

const solid = (rgb: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: `FF${rgb}` },
});

/** The status in words on its colour, so a reader without colour still reads it. */
function statusCell(row: Row, col: number, status: ReportStatus): void {
  const cell = row.getCell(col);
  const colour = statusColours[status.colour];
  cell.value = textCell(status.label);
  cell.fill = solid(colour.fill);
  cell.font = { name: FONT, bold: true, color: { argb: `FF${colour.ink}` } };
}

/** A change: signed in its unit's format, coloured by whether it is better or worse. */
function changeCell(row: Row, col: number, kpi: ReportKpi): void {
  const cell = row.getCell(col);
  cell.value = numberCell(kpi.change?.change);
  cell.numFmt = changeFormats[kpi.unit];
  const mark = changeMark(kpi);
  if (mark) cell.font = { name: FONT, color: { argb: `FF${toneInk[mark.tone]}` } };
}

/** "better", "worse" or "unchanged" beside the change: its colour is never the only signal. */
const changeWord = (kpi: ReportKpi) => {
  const mark = changeMark(kpi);
  if (!mark) return null;
  return kpi.change?.partial ? `${mark.word} (partial period)` : mark.word;
};

const SCORECARD_COLUMNS = [
  ['KPI', 34],
  ['Status', 28],
  ['Value', 14],
  ['Change', 13],
  ['Better or worse', 22],
  ['Previous value', 14],
  ['Compared with', 24],
  ['Band', 26],
  ['Band source', 30],
  ['Percentile', 11],
  ['Target', 12],
  ['Target status', 14],
  ['Basis', 60],
  ['Counted', 12],
  ['Unit', 18],
  ['KPI id', 30],
] as const;
type ScorecardHeading = (typeof SCORECARD_COLUMNS)[number][0];

/** Columns of the scorecard, by heading (1-based, as exceljs counts), for its readers. */
export const scorecardColumn = Object.fromEntries(
  SCORECARD_COLUMNS.map(([name], i) => [name, i + 1]),
) as Record<ScorecardHeading, number>;

function scorecardSheet(book: ExcelJS.Workbook, sheet: Sheet, model: ReportModel): void {
  brand(book, sheet, model);
  sheet.addRow([textCell(`${model.organisation}: KPI scorecard`)]).font = titleFont;
  sheet.addRow([textCell(model.context)]);
  sheet.addRow([
    textCell(model.comparison ? `${model.comparison.text}.` : 'No comparison period.'),
  ]);
  sheet.addRow([]);
  header(
    sheet,
    SCORECARD_COLUMNS.map(([name]) => name),
  );
  const headerRow = sheet.rowCount;
  for (const k of model.kpis) scorecardRow(sheet, k);
  SCORECARD_COLUMNS.forEach(([, width], i) => (sheet.getColumn(i + 1).width = width));
  sheet.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 1 }];
}

function scorecardRow(sheet: Sheet, k: ReportKpi): void {
  const cells: Record<ScorecardHeading, Cell> = {
    KPI: textCell(k.name),
    Status: null,
    Value: numberCell(k.value),
    Change: null,
    'Better or worse': textCell(changeWord(k)),
    'Previous value': numberCell(k.change?.previous),
    'Compared with': textCell(k.change ? `${k.change.from} to ${k.change.to}` : null),
    Band: textCell(summaryBandText(k)),
    'Band source': textCell(k.placements[0]?.source),
    Percentile: numberCell(k.percentile),
    Target: numberCell(k.target?.value),
    'Target status': textCell(k.target?.status ? targetStatusText[k.target.status] : null),
    Basis: textCell(basisText(k)),
    Counted: k.coverage.counted,
    Unit: textCell(k.unitLabel || k.unit),
    'KPI id': textCell(k.id),
  };
  const row = sheet.addRow(SCORECARD_COLUMNS.map(([heading]) => cells[heading]));
  const at = scorecardColumn;
  statusCell(row, at.Status, k.status);
  changeCell(row, at.Change, k);
  for (const col of [at.Value, at['Previous value'], at.Target])
    row.getCell(col).numFmt = unitFormats[k.unit];
  row.getCell(at.Percentile).numFmt = '0';
  row.getCell(at.Counted).numFmt = COUNT_FORMAT;
}

/** The organisation's logo above the scorecard, in a row of its own, its shape kept. */
function brand(book: ExcelJS.Workbook, sheet: Sheet, model: ReportModel): void {
  if (!model.logo) return;
  const size = fitLogo(model.logo, { width: 240, height: 60 });
  const image = book.addImage({ buffer: model.logo.data as never, extension: model.logo.type });
  const row = sheet.addRow([]);
  // Points: 0.75 of a pixel, with a little room under the image.
  row.height = size.height * 0.75 + 8;
  sheet.addImage(image, { tl: { col: 0, row: 0 }, ext: size });
}

function kpiSheet(book: ExcelJS.Workbook, sheet: Sheet, kpi: ReportKpi, model: ReportModel): void {
  title(sheet, kpi.name, model);
  facts(sheet, kpi);
  sheet.addRow([]);
  const chartRow = sheet.rowCount;
  series(sheet, kpi);
  sheet.addRow([]);
  breakdown(sheet, kpi);
  widths(sheet, [28, 16, 14, 16, 12]);
  chartImage(book, sheet, kpi, chartRow);
}

function facts(sheet: Sheet, kpi: ReportKpi): void {
  const fact = (label: string, value: Cell) => sheet.addRow([textCell(label), value]);
  fact('Definition', textCell(kpi.definition));
  fact('Value', numberCell(kpi.value)).getCell(2).numFmt = unitFormats[kpi.unit];
  statusCell(fact('Status', null), 2, kpi.status);
  const change = fact('Change', null);
  changeCell(change, 2, kpi);
  change.getCell(3).value = textCell(changeWord(kpi));
  fact('Target', numberCell(kpi.target?.value)).getCell(2).numFmt = unitFormats[kpi.unit];
  fact('Band', textCell(summaryBandText(kpi) ?? 'No band set'));
  fact('Basis', textCell(basisText(kpi)));
  if (!kpi.available) fact('Why no value', textCell(kpi.unavailableReason));
  if (kpi.context) fact('Context', textCell(kpi.context));
  if (kpi.driver) fact('Driver', textCell(kpi.driver.text));
  if (kpi.practices) fact('How to improve it', textCell(kpi.practices.text));
}

function series(sheet: Sheet, kpi: ReportKpi): void {
  header(sheet, [
    `Period (${kpi.trend.grain})`,
    'Value',
    'Counted',
    'Partial period',
    'Still open',
  ]);
  for (const p of kpi.trend.points) {
    // The period start as a real date, so the series sorts and charts in a spreadsheet.
    const row = sheet.addRow([
      new Date(`${p.period}T00:00:00Z`),
      numberCell(p.value),
      p.n,
      p.partial ? 'yes' : 'no',
      p.maturing ?? null,
    ]);
    row.getCell(1).numFmt = 'yyyy-mm-dd';
    row.getCell(2).numFmt = unitFormats[kpi.unit];
    row.getCell(3).numFmt = COUNT_FORMAT;
    row.getCell(5).numFmt = COUNT_FORMAT;
  }
}

function breakdown(sheet: Sheet, kpi: ReportKpi): void {
  header(sheet, [kpi.breakdown.label, 'Value', 'Counted', 'Internal quartile']);
  for (const s of kpi.breakdown.segments) {
    const row = sheet.addRow([textCell(s.segment), numberCell(s.value), s.n, s.quartile]);
    row.getCell(2).numFmt = unitFormats[kpi.unit];
    row.getCell(3).numFmt = COUNT_FORMAT;
  }
}

/**
 * The trend chart beside the tables, as a picture: exceljs (4.4) writes no chart parts (its issue
 * 141, open since 2016), so the report's own chart, bands and target drawn, is embedded instead.
 */
function chartImage(book: ExcelJS.Workbook, sheet: Sheet, kpi: ReportKpi, row: number): void {
  if (!kpi.trend.points.some((p) => p.value !== null)) return;
  const png = svgToPng(trendChartSvg(kpi), CHART_PX.width * 1.5);
  const image = book.addImage({ buffer: png as never, extension: 'png' });
  sheet.addImage(image, { tl: { col: 6, row: Math.max(0, row - 1) }, ext: CHART_PX });
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

/** Notes on the period: the notes on dates the period or its trend covers, first day first. */
function notesSheet(sheet: Sheet, model: ReportModel): void {
  title(sheet, 'notes on the period', model);
  header(sheet, ['From', 'To', 'About', 'Note']);
  for (const n of model.notes ?? [])
    sheet.addRow([textCell(n.from), textCell(n.to), textCell(n.about), textCell(n.note)]);
  widths(sheet, [12, 12, 32, 80]);
}

function widths(sheet: Sheet, values: number[]): void {
  values.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
}

import 'server-only';
/**
 * The report as an editable slide deck: title, executive summary, movers, one slide per KPI with
 * a native (editable) line chart of its trend and target, and the sources.
 */
import PptxGenJS from 'pptxgenjs';
import { formatCount } from '@/lib/format/kpi-value';
import { unitFormats } from './cells';
import {
  bandText,
  basisText,
  changeText,
  coverageText,
  dataText,
  filtersText,
  percentileText,
  targetText,
  noMoversText,
} from './labels';
import type { ReportKpi, ReportModel } from './types';

type Slide = PptxGenJS.Slide;

const FONT = 'Calibri';
const SUMMARY_ROWS = 12;
const SOURCE_ROWS = 8;
const ink = { text: '1A1A1A', muted: '555555', head: 'EEF1F5', line: '1F4E8C', target: 'B03A2E' };

/** Render the report model as a PowerPoint deck. */
export async function renderReportPptx(model: ReportModel): Promise<Buffer> {
  const deck = new PptxGenJS();
  deck.layout = 'LAYOUT_WIDE';
  deck.author = 'Orderlens';
  deck.company = model.organisation;
  deck.title = `${model.organisation}: KPI benchmark report`;
  titleSlide(deck, model);
  for (const [i, rows] of chunks(model.kpis, SUMMARY_ROWS).entries())
    summarySlide(deck, model, rows, i, Math.ceil(model.kpis.length / SUMMARY_ROWS));
  moversSlide(deck, model);
  for (const kpi of model.kpis.filter((k) => k.available)) kpiSlide(deck, model, kpi);
  for (const rows of chunks(model.sources, SOURCE_ROWS)) sourcesSlide(deck, model, rows);
  return (await deck.write({ outputType: 'nodebuffer' })) as Buffer;
}

/** The slide titles in order, for tests and for the CLI's summary line. */
export function deckTitles(model: ReportModel): string[] {
  const summaries = Math.ceil(model.kpis.length / SUMMARY_ROWS);
  const sources = Math.ceil(model.sources.length / SOURCE_ROWS);
  return [
    model.organisation,
    ...Array.from({ length: summaries }, (_, i) => summaryTitle(i, summaries)),
    'Best and worst movers',
    ...model.kpis.filter((k) => k.available).map((k) => k.name),
    ...Array.from({ length: sources }, () => 'Benchmark sources'),
  ];
}

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );

const summaryTitle = (i: number, n: number) =>
  n > 1 ? `Executive summary (${i + 1} of ${n})` : 'Executive summary';

/** Every content slide: its title and the filter context in the footer. */
function contentSlide(deck: PptxGenJS, model: ReportModel, title: string): Slide {
  const slide = deck.addSlide();
  slide.addText(title, {
    x: 0.5,
    y: 0.3,
    w: 12.3,
    h: 0.7,
    fontFace: FONT,
    fontSize: 28,
    bold: true,
    color: ink.text,
  });
  slide.addText(`${model.organisation} · ${model.context}`, {
    x: 0.5,
    y: 7.0,
    w: 12.3,
    h: 0.3,
    fontFace: FONT,
    fontSize: 10,
    color: ink.muted,
  });
  return slide;
}

function titleSlide(deck: PptxGenJS, model: ReportModel): void {
  const slide = deck.addSlide();
  slide.addText(model.organisation, {
    x: 0.8,
    y: 1.8,
    w: 11.7,
    h: 1.0,
    fontFace: FONT,
    fontSize: 40,
    bold: true,
    color: ink.text,
  });
  slide.addText('Order-management KPI benchmark report', {
    x: 0.8,
    y: 2.8,
    w: 11.7,
    h: 0.6,
    fontFace: FONT,
    fontSize: 24,
    color: ink.text,
  });
  const lines = [
    `Period: ${model.period.text}`,
    `Filters: ${filtersText(model)}`,
    `Comparison: ${model.comparison?.text ?? 'none'}`,
    `Data: ${dataText(model)}`,
    `Generated ${model.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
    ...(model.data.isDemo ? ['Built from generated demo data, not from real orders.'] : []),
  ];
  slide.addText(lines.join('\n'), {
    x: 0.8,
    y: 3.7,
    w: 11.7,
    h: 2.4,
    fontFace: FONT,
    fontSize: 14,
    color: ink.muted,
    valign: 'top',
  });
}

const cell = (text: string, header = false): PptxGenJS.TableCell => ({
  text,
  options: header ? { bold: true, fill: { color: ink.head } } : {},
});

function summarySlide(
  deck: PptxGenJS,
  model: ReportModel,
  kpis: ReportKpi[],
  i: number,
  n: number,
) {
  const slide = contentSlide(deck, model, summaryTitle(i, n));
  const head = ['KPI', 'Value', 'Band', 'Percentile', 'Target', 'Change'].map((t) => cell(t, true));
  const rows = kpis.map((k) =>
    [
      k.name,
      k.formatted,
      k.band ?? '—',
      percentileText(k.percentile),
      targetText(k),
      changeText(k),
    ].map((t) => cell(t)),
  );
  slide.addTable([head, ...rows], {
    x: 0.5,
    y: 1.2,
    w: 12.3,
    colW: [3.6, 1.5, 2.6, 1.4, 1.9, 1.3],
    fontFace: FONT,
    fontSize: 13,
    border: { type: 'solid', pt: 0.5, color: 'C8C8C8' },
  });
}

function moversSlide(deck: PptxGenJS, model: ReportModel): void {
  const slide = contentSlide(deck, model, 'Best and worst movers');
  const column = (title: string, movers: ReportModel['movers']['best'], x: number) => {
    const items = movers.length ? movers.map((m) => `${m.name}: ${m.text}`) : [noMoversText];
    const runs: PptxGenJS.TextProps[] = [
      { text: title, options: { bold: true, fontSize: 20, breakLine: true } },
      ...items.map((text) => ({ text, options: { bullet: true, breakLine: true } })),
    ];
    slide.addText(runs, {
      x,
      y: 1.3,
      w: 6,
      h: 4,
      fontFace: FONT,
      fontSize: 16,
      valign: 'top',
      color: ink.text,
      paraSpaceAfter: 8,
    });
  };
  column('Best movers', model.movers.best, 0.5);
  column('Worst movers', model.movers.worst, 6.8);
  if (model.comparison)
    slide.addText(`${model.comparison.text}.`, {
      x: 0.5,
      y: 5.6,
      w: 12.3,
      h: 0.4,
      fontFace: FONT,
      fontSize: 12,
      color: ink.muted,
    });
}

function kpiSlide(deck: PptxGenJS, model: ReportModel, kpi: ReportKpi): void {
  const slide = contentSlide(deck, model, kpi.name);
  const points = kpi.trend.points.filter((p) => p.value !== null);
  if (points.length) {
    // A native chart draws every point alike: the category label says which period is not over.
    const labels = points.map((p) => (p.partial ? `${p.label} (partial)` : p.label));
    const series = [{ name: kpi.name, labels, values: points.map((p) => p.value!) }];
    if (kpi.target)
      series.push({
        name: `Target ${kpi.target.formatted}`,
        labels,
        values: points.map(() => kpi.target!.value),
      });
    slide.addChart(deck.ChartType.line, series, {
      x: 0.5,
      y: 1.2,
      w: 8.3,
      h: 5.5,
      chartColors: [ink.line, ink.target],
      lineSize: 2,
      lineDataSymbolSize: 6,
      showLegend: true,
      legendPos: 'b',
      // PowerPoint draws the axis itself: give it the workbook's format of the same unit.
      valAxisLabelFormatCode: unitFormats[kpi.unit],
      valAxisTitle: kpi.unitLabel || kpi.unit,
      showValAxisTitle: true,
      catAxisTitle: `Period (${kpi.trend.grain})`,
      showCatAxisTitle: true,
      catAxisLabelFontSize: 10,
      valAxisLabelFontSize: 10,
    });
  } else {
    slide.addText('No values in this period', {
      x: 0.5,
      y: 3.5,
      w: 8.3,
      h: 0.5,
      fontFace: FONT,
      fontSize: 16,
      color: ink.muted,
      align: 'center',
    });
  }
  const facts = [
    `Value: ${kpi.formatted}`,
    `Basis: ${basisText(kpi)}`,
    `Band: ${bandText(kpi)}`,
    `Percentile: ${percentileText(kpi.percentile)}`,
    `Target: ${targetText(kpi)}`,
    `Change: ${changeText(kpi)}`,
    `Coverage: ${coverageText(kpi)}`,
  ];
  slide.addText(facts.join('\n'), {
    x: 9.0,
    y: 1.2,
    w: 3.8,
    h: 5.5,
    fontFace: FONT,
    fontSize: 14,
    valign: 'top',
    color: ink.text,
    paraSpaceAfter: 6,
  });
}

function sourcesSlide(deck: PptxGenJS, model: ReportModel, sources: ReportModel['sources']): void {
  const slide = contentSlide(deck, model, 'Benchmark sources');
  const head = ['Source', 'Edition', 'Peer group', 'Sample', 'Used for'].map((t) => cell(t, true));
  const rows = sources.map((s) =>
    [
      s.name,
      s.edition,
      s.peerGroup,
      s.sampleSize === null ? 'n/a' : formatCount(s.sampleSize),
      s.kpis.join(', '),
    ].map((t) => cell(t)),
  );
  slide.addTable([head, ...rows], {
    x: 0.5,
    y: 1.2,
    w: 12.3,
    colW: [3.6, 1.2, 3.0, 1.0, 3.5],
    fontFace: FONT,
    fontSize: 11,
    border: { type: 'solid', pt: 0.5, color: 'C8C8C8' },
  });
}

import 'server-only';
/**
 * The executive report as PDF: cover, executive summary, one section per KPI (trend chart
 * against bands and target, breakdown, coverage) and an appendix (definitions, sources, ledger).
 */
import { formatCount } from '@/lib/format/kpi-value';
import { CHART_HEIGHT, CHART_WIDTH, trendChartSvg } from './chart-svg';
import {
  bandText,
  basisText,
  summaryBandText,
  summaryValueText,
  changeText,
  coverageText,
  dataText,
  filtersText,
  percentileText,
  targetText,
  noMoversText,
} from './labels';
import {
  createPdf,
  facts,
  heading,
  MARGIN,
  paragraph,
  pdfBuffer,
  stampPages,
  svgChart,
  table,
  type Pdf,
} from './pdf-layout';
import type { ReportKpi, ReportModel } from './types';

/** Breakdown rows printed per KPI; the XLSX holds them all. */
const MAX_SEGMENTS = 60;

/** Render the report model as a PDF document. */
export async function renderReportPdf(model: ReportModel): Promise<Buffer> {
  const doc = createPdf(`${model.organisation}: KPI benchmark report`, new Date(model.generatedAt));
  cover(doc, model);
  summary(doc, model);
  for (const kpi of model.kpis.filter((k) => k.available)) kpiSection(doc, kpi);
  unavailable(
    doc,
    model.kpis.filter((k) => !k.available),
  );
  appendix(doc, model);
  stampPages(doc, `${model.organisation} · KPI benchmark report`, model.context);
  return pdfBuffer(doc);
}

function cover(doc: Pdf, model: ReportModel): void {
  doc.y = 200;
  doc.font('Sans-Bold').fontSize(30).text(model.organisation, MARGIN, doc.y);
  doc.font('Sans').fontSize(18).text('Order-management KPI benchmark report');
  doc.moveDown(1.5);
  facts(doc, [
    ['Period', model.period.text],
    ['Filters', filtersText(model)],
    ['Comparison', model.comparison?.text ?? 'None (a comparison needs a from and to date)'],
    ['Data', dataText(model)],
    ['KPIs', `${model.kpis.length}`],
    ['Generated', `${model.generatedAt.slice(0, 16).replace('T', ' ')} UTC`],
  ]);
  if (model.data.isDemo) {
    doc.moveDown();
    paragraph(doc, 'This report is built from generated demo data, not from real orders.', {
      muted: true,
    });
  }
}

function summary(doc: Pdf, model: ReportModel): void {
  doc.addPage();
  heading(doc, 'Executive summary', 20);
  table(
    doc,
    [
      { header: 'KPI', width: 0.26 },
      { header: 'Value', width: 0.13, align: 'right' },
      { header: 'Band', width: 0.21 },
      { header: 'Percentile', width: 0.13, align: 'right' },
      { header: 'Target', width: 0.14 },
      { header: 'Change', width: 0.13, align: 'right' },
    ],
    model.kpis.map((k) => [
      k.name,
      summaryValueText(k),
      summaryBandText(k) ?? '—',
      percentileText(k.percentile),
      targetText(k),
      changeText(k),
    ]),
  );
  if (model.comparison) paragraph(doc, `${model.comparison.text}.`, { muted: true, size: 9 });
  heading(doc, 'Best movers', 13);
  paragraph(doc, moverLines(model.movers.best));
  heading(doc, 'Worst movers', 13);
  paragraph(doc, moverLines(model.movers.worst));
}

const moverLines = (movers: ReportModel['movers']['best']) =>
  movers.length ? movers.map((m) => `• ${m.name}: ${m.text}`).join('\n') : noMoversText;

function kpiSection(doc: Pdf, kpi: ReportKpi): void {
  doc.addPage();
  heading(doc, kpi.name, 18);
  paragraph(doc, kpi.definition, { muted: true, size: 9 });
  doc.moveDown(0.5);
  facts(doc, [
    ['Value', kpi.formatted],
    ['Basis', basisText(kpi)],
    ['Band', bandText(kpi)],
    ['Percentile', percentileText(kpi.percentile)],
    ['Target', targetText(kpi)],
    ['Change', changeText(kpi)],
  ]);
  doc.moveDown(0.5);
  if (kpi.trend.points.length) svgChart(doc, trendChartSvg(kpi), CHART_WIDTH / CHART_HEIGHT);
  heading(doc, `By ${kpi.breakdown.label.toLowerCase()}`, 12);
  const segments = kpi.breakdown.segments.slice(0, MAX_SEGMENTS);
  if (!segments.length) paragraph(doc, 'No breakdown: this KPI is not computed per segment.');
  else
    table(
      doc,
      [
        { header: kpi.breakdown.label, width: 0.46 },
        { header: 'Value', width: 0.18, align: 'right' },
        { header: capital(kpi.coverage.countWord), width: 0.18, align: 'right' },
        { header: 'Internal quartile', width: 0.18, align: 'right' },
      ],
      segments.map((s) => [
        s.segment,
        s.formatted,
        formatCount(s.n),
        s.quartile === null ? '—' : `Q${s.quartile}`,
      ]),
    );
  const more = kpi.breakdown.segments.length - segments.length;
  if (more > 0) paragraph(doc, `${more} smaller segments are in the XLSX report.`, { muted: true });
  heading(doc, 'Coverage', 12);
  paragraph(doc, coverageText(kpi));
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function unavailable(doc: Pdf, kpis: ReportKpi[]): void {
  if (!kpis.length) return;
  doc.addPage();
  heading(doc, 'KPIs without the data they need', 18);
  table(
    doc,
    [
      { header: 'KPI', width: 0.35 },
      { header: 'Why', width: 0.65 },
    ],
    kpis.map((k) => [k.name, k.unavailableReason ?? 'Unavailable']),
  );
}

function appendix(doc: Pdf, model: ReportModel): void {
  doc.addPage();
  heading(doc, 'Appendix A: definitions', 18);
  for (const k of model.kpis) {
    heading(doc, k.name, 11);
    paragraph(doc, k.definition, { size: 9 });
    paragraph(
      doc,
      `Standard: ${k.standard}. Variant: ${k.variant}. As of: ${k.asOf}. Needs: ${k.needs.join(', ')}.`,
      { size: 8, muted: true },
    );
  }
  doc.addPage();
  heading(doc, 'Appendix B: benchmark sources', 18);
  if (!model.sources.length) paragraph(doc, 'No KPI in this report was placed in a band set.');
  for (const source of model.sources) {
    heading(doc, source.name, 11);
    facts(doc, [
      ['Edition', source.edition],
      ['Peer group', source.peerGroup],
      ['Sample size', source.sampleSize === null ? 'not stated' : formatCount(source.sampleSize)],
      ['Used for', source.kpis.join(', ')],
    ]);
    paragraph(doc, source.citation, { size: 8, muted: true });
  }
  heading(doc, 'Appendix C: load ledger', 18);
  table(
    doc,
    [
      { header: 'Load', width: 0.06, align: 'right' },
      { header: 'File', width: 0.2 },
      { header: 'Table', width: 0.1 },
      { header: 'Rows', width: 0.08, align: 'right' },
      // Wide enough for the 64 hex digits on one line, so a hash can be copied whole.
      { header: 'SHA-256', width: 0.56 },
    ],
    model.ledger.map((l) => [
      String(l.loadId),
      l.fileName,
      l.target,
      formatCount(l.rows),
      l.contentHash,
    ]),
    6.5,
  );
}

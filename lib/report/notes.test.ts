/**
 * Notes on dates in the report: a note in the period is in the model (on the report and on the
 * trends that cover it, numbered), in the PDF's "Notes on the period" and under the KPI's chart,
 * marked on the chart's SVG, and on the XLSX's Notes sheet; a note outside the window is not.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addAnnotation } from '@/lib/annotations/annotations';
import { setTarget } from '@/lib/benchmarks/targets';
import { loadKpiFixture } from '@/lib/kpi/kpi-test-helpers';
import { trendChartSvg } from './chart-svg';
import { buildReportModel } from './model';
import { renderReportPdf } from './pdf';
import { fixtureFilters, fixtureNow, pdfPageTexts } from './report-test-helpers';
import type { ReportModel } from './types';
import { renderReportXlsx } from './xlsx';

let model: ReportModel;

beforeAll(async () => {
  const db = await loadKpiFixture();
  await setTarget(db, { kpi: 'order_fill_rate', value: 95 });
  // In January 2024 (the fixture report's period), about every KPI, one day.
  await addAnnotation(db, { from: '2024-01-03', note: 'Carrier strike at DC1' }, 'ana');
  // In January too, about the fill rate only, over two days.
  await addAnnotation(
    db,
    { from: '2024-01-02', to: '2024-01-03', note: 'New WMS live', kpi: 'order_fill_rate' },
    'ana',
  );
  // After the period (and its trend): left out.
  await addAnnotation(db, { from: '2024-03-01', note: 'Spring peak' }, 'ana');
  model = await buildReportModel(
    db,
    { format: 'pdf', filters: fixtureFilters, grain: 'day', organisation: 'Acme' },
    fixtureNow,
  );
});

describe('notes on the report', () => {
  it('are in the model: the period’s notes, and each trend’s, numbered by first day', () => {
    expect(model.notes?.map((n) => n.text)).toEqual([
      '2024-01-02 to 2024-01-03 (Order fill rate): New WMS live',
      '2024-01-03 (all KPIs): Carrier strike at DC1',
    ]);
    const fill = model.kpis.find((k) => k.id === 'order_fill_rate')!;
    // The trend is daily (asked for); the WMS note spans 2 and 3 January.
    expect(fill.trend.grain).toBe('day');
    expect(fill.notes?.map((n) => [n.number, n.note, n.firstPeriod, n.lastPeriod])).toEqual([
      [1, 'New WMS live', '2024-01-02', '2024-01-03'],
      [2, 'Carrier strike at DC1', '2024-01-03', '2024-01-03'],
    ]);
    // Another KPI's trend carries only the note on every KPI, numbered 1 there.
    const other = model.kpis.find((k) => k.id !== 'order_fill_rate' && k.notes?.length)!;
    expect(other.notes?.map((n) => [n.number, n.note])).toEqual([[1, 'Carrier strike at DC1']]);
  });

  it('are listed in the PDF, under the chart, and marked on the chart', async () => {
    const pages = await pdfPageTexts(await renderReportPdf(model));
    const text = pages.join(' ');
    expect(text).toContain('Notes on the period');
    expect(text).toContain('New WMS live');
    expect(text).toContain(
      'Notes on the trend: 1. 2024-01-02 to 2024-01-03 (Order fill rate): New WMS live',
    );
    expect(text).not.toContain('Spring peak');
    const fill = model.kpis.find((k) => k.id === 'order_fill_rate')!;
    const svg = trendChartSvg(fill);
    // One shaded span (the WMS note over two days) and one dashed line (the strike), numbered.
    expect(svg.match(/<rect [^>]*stroke-dasharray="5 4"/g)).toHaveLength(1);
    expect(svg.match(/<line [^>]*stroke="#8a6d00"/g)).toHaveLength(1);
    expect(svg).toMatch(/font-weight="bold" fill="#8a6d00">1<\/text>/);
    expect(svg).toMatch(/font-weight="bold" fill="#8a6d00">2<\/text>/);
  });

  it('have a sheet of their own in the XLSX', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderReportXlsx(model)) as never);
    const sheet = book.getWorksheet('Notes')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.slice(-2)).toEqual([
      ['2024-01-02', '2024-01-03', 'Order fill rate', 'New WMS live'],
      ['2024-01-03', '2024-01-03', 'all KPIs', 'Carrier strike at DC1'],
    ]);
  });
});

import 'server-only';
/**
 * The report engine's entry point for the CLI and the HTTP route: build the model once, render it
 * in the format asked for, and name the file.
 */
import type { Database } from '@/lib/db/database';
import { engineCatalogue, getKpi } from '@/lib/kpi/engine';
import { drillCsv, renderScorecardCsv } from './csv';
import { buildReportModel } from './model';
import {
  contentTypes,
  reportFileName,
  reportOptionsSchema,
  type ReportOptions,
  type ReportOptionsInput,
} from './options';
import { renderReportPdf } from './pdf';
import { renderReportPng } from './png';
import { renderReportPptx } from './pptx';
import { renderReportXlsx } from './xlsx';

export interface RenderedReport {
  /** A whole file, or CSV text in chunks (a drill-through list can be long). */
  body: Buffer | AsyncGenerator<string>;
  contentType: string;
  fileName: string;
}

/** Render a report for the options (validated here); `now` is the report's timestamp. */
export async function renderReport(
  db: Database,
  input: ReportOptionsInput,
  now: Date = new Date(),
): Promise<RenderedReport> {
  const options = reportOptionsSchema.parse(input);
  const fileName = reportFileName(
    options.format,
    now.toISOString(),
    options.format === 'png' ? chartKpi(options) : undefined,
  );
  const contentType = contentTypes[options.format];
  if (options.format === 'csv' && options.drill) {
    getKpi(options.drill); // an unknown KPI is an error response, not a broken download
    return {
      body: drillCsv(db, options.drill, options.filters),
      contentType,
      // The orders behind one KPI, named so beside the report in a downloads folder.
      fileName: `orderlens-orders-${options.drill}-${now.toISOString().slice(0, 10)}.csv`,
    };
  }
  const model = await buildReportModel(db, modelOptions(options), now);
  return { body: await renderModel(model, options), contentType, fileName };
}

/** A PNG draws one chart: compute only that KPI. */
function modelOptions(options: ReportOptions): ReportOptions {
  if (options.format !== 'png') return options;
  return { ...options, kpis: [chartKpi(options)] };
}

/** The KPI a PNG draws: the one asked for, else the first of the report's, else the catalogue's. */
const chartKpi = (options: ReportOptions) =>
  options.chart ?? options.kpis?.[0] ?? engineCatalogue().kpis[0]!.id;

async function renderModel(
  model: Awaited<ReturnType<typeof buildReportModel>>,
  options: ReportOptions,
): Promise<Buffer> {
  switch (options.format) {
    case 'pdf':
      return renderReportPdf(model);
    case 'pptx':
      return renderReportPptx(model);
    case 'xlsx':
      return renderReportXlsx(model);
    case 'csv':
      return Buffer.from(renderScorecardCsv(model), 'utf8');
    case 'png':
      return renderReportPng(model, options.chart);
  }
}

export { buildReportModel } from './model';
export { reportFormats, reportOptionsSchema, type ReportFormat } from './options';
export type { ReportModel } from './types';

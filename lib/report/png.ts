import 'server-only';
/**
 * A KPI's trend chart as PNG at presentation resolution, rasterised from the report's SVG; a KPI
 * without trend values gets its value card (value, status, bullet chart) instead of an empty plot.
 */
import { Resvg } from '@resvg/resvg-js';
import { OrderlensError } from '@/lib/errors';
import { CHART_WIDTH, trendChartSvg } from './chart-svg';
import { FONT_FAMILY, fontFiles } from './fonts';
import type { ReportModel } from './types';

/** 1920 px wide: full-HD slides. */
export const PNG_WIDTH = 1920;

/** Rasterise any chart SVG with the bundled font only (no system fonts, same output anywhere). */
export function svgToPng(svg: string, width = PNG_WIDTH): Buffer {
  const fonts = fontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: {
      loadSystemFonts: false,
      fontFiles: [fonts.regular, fonts.bold],
      defaultFontFamily: FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}

/** The chart of one KPI of the report (by id; default: the first). */
export function renderReportPng(model: ReportModel, kpiId?: string): Buffer {
  const kpi = kpiId ? model.kpis.find((k) => k.id === kpiId) : model.kpis[0];
  if (!kpi) {
    throw new OrderlensError(
      kpiId ? `The report has no KPI "${kpiId}" to chart.` : 'The report has no KPI to chart.',
      'unknown_kpi',
    );
  }
  return svgToPng(trendChartSvg(kpi), Math.max(PNG_WIDTH, CHART_WIDTH));
}

/**
 * What a report is asked for, validated once with zod for the CLI and the HTTP route alike:
 * format, the same filters as the scorecard, the KPIs, the breakdown dimension and comparison.
 */
import { z } from 'zod';
import { dimensionNames, filtersSchema, grains, type Dimension } from '@/lib/kpi/filters';

export const reportFormats = ['pdf', 'pptx', 'xlsx', 'csv', 'png'] as const;
export type ReportFormat = (typeof reportFormats)[number];

const kpiId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a KPI id');

export const reportOptionsSchema = z
  .object({
    format: z.enum(reportFormats),
    filters: filtersSchema.default({}),
    kpis: z.array(kpiId).min(1).max(100).optional().describe('Default: the whole catalogue'),
    by: z
      .enum(dimensionNames as [Dimension, ...Dimension[]])
      .default('site')
      .describe('The breakdown dimension of each KPI section'),
    grain: z.enum(grains).optional().describe('Default: chosen from the length of the period'),
    compare: z.enum(['previous', 'last_year']).default('previous'),
    organisation: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .optional()
      .describe("Default: the organisation's name kept in the settings"),
    chart: kpiId.optional().describe('png: the KPI whose trend chart to draw (default: the first)'),
    drill: kpiId.optional().describe('csv: the KPI whose orders to list instead of the scorecard'),
  })
  .strict();
export type ReportOptionsInput = z.input<typeof reportOptionsSchema>;
export type ReportOptions = z.output<typeof reportOptionsSchema>;

const extensions: Record<ReportFormat, string> = {
  pdf: 'pdf',
  pptx: 'pptx',
  xlsx: 'xlsx',
  csv: 'csv',
  png: 'png',
};

export const contentTypes: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  png: 'image/png',
};

/**
 * orderlens-report-2025-03-31.pdf: the day the report was generated, in UTC. A chart is named
 * after its KPI (orderlens-order_fill_rate-2025-03-31.png), so several sit apart in a folder.
 */
export function reportFileName(format: ReportFormat, generatedAt: string, chart?: string): string {
  const subject = format === 'png' && chart ? chart : 'report';
  return `orderlens-${subject}-${generatedAt.slice(0, 10)}.${extensions[format]}`;
}

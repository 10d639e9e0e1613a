/**
 * The KPI definition: data plus SQL, validated with zod at import so a broken KPI fails the build
 * and the tests, with every problem reported at once by its dotted path.
 */
import { z } from 'zod';

export const kpiUnits = [
  'percent',
  'hours',
  'days',
  'orders_per_fte',
  'currency_per_order',
] as const;
export type KpiUnit = (typeof kpiUnits)[number];

/** Tables a KPI aggregates over (built by metrics/views). */
export const kpiBases = ['kpi_order_facts', 'kpi_return_facts'] as const;

/** The data a KPI needs, as table.column, or a table name for "has rows". */
const need = z
  .string()
  .regex(
    /^[a-z_]+(\.[a-z_]+)?(\|[a-z_]+(\.[a-z_]+)?)*$/,
    'table, table.column, or alternatives joined by |',
  );

const component = z.object({
  kpi: z.string().regex(/^[a-z][a-z0-9_]*$/),
  population: z
    .string()
    .optional()
    .describe('Extra condition on the rows this component can judge'),
  pass: z.string().optional().describe('SQL condition of a row that passes this component'),
});

const exclusion = z.object({
  when: z.string().min(1).describe('SQL condition on a base row that excludes it'),
  reason: z.string().min(1).describe('Shown with the count, e.g. "no promised delivery date"'),
});

export const kpiSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case'),
    name: z.string().min(3),
    definition: z.string().min(10).describe('The formula in words'),
    standard: z.string().min(2).describe('The standard or source the definition follows'),
    variant: z.string().min(2).describe('Which variant of the definition this is'),
    unit: z.enum(kpiUnits),
    direction: z.enum(['higher', 'lower']),
    kind: z.enum(['ratio', 'duration', 'product', 'all_of', 'input']),
    input: z.enum(['fte', 'cost']).optional().describe('input KPIs: the figure entered per period'),
    components: z
      .array(component)
      .optional()
      .describe('product: the rates multiplied; all_of: the conditions a row must pass'),
    base: z.enum(kpiBases),
    asOf: z
      .string()
      .regex(/^[a-z_]+$/)
      .describe('The base column that attributes a row to a period'),
    asOfLabel: z.string().min(3),
    population: z.string().min(1).describe('SQL condition selecting the rows the KPI is about'),
    exclusions: z.array(exclusion).default([]),
    numerator: z.string().optional().describe('SQL aggregate (ratio KPIs)'),
    denominator: z.string().optional().describe('SQL aggregate (ratio KPIs)'),
    value: z.string().optional().describe('SQL per-row value in the KPI unit (duration KPIs)'),
    failure: z
      .string()
      .optional()
      .describe('SQL condition of a row that failed the KPI (drill-through)'),
    needs: z.array(need).min(1),
    grain: z.enum(['order', 'line', 'unit', 'return']),
  })
  .strict()
  .superRefine((kpi, ctx) => {
    if (kpi.kind === 'ratio' && (!kpi.numerator || !kpi.denominator)) {
      ctx.addIssue({
        code: 'custom',
        path: ['numerator'],
        message: 'a ratio KPI needs numerator and denominator',
      });
    }
    if (kpi.kind === 'duration' && !kpi.value) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a duration KPI needs value' });
    }
    if ((kpi.kind === 'product' || kpi.kind === 'all_of') && !kpi.components?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['components'],
        message: `a ${kpi.kind} KPI needs components`,
      });
    }
    if (kpi.kind === 'duration' && kpi.unit !== 'hours' && kpi.unit !== 'days') {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: 'a duration is in hours or days' });
    }
  });

export type KpiDefinition = z.infer<typeof kpiSchema>;
export type KpiInput = z.input<typeof kpiSchema>;

export class KpiDefinitionError extends Error {}

/** Validate a KPI definition; throws with every problem as `id.path: message`. */
export function defineKpi(input: KpiInput): KpiDefinition {
  const result = kpiSchema.safeParse(input);
  if (result.success) return result.data;
  const id = typeof input?.id === 'string' ? input.id : '(kpi)';
  const problems = result.error.issues.map(
    (i) => `${id}.${i.path.join('.') || '(root)'}: ${i.message}`,
  );
  throw new KpiDefinitionError(problems.join('\n'));
}

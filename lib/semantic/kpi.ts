/**
 * The KPI definition: data plus expressions (./expr.ts), validated with zod at import so a broken
 * KPI fails the build and the tests, with every problem reported at once by its dotted path. The
 * expressions are compiled to DuckDB once, here; the source stays on the definition for another
 * dialect.
 */
import { z } from 'zod';
import { linesOfZod } from '@/lib/errors';
import { toDuckDb } from './dialect-duckdb';
import { isExpr, type Expr } from './expr';
import { factTableNames } from './facts';

const expression = z.custom<Expr>(
  isExpr,
  'an expression of lib/semantic/expr.ts (raw SQL through duckdbSql)',
);

export const kpiUnits = [
  'percent',
  'hours',
  'days',
  'orders_per_fte',
  'currency_per_order',
] as const;
export type KpiUnit = (typeof kpiUnits)[number];

/** The data a KPI needs, as table.column, or a table name for "has rows". */
const need = z
  .string()
  .regex(
    /^[a-z_]+(\.[a-z_]+)?(\|[a-z_]+(\.[a-z_]+)?)*$/,
    'table, table.column, or alternatives joined by |',
  );

const component = z.object({
  kpi: z.string().regex(/^[a-z][a-z0-9_]*$/),
  population: expression
    .optional()
    .describe('Extra condition on the rows this component can judge'),
  pass: expression.optional().describe('Condition of a row that passes this component'),
});

/** A fact row as the drill reads it: plain values (ISO strings for timestamps). */
export type FactRow = Record<string, unknown>;

const explanation = z
  .object({
    fields: z
      .array(z.string().regex(/^[a-z][a-z0-9_]*$/))
      .describe('Fact columns that explain a row, shown in the drill after order, date and site'),
    reason: z
      .custom<(row: FactRow) => string | null>((v) => typeof v === 'function', 'a function')
      .describe(
        "Why a failing row failed (rates), or where a slow row's time went (durations), in words; null when its fields say it all",
      ),
  })
  .strict();

/** A public document a practice rests on, named so that a reader can find it. */
const practiceSource = z
  .object({
    title: z.string().min(3),
    publisher: z.string().min(2),
    year: z.number().int().min(1900).max(2100).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();

/** One way to improve the KPI, in our own words, with the public sources it rests on. */
const practice = z
  .object({
    title: z.string().min(5).describe('What to do, in a few words'),
    what: z.string().min(20).describe('The practice in a few sentences'),
    why: z.string().min(20).describe('Why it moves this KPI'),
    start: z.string().min(20).describe('How to start, this month'),
    measure: z.string().min(10).describe('The KPI or leading indicator to watch to see it work'),
    sources: z.array(practiceSource).min(1, 'at least one public source'),
  })
  .strict();

export type Practice = z.infer<typeof practice>;
export type PracticeSource = z.infer<typeof practiceSource>;

const exclusion = z.object({
  when: expression.describe('Condition on a base row that excludes it'),
  reason: z.string().min(1).describe('Shown with the count, e.g. "no promised delivery date"'),
});

export const kpiSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case'),
    name: z.string().min(3),
    definition: z.string().min(10).describe('The formula in words'),
    standard: z.string().min(2).describe('The standard or source the definition follows'),
    variant: z.string().min(2).describe('Which variant of the definition this is'),
    variantOf: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'snake_case')
      .optional()
      .describe('The KPI this one counts again in another unit of time (same orders)'),
    unit: z.enum(kpiUnits),
    direction: z.enum(['higher', 'lower']),
    kind: z.enum(['ratio', 'duration', 'product', 'all_of', 'input']),
    input: z.enum(['fte', 'cost']).optional().describe('input KPIs: the figure entered per period'),
    components: z
      .array(component)
      .optional()
      .describe('product: the rates multiplied; all_of: the conditions a row must pass'),
    base: z.enum(factTableNames),
    asOf: z
      .string()
      .regex(/^[a-z_]+$/)
      .describe('The base column that attributes a row to a period'),
    asOfLabel: z.string().min(3),
    population: expression.describe('Condition selecting the rows the KPI is about'),
    exclusions: z.array(exclusion).default([]),
    numerator: expression.optional().describe('An aggregate (ratio KPIs)'),
    denominator: expression.optional().describe('An aggregate (ratio KPIs)'),
    value: expression.optional().describe('Per-row value in the KPI unit (duration KPIs)'),
    failure: expression
      .optional()
      .describe('Condition of a row that failed the KPI (drill-through)'),
    needs: z.array(need).min(1),
    details: z
      .array(z.enum(['stages', 'distribution']))
      .default([])
      .describe('Detail views the KPI page offers: cycle-time stages, the distribution of values'),
    explain: explanation.optional().describe('Required except for input KPIs (no rows to explain)'),
    counts: z
      .enum(['order', 'line', 'unit', 'return'])
      .describe('What one counted item is (not the time bucket of a series, which a query picks)'),
    practices: z
      .array(practice)
      .optional()
      .describe('How to improve it: practices in our own words, each with its public sources'),
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
    if (kpi.kind !== 'input' && !kpi.explain) {
      ctx.addIssue({
        code: 'custom',
        path: ['explain'],
        message: 'a KPI over rows says how a failing (or slow) row is explained',
      });
    }
    if (kpi.kind === 'duration' && kpi.unit !== 'hours' && kpi.unit !== 'days') {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: 'a duration is in hours or days' });
    }
  });

/** A KPI as written in its file: expressions, not SQL. */
export type KpiSource = z.infer<typeof kpiSchema>;
export type KpiInput = z.input<typeof kpiSchema>;

/** A KPI as the engine reads it: its expressions compiled to DuckDB SQL, its source kept. */
export type KpiDefinition = Omit<
  KpiSource,
  'population' | 'exclusions' | 'numerator' | 'denominator' | 'value' | 'failure' | 'components'
> & {
  population: string;
  exclusions: { when: string; reason: string }[];
  numerator?: string;
  denominator?: string;
  value?: string;
  failure?: string;
  components?: { kpi: string; population?: string; pass?: string }[];
  /** The expressions as written, for a dialect other than DuckDB. */
  source: KpiSource;
};

/** A mistake in a KPI file: found at import, by the tests and the build, never by a user. */
export class KpiDefinitionError extends Error {}

/** Validate a KPI definition; throws with every problem as `id.path: message`. */
export function defineKpi(input: KpiInput): KpiDefinition {
  const result = kpiSchema.safeParse(input);
  if (result.success) return compiled(result.data);
  const id = typeof input?.id === 'string' ? input.id : '(kpi)';
  const problems = linesOfZod(result.error, { root: '(root)' }).map((line) => `${id}.${line}`);
  throw new KpiDefinitionError(problems.join('\n'));
}

const optional = (e: Expr | undefined) => (e ? toDuckDb(e) : undefined);

function compiled(source: KpiSource): KpiDefinition {
  const { population, exclusions, numerator, denominator, value, failure, components, ...rest } =
    source;
  const definition: KpiDefinition = {
    ...rest,
    population: toDuckDb(population),
    exclusions: exclusions.map((e) => ({ when: toDuckDb(e.when), reason: e.reason })),
    source,
  };
  const optionals = { numerator, denominator, value, failure };
  for (const [key, expr] of Object.entries(optionals))
    if (expr) definition[key as keyof typeof optionals] = optional(expr);
  if (components)
    definition.components = components.map((c) => ({
      kpi: c.kpi,
      ...(c.population ? { population: toDuckDb(c.population) } : {}),
      ...(c.pass ? { pass: toDuckDb(c.pass) } : {}),
    }));
  return definition;
}

/**
 * Targets without the database: the input schema and the status rule, importable from client
 * components (targets.ts, which stores them, is server-only).
 */
import { z } from 'zod';
import { isoDate } from '@/lib/model/iso-date';
import { lineOf, OrderlensError, problemsOfZod, type Problem } from '@/lib/errors';
import { kpiShape, type Direction } from './kpis';

/** Without atRiskWithin, a value within 5% of the target counts as at risk rather than off track. */
export const DEFAULT_AT_RISK_SHARE = 0.05;

const label = z.string().trim().min(1, 'must not be blank');

export const targetInputSchema = z
  .object({
    kpi: z.string().refine((id) => !!kpiShape(id), 'not a KPI id of the catalogue'),
    value: z.number({ error: 'must be a number' }),
    dimension: label.optional(),
    segment: label.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    atRiskWithin: z
      .number({ error: 'must be a number' })
      .nonnegative('must not be negative')
      .optional(),
  })
  .strict()
  .refine((t) => t.segment === undefined || t.dimension !== undefined, {
    path: ['segment'],
    message: 'a segment needs its dimension (e.g. dimension "site", segment "Leeds")',
    when: (p) => typeof (p.value as { segment?: unknown })?.segment === 'string',
  })
  .refine((t) => !t.from || !t.to || t.from <= t.to, {
    path: ['to'],
    message: 'must not be before from',
    when: (p) => bothDates(p.value),
  })
  .refine((t) => kpiShape(t.kpi)?.unit !== 'percent' || (t.value >= 0 && t.value <= 100), {
    path: ['value'],
    message: 'a percent target lies between 0 and 100 (95, not 0.95)',
    when: (p) => typeof (p.value as { value?: unknown })?.value === 'number',
  });

function bothDates(value: unknown): boolean {
  const v = value as { from?: unknown; to?: unknown } | null;
  return isoDate.safeParse(v?.from).success && isoDate.safeParse(v?.to).success;
}

export type TargetInput = z.input<typeof targetInputSchema>;

/** A type, not an interface, so it fits Database row generics (Record<string, unknown>). */
export type Target = {
  id: string;
  kpi: string;
  value: number;
  dimension: string | null;
  segment: string | null;
  from: string | null;
  to: string | null;
  /** In the KPI unit; the default is resolved when the target is set, so it shows as stored. */
  atRiskWithin: number;
  createdAt: string;
};

export type TargetStatus = 'on_track' | 'at_risk' | 'off_track';

/** A target refused, with every problem found by field (the message lists them too). */
export class TargetValidationError extends OrderlensError {
  constructor(problems: readonly Problem[]) {
    super(
      `The target is not valid:\n${problems.map(lineOf).join('\n')}`,
      'invalid_target',
      problems,
    );
  }
}

export function parseTarget(input: unknown): z.output<typeof targetInputSchema> {
  const result = targetInputSchema.safeParse(input);
  if (result.success) return result.data;
  throw new TargetValidationError(
    problemsOfZod(result.error, { root: '(target)', brackets: true }),
  );
}

export function defaultAtRiskWithin(targetValue: number): number {
  return Math.abs(targetValue) * DEFAULT_AT_RISK_SHARE;
}

/**
 * On track when the value meets the target (in the KPI's direction), at risk when it misses by
 * less than atRiskWithin, off track otherwise; null without a value.
 */
export function targetStatus(
  value: number | null,
  target: { value: number; atRiskWithin?: number | null },
  direction: Direction,
): TargetStatus | null {
  if (value === null || !Number.isFinite(value)) return null;
  const shortfall = direction === 'higher' ? target.value - value : value - target.value;
  // Tolerate float noise: 94.99999999999999 computed from counts meets a 95 target.
  const eps = 1e-9 * Math.max(1, Math.abs(target.value));
  if (shortfall <= eps) return 'on_track';
  const within = target.atRiskWithin ?? defaultAtRiskWithin(target.value);
  return shortfall < within - eps ? 'at_risk' : 'off_track';
}

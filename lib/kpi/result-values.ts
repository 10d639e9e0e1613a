import 'server-only';
/** A KPI's result as the engine returns it: read from a compiled scan's row, described, labelled. */
import { perVersion } from '@/lib/db/per-version';
import type { KpiDefinition } from '@/lib/semantic/kpi';
import {
  basisOfFields,
  fieldsOfMask,
  PROVENANCE_SUMMARY_SQL,
  type ProvenanceSummary,
} from './provenance';
import type { KpiResult, KpiValue } from './types';

export function withoutTotalFlag(row: KpiValue & { total?: boolean; open?: number }): KpiValue {
  const value = { ...row };
  delete value.total;
  delete value.open;
  return value;
}

export function toValue(
  kpi: KpiDefinition,
  row: Record<string, unknown>,
  reasons: string[],
  prefix: string,
): KpiValue {
  const field = (name: string) => row[prefix + name];
  const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  const numerator = num(field('numerator'));
  const denominator = num(field('denominator'));
  let value: number | null = null;
  if (kpi.kind === 'duration')
    value = numerator !== null && denominator ? numerator / denominator : null;
  else if (numerator !== null && denominator) value = (100 * numerator) / denominator;
  const counts = new Map(
    ((field('ex') ?? []) as { key: unknown; value: unknown }[]).map((e) => [
      Number(e.key),
      Number(e.value),
    ]),
  );
  const excluded = reasons
    .map((reason, i) => ({ reason, count: counts.get(i) ?? 0 }))
    .filter((e) => e.count > 0);
  const out: KpiValue = {
    value,
    numerator,
    denominator,
    n: Number(field('n') ?? 0),
    excluded,
    ...basisOfFields(fieldsOfMask(field('derived'))),
  };
  if (kpi.kind === 'duration') {
    const q = (field('quantiles') as number[] | null) ?? [];
    out.distribution = {
      mean: value,
      median: num(q[0]),
      p90: num(q[1]),
      p95: num(q[2]),
      min: num(field('min')),
      max: num(field('max')),
      histogram: [],
    };
  }
  if ('period' in row)
    out.period = row.period === null ? undefined : String(row.period).slice(0, 10);
  if ('segment' in row) out.segment = (row.segment as string | null) ?? null;
  return out;
}
export function describe(kpi: KpiDefinition) {
  return {
    id: kpi.id,
    name: kpi.name,
    unit: kpi.unit,
    direction: kpi.direction,
    standard: kpi.standard,
    variant: kpi.variant,
    asOf: kpi.asOfLabel,
  };
}

export function measured(): Pick<KpiResult, 'basis' | 'basisNotes'> {
  return { basis: 'measured', basisNotes: [] };
}

export function emptyValue(): KpiValue {
  return { value: null, numerator: null, denominator: null, n: 0, excluded: [] };
}

/** What the facts' provenance holds, read once per data version (see ProvenanceSummary). */
export const provenanceOfData = perVersion('data-provenance', (db): Promise<ProvenanceSummary> =>
  db
    .read<{ derived: string; absent: string; twins: string }>(PROVENANCE_SUMMARY_SQL)
    .then(([row]) => ({
      derived: BigInt(row?.derived ?? 0),
      absent: BigInt(row?.absent ?? 0),
      twins: BigInt(row?.twins ?? 0),
    })),
);

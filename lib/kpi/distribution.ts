import 'server-only';
/** Histograms of duration KPIs: about 20 bins of a round width, the tail beyond p99 in the last bin. */
import type { Database } from '@/lib/db/database';
import { readPerVersion } from '@/lib/db/per-version';
import { scopedRowsSql } from './compile';
import { factsVersion } from './facts';
import type { KpiDefinition } from '@/lib/semantic/kpi';
import type { Filters } from './filters';
import type { Distribution } from './types';

const BINS = 20;

/** A round bin width (1, 2, 5 × 10^k) covering [0, top] in about BINS bins. */
export function binWidth(top: number): number {
  if (!(top > 0)) return 1;
  const raw = top / BINS;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw) ?? 10;
  return step * power;
}

export async function histogramOf(
  db: Database,
  kpi: KpiDefinition,
  filters: Filters,
  distribution: Distribution,
): Promise<Distribution['histogram']> {
  if (distribution.max === null) return [];
  const scoped = scopedRowsSql(kpi, { filters });
  const top = Math.max(distribution.p95 ?? 0, 0) * 1.25 || distribution.max;
  const width = binWidth(top);
  const last = Math.max(0, Math.ceil(top / width) - 1);
  const rows = await readPerVersion<{ bin: number; count: number }>(
    db,
    await factsVersion(db),
    `WITH rows AS (${scoped.sql})
     SELECT least(floor(v / ${width}), ${last})::INTEGER AS bin, count(*) AS count
       FROM (SELECT (${kpi.value}) AS v FROM rows WHERE _excluded IS NULL)
      GROUP BY 1 ORDER BY 1`,
    scoped.params,
  );
  const counts = new Map(rows.map((r) => [r.bin, r.count]));
  return Array.from({ length: last + 1 }, (_, bin) => ({
    from: bin * width,
    to: bin === last ? Math.max((bin + 1) * width, distribution.max ?? 0) : (bin + 1) * width,
    count: counts.get(bin) ?? 0,
  }));
}

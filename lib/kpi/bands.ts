import 'server-only';
/** Bridge from KPI results to benchmark placement (filled in with lib/benchmarks). */
import type { Database } from '@/lib/db/database';
import type { KpiResult } from './types';

export interface Placement {
  label: string;
  source: string;
}

export async function placeResult(
  _db: Database,
  _kpi: KpiResult,
  _value: number,
  _set?: string,
): Promise<Placement | null> {
  return null;
}

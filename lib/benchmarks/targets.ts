import 'server-only';
/**
 * KPI targets, optionally for one segment of a dimension and one period. Setting a target for a
 * scope that already has one replaces it, so each scope has at most one target.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { defaultAtRiskWithin, parseTarget, type Target } from './target-status';

export * from './target-status';

const columns = `target_id AS id, kpi_id AS kpi, value, dimension, segment,
  period_from::VARCHAR AS "from", period_to::VARCHAR AS "to",
  at_risk_within AS "atRiskWithin", created_at AS "createdAt"`;

export async function setTarget(db: Database, input: unknown): Promise<Target> {
  const t = parseTarget(input);
  const scope = [t.kpi, t.dimension ?? null, t.segment ?? null, t.from ?? null, t.to ?? null];
  const atRisk = t.atRiskWithin ?? defaultAtRiskWithin(t.value);
  return db.transaction(async (tx) => {
    await tx.run(
      `DELETE FROM targets WHERE kpi_id = $1 AND dimension IS NOT DISTINCT FROM $2::VARCHAR
       AND segment IS NOT DISTINCT FROM $3::VARCHAR AND period_from IS NOT DISTINCT FROM $4::DATE
       AND period_to IS NOT DISTINCT FROM $5::DATE`,
      scope,
    );
    const row = await tx.one<Target>(
      `INSERT INTO targets (target_id, kpi_id, dimension, segment, period_from, period_to, value,
         at_risk_within, created_at)
       VALUES ($6, $1, $2, $3, $4::DATE, $5::DATE, $7, $8, now()::TIMESTAMP) RETURNING ${columns}`,
      [...scope, randomUUID(), t.value, atRisk],
    );
    return row!;
  });
}

/** All targets, or those of one KPI, most general scope first. */
export async function listTargets(db: Database, kpiId?: string): Promise<Target[]> {
  const all = await db.memo('targets', () => readTargets(db));
  return kpiId ? all.filter((t) => t.kpi === kpiId) : all;
}

async function readTargets(db: Database, kpiId?: string): Promise<Target[]> {
  return db.read<Target>(
    `SELECT ${columns} FROM targets WHERE $1::VARCHAR IS NULL OR kpi_id = $1
     ORDER BY kpi_id, dimension NULLS FIRST, segment NULLS FIRST, period_from NULLS FIRST`,
    [kpiId ?? null],
  );
}

export async function removeTarget(db: Database, id: string): Promise<void> {
  const removed = await db.transaction((tx) =>
    tx.run('DELETE FROM targets WHERE target_id = $1', [id]),
  );
  if (!removed) throw new OrderlensError(`There is no target "${id}".`, 'target_not_found');
}

import 'server-only';
/**
 * The KPI engine, given its catalogue: created once, by the composition root (runtime/engine.ts),
 * from the semantic layer in metrics/. Nothing in lib/ imports metrics/; the engine's modules ask
 * for the catalogue it was given.
 */
import type { Database } from '@/lib/db/database';
import { explainingColumns, kpiOf, type Catalogue } from '@/lib/semantic/catalogue';
import type { FactColumn } from '@/lib/semantic/facts';
import { installCatalogue, installedCatalogue } from '@/lib/semantic/installed';
import type { FactRow, KpiDefinition } from '@/lib/semantic/kpi';
import { buildFactsIn, rebuildFacts } from './facts';

export interface KpiEngine {
  readonly catalogue: Catalogue;
  /** The KPI of an id; an unknown id is an UnknownKpiError (404 at the edge). */
  kpi(id: string): KpiDefinition;
  /** The fact columns that explain a row of the KPI, as declared. */
  explainingColumns(id: string): FactColumn[];
  /** Why a row failed the KPI (or where a slow row's time went), in words. */
  explain(id: string, row: FactRow): string | null;
  /**
   * Serve this database: build its facts if they are stale (the writer, now), and rebuild them in
   * the transaction of every load, undo or removal.
   */
  attach(db: Database): Promise<string>;
}

export function createKpiEngine(catalogue: Catalogue): KpiEngine {
  installCatalogue(catalogue);
  return {
    catalogue,
    kpi: (id) => kpiOf(catalogue, id),
    explainingColumns: (id) => explainingColumns(catalogue, kpiOf(catalogue, id)),
    explain: (id, row) => kpiOf(catalogue, id).explain?.reason(row) ?? null,
    attach: (db) => attachFacts(db, catalogue),
  };
}

function attachFacts(db: Database, catalogue: Catalogue): Promise<string> {
  // Once per database, whichever bundle attaches it: a second listener would rebuild the facts
  // a second time in every load's transaction.
  db.shared('kpi-facts-listener', () =>
    db.onDataChange((tx, change) => buildFactsIn(tx, catalogue, change)),
  );
  return rebuildFacts(db, catalogue);
}

/** For the CLI's database, opened in lib/cli: served by the engine the CLI's entry created. */
export const attachEngine = (db: Database): Promise<string> => attachFacts(db, engineCatalogue());

/** The catalogue the engine was created with (modules of the engine read it here). */
export const engineCatalogue = installedCatalogue;

/** The KPI of an id, from the engine's catalogue. */
export const getKpi = (id: string): KpiDefinition => kpiOf(engineCatalogue(), id);

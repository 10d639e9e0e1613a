/**
 * The datasets as a new user meets them: each loaded once with its shipped mapping and once with no
 * mapping at all. Whatever the load could not map is said in its report, and no KPI that the
 * result calls measured differs from the cross-check figures of ../shared/datasets/README.md
 * (computed independently of Orderlens). With the shipped mappings, the cross-checked KPIs must be
 * measured, so that the comparison is not empty.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset, hasDatasets } from '@/test/datasets';
import { openMemoryDatabase } from '@/lib/db/database';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import type { LoadReport } from '@/lib/ingest/load/load-report';
import { parseMappingJson } from '@/lib/ingest/map/mapping';
import { computeKpis } from './compute';

const mapping = (name: string) =>
  parseMappingJson(
    readFileSync(path.join(__dirname, '..', '..', 'data', 'mappings', `${name}.json`), 'utf-8'),
  );

interface Case {
  name: string;
  files: { parts: string[]; mapping: string }[];
  /** KPI id → the README's figure, and how many decimals it is given to. */
  crossCheck: Record<string, { value: number; decimals: number }>;
}

const CASES: Case[] = [
  {
    name: 'Superstore',
    files: [
      { parts: ['superstore', 'Orders.csv'], mapping: 'superstore-orders' },
      { parts: ['superstore', 'Returns.csv'], mapping: 'superstore-returns' },
    ],
    // 3.958 days per order = 95.0 hours; 296 of 5,009 orders returned.
    crossCheck: {
      order_shipment_cycle_time: { value: 95.0, decimals: 1 },
      return_rate: { value: 5.91, decimals: 2 },
    },
  },
  {
    name: 'Olist subset',
    files: [
      { parts: ['olist', 'olist_orders_subset_aravindguna.csv'], mapping: 'olist-orders-subset' },
    ],
    // 0.62% cancelled; 6.86% of delivered orders late against the estimated day.
    crossCheck: {
      cancellation_rate: { value: 0.62, decimals: 2 },
      on_time_delivery_rate: { value: 93.14, decimals: 2 },
    },
  },
  {
    name: 'Online Retail sample',
    files: [{ parts: ['online-retail', 'online_retail_sample.csv'], mapping: 'online-retail' }],
    // 313 of 9,362 invoices cancelled.
    crossCheck: { cancellation_rate: { value: 3.34, decimals: 2 } },
  },
];

async function loadAll(c: Case, withMapping: boolean) {
  const db = await openMemoryDatabase();
  const reports: LoadReport[] = [];
  for (const file of c.files) {
    const report = await loadExtract(db, {
      file: dataset(...file.parts),
      ...(withMapping ? { mapping: mapping(file.mapping) } : {}),
    }).catch((error: unknown) => ({ refused: (error as Error).message }));
    if ('refused' in report) {
      // A file refused as a whole says why, naming what it could not find.
      expect(report.refused).toMatch(/no column was recognised|does not map|has no column/);
      continue;
    }
    reports.push(report);
  }
  return { db, reports };
}

describe.skipIf(!hasDatasets)(
  'no KPI is measured and different from the cross-check figures',
  () => {
    for (const c of CASES) {
      for (const withMapping of [true, false]) {
        it(`${c.name}, ${withMapping ? 'with its shipped mapping' : 'with no mapping'}`, async () => {
          const { db, reports } = await loadAll(c, withMapping);
          if (!withMapping)
            for (const report of reports.filter((r) => r.status !== 'rejected'))
              expect(report.warnings.join(' ')).toMatch(/none was recognised for .+ of /);
          const results = await computeKpis(db, {}, Object.keys(c.crossCheck));
          const lines: string[] = [];
          for (const result of results) {
            const figure = c.crossCheck[result.id]!;
            const measured =
              result.available && result.basis === 'measured' && result.value !== null;
            lines.push(
              `${result.id} ${result.value === null ? '—' : result.value.toFixed(figure.decimals)} (${result.available ? result.basis : 'unavailable'})`,
            );
            if (withMapping) expect(measured, `${result.id} measured`).toBe(true);
            if (measured)
              expect(Number(result.value!.toFixed(figure.decimals)), result.id).toBe(figure.value);
          }
          console.log(
            `[honesty] ${c.name} ${withMapping ? 'mapped' : 'unmapped'}: ${lines.join('; ')}`,
          );
        });
      }
    }
  },
);

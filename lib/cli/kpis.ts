import 'server-only';
/** orderlens kpis: the catalogue for a period, optionally by a dimension or grain, as a table or JSON. */
import { formatKpiValue } from '@/lib/format/kpi-value';
import { computeKpis } from '@/lib/kpi/compute';
import type { KpiUnit } from '@/lib/semantic/kpi';
import { dimensionNames, grains, type Dimension, type Grain } from '@/lib/kpi/filters';
import type { KpiResult, KpiValue } from '@/lib/kpi/types';
import { placeResult, type NotPlaced, type Placement } from '@/lib/kpi/bands';
import { parse, UsageError, type Io, type Parsed } from './args';
import { openCliDatabase } from './db';

const filterFlags = [
  'site',
  'channel',
  'customer',
  'region',
  'carrier',
  'ship-mode',
  'sku',
] as const;

/** The flags of a KPI query (period, filters, KPI ids), shared by `kpis` and `report`. */
export const kpiQueryFlags = {
  from: { type: 'string' },
  to: { type: 'string' },
  kpis: { type: 'string' },
  ...Object.fromEntries(filterFlags.map((f) => [f, { type: 'string' as const, multiple: true }])),
} as const;

/** Filters and KPI ids from parsed flags; a malformed date is a usage error. */
export function kpiQueryFromFlags(values: Parsed['values']): {
  filters: Record<string, unknown>;
  ids: string[] | undefined;
} {
  for (const flag of ['from', 'to'] as const) {
    const date = values[flag] as string | undefined;
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date))
      throw new UsageError(`--${flag} takes a date as YYYY-MM-DD.`);
  }
  const filters: Record<string, unknown> = {};
  if (values.from) filters.from = values.from;
  if (values.to) filters.to = values.to;
  for (const flag of filterFlags) {
    const selected = values[flag] as unknown as string[] | undefined;
    if (selected?.length) filters[flag === 'ship-mode' ? 'ship_mode' : flag] = selected;
  }
  const ids = (values.kpis as string | undefined)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { filters, ids };
}

export async function kpisCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    ...kpiQueryFlags,
    by: { type: 'string' },
    grain: { type: 'string' },
    bands: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  const by = values.by as string | undefined;
  const grain = values.grain as string | undefined;
  if (by && !dimensionNames.includes(by as Dimension))
    throw new UsageError(`--by must be one of ${dimensionNames.join(', ')}.`);
  if (grain && !grains.includes(grain as Grain))
    throw new UsageError(`--grain must be one of ${grains.join(', ')}.`);
  const { filters, ids } = kpiQueryFromFlags(values);
  const db = await openCliDatabase(values.db as string | undefined, 'view');
  const results = await computeKpis(
    db,
    {
      filters: JSON.parse(JSON.stringify(filters)),
      by: by as Dimension | undefined,
      grain: grain as Grain | undefined,
    },
    ids,
  );
  const entries = await flatten(
    db,
    results,
    Boolean(by || grain),
    values.bands as string | undefined,
  );
  if (values.json)
    io.out(
      JSON.stringify({ filters, by: by ?? null, grain: grain ?? null, kpis: entries }, null, 2),
    );
  else io.out(formatTable(entries));
  return 0;
}

interface Entry {
  id: string;
  name: string;
  unit: KpiUnit;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  n: number;
  excluded: KpiValue['excluded'];
  available: boolean;
  unavailableReason?: string;
  variant: string;
  basis: KpiResult['basis'];
  basisNotes: string[];
  components?: KpiResult['components'];
  /** band.band is null, with band.notPlaced saying why, when the value is not placed. */
  band: Placement | NotPlaced | null;
  segment?: string | null;
  period?: string;
  /** By period: the period ends after the data's horizon. */
  partial?: boolean;
  /** Durations by period: rows still open at the horizon. */
  maturing?: number;
}

async function flatten(
  db: Awaited<ReturnType<typeof openCliDatabase>>,
  results: KpiResult[],
  split: boolean,
  bandSet?: string,
): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (const r of results) {
    const rows: KpiValue[] = split && r.series ? r.series : [r];
    for (const row of rows) {
      // A series point carries its own basis: one month may be measured, another assumed.
      const point = { ...r, ...row, basis: row.basis ?? r.basis };
      const band =
        r.available && row.value !== null ? await placeResult(db, point, row.value, bandSet) : null;
      entries.push({
        id: r.id,
        name: r.name,
        unit: r.unit,
        value: row.value,
        numerator: row.numerator,
        denominator: row.denominator,
        n: row.n,
        excluded: row.excluded,
        available: r.available,
        ...(r.unavailableReason ? { unavailableReason: r.unavailableReason } : {}),
        variant: r.variant,
        basis: point.basis,
        basisNotes: row.basisNotes ?? r.basisNotes,
        ...(row.components ? { components: row.components } : {}),
        band,
        ...(row.segment !== undefined ? { segment: row.segment } : {}),
        ...(row.period !== undefined ? { period: row.period } : {}),
        ...(row.partial !== undefined ? { partial: row.partial } : {}),
        ...(row.maturing !== undefined ? { maturing: row.maturing } : {}),
      });
    }
  }
  return entries;
}

function formatTable(entries: Entry[]): string {
  const lines = entries.map((e) => {
    const label = [e.name, e.segment ?? e.period]
      .filter((x) => x !== undefined && x !== null)
      .join(' · ');
    const value = e.available
      ? e.value === null
        ? 'no data in range'
        : formatKpiValue(e.value, e.unit)
      : `unavailable: ${e.unavailableReason}`;
    const band = !e.band
      ? ''
      : e.band.band === null
        ? `  [not placed: ${e.band.notPlaced}]`
        : `  [${e.band.band}, ${e.band.source.source} ${e.band.source.edition}]`;
    const basis = e.basis === 'measured' ? '' : `  (${e.basis})`;
    const partial = e.partial
      ? `  [partial period${e.maturing ? `, ${e.maturing} still open` : ''}]`
      : '';
    return `${label.padEnd(58)} ${value.padStart(14)}  n=${e.n}${basis}${partial}${band}`;
  });
  return lines.join('\n');
}

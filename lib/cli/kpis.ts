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
  else io.out(formatKpiTable(entries));
  return 0;
}

export interface Entry {
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

/** The width to fit the footnotes to: the terminal's, COLUMNS, or a wide page in a file. */
function outputWidth(): number {
  if (process.stdout.isTTY && process.stdout.columns) return process.stdout.columns;
  return Number(process.env.COLUMNS) || 100;
}

/**
 * The catalogue as an aligned table: KPI, value, n, and a short note (band, basis, period). Every
 * reason, source and explanation, whatever its length, is a numbered footnote below the table,
 * wrapped to `width`: a long reason inside a row pushed the columns of that row out of line.
 * Footnotes of the same text share a number ("definition differs" is said once).
 */
export function formatKpiTable(entries: Entry[], width = outputWidth()): string {
  const footnotes: string[] = [];
  /** The marker of a footnote, numbered anew unless the same text has one. */
  const cite = (text: string) => {
    const known = footnotes.indexOf(text);
    return `[${known < 0 ? footnotes.push(text) : known + 1}]`;
  };
  const rows = entries.map((e) => {
    const label = [e.name, e.segment ?? e.period]
      .filter((x) => x !== undefined && x !== null)
      .join(' · ');
    const notes: string[] = [];
    if (!e.available)
      notes.push(
        `unavailable ${cite(`Unavailable${e.unavailableReason ? `: ${e.unavailableReason}` : ''}.`)}`,
      );
    else if (e.value === null) notes.push('no data in range');
    if (e.basis !== 'measured') {
      const what = e.basis === 'partial' ? 'Partial' : 'Assumed';
      const why = e.basisNotes.join(' ') || 'not every field it needs was in the data.';
      notes.push(`${what.toLowerCase()} ${cite(`${what}: ${why}`)}`);
    }
    if (e.partial) notes.push(`partial period${e.maturing ? `, ${e.maturing} still open` : ''}`);
    if (e.band?.band === null)
      notes.push(
        `not placed ${cite(`Not placed in ${bandSetName(e.band)}: ${e.band.notPlaced}.`)}`,
      );
    else if (e.band) notes.push(`${e.band.band} ${cite(`Band of ${bandSetName(e.band)}.`)}`);
    const value = e.available && e.value !== null ? formatKpiValue(e.value, e.unit) : '—';
    return [label, value, String(e.n), notes.join('; ')] as const;
  });
  const header = ['KPI', 'Value', 'n', 'Band and notes'] as const;
  const widths = [0, 1, 2].map((i) =>
    Math.max(header[i]!.length, ...rows.map((r) => r[i]!.length)),
  );
  const line = (r: readonly string[]) =>
    `${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)}  ${r[2]!.padStart(widths[2]!)}  ${r[3]}`.trimEnd();
  const marker = `[${footnotes.length}] `.length;
  return [
    line(header),
    ...rows.map(line),
    ...(footnotes.length ? [''] : []),
    ...footnotes.map((text, i) =>
      wrap(`${`[${i + 1}]`.padEnd(marker - 1)} ${text}`, width, marker),
    ),
  ].join('\n');
}

function bandSetName(band: { source: { source: string; edition: string } }): string {
  return `${band.source.source} ${band.source.edition}`.trim();
}

/** Text broken at spaces into lines of at most `width`, the lines after the first indented. */
export function wrap(text: string, width: number, indent: number): string {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (candidate.length > width && current.trim()) {
      lines.push(current);
      current = `${' '.repeat(indent)}${word}`;
    } else current = candidate;
  }
  lines.push(current);
  return lines.join('\n');
}

import 'server-only';
/**
 * Detection on a sample of staged values: the date format of a column and the decimal separator of
 * a file. The sample is the first rows with a value; an ambiguous result is reported, not hidden.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';

export interface DateDetection {
  /** strftime format, 'iso' (DuckDB's own cast) or 'excel-serial'. */
  format: string;
  source: 'mapping' | 'detected' | 'default';
  ambiguous: boolean;
  /** Share of sampled values the format parses. */
  coverage?: number;
  alternatives?: string[];
}

const SAMPLE = 5000;

/** Day-first formats are listed before month-first, so an undecidable sample prefers day-first… */
const CANDIDATE_FORMATS = [
  '%d.%m.%Y %H:%M:%S',
  '%d.%m.%Y %H:%M',
  '%d.%m.%Y',
  '%d.%m.%y',
  '%d/%m/%Y %H:%M:%S',
  '%d/%m/%Y %H:%M',
  '%d/%m/%Y',
  '%d/%m/%y',
  '%m/%d/%Y %H:%M:%S',
  '%m/%d/%Y %H:%M',
  '%m/%d/%Y %I:%M:%S %p',
  '%m/%d/%Y %I:%M %p',
  '%m/%d/%Y',
  '%m/%d/%y',
  '%d-%m-%Y %H:%M:%S',
  '%d-%m-%Y %H:%M',
  '%d-%m-%Y',
  '%m-%d-%Y %H:%M',
  '%m-%d-%Y',
  '%Y/%m/%d %H:%M:%S',
  '%Y/%m/%d',
  '%Y%m%d',
  '%Y%m%d%H%M%S',
  '%d %b %Y',
  '%d-%b-%Y',
  '%d-%b-%y',
  '%b %d, %Y',
  '%Y-%m-%dT%H:%M:%S.%fZ',
  '%Y-%m-%dT%H:%M:%SZ',
];

/** …but US exports are common, so a tie is flagged as ambiguous with the alternative named. */
export async function detectDateFormat(
  db: Database,
  table: string,
  raw: string,
  params: DuckDBValue[],
): Promise<DateDetection> {
  // Formats are values even when they are ours: bound, on a copy of the plan's parameters.
  const all = [...params];
  const bind = (value: DuckDBValue) => `$${all.push(value)}`;
  const sample = `(SELECT ${raw} AS v FROM ${quoteIdent(table)} WHERE ${raw} IS NOT NULL LIMIT ${SAMPLE})`;
  const probes = [
    `count(*) AS n`,
    `count(coalesce(try_cast(v AS TIMESTAMP), try_cast(try_cast(v AS TIMESTAMPTZ) AS TIMESTAMP))) AS iso`,
    `count(*) FILTER (WHERE try_cast(v AS DOUBLE) BETWEEN 1 AND 2958465 AND NOT regexp_matches(v, '^[0-9]{8}$')) AS serial`,
    ...CANDIDATE_FORMATS.map((f, i) => `count(try_strptime(v, ${bind(f)})) AS f${i}`),
  ];
  const row = await db.one<Record<string, number>>(
    `SELECT ${probes.join(', ')} FROM ${sample}`,
    all,
  );
  const n = row?.n ?? 0;
  if (n === 0) return { format: 'iso', source: 'default', ambiguous: false };
  if ((row?.iso ?? 0) === n)
    return { format: 'iso', source: 'detected', ambiguous: false, coverage: 1 };
  const scored = CANDIDATE_FORMATS.map((format, i) => ({ format, hits: row?.[`f${i}`] ?? 0 }));
  scored.push({ format: 'excel-serial', hits: row?.serial ?? 0 });
  scored.push({ format: 'iso', hits: row?.iso ?? 0 });
  const best = Math.max(...scored.map((s) => s.hits));
  if (best === 0) return { format: 'iso', source: 'default', ambiguous: false, coverage: 0 };
  const winners = scored.filter((s) => s.hits === best).map((s) => s.format);
  const dayFirst = winners.filter((f) => /%d.%m/.test(f));
  const monthFirst = winners.filter((f) => /%m.%d/.test(f));
  const chosen = winners[0]!;
  return {
    format: chosen,
    source: 'detected',
    ambiguous: dayFirst.length > 0 && monthFirst.length > 0,
    coverage: best / n,
    alternatives: winners.slice(1),
  };
}

/** What the sampled values of one number column say about the decimal separator. */
export interface NumberEvidence {
  /** '' for a column no field reads: it counts only when all its values are numbers. */
  field: string;
  header: string;
  /** Values only a decimal comma reads: 12,5 · 0,250 · 1.234,5 · 1.000.000. */
  comma: number;
  /** Values only a decimal point reads: 12.5 · 0.250 · 1,234.5 · 1,000,000. */
  point: number;
  /**
   * Values both conventions read, as different numbers: 1,000 is 1.0 with a decimal comma and
   * 1000 with a thousands comma. Up to two distinct examples each, sorted.
   */
  bothWithComma: string[];
  bothWithPoint: string[];
  /** Whether every sampled value is digits and separators only. */
  numeric: boolean;
}

// Currency signs, spaces and the sign wrappers numberExpression strips, so "€ 1,000-" counts too.
const CLEAN = `regexp_replace(regexp_replace(v, '[\\s\\x{00A0}\\x{202F}$€£¥]|EUR|USD|GBP|CHF', '', 'g'), '^[-+(]|[-)]$', '', 'g')`;
const ONLY_COMMA =
  '[0-9]+,[0-9]{1,2}|[0-9]+,[0-9]{4,}|[0-9]{4,},[0-9]+|0,[0-9]+|[0-9]{1,3}(\\.[0-9]{3})+,[0-9]+|[0-9]{1,3}(\\.[0-9]{3}){2,}';
const ONLY_POINT =
  '[0-9]+\\.[0-9]{1,2}|[0-9]+\\.[0-9]{4,}|[0-9]{4,}\\.[0-9]+|0\\.[0-9]+|[0-9]{1,3}(,[0-9]{3})+\\.[0-9]+|[0-9]{1,3}(,[0-9]{3}){2,}';
const BOTH_COMMA = '[1-9][0-9]{0,2},[0-9]{3}';
const BOTH_POINT = '[1-9][0-9]{0,2}\\.[0-9]{3}';

/**
 * Per number column, the sampled values that settle the decimal separator and those that read two
 * ways. The decision is the caller's (transform.ts), made for the whole extract, not per column.
 */
export async function sampleNumberEvidence(
  db: Database,
  table: string,
  columns: { field: string; header: string; raw: string }[],
  params: DuckDBValue[],
): Promise<NumberEvidence[]> {
  if (columns.length === 0) return [];
  const union = columns
    .map(
      ({ raw }, i) =>
        `SELECT ${i} AS i, ${CLEAN} AS c FROM (SELECT ${raw} AS v FROM (SELECT * FROM ${quoteIdent(table)} LIMIT ${SAMPLE}) WHERE ${raw} IS NOT NULL)`,
    )
    .join(' UNION ALL ');
  const rows = await db.all<{
    i: number;
    n: number;
    digits: number;
    comma: number;
    point: number;
    both_comma: string[] | null;
    both_point: string[] | null;
  }>(
    `SELECT i, count(*) AS n,
       count(*) FILTER (WHERE regexp_full_match(c, '[0-9]+([.,][0-9]+)*')) AS digits,
       count(*) FILTER (WHERE regexp_full_match(c, '${ONLY_COMMA}')) AS comma,
       count(*) FILTER (WHERE regexp_full_match(c, '${ONLY_POINT}')) AS point,
       list_sort(list_distinct(list(c) FILTER (WHERE regexp_full_match(c, '${BOTH_COMMA}'))))[1:2] AS both_comma,
       list_sort(list_distinct(list(c) FILTER (WHERE regexp_full_match(c, '${BOTH_POINT}'))))[1:2] AS both_point
     FROM (${union}) GROUP BY i ORDER BY i`,
    params,
  );
  const byIndex = new Map(rows.map((r) => [Number(r.i), r]));
  return columns.map(({ field, header }, i) => {
    const row = byIndex.get(i);
    return {
      field,
      header,
      comma: Number(row?.comma ?? 0),
      point: Number(row?.point ?? 0),
      bothWithComma: [...(row?.both_comma ?? [])],
      bothWithPoint: [...(row?.both_point ?? [])],
      numeric: Number(row?.n ?? 0) > 0 && Number(row?.digits) === Number(row?.n),
    };
  });
}

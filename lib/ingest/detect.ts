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
  const sample = `(SELECT ${raw} AS v FROM ${quoteIdent(table)} WHERE ${raw} IS NOT NULL LIMIT ${SAMPLE})`;
  const probes = [
    `count(*) AS n`,
    `count(coalesce(try_cast(v AS TIMESTAMP), try_cast(try_cast(v AS TIMESTAMPTZ) AS TIMESTAMP))) AS iso`,
    `count(*) FILTER (WHERE try_cast(v AS DOUBLE) BETWEEN 1 AND 2958465 AND NOT regexp_matches(v, '^[0-9]{8}$')) AS serial`,
    ...CANDIDATE_FORMATS.map((f, i) => `count(try_strptime(v, '${f}')) AS f${i}`),
  ];
  const row = await db.one<Record<string, number>>(
    `SELECT ${probes.join(', ')} FROM ${sample}`,
    params,
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

/** ',' when the sampled numbers read unambiguously as decimal-comma more often than decimal-point. */
export async function detectDecimalSeparator(
  db: Database,
  table: string,
  rawColumns: string[],
  params: DuckDBValue[],
): Promise<'.' | ','> {
  if (rawColumns.length === 0) return '.';
  const union = rawColumns
    .map(
      (raw) =>
        `SELECT ${raw} AS v FROM (SELECT * FROM ${quoteIdent(table)} LIMIT ${SAMPLE}) WHERE ${raw} IS NOT NULL`,
    )
    .join(' UNION ALL ');
  const row = await db.one<{ comma: number; point: number }>(
    `SELECT
       count(*) FILTER (WHERE regexp_full_match(v, '-?[0-9]+,[0-9]{1,2}|-?[0-9]+,[0-9]{4,}|-?[0-9]{1,3}(\\.[0-9]{3})+,[0-9]+|-?0,[0-9]+')) AS comma,
       count(*) FILTER (WHERE regexp_full_match(v, '-?[0-9]+\\.[0-9]{1,2}|-?[0-9]+\\.[0-9]{4,}|-?[0-9]{1,3}(,[0-9]{3})+\\.[0-9]+|-?0\\.[0-9]+')) AS point
     FROM (${union})`,
    params,
  );
  return (row?.comma ?? 0) > (row?.point ?? 0) ? ',' : '.';
}

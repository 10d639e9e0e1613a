import 'server-only';
/**
 * From staged text to typed canonical values: one SQL expression per mapped field, built from our
 * own templates; every value from the mapping (null tokens, value maps) is a bound parameter.
 * Date formats and the decimal separator are detected on a sample when the mapping leaves them out.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import { fieldsOfTarget, type FieldType } from '@/lib/model/canonical';
import type { Mapping } from './mapping';
import type { StagedSource } from './stage';
import { detectDateFormat, detectDecimalSeparator, type DateDetection } from './detect';

export interface FieldPlan {
  field: string;
  type: FieldType;
  header: string;
  /** SQL of the cleaned source text (nulls and value maps applied). */
  raw: string;
  /** SQL of the typed value; NULL where the text does not convert. */
  typed: string;
  /**
   * The same typed value computed from the column r_<field> holding `raw` (a projection below),
   * so the cleaning is evaluated once per value rather than once per use in `typed`.
   */
  typedFromRaw: string;
  /** Read already typed by DuckDB (a fast load): raw and typed are the column itself. */
  readTyped?: boolean;
}

export interface TransformPlan {
  fields: FieldPlan[];
  params: DuckDBValue[];
  dateFormats: Record<string, DateDetection>;
  decimalSeparator: '.' | ',';
  thousandsSeparator: string;
  /** Mapped headers that are not in the file. */
  missingHeaders: { field: string; header: string }[];
}

const DEFAULT_NULLS_FOR_VALUES = ['NA', 'N/A', 'n/a', 'NULL', 'null', '#N/A', 'NaN', '-', '--'];

/** Build the typed projection of a staged source under a mapping. */
export async function planTransform(
  db: Database,
  staged: Pick<StagedSource, 'table' | 'headers' | 'columns'>,
  mapping: Mapping,
  /**
   * Staged columns DuckDB has already typed (a fast load reads them so): a field read from one of
   * them alone takes its value as is. The caller vouches that every value read so is one the text
   * rules would have read to the same value (no null tokens, value maps or other separators).
   */
  readTyped: ReadonlySet<string> = new Set(),
): Promise<TransformPlan> {
  const params: DuckDBValue[] = [];
  const bind = (value: DuckDBValue) => `$${params.push(value)}`;
  const fieldTypes = new Map(fieldsOfTarget(mapping.table).map((f) => [f.name, f.type]));
  const headerIndex = new Map(staged.headers.map((h, i) => [h, i]));
  const lowerIndex = new Map(staged.headers.map((h, i) => [h.trim().toLowerCase(), i]));
  const fields: FieldPlan[] = [];
  const missingHeaders: TransformPlan['missingHeaders'] = [];
  const decimalColumns: string[] = [];
  const pending: { plan: FieldPlan }[] = [];

  for (const [field, source] of Object.entries(mapping.columns)) {
    const type = fieldTypes.get(field);
    if (!type) continue;
    const headers = Array.isArray(source) ? source : [source];
    const indexes = headers.map(
      (h) => headerIndex.get(h) ?? lowerIndex.get(h.trim().toLowerCase()),
    );
    const missing = headers.filter((_, i) => indexes[i] === undefined);
    if (missing.length > 0) {
      missingHeaders.push(...missing.map((header) => ({ field, header })));
      continue;
    }
    const header = staged.headers[indexes[0]!]!;
    const column = staged.columns[indexes[0]!]!;
    if (indexes.length === 1 && readTyped.has(column)) {
      const raw = quoteIdent(column);
      const typedFromRaw = rawColumn(field);
      pending.push({
        plan: { field, type, header, raw, typed: raw, typedFromRaw, readTyped: true },
      });
      continue;
    }
    const cleaned = indexes.map((i) =>
      cleanText(quoteIdent(staged.columns[i!]!), type, field, mapping, bind),
    );
    const raw = cleaned.length === 1 ? cleaned[0]! : `coalesce(${cleaned.join(', ')})`;
    const plan: FieldPlan = { field, type, header, raw, typed: '', typedFromRaw: '' };
    if (type === 'number') decimalColumns.push(raw);
    pending.push({ plan });
  }

  const decimalSeparator =
    mapping.decimalSeparator ??
    (await detectDecimalSeparator(db, staged.table, decimalColumns, params));
  const thousandsSeparator = mapping.thousandsSeparator ?? (decimalSeparator === ',' ? '.' : ',');
  const dateFormats: Record<string, DateDetection> = {};
  for (const { plan } of pending) {
    if (plan.readTyped) {
      // Every value read as a timestamp is one DuckDB's own cast reads: the ISO format.
      if (plan.type === 'timestamp')
        dateFormats[plan.field] = { format: 'iso', source: 'detected', ambiguous: false };
      fields.push(plan);
      continue;
    }
    if (plan.type === 'timestamp') {
      const given = mapping.formats?.[plan.field] ?? mapping.dateFormat;
      dateFormats[plan.field] = given
        ? { format: given, source: 'mapping', ambiguous: false }
        : await detectDateFormat(db, staged.table, plan.raw, params);
    }
    const options: TypedOptions = {
      decimalSeparator,
      thousandsSeparator,
      date: dateFormats[plan.field],
      absolute: mapping.absolute?.includes(plan.field) ?? false,
      bind,
    };
    plan.typed = typedExpression(plan, options);
    plan.typedFromRaw = typedExpression({ ...plan, raw: rawColumn(plan.field) }, options);
    fields.push(plan);
  }
  return { fields, params, dateFormats, decimalSeparator, thousandsSeparator, missingHeaders };
}

/** The column that holds a field's cleaned source text in the typed staging table. */
export const rawColumn = (field: string) => quoteIdent(`r_${field}`);

function cleanText(
  column: string,
  type: FieldType,
  field: string,
  mapping: Mapping,
  bind: (value: DuckDBValue) => string,
): string {
  let expr = `nullif(trim(${column}), '')`;
  const nulls = [
    ...(mapping.nullValues ?? []),
    ...(type === 'text' ? [] : DEFAULT_NULLS_FOR_VALUES),
  ];
  if (nulls.length > 0) {
    const list = [...new Set(nulls)].map((token) => bind(token)).join(', ');
    expr = `CASE WHEN ${expr} IN (${list}) THEN NULL ELSE ${expr} END`;
  }
  const values = mapping.values?.[field];
  if (values && Object.keys(values).length > 0) {
    const entries = Object.entries(values);
    const exact = entries.filter(([key]) => !/[*?[]/.test(key));
    const patterns = entries.filter(([key]) => /[*?[]/.test(key));
    const whens = [
      ...exact.map(([from, to]) => `WHEN v = ${bind(from)} THEN ${bind(to)}`),
      ...patterns.map(([from, to]) => `WHEN v GLOB ${bind(from)} THEN ${bind(to)}`),
    ].join(' ');
    expr = `(CASE ${whens.replaceAll('WHEN v ', `WHEN ${expr} `)} ELSE ${expr} END)`;
  }
  if (field === 'status') {
    expr = `(CASE WHEN lower(${expr}) IN ('cancelled', 'canceled', 'storniert', 'void', 'voided') THEN 'cancelled' ELSE ${expr} END)`;
  }
  if (field === 'reason_category') expr = `lower(${expr})`;
  return expr;
}

interface TypedOptions {
  decimalSeparator: '.' | ',';
  thousandsSeparator: string;
  date?: DateDetection;
  absolute: boolean;
  bind: (value: DuckDBValue) => string;
}

function typedExpression(plan: FieldPlan, options: TypedOptions): string {
  const v = plan.raw;
  switch (plan.type) {
    case 'text':
      return v;
    case 'number': {
      const n = numberExpression(v, options);
      return options.absolute ? `abs(${n})` : n;
    }
    case 'integer': {
      // Repeated sub-expressions are computed once by DuckDB's common subexpression elimination.
      const d = numberExpression(v, options);
      const slow = `(CASE WHEN ${d} = round(${d}) AND abs(${d}) < 2147483647 THEN ${d}::INTEGER END)`;
      return `coalesce(try_cast(${v} AS INTEGER), ${slow})`;
    }
    case 'boolean':
      return `(CASE WHEN lower(${v}) IN ('true', 't', 'yes', 'y', '1', 'x', 'ja', 'j') THEN true
                    WHEN lower(${v}) IN ('false', 'f', 'no', 'n', '0', 'nein') THEN false END)`;
    case 'timestamp':
      return timestampExpression(v, options.date, options.bind);
  }
}

/** Numbers with currency signs, NBSP or space thousands, (123) and SAP trailing-minus negatives. */
function numberExpression(v: string, { decimalSeparator, thousandsSeparator }: TypedOptions) {
  let cleaned = `regexp_replace(${v}, '[\\s\\x{00A0}\\x{202F}$€£¥]|EUR|USD|GBP|CHF', '', 'g')`;
  if (thousandsSeparator)
    cleaned = `replace(${cleaned}, '${thousandsSeparator === "'" ? "''" : thousandsSeparator}', '')`;
  if (decimalSeparator === ',') cleaned = `replace(${cleaned}, ',', '.')`;
  cleaned = `regexp_replace(regexp_replace(${cleaned}, '^\\((.*)\\)$', '-\\1'), '^([0-9.]+)-$', '-\\1')`;
  const slow = `try_cast(${cleaned} AS DOUBLE)`;
  const value =
    decimalSeparator === '.' && thousandsSeparator !== '.'
      ? `coalesce(try_cast(${v} AS DOUBLE), ${slow})`
      : slow;
  // Infinity and NaN parse as doubles; the type rule rejects them (see validate.ts).
  return value;
}

function timestampExpression(
  v: string,
  date: DateDetection | undefined,
  bind: (value: DuckDBValue) => string,
) {
  if (!date || date.format === 'iso') {
    return `coalesce(try_cast(${v} AS TIMESTAMP), try_cast(try_cast(${v} AS TIMESTAMPTZ) AS TIMESTAMP))`;
  }
  if (date.format === 'excel-serial') {
    const d = `try_cast(${v} AS DOUBLE)`;
    return `(CASE WHEN ${d} BETWEEN 1 AND 2958465 THEN TIMESTAMP '1899-12-30' + to_microseconds(round(${d} * 86400000000)::BIGINT) END)`;
  }
  return `try_strptime(${v}, ${bind(date.format)})`;
}

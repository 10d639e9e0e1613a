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
import { ExtractError } from '../errors';
import type { Mapping } from '../map/mapping';
import type { StagedSource } from '../read/stage';
import {
  detectDateFormat,
  sampleNumberEvidence,
  type DateDetection,
  type NumberEvidence,
} from './detect';

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
  /** Where the separators came from, and what is still open (see decideSeparators). */
  separators: SeparatorDecision;
  /** Mapped headers that are not in the file. */
  missingHeaders: { field: string; header: string }[];
}

export interface TransformOptions {
  /**
   * The separators an earlier load under the same mapping profile settled: they decide a column
   * whose values read two ways when the file itself does not.
   */
  profile?: { name: string; decimalSeparator?: '.' | ','; thousandsSeparator?: string };
  /**
   * 'refuse' (a load): an undecidable separator throws. 'report' (a preview): it is returned in
   * `separators.undecided` and the values are typed under the decimal point meanwhile.
   */
  undecided?: 'refuse' | 'report';
  /** Named in the refusal. */
  fileName?: string;
}

export interface SeparatorDecision {
  decimalSeparator: '.' | ',';
  thousandsSeparator: string;
  /** mapping: said so; file: values only one convention reads; profile: an earlier load said so. */
  source: 'mapping' | 'file' | 'profile' | 'default';
  /** The profile that settled it. */
  profile?: string;
  /** Why the values cannot be read without being told: the load refuses with this message. */
  undecided?: string;
  /** The column and two of its values that read two ways, when there was one. */
  doubtful?: { header: string; values: string[] };
}

/**
 * One decimal convention for the whole extract. A column whose values read two ways (1,000 or
 * 2.500) follows the file's other numeric columns, then the mapping profile's earlier decision;
 * failing both it is undecided, never guessed: a thousands reading of a decimal quantity is
 * 1,000 times too large and nothing downstream would notice.
 */
export function decideSeparators(
  mapping: Pick<Mapping, 'decimalSeparator' | 'thousandsSeparator'>,
  evidence: NumberEvidence[],
  profile?: TransformOptions['profile'],
): SeparatorDecision {
  const given = mapping.decimalSeparator ?? impliedDecimal(mapping.thousandsSeparator);
  if (given) {
    return {
      decimalSeparator: given,
      thousandsSeparator: mapping.thousandsSeparator ?? (given === ',' ? '.' : ','),
      source: 'mapping',
    };
  }
  const mapped = evidence.filter((e) => e.field !== '');
  const count = (list: NumberEvidence[]) => ({
    comma: list.reduce((n, e) => n + e.comma, 0),
    point: list.reduce((n, e) => n + e.point, 0),
  });
  let { comma, point } = count(mapped);
  // The file's other number columns (a weight, a price nobody maps) speak when mapped ones do not.
  if (comma === point) ({ comma, point } = count(evidence.filter((e) => !e.field && e.numeric)));
  const doubt = mapped.find((e) => e.bothWithComma.length > 0 || e.bothWithPoint.length > 0);
  const doubtful = doubt && {
    header: doubt.header,
    values: doubt.bothWithComma.length > 0 ? doubt.bothWithComma : doubt.bothWithPoint,
  };
  const decided = (decimalSeparator: '.' | ',', source: SeparatorDecision['source']) => ({
    decimalSeparator,
    thousandsSeparator: decimalSeparator === ',' ? '.' : ',',
    source,
    ...(doubtful ? { doubtful } : {}),
  });
  if (comma !== point) return decided(comma > point ? ',' : '.', 'file');
  // Without doubtful values both conventions read every value alike: nothing to decide.
  if (!doubtful) return decided('.', 'default');
  const recorded = profile?.decimalSeparator ?? impliedDecimal(profile?.thousandsSeparator);
  if (profile && recorded) return { ...decided(recorded, 'profile'), profile: profile.name };
  return { ...decided('.', 'default'), undecided: undecidedMessage(doubtful) };
}

function impliedDecimal(thousands: string | undefined): '.' | ',' | undefined {
  return thousands === '.' ? ',' : thousands === ',' ? '.' : undefined;
}

/** 'Column "LFIMG": "1,000" and "2,500" read as 1.0 and 2.5 with a decimal comma, or …'. */
function undecidedMessage({ header, values }: { header: string; values: string[] }): string {
  const sep = values[0]!.includes(',') ? ',' : '.';
  const name = sep === ',' ? 'comma' : 'point';
  const quoted = values.map((v) => `"${v}"`).join(' and ');
  const asDecimal = values
    .map((v) => {
      const n = Number(v.replace(',', '.'));
      return Number.isInteger(n) ? n.toFixed(1) : String(n);
    })
    .join(' and ');
  const asThousands = values.map((v) => String(Number(v.replace(/[.,]/g, '')))).join(' and ');
  return (
    `Column "${header}": ${quoted} read as ${asDecimal} with a decimal ${name}, or ${asThousands} ` +
    `with a thousands ${name}, and no other number in the file or earlier load settles which; ` +
    `set "decimalSeparator" in the mapping (or --decimal) to say which.`
  );
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
  options: TransformOptions = {},
): Promise<TransformPlan> {
  const params: DuckDBValue[] = [];
  const bind = (value: DuckDBValue) => `$${params.push(value)}`;
  const fieldTypes = new Map(fieldsOfTarget(mapping.table).map((f) => [f.name, f.type]));
  const headerIndex = new Map(staged.headers.map((h, i) => [h, i]));
  const lowerIndex = new Map(staged.headers.map((h, i) => [h.trim().toLowerCase(), i]));
  const fields: FieldPlan[] = [];
  const missingHeaders: TransformPlan['missingHeaders'] = [];
  const decimalColumns: { field: string; header: string; raw: string }[] = [];
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
    // Integers too: a line number of "1.000" is a SAP-style 1 or a thousand.
    if (type === 'number' || type === 'integer') decimalColumns.push({ field, header, raw });
    pending.push({ plan });
  }

  const read = new Set(pending.map(({ plan }) => plan.header));
  const others = staged.headers
    .map((header, i) => ({
      field: '',
      header,
      raw: `nullif(trim(${quoteIdent(staged.columns[i]!)}), '')`,
    }))
    .filter((c) => !read.has(c.header));
  const evidence =
    mapping.decimalSeparator ||
    impliedDecimal(mapping.thousandsSeparator) ||
    decimalColumns.length === 0
      ? []
      : await sampleNumberEvidence(db, staged.table, [...decimalColumns, ...others], params);
  const separators = decideSeparators(mapping, evidence, options.profile);
  if (separators.undecided && options.undecided !== 'report') {
    const where = options.fileName ? `${options.fileName}: ` : '';
    throw new ExtractError(`${where}${separators.undecided}`, 'ambiguous_decimal_separator');
  }
  const { decimalSeparator, thousandsSeparator } = separators;
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
  return {
    fields,
    params,
    dateFormats,
    decimalSeparator,
    thousandsSeparator,
    separators,
    missingHeaders,
  };
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
  // 'Return to vendor' and 'return-to-vendor' read as return_to_vendor.
  if (field === 'disposition') expr = `regexp_replace(lower(${expr}), '[ -]+', '_', 'g')`;
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
function numberExpression(v: string, { decimalSeparator, thousandsSeparator, bind }: TypedOptions) {
  let cleaned = `regexp_replace(${v}, '[\\s\\x{00A0}\\x{202F}$€£¥]|EUR|USD|GBP|CHF', '', 'g')`;
  // The separator comes from the mapping: a value, bound like every other.
  if (thousandsSeparator) cleaned = `replace(${cleaned}, ${bind(thousandsSeparator)}, '')`;
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

import 'server-only';
/**
 * Validation of every row: types, required fields, logic (quantities, date order) and duplicate
 * keys within the file. Rules are SQL conditions over the typed staging table; one pass finds the
 * rows that break any rule, and only those rows are examined rule by rule.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import {
  reasonCategories,
  requiredFieldsOfTarget,
  returnDispositions,
  type MappingTarget,
} from '@/lib/model/canonical';
import type { RowIssue, RuleCount } from '../issues';
import { rawColumn, type FieldPlan, type TransformPlan } from './transform';

interface Rule {
  rule: string;
  /** SQL of the source header (a bound parameter). */
  header: string;
  when: string;
  /** SQL producing the message; may use bound parameters. */
  message: string;
  value: string;
}

export interface Validation {
  typedTable: string;
  issuesTable: string;
  rejectedRows: number;
  counts: RuleCount[];
  sample: RowIssue[];
}

const QUANTITIES = ['qty_ordered', 'qty_shipped', 'qty_cancelled', 'qty_returned'];
const DATE_ORDER: [string, string, string][] = [
  ['ship_ts', 'order_ts', 'ship_before_order'],
  ['delivered_ts', 'ship_ts', 'delivered_before_ship'],
  ['credited_ts', 'return_ts', 'credited_before_return'],
  // The returns workflow: authorised, received, inspected, disposition decided, in that order.
  ['return_ts', 'authorised_ts', 'return_before_authorised'],
  ['inspected_ts', 'return_ts', 'inspected_before_return'],
  ['disposition_ts', 'inspected_ts', 'disposition_before_inspection'],
];
/** Text fields whose values must be one of the model's, with what to call them in a message. */
const KNOWN_VALUES: [string, readonly string[], string][] = [
  ['reason_category', reasonCategories, 'a reason category'],
  ['disposition', returnDispositions, 'a disposition'],
];

/** Materialise the typed rows and every issue; returns counts and the first issues. */
export async function validateStaged(
  db: Database,
  stageTable: string,
  target: MappingTarget,
  plan: TransformPlan,
  fileName: string,
  sampleSize = 1000,
): Promise<Validation> {
  const typedTable = `${stageTable}_typed`;
  const issuesTable = `${stageTable}_issues`;
  await createTypedTable(db, stageTable, typedTable, target, plan);
  const params: DuckDBValue[] = [];
  const bind = (value: DuckDBValue) => `$${params.push(value)}`;
  const file = bind(fileName);
  const rules = buildRules(plan, target, file, bind);
  await db.run(
    `CREATE TEMP TABLE ${quoteIdent(issuesTable)} (row BIGINT, "column" VARCHAR, rule VARCHAR, message VARCHAR, value VARCHAR)`,
  );
  if (rules.length > 0) await collectRuleIssues(db, typedTable, issuesTable, rules, params);
  await collectDuplicateKeys(db, typedTable, issuesTable, target, plan, fileName);
  const counts = await db.all<{ rule: string; column: string | null; count: number }>(
    `SELECT rule, "column", count(*) AS count FROM ${quoteIdent(issuesTable)} GROUP BY ALL ORDER BY count DESC, rule`,
  );
  const rejected = await db.one<{ n: number }>(
    `SELECT count(DISTINCT row) AS n FROM ${quoteIdent(issuesTable)}`,
  );
  // Each issue with its row's order id, when the file maps one: the row number alone is hard to
  // find again in a spreadsheet that was sorted or filtered since.
  const orderId = plan.fields.some((f) => f.field === 'order_id')
    ? `CAST(t.${quoteIdent('order_id')} AS VARCHAR)`
    : 'NULL';
  const sample = await db.all<RowIssue & Record<string, unknown>>(
    `SELECT i.row, i."column", i.rule, i.message, i.value, ${orderId} AS "orderId"
       FROM ${quoteIdent(issuesTable)} AS i LEFT JOIN ${quoteIdent(typedTable)} AS t ON t._row = i.row
      ORDER BY i.row, i.rule LIMIT ${sampleSize}`,
  );
  return { typedTable, issuesTable, rejectedRows: rejected?.n ?? 0, counts, sample };
}

async function createTypedTable(
  db: Database,
  stageTable: string,
  typedTable: string,
  target: MappingTarget,
  plan: TransformPlan,
) {
  await db.run(
    `CREATE TEMP TABLE ${quoteIdent(typedTable)} AS ${typedSelectSql(quoteIdent(stageTable), target, plan)}`,
    plan.params,
  );
}

/**
 * The typed rows of a staged source (a table, or any FROM item with _row and the staged columns
 * when withRow), with plan.params as its parameters. The cleaned text of every field is computed
 * once, in the inner projection; the typed values are computed from it. Text fields are stored
 * once: their typed value is their cleaned text.
 */
export function typedSelectSql(
  from: string,
  target: MappingTarget,
  plan: TransformPlan,
  { withRow = true, where }: { withRow?: boolean; where?: string } = {},
): string {
  const cleaned = plan.fields.map((f) => `${f.raw} AS ${rawColumn(f.field)}`);
  const projections = plan.fields.flatMap((f) =>
    f.type === 'text'
      ? [`${rawColumn(f.field)} AS ${quoteIdent(f.field)}`]
      : [rawColumn(f.field), `${f.typedFromRaw} AS ${quoteIdent(f.field)}`],
  );
  const byField = new Map(plan.fields.map((f) => [f.field, f]));
  // Lines without a line number are numbered in file order within their order.
  const orderId = byField.get('order_id');
  if (needsLineNumbers(target, plan) && orderId) {
    projections.push(
      `row_number() OVER (PARTITION BY ${orderId.typedFromRaw} ORDER BY _row)::INTEGER AS line_no`,
    );
  }
  const row = withRow ? ['_row'] : [];
  return `SELECT ${[...row, ...projections].join(', ')}
            FROM (SELECT ${[...row, ...cleaned].join(', ')} FROM ${from})${where ? ` WHERE ${where}` : ''}`;
}

/** Lines of an order-lines or flat extract without a line number are numbered in file order. */
export function needsLineNumbers(target: MappingTarget, plan: TransformPlan): boolean {
  const mapped = new Set(plan.fields.map((f) => f.field));
  return (
    (target === 'flat' || target === 'order_lines') &&
    mapped.has('qty_ordered') &&
    !mapped.has('line_no')
  );
}

export function buildRules(
  plan: TransformPlan,
  target: MappingTarget,
  file: string,
  bind: (v: DuckDBValue) => string,
): Rule[] {
  const byField = new Map(plan.fields.map((f) => [f.field, f]));
  const col = (f: FieldPlan) => quoteIdent(f.field);
  const raw = (f: FieldPlan) => (f.type === 'text' ? quoteIdent(f.field) : rawColumn(f.field));
  const where = (f: FieldPlan) =>
    `${file} || ', row ' || _row || ', column "' || ${bind(f.header)} || '": '`;
  const rules: Rule[] = [];
  for (const f of plan.fields.filter((x) => x.type !== 'text')) {
    const expected = describeType(f, plan);
    const invalid =
      f.type === 'number' ? `(${col(f)} IS NULL OR NOT isfinite(${col(f)}))` : `${col(f)} IS NULL`;
    rules.push({
      rule: 'type',
      header: bind(f.header),
      when: `${raw(f)} IS NOT NULL AND ${invalid}`,
      // The description names the mapping's date format: a value, so it is bound, never spliced.
      message: `${where(f)} || '"' || ${raw(f)} || '" is not ' || ${bind(expected)}`,
      value: raw(f),
    });
  }
  const required = requiredFieldsOfTarget(target).filter(
    (name) => name !== 'line_no' || byField.has('line_no'),
  );
  for (const name of required) {
    const f = byField.get(name);
    if (f)
      rules.push({
        rule: 'required',
        header: bind(f.header),
        when: `${raw(f)} IS NULL`,
        message: `${where(f)} || 'is empty but required'`,
        value: 'NULL',
      });
  }
  if (target === 'shipments') {
    const ship = byField.get('ship_ts');
    const delivered = byField.get('delivered_ts');
    const f = ship ?? delivered;
    if (f) {
      const cond = [ship, delivered]
        .filter(Boolean)
        .map((x) => `${raw(x!)} IS NULL`)
        .join(' AND ');
      rules.push({
        rule: 'required',
        header: bind(f.header),
        when: cond,
        message: `${where(f)} || 'a shipment needs a ship date or a delivery date'`,
        value: 'NULL',
      });
    }
  }
  for (const name of QUANTITIES) {
    const f = byField.get(name);
    if (f)
      rules.push({
        rule: 'negative_quantity',
        header: bind(f.header),
        when: `${col(f)} < 0`,
        message: `${where(f)} || 'quantity ' || ${raw(f)} || ' is negative'`,
        value: raw(f),
      });
  }
  const ordered = byField.get('qty_ordered');
  const cancelled = byField.get('qty_cancelled');
  if (ordered && cancelled) {
    rules.push({
      rule: 'cancelled_exceeds_ordered',
      header: bind(cancelled.header),
      when: `${col(cancelled)} > ${col(ordered)}`,
      message: `${where(cancelled)} || 'cancelled quantity ' || ${raw(cancelled)} || ' exceeds the ordered ' || ${raw(ordered)}`,
      value: raw(cancelled),
    });
  }
  for (const [later, earlier, rule] of DATE_ORDER) {
    const a = byField.get(later);
    const b = byField.get(earlier);
    if (a && b) {
      rules.push({
        rule,
        header: bind(a.header),
        when: `${col(a)}::DATE < ${col(b)}::DATE`,
        message: `${where(a)} || ${raw(a)} || ' is before ' || ${bind(b.header)} || ' ' || ${raw(b)}`,
        value: raw(a),
      });
    }
  }
  for (const [name, known, what] of KNOWN_VALUES) {
    const f = byField.get(name);
    if (!f) continue;
    const allowed = known.map((c) => bind(c)).join(', ');
    rules.push({
      rule: 'invalid_value',
      header: bind(f.header),
      when: `${col(f)} IS NOT NULL AND ${col(f)} NOT IN (${allowed})`,
      message: `${where(f)} || '"' || ${raw(f)} || '" is not ' || ${bind(what)} || ' (' || ${bind(known.join(', '))} || '); map it with "values"'`,
      value: raw(f),
    });
  }
  return rules;
}

function describeType(f: FieldPlan, plan: TransformPlan): string {
  if (f.type === 'timestamp') {
    const format = plan.dateFormats[f.field]?.format ?? 'iso';
    return format === 'iso'
      ? 'a date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)'
      : format === 'excel-serial'
        ? 'an Excel date serial'
        : `a date in the format ${format}`;
  }
  if (f.type === 'number') return `a number (decimal separator "${plan.decimalSeparator}")`;
  if (f.type === 'integer') return 'a whole number';
  if (f.type === 'boolean') return 'yes/no (true, false, yes, no, 1, 0, X)';
  return 'text';
}

async function collectRuleIssues(
  db: Database,
  typed: string,
  issues: string,
  rules: Rule[],
  params: DuckDBValue[],
) {
  const bad = `${typed}_bad`;
  // One scan for the usual case of a clean file; the per-rule passes then run on the bad rows only.
  // Conditions may hold bound values too (the reason categories), so they share the parameters.
  await db.run(
    `CREATE TEMP TABLE ${quoteIdent(bad)} AS SELECT * FROM ${quoteIdent(typed)} WHERE ${rules.map((r) => `(${r.when})`).join(' OR ')}`,
    params,
  );
  const inserts = rules.map(
    (r) =>
      `SELECT _row, ${r.header}, '${r.rule}', ${r.message}, CAST(${r.value} AS VARCHAR) FROM ${quoteIdent(bad)} WHERE ${r.when}`,
  );
  await db.run(`INSERT INTO ${quoteIdent(issues)} ${inserts.join(' UNION ALL ')}`, params);
  await db.run(`DROP TABLE ${quoteIdent(bad)}`);
}

async function collectDuplicateKeys(
  db: Database,
  typed: string,
  issues: string,
  target: MappingTarget,
  plan: TransformPlan,
  fileName: string,
) {
  const mapped = new Set(plan.fields.map((f) => f.field));
  const key = duplicateKeyOf(target, mapped);
  if (!key || key.length === 0) return;
  const cols = key.map(quoteIdent).join(', ');
  const notNull = key
    .filter((k) => k === 'order_id' || k === 'return_id')
    .map((k) => `${quoteIdent(k)} IS NOT NULL`);
  const scope = `FROM ${quoteIdent(typed)} ${notNull.length ? `WHERE ${notNull.join(' AND ')}` : ''}`;
  // A hash aggregate finds whether any key repeats; the window that names the rows runs only then.
  const repeated = await db.one<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT 1 ${scope} GROUP BY ${cols} HAVING count(*) > 1)`,
  );
  if (!repeated?.n) return;
  await db.run(
    `INSERT INTO ${quoteIdent(issues)}
     SELECT _row, NULL, 'duplicate_key', $1 || ', row ' || _row || ': the same ' || $2 || ' as row ' || first_row, NULL
       FROM (SELECT _row, first_value(_row) OVER w AS first_row, row_number() OVER w AS k
             ${scope} WINDOW w AS (PARTITION BY ${cols} ORDER BY _row))
      WHERE k > 1`,
    [fileName, key.join(' + ')],
  );
}

/** The key that must be unique within one file, given what the mapping provides. */
export function duplicateKeyOf(target: MappingTarget, mapped: Set<string>): string[] | undefined {
  const present = (keys: string[]) => keys.filter((k) => mapped.has(k));
  switch (target) {
    case 'orders':
      return ['order_id'];
    case 'order_lines':
      return ['order_id', 'line_no'];
    case 'flat':
      return mapped.has('line_no')
        ? present(['order_id', 'line_no', 'shipment_id', 'ship_ts'])
        : undefined;
    case 'shipments':
      return mapped.has('shipment_id')
        ? present(['shipment_id', 'order_id', 'line_no'])
        : present(['order_id', 'line_no', 'ship_ts']);
    case 'returns':
      return mapped.has('return_id')
        ? ['return_id']
        : present(['order_id', 'line_no', 'return_ts', 'reason_code']);
  }
}

/**
 * Fact tables as data: each column declared once, with its type, label, description and the SQL
 * that derives it. The engine builds the tables from these declarations, and the drill-through,
 * the orders explorer and the failure explanations read their columns and labels from them.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { linesOfZod } from '@/lib/errors';

/** How a column's values read: the display of a drill cell and of an explorer column follows it. */
export const factColumnKinds = [
  'id',
  'text',
  'day',
  'datetime',
  'count',
  'quantity',
  'flag',
  'money',
  'mask',
] as const;
export type FactColumnKind = (typeof factColumnKinds)[number];

/** DuckDB's name of the type the derivation yields (checked against the built table by a test). */
export const factColumnTypes = [
  'VARCHAR',
  'TIMESTAMP',
  'BOOLEAN',
  'BIGINT',
  'DOUBLE',
  'INTEGER',
] as const;

const snake = z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case');

const columnSchema = z
  .object({
    name: snake,
    type: z.enum(factColumnTypes),
    kind: z.enum(factColumnKinds),
    label: z.string().min(2),
    description: z.string().min(5),
    sql: z.string().min(1).describe('DuckDB SQL over the FROM clause of the table'),
  })
  .strict();

export const factTableNames = ['kpi_order_facts', 'kpi_return_facts'] as const;
export type FactTableName = (typeof factTableNames)[number];

const factTableSchema = z
  .object({
    name: z.enum(factTableNames),
    rowPer: z.enum(['order', 'return']).describe('What one row of the table is'),
    description: z.string().min(10),
    /** Common table expressions the columns read (DuckDB SQL, without the WITH keyword). */
    with: z.string().min(1),
    /** The FROM clause, joins included (DuckDB SQL, without the FROM keyword). */
    from: z.string().min(1),
    columns: z.array(columnSchema).min(1),
    /** The columns of a drill-through and its CSV, in order; the first identifies the row. */
    drillColumns: z.array(snake).min(1),
  })
  .strict()
  .superRefine((table, ctx) => {
    const names = new Set<string>();
    for (const [i, column] of table.columns.entries()) {
      if (names.has(column.name))
        ctx.addIssue({ code: 'custom', path: ['columns', i, 'name'], message: 'declared twice' });
      names.add(column.name);
    }
    for (const [i, name] of table.drillColumns.entries())
      if (!names.has(name))
        ctx.addIssue({ code: 'custom', path: ['drillColumns', i], message: `no column "${name}"` });
  });

export type FactColumn = z.infer<typeof columnSchema>;
export type FactTable = z.infer<typeof factTableSchema>;
export type FactTableInput = z.input<typeof factTableSchema>;

/** Validate a fact table's declaration; throws with every problem by its dotted path. */
export function defineFactTable(input: FactTableInput): FactTable {
  const result = factTableSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = linesOfZod(result.error, { root: '(root)' }).map(
    (line) => `${input.name}.${line}`,
  );
  throw new Error(`Invalid fact table:\n${problems.join('\n')}`);
}

/** The query of a fact table's rows, from its declaration. */
export function factRowsSql(table: FactTable): string {
  const columns = table.columns.map((c) => `${c.sql} AS ${c.name}`).join(',\n       ');
  return `WITH ${table.with}\nSELECT ${columns}\n  FROM ${table.from}`;
}

/** The statement that (re)builds a fact table from its declaration. */
export function factTableSql(table: FactTable): string {
  return `CREATE OR REPLACE TABLE ${table.name} AS\n${factRowsSql(table)}`;
}

/**
 * The shape of a set of fact tables: part of their stored version, so that a database built before
 * any change of their declarations rebuilds them.
 */
export function factsShapeOf(tables: readonly FactTable[]): string {
  const hash = createHash('sha256');
  for (const table of tables) hash.update(factTableSql(table));
  return hash.digest('hex').slice(0, 16);
}

export function columnOf(table: FactTable, name: string): FactColumn | undefined {
  return table.columns.find((c) => c.name === name);
}

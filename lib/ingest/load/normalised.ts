import 'server-only';
/**
 * What the number rule normalised, so the load report can say so (the reference: "A = accept
 * after normalising, and say what was normalised"): per number field, the values read only after
 * dropping a currency sign or code or a non-breaking-space thousands separator, or reading (123)
 * or 123- as a negative. One scan of the
 * staged table for all number fields.
 */
import type { Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import type { TransformPlan } from './transform';

const NORMALISED = `'[()$€£¥\\x{00A0}\\x{202F}]|EUR|USD|GBP|CHF|-$'`;

/** Warnings naming each number field whose values were normalised, with a count and an example. */
export async function numberNormalisations(
  db: Database,
  table: string,
  plan: TransformPlan,
): Promise<string[]> {
  const numbers = plan.fields.filter((f) => f.type === 'number' || f.type === 'integer');
  if (numbers.length === 0) return [];
  const select = numbers.flatMap((f, i) => {
    const hit = `(${f.typed}) IS NOT NULL AND regexp_matches(${f.raw}, ${NORMALISED})`;
    return [
      `count(*) FILTER (WHERE ${hit}) AS n${i}`,
      `min(${f.raw}) FILTER (WHERE ${hit}) AS e${i}`,
    ];
  });
  const row = await db.one(`SELECT ${select.join(', ')} FROM ${quoteIdent(table)}`, plan.params);
  return numbers.flatMap((f, i) => {
    const n = Number(row?.[`n${i}`] ?? 0);
    if (n === 0) return [];
    return [
      `${n} value${n > 1 ? 's' : ''} of "${f.header}" (${f.field}) read as numbers after removing a ` +
        `currency sign or non-breaking space, or reading (…) or a trailing minus as negative, e.g. "${String(row?.[`e${i}`])}".`,
    ];
  });
}

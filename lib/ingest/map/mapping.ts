/**
 * The mapping file: the contract shared by the CLI, the upload wizard and saved profiles.
 * Pure (no I/O), so the browser can validate a mapping too.
 */
import { z } from 'zod';
import { lineOf, OrderlensError, problemsOfZod, type Problem } from '@/lib/errors';
import { fieldsOfTarget, mappingTargets } from '@/lib/model/canonical';

/**
 * The strftime codes DuckDB's strptime reads (each checked against DuckDB 1.5). A format is a
 * closed grammar of these codes and plain printable characters, so a mapping's format can carry
 * nothing but a format, whatever later happens to it; it is still bound as a parameter in SQL.
 */
export const STRFTIME_CODES: readonly string[] =
  'a A w u d -d b h B m -m y -y Y G V H -H I -I p M -M S -S f g n z Z j -j U W c x X T %'.split(
    ' ',
  );

const STRFTIME_CODE = new RegExp(
  `^%(${[...STRFTIME_CODES].sort((a, b) => b.length - a.length).join('|')})`,
);
// Printable characters other than quotes and the backslash: no control characters, no NUL.
const FORMAT_LITERAL = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}'"`\\%]/u;

/** Why a date format is not one, or undefined when it is one. */
export function strftimeProblem(format: string): string | undefined {
  if (!format.includes('%')) return 'a date format uses strftime codes such as %d.%m.%Y';
  let rest = format;
  while (rest.length > 0) {
    const code = STRFTIME_CODE.exec(rest);
    if (code) {
      rest = rest.slice(code[0].length);
      continue;
    }
    const char = String.fromCodePoint(rest.codePointAt(0)!);
    if (char === '%') {
      return `"${rest.slice(0, 3)}" is not a date code; use codes such as %d, %m, %Y, %H, %M, %S`;
    }
    if (!FORMAT_LITERAL.test(char)) {
      return `a date format may hold date codes and plain characters only, not ${JSON.stringify(char)}`;
    }
    rest = rest.slice(char.length);
  }
  return format.length > 64 ? 'a date format is at most 64 characters long' : undefined;
}

const strftime = z.string().superRefine((format, ctx) => {
  const problem = strftimeProblem(format);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A delimiter: 1–4 printable characters or a tab; no quote, backslash, line break or NUL. */
const delimiter = z
  .string()
  .min(1)
  .max(4)
  .regex(
    /^(?:\t|[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}'"\\])+$/u,
    'a delimiter is 1 to 4 plain characters (or a tab), not a quote, backslash or line break',
  )
  // DuckDB's reader counts bytes: é is one character but two bytes.
  .refine((d) => new TextEncoder().encode(d).length <= 4, 'a delimiter is at most 4 bytes long');

export const mappingSchema = z
  .object({
    table: z.enum(mappingTargets).describe('The canonical table the file feeds, or flat'),
    columns: z
      .record(z.string(), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]))
      .describe(
        'canonical field → source header (or headers, the first non-empty value wins); one header may feed several fields',
      ),
    notes: z.string().optional().describe('Why the mapping is as it is, for the next reader'),
    sheet: z
      .string()
      .max(200)
      .optional()
      .describe('XLSX sheet name (default: the first); matched in the workbook, never SQL'),
    delimiter: delimiter.optional(),
    quote: z
      .enum(['"', "'", '`', ''])
      .optional()
      .describe('The quote character: ", \' or ` (empty: none)'),
    header: z
      .boolean()
      .optional()
      .describe('Whether the first row is a header (detected when absent)'),
    skipRows: z.number().int().min(0).optional().describe('Lines above the header to skip'),
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'latin1']).optional(),
    decimalSeparator: z.enum(['.', ',']).optional(),
    thousandsSeparator: z.enum([',', '.', ' ', "'", '']).optional(),
    dateFormat: strftime.optional().describe('Default strftime format for every date field'),
    formats: z.record(z.string(), strftime).optional().describe('Per-field strftime formats'),
    values: z
      .record(z.string(), z.record(z.string(), z.string()))
      .optional()
      .describe('Per-field value maps; keys may use * and ? wildcards'),
    nullValues: z.array(z.string()).optional().describe('Source values read as empty, e.g. NA'),
    absolute: z
      .array(z.string())
      .optional()
      .describe(
        'Quantity fields whose sign the source uses for direction (credit lines): keep the magnitude',
      ),
    maxRejectedRows: z
      .union([z.number().int().min(0), z.string().regex(/^\d+(\.\d+)?%$/)])
      .optional()
      .describe('Rows that may fail validation and be left out (count or percentage); default 0'),
  })
  .strict()
  .superRefine((mapping, ctx) => {
    const known = new Set(fieldsOfTarget(mapping.table).map((field) => field.name));
    const check = (keys: string[], where: string) => {
      for (const key of keys) {
        if (!known.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [where, key],
            message: `"${key}" is not a field of ${mapping.table}; fields: ${[...known].join(', ')}`,
          });
        }
      }
    };
    check(Object.keys(mapping.columns), 'columns');
    check(Object.keys(mapping.formats ?? {}), 'formats');
    check(Object.keys(mapping.values ?? {}), 'values');
    check(mapping.absolute ?? [], 'absolute');
  });

export type Mapping = z.infer<typeof mappingSchema>;

export class MappingError extends OrderlensError {
  constructor(message: string, problems: readonly Problem[]) {
    super(message, 'invalid_mapping', problems);
  }

  /** The problems as `path: message` lines (the CLI's --json refusal lists them). */
  get issues(): string[] {
    return this.problems.map(lineOf);
  }
}

/** Validate a parsed mapping; every problem is reported at once with its path. */
export function parseMapping(input: unknown, source = 'mapping'): Mapping {
  const result = mappingSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = problemsOfZod(result.error, { root: '(root)' });
  const lines = problems.map(lineOf);
  throw new MappingError(`${source} is not a valid mapping:\n  ${lines.join('\n  ')}`, problems);
}

/** Parse mapping JSON text, reporting syntax errors plainly. */
export function parseMappingJson(text: string, source = 'mapping'): Mapping {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new MappingError(`${source} is not valid JSON: ${(error as Error).message}`, []);
  }
  return parseMapping(data, source);
}

/** The largest number of rejected rows a mapping tolerates for a file of `rows` rows. */
export function rejectAllowance(mapping: Pick<Mapping, 'maxRejectedRows'>, rows: number): number {
  const limit = mapping.maxRejectedRows ?? 0;
  if (typeof limit === 'number') return limit;
  return Math.floor((Number.parseFloat(limit) / 100) * rows);
}

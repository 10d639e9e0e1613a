/**
 * The mapping file: the contract shared by the CLI, the upload wizard and saved profiles.
 * Pure (no I/O), so the browser can validate a mapping too.
 */
import { z } from 'zod';
import { fieldsOfTarget, mappingTargets, type MappingTarget } from '@/lib/model/canonical';

const strftime = z
  .string()
  .min(2)
  .refine((s) => s.includes('%'), 'a date format uses strftime codes such as %d.%m.%Y');

export const mappingSchema = z
  .object({
    table: z.enum(mappingTargets).describe('The canonical table the file feeds, or flat'),
    columns: z
      .record(z.string(), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]))
      .describe(
        'canonical field → source header (or headers, the first non-empty value wins); one header may feed several fields',
      ),
    notes: z.string().optional().describe('Why the mapping is as it is, for the next reader'),
    sheet: z.string().optional().describe('XLSX sheet name (default: the first)'),
    delimiter: z.string().min(1).max(4).optional(),
    quote: z.string().max(1).optional(),
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

export class MappingError extends Error {
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(message);
    this.name = 'MappingError';
  }
}

/** Validate a parsed mapping; every problem is reported at once with its path. */
export function parseMapping(input: unknown, source = 'mapping'): Mapping {
  const result = mappingSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`,
  );
  throw new MappingError(`${source} is not a valid mapping:\n  ${issues.join('\n  ')}`, issues);
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

export type { MappingTarget };

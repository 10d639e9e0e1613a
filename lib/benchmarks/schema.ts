/**
 * A benchmark band set: one published (or imported) distribution of one KPI, with everything a
 * product must show beside it (source, edition, peer group, n, the source's own definition).
 * Scheme values are in the KPI's unit and in ascending value order whatever the KPI's direction;
 * placement applies the direction.
 */
import { z } from 'zod';
import { lineOf, OrderlensError, problemsOfZod, type Problem } from '@/lib/errors';
import { kpiUnits } from '@/lib/semantic/kpi';
import { kpiShape } from './kpis';
import { peerSchema } from './peer';

/** WERC DC Measures quintile labels, worst first. */
export const WERC_LABELS = [
  'Major Opportunity',
  'Disadvantage',
  'Typical',
  'Advantage',
  'Best-in-Class',
] as const;

/** 'required' for a missing field (an empty CSV cell), else what was expected. */
const expected = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'required' : what;
const num = () => z.number({ error: expected('must be a number') });
const optionalNum = () => num().nullable().default(null);
const text = (min: number) =>
  z
    .string({ error: expected('must be text') })
    .trim()
    .min(min, min === 1 ? 'must not be blank' : `at least ${min} characters`);

/** Run a cross-field check only when the fields it reads parsed as numbers (all errors at once). */
const numbersAt =
  (...keys: string[]) =>
  (payload: { value: unknown }) => {
    const value = payload.value as Record<string, unknown> | null;
    return !!value && keys.every((k) => value[k] === null || typeof value[k] === 'number');
  };

const ascending = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null);
  return known.every((v, i) => i === 0 || v >= known[i - 1]!);
};

const quintiles = z
  .object({
    type: z.literal('quintiles'),
    boundaries: z
      .tuple([num(), num(), num(), num()], {
        error: 'four numbers: the 20th, 40th, 60th and 80th percentile values',
      })
      .refine(ascending, 'must ascend (20th ≤ 40th ≤ 60th ≤ 80th percentile value)'),
    labels: z
      .tuple([text(1), text(1), text(1), text(1), text(1)], {
        error: 'five labels, worst band first',
      })
      .default([...WERC_LABELS]),
  })
  .strict();

const quartiles = z
  .object({
    type: z.literal('quartiles'),
    p25: optionalNum(),
    median: num(),
    p75: optionalNum(),
  })
  .strict()
  .refine((s) => ascending([s.p25, s.median, s.p75]), {
    path: ['median'],
    message:
      'p25 ≤ median ≤ p75 in value order (for a lower-is-better KPI the top performer is p25)',
    when: numbersAt('p25', 'median', 'p75'),
  });

const range = z
  .object({ type: z.literal('range'), min: num(), max: num(), average: num() })
  .strict()
  .refine((s) => s.min <= s.average && s.average <= s.max, {
    path: ['average'],
    message: 'min ≤ average ≤ max',
    when: numbersAt('min', 'max', 'average'),
  });

export const comparisons = ['>', '>=', '<', '<='] as const;
export type Comparison = (typeof comparisons)[number];

const threshold = z
  .object({
    type: z.literal('threshold'),
    value: num(),
    label: text(1),
    comparison: z.enum(comparisons, { error: "one of '>', '>=', '<', '<='" }),
  })
  .strict();

/**
 * One figure a source states that is no band boundary: a value ("average 6.9 days") or a range
 * ("good performance 85–95%"). Each carries its own label because such sources state several
 * figures side by side (average, top ten, off-peak) and none of them cuts a distribution.
 */
const figure = z
  .object({
    label: text(1),
    value: num().optional(),
    low: num().optional(),
    high: num().optional(),
  })
  .strict()
  .refine(
    (f) => (f.value !== undefined) !== (f.low !== undefined && f.high !== undefined),
    'either a value, or a low and a high',
  )
  .refine((f) => f.low === undefined || f.high === undefined || f.low <= f.high, {
    path: ['high'],
    message: 'low ≤ high',
  });

const reference = z
  .object({
    type: z.literal('reference'),
    figures: z
      .array(figure, {
        error: 'a list of figures, each with a label and a value or a low and high',
      })
      .min(1, 'at least one figure')
      .max(12, 'at most 12 figures'),
  })
  .strict();

export const schemeSchema = z.discriminatedUnion(
  'type',
  [quintiles, quartiles, range, threshold, reference],
  {
    error: "scheme type must be 'quintiles', 'quartiles', 'range', 'threshold' or 'reference'",
  },
);

/**
 * What a set's figures are. Only a survey (many companies' values) describes peers, so only a
 * survey may yield a band, a percentile or a gap; the others are compared in their own terms.
 */
export const bandSetKinds = ['survey', 'study', 'practitioner', 'requirement'] as const;
export type BandSetKind = (typeof bandSetKinds)[number];

/** The scheme each non-survey kind states its figure with (a survey may use any). */
const kindSchemes: Record<Exclude<BandSetKind, 'survey'>, Scheme['type']> = {
  study: 'reference',
  practitioner: 'reference',
  requirement: 'threshold',
};

const idPattern = /^[a-z0-9]+([_-][a-z0-9]+)*$/;

export const bandSetSchema = z
  .object({
    id: z
      .string({ error: expected('must be text') })
      .regex(idPattern, 'lower-case snake_case or kebab-case, e.g. werc-2020-fill-rate'),
    kpi: z
      .string({ error: expected('must be text') })
      .refine((id) => !!kpiShape(id), 'not a KPI id of the catalogue'),
    name: text(3),
    source: text(2),
    edition: text(1),
    peerGroup: text(2),
    sampleSize: z
      .number({ error: expected('must be a number') })
      .int('a whole number')
      .positive('above 0')
      .nullable()
      .default(null),
    sourceDefinition: text(10),
    citation: text(5),
    unit: z.enum(kpiUnits, { error: expected(`one of ${kpiUnits.join(', ')}`) }),
    direction: z.enum(['higher', 'lower'], { error: expected("'higher' or 'lower'") }),
    scheme: schemeSchema,
    note: z.string().trim().min(1).optional(),
    origin: z.enum(['shipped', 'imported']).default('imported'),
    // Left unset when an import does not state it (read as a survey, and said so: kindOf).
    kind: z.enum(bandSetKinds, { error: `one of ${bandSetKinds.join(', ')}` }).optional(),
    /**
     * Whether the source's definition differs from ours, when whoever compiled the set compared
     * them; unset: Orderlens judges it from the KPI's standard.
     */
    definitionDiffers: z.boolean({ error: 'true or false' }).optional(),
    /** How the source's definition differs from ours, shown wherever the set is. */
    definitionDifference: text(10).optional(),
    /** Who the peers are, as the source states it (absent: not stated); peerGroup keeps its words. */
    peer: peerSchema.optional(),
    /** The year the performance was measured (WERC reports year N−1); absent when not stated. */
    dataYear: z
      .number({ error: expected('must be a year, e.g. 2019') })
      .int('a whole year, e.g. 2019')
      .min(1950, 'a year from 1950 on')
      .max(2100, 'a year up to 2100')
      .optional(),
  })
  .strict()
  .refine((s) => !s.kind || s.kind === 'survey' || s.scheme.type === kindSchemes[s.kind], {
    path: ['scheme', 'type'],
    error: (issue) => {
      const kind = (issue.input as { kind?: Exclude<BandSetKind, 'survey'> }).kind!;
      return `a ${kind} states its figure as a '${kindSchemes[kind]}' scheme`;
    },
    when: (p) => {
      const v = p.value as { kind?: unknown; scheme?: unknown } | null;
      return (
        bandSetKinds.includes(v?.kind as BandSetKind) && schemeSchema.safeParse(v?.scheme).success
      );
    },
  })
  .refine((s) => !s.definitionDiffers || !!s.definitionDifference, {
    path: ['definitionDifference'],
    message: 'say how the definition differs when definitionDiffers is true',
    when: (p) => (p.value as { definitionDiffers?: unknown } | null)?.definitionDiffers === true,
  })
  .refine((s) => kpiShape(s.kpi)?.unit === s.unit, {
    path: ['unit'],
    error: (issue) => `the KPI is measured in ${shapeOf(issue.input)?.unit}`,
    when: knownKpiAnd('unit'),
  })
  .refine((s) => kpiShape(s.kpi)?.direction === s.direction, {
    path: ['direction'],
    error: (issue) => `${shapeOf(issue.input)?.direction} is better for the KPI`,
    when: knownKpiAnd('direction'),
  })
  .refine((s) => s.scheme.type !== 'threshold' || thresholdAgrees(s.scheme, s.direction), {
    path: ['scheme', 'comparison'],
    message: "a threshold on a higher-is-better KPI uses '>' or '>=', lower-is-better '<' or '<='",
    when: (p) => hasValidThreshold(p.value),
  })
  .refine((s) => s.unit !== 'percent' || schemeValues(s.scheme).every((v) => v >= 0 && v <= 100), {
    path: ['scheme'],
    message: 'percent values lie between 0 and 100 (99.5, not 0.995)',
    when: (p) => schemeSchema.safeParse((p.value as { scheme?: unknown })?.scheme).success,
  });

const shapeOf = (input: unknown) => kpiShape(String((input as { kpi?: unknown })?.kpi));

function knownKpiAnd(field: 'unit' | 'direction') {
  return (payload: { value: unknown }) => {
    const v = payload.value as Record<string, unknown> | null;
    return typeof v?.kpi === 'string' && !!kpiShape(v.kpi) && typeof v[field] === 'string';
  };
}

function hasValidThreshold(value: unknown): boolean {
  const v = value as { direction?: unknown; scheme?: unknown } | null;
  return (
    (v?.direction === 'higher' || v?.direction === 'lower') && threshold.safeParse(v.scheme).success
  );
}

function thresholdAgrees(scheme: { comparison: Comparison }, direction: 'higher' | 'lower') {
  return scheme.comparison.startsWith(direction === 'higher' ? '>' : '<');
}

export type Scheme = z.infer<typeof schemeSchema>;
export type BandSet = z.infer<typeof bandSetSchema>;
export type BandSetInput = z.input<typeof bandSetSchema>;

/** Every number a scheme carries. */
export function schemeValues(scheme: Scheme): number[] {
  switch (scheme.type) {
    case 'quintiles':
      return [...scheme.boundaries];
    case 'quartiles':
      return [scheme.p25, scheme.median, scheme.p75].filter(
        (v): v is number => typeof v === 'number',
      );
    case 'range':
      return [scheme.min, scheme.average, scheme.max];
    case 'threshold':
      return [scheme.value];
    case 'reference':
      return scheme.figures.flatMap((f) =>
        [f.value, f.low, f.high].filter((v): v is number => v !== undefined),
      );
  }
}

/** The set's kind; an imported set that does not state one is read as a survey (kindStated). */
export function kindOf(set: Pick<BandSet, 'kind'>): BandSetKind {
  return set.kind ?? 'survey';
}

/** Whether a set may place a value in a band: a survey whose scheme has bands. */
export function yieldsBands(set: Pick<BandSet, 'kind' | 'scheme'>): boolean {
  return kindOf(set) === 'survey' && set.scheme.type !== 'reference';
}

const count = new Intl.NumberFormat('en-US');

/**
 * The kind in words, as shown beside the set: "Survey of 9,032", "Requirement" (a marketplace's or
 * a retailer's: the source's name beside it says whose).
 */
export function kindText(set: Pick<BandSet, 'kind' | 'sampleSize'>): string {
  switch (set.kind) {
    case undefined:
    case 'survey': {
      const survey = set.sampleSize ? `Survey of ${count.format(set.sampleSize)}` : 'Survey';
      return set.kind ? survey : `${survey} (kind not stated by the import; read as a survey)`;
    }
    case 'study':
      return 'Study';
    case 'practitioner':
      return 'Practitioner guideline';
    case 'requirement':
      return 'Requirement';
  }
}

/** A threshold's comparison as printed: ≥ and ≤ rather than the files' >= and <=. */
export const comparisonSymbol = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' } as const;

/** A band set import refused, with every problem found (the message lists them too). */
export class BandSetValidationError extends OrderlensError {
  constructor(problems: readonly Problem[]) {
    super(
      `The band set is not valid:\n${problems.map(lineOf).join('\n')}`,
      'invalid_band_set',
      problems,
    );
  }
}

/** Zod issues of a band set as problems, their paths as a JSON file reads (`scheme.figures[0]`). */
export function bandSetProblems(issues: z.core.$ZodIssue[]): Problem[] {
  return problemsOfZod(issues, { root: '(set)', brackets: true });
}

/** Validate one band set; throws a user-safe error listing every problem with its path. */
export function parseBandSet(input: unknown): BandSet {
  const result = bandSetSchema.safeParse(input);
  if (result.success) return result.data;
  throw new BandSetValidationError(bandSetProblems(result.error.issues));
}

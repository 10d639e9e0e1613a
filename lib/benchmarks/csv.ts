/**
 * Band sets as CSV: one row per set, one flat column per field. Scheme values go in the columns of
 * their scheme (quintiles: b20,b40,b60,b80[,labels]; quartiles: p25,median,p75; range:
 * min,max,average; threshold: threshold,comparison,label; reference: figures, as
 * `label=value` or `label=low..high` joined by |). Rows are numbered as a spreadsheet shows them
 * (the header is row 1) so an error can be found in the file. The kind column (survey, study,
 * practitioner, requirement) may be left out: the set is then read as a survey, and says so.
 * Who the peers are goes in peer_industry (industries joined by ;), peer_size, peer_region and
 * peer_channel, and the year measured in data_year; each may be left empty (not stated).
 */
import Papa from 'papaparse';
import type { z } from 'zod';
import type { Problem } from '@/lib/errors';
import { bandSetSchema, BandSetValidationError, type BandSet } from './schema';

const baseColumns = [
  'id',
  'kpi',
  'name',
  'source',
  'edition',
  'peer_group',
  'sample_size',
  'source_definition',
  'citation',
  'unit',
  'direction',
  'scheme',
] as const;

const schemeColumns = {
  quintiles: ['b20', 'b40', 'b60', 'b80', 'labels'],
  quartiles: ['p25', 'median', 'p75'],
  range: ['min', 'max', 'average'],
  threshold: ['threshold', 'comparison', 'label'],
  reference: ['figures'],
} as const;

const peerColumns = ['peer_industry', 'peer_size', 'peer_region', 'peer_channel'] as const;

const optionalColumns = new Set(['note', 'sample_size', 'labels', 'p25', 'p75']);

export const csvColumns: readonly string[] = [
  ...baseColumns,
  ...Object.values(schemeColumns).flat(),
  'note',
  'kind',
  'definition_differs',
  'definition_difference',
  ...peerColumns,
  'data_year',
];

/** The row of the file the set at `index` was read from (the header is row 1). */
export function rowOfSet(index: number): number {
  return index + 2;
}

/** Parse and validate every row; throws with every problem located by row and column. */
export function parseBandSetCsv(text: string): BandSet[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const problems = headerProblems(parsed.meta.fields ?? []);
  for (const e of parsed.errors) problems.push({ row: rowOfSet(e.row ?? 0), message: e.message });
  if (problems.length) throw new BandSetValidationError(problems);
  if (!parsed.data.length)
    throw new BandSetValidationError([{ message: 'the file has no band set rows' }]);
  const sets = parsed.data.map((row, i) => parseRow(row, rowOfSet(i), problems));
  if (problems.length) throw new BandSetValidationError(problems);
  return sets.filter((s): s is BandSet => s !== null);
}

function headerProblems(fields: string[]): Problem[] {
  const unknown = fields.filter((f) => f && !csvColumns.includes(f));
  const missing = baseColumns.filter((c) => !optionalColumns.has(c) && !fields.includes(c));
  // A layout with no scheme-value columns at all is some other file, not a band set file.
  const schemeless = Object.values(schemeColumns)
    .flat()
    .every((c) => !fields.includes(c));
  const expected = `not a band set column (expected ${csvColumns.join(', ')})`;
  return [
    ...unknown.map((column) => ({ column, message: expected })),
    ...missing.map((column) => ({ column, message: 'missing' })),
    ...(schemeless
      ? [{ message: 'no scheme value columns (e.g. threshold, comparison, label)' }]
      : []),
  ];
}

function parseRow(row: Record<string, string>, rowNo: number, problems: Problem[]): BandSet | null {
  const cell = (c: string) => (row[c] ?? '').trim();
  // An empty cell is a missing field, so the schema answers 'required'.
  const given = (c: string) => cell(c) || undefined;
  const type = cell('scheme').toLowerCase();
  const columns: readonly string[] = schemeColumns[type as keyof typeof schemeColumns] ?? [];
  const stray = Object.values(schemeColumns)
    .flat()
    .filter((c) => !columns.includes(c) && cell(c) !== '');
  for (const column of stray)
    problems.push({ row: rowNo, column, message: `not used by a ${type || 'blank'} scheme` });
  const result = bandSetSchema.safeParse(toInput(cell, given, type));
  if (!result.success) problems.push(...issueCells(result.error.issues, rowNo));
  return result.success ? result.data : null;
}

type Cells = (c: string) => string | undefined;

function toInput(cell: (c: string) => string, given: Cells, type: string) {
  return {
    id: given('id'),
    kpi: given('kpi'),
    name: given('name'),
    source: given('source'),
    edition: given('edition'),
    peerGroup: given('peer_group'),
    sampleSize: numberCell(cell('sample_size')) ?? null,
    sourceDefinition: given('source_definition'),
    citation: given('citation'),
    unit: given('unit'),
    direction: given('direction'),
    scheme: schemeInput(cell, given, type),
    note: given('note'),
    kind: given('kind')?.toLowerCase(),
    definitionDiffers: booleanCell(cell('definition_differs')),
    definitionDifference: given('definition_difference'),
    peer: peerInput(given),
    dataYear: numberCell(cell('data_year')),
  };
}

/** The peer columns as the schema's object; undefined when every one is empty (not stated). */
function peerInput(given: Cells) {
  const industry = given('peer_industry')
    ?.split(';')
    .map((i) => i.trim().toLowerCase())
    .filter(Boolean);
  const peer = {
    industry: industry?.length ? industry : undefined,
    size: given('peer_size')?.toLowerCase(),
    region: given('peer_region'),
    channel: given('peer_channel')?.toLowerCase(),
  };
  return Object.values(peer).some((v) => v !== undefined) ? peer : undefined;
}

/** '' → unset; yes/no and true/false as a spreadsheet writes them; anything else stays text. */
function booleanCell(value: string): boolean | string | undefined {
  const v = value.toLowerCase();
  if (v === '') return undefined;
  if (v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  return value;
}

/** `average=6.9|top ten=2.8|gifts and home=85..95`; a malformed figure is passed on for zod. */
function figuresCell(value: string) {
  if (value === '') return undefined;
  return value.split('|').map((part) => {
    const at = part.lastIndexOf('=');
    if (at < 0) return { label: part.trim() };
    const label = part.slice(0, at).trim();
    const figure = part.slice(at + 1).trim();
    const [low, high, ...rest] = figure.split('..');
    if (high === undefined) return { label, value: numberCell(figure) };
    if (rest.length) return { label, value: figure };
    return { label, low: numberCell(low!.trim()), high: numberCell(high.trim()) };
  });
}

function schemeInput(cell: (c: string) => string, given: Cells, type: string) {
  const n = (c: string) => numberCell(cell(c));
  switch (type) {
    case 'quintiles': {
      const labels = cell('labels');
      return {
        type,
        boundaries: [n('b20'), n('b40'), n('b60'), n('b80')],
        ...(labels ? { labels: labels.split('|').map((l) => l.trim()) } : {}),
      };
    }
    case 'quartiles':
      return { type, p25: n('p25') ?? null, median: n('median'), p75: n('p75') ?? null };
    case 'range':
      return { type, min: n('min'), max: n('max'), average: n('average') };
    case 'threshold':
      return {
        type,
        value: n('threshold'),
        comparison: given('comparison'),
        label: given('label'),
      };
    case 'reference':
      return { type, figures: figuresCell(cell('figures')) };
    default:
      return { type };
  }
}

/** '' → undefined; a number (a trailing % allowed) → number; anything else stays text for zod. */
function numberCell(value: string): number | string | undefined {
  if (value === '') return undefined;
  const bare = value.replace(/%$/, '').trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(bare) ? Number(bare) : value;
}

const fieldColumns: Record<string, string> = {
  peerGroup: 'peer_group',
  sampleSize: 'sample_size',
  sourceDefinition: 'source_definition',
  definitionDiffers: 'definition_differs',
  definitionDifference: 'definition_difference',
  dataYear: 'data_year',
};

const schemeFieldColumns: Record<string, string> = { type: 'scheme', value: 'threshold' };

/** The CSV column a schema path comes from. */
export function columnOf(path: PropertyKey[]): string {
  const [head, field, index] = path;
  if (head === 'peer')
    return field === undefined ? peerColumns.join(', ') : `peer_${String(field)}`;
  if (head !== 'scheme') return fieldColumns[String(head)] ?? String(head ?? '(row)');
  if (field === undefined) return 'scheme';
  if (field === 'boundaries')
    return typeof index === 'number' ? `b${20 * (index + 1)}` : 'b20, b40, b60, b80';
  // One cell holds every figure: name the figure by its position.
  if (field === 'figures')
    return typeof index === 'number' ? `figures (figure ${index + 1})` : 'figures';
  return schemeFieldColumns[String(field)] ?? String(field);
}

function issueCells(issues: z.core.$ZodIssue[], rowNo: number): Problem[] {
  return issues.map((i) => ({ row: rowNo, column: columnOf(i.path), message: i.message }));
}

/** Band sets as CSV in the columns parseBandSetCsv reads: what it writes, it reads back. */
export function bandSetsToCsv(sets: readonly BandSet[]): string {
  const rows = sets.map((set) => {
    const cells: Record<string, string> = { ...baseCells(set), ...schemeCells(set.scheme) };
    return csvColumns.map((c) => cells[c] ?? '');
  });
  return `${Papa.unparse({ fields: [...csvColumns], data: rows }, { newline: '\n' })}\n`;
}

function baseCells(set: BandSet): Record<string, string> {
  const text = (v: string | number | boolean | null | undefined) =>
    v === null || v === undefined ? '' : String(v);
  return {
    id: set.id,
    kpi: set.kpi,
    name: set.name,
    source: set.source,
    edition: set.edition,
    peer_group: set.peerGroup,
    sample_size: text(set.sampleSize),
    source_definition: set.sourceDefinition,
    citation: set.citation,
    unit: set.unit,
    direction: set.direction,
    scheme: set.scheme.type,
    note: text(set.note),
    kind: text(set.kind),
    definition_differs: text(set.definitionDiffers),
    definition_difference: text(set.definitionDifference),
    peer_industry: set.peer?.industry?.join(';') ?? '',
    peer_size: text(set.peer?.size),
    peer_region: text(set.peer?.region),
    peer_channel: text(set.peer?.channel),
    data_year: text(set.dataYear),
  };
}

function schemeCells(scheme: BandSet['scheme']): Record<string, string> {
  const text = (v: number | null) => (v === null ? '' : String(v));
  switch (scheme.type) {
    case 'quintiles': {
      const [b20, b40, b60, b80] = scheme.boundaries.map(String);
      return { b20: b20!, b40: b40!, b60: b60!, b80: b80!, labels: scheme.labels.join('|') };
    }
    case 'quartiles':
      return { p25: text(scheme.p25), median: String(scheme.median), p75: text(scheme.p75) };
    case 'range':
      return { min: String(scheme.min), max: String(scheme.max), average: String(scheme.average) };
    case 'threshold':
      return {
        threshold: String(scheme.value),
        comparison: scheme.comparison,
        label: scheme.label,
      };
    case 'reference':
      return {
        figures: scheme.figures
          .map((f) => `${f.label}=${f.value ?? `${f.low}..${f.high}`}`)
          .join('|'),
      };
  }
}

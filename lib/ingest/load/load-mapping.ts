import 'server-only';
/**
 * The mapping a load uses: the one given, or the wizard's proposal for the file's headers (and
 * values); and the checks that it can load the file at all.
 */
import { requiredFieldsOfTarget } from '@/lib/model/canonical';
import { ExtractError } from '../errors';
import { proposeMapping } from '../map/automap';
import type { Mapping } from '../map/mapping';
import type { StagedSource } from '../read/stage';
import { givenSettings, type Resolved } from './load-options';
import type { TransformPlan } from './transform';

export function resolveMapping(
  options: Resolved,
  staged: Pick<StagedSource, 'headers'>,
  samples?: Record<string, string[]>,
) {
  if (options.mapping)
    return { mapping: options.mapping, confidence: undefined, unmapped: undefined };
  return proposedMapping(options, staged, samples);
}

/** The wizard's proposal, judged on the file's values as well as its headers. */
function proposedMapping(
  options: Resolved,
  staged: Pick<StagedSource, 'headers'>,
  samples?: Record<string, string[]>,
) {
  const proposal = proposeMapping(staged.headers, { target: options.table, samples });
  if (proposal.unmappedRequired.length > 0) {
    throw new ExtractError(
      `${options.fileName}: no column was recognised for ${proposal.unmappedRequired.join(', ')} ` +
        `(as ${proposal.target}). Columns in the file: ${staged.headers.join(', ')}. ` +
        'Give a mapping file that names them.',
      'unmapped_required',
    );
  }
  const confidence = Object.fromEntries(
    proposal.proposals
      .filter((p) => proposal.columns[p.field] === p.source)
      .map((p) => [p.field, p.confidence]),
  );
  const settings = givenSettings(options);
  return {
    mapping: { table: proposal.target, columns: proposal.columns, ...settings } as Mapping,
    confidence,
    // Said in the report: a load without a mapping must not pass over what it could not find.
    unmapped: proposal.unmappedFields,
  };
}

export function assertMappable(
  fileName: string,
  mapping: Mapping,
  plan: TransformPlan,
  headers: string[],
) {
  if (plan.missingHeaders.length > 0) {
    const list = plan.missingHeaders.map((m) => `"${m.header}" (for ${m.field})`).join(', ');
    throw new ExtractError(
      `${fileName} has no column ${list}. Columns in the file: ${headers.join(', ')}.`,
      'missing_column',
    );
  }
  const mapped = new Set(Object.keys(mapping.columns));
  const missing = requiredFieldsOfTarget(mapping.table).filter((f) => !mapped.has(f));
  if (missing.length > 0) {
    throw new ExtractError(
      `The mapping for ${fileName} does not map the required field${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${mapping.table}.`,
      'unmapped_required',
    );
  }
}

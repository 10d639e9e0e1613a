import 'server-only';
/** What a load is asked to do: the file, its mapping or target, reading settings and limits. */
import type { MappingTarget } from '@/lib/model/canonical';
import type { Mapping } from '../map/mapping';

export interface LoadOptions {
  file: string;
  /** Name shown in messages and the ledger (default: the file's base name). */
  fileName?: string;
  mapping?: Mapping;
  /** Target table when no mapping is given; detected from the headers otherwise. */
  table?: MappingTarget;
  sheet?: string;
  dryRun?: boolean;
  /** Write the rejected rows, with their reasons, to this CSV file. */
  rejectsPath?: string;
  /** Reading settings applied over the mapping's (or the proposed mapping's): --delimiter, --encoding… */
  settings?: ReadingSettings;
  /** Overrides the mapping's maxRejectedRows. */
  maxRejectedRows?: Mapping['maxRejectedRows'];
  isDemo?: boolean;
  tmpDir?: string;
  /** false: always the full path (stage, type, validate, upsert), never the fast load. */
  fastLoad?: boolean;
}

export type ReadingSettings = Partial<
  Pick<
    Mapping,
    | 'delimiter'
    | 'encoding'
    | 'decimalSeparator'
    | 'thousandsSeparator'
    | 'dateFormat'
    | 'skipRows'
    | 'header'
  >
>;

/** The options of a load under way: the file's name is settled. */
export type Resolved = LoadOptions & { fileName: string };

/** The reading settings given, without those left undefined. */
export const givenSettings = (options: LoadOptions) =>
  Object.fromEntries(Object.entries(options.settings ?? {}).filter(([, v]) => v !== undefined));

/** Reading settings given beside the mapping take precedence over the mapping's own. */
export function withSettings(options: LoadOptions & { fileName: string }): Resolved {
  const settings = givenSettings(options);
  if (!options.mapping || Object.keys(settings).length === 0) return options;
  return { ...options, mapping: { ...options.mapping, ...settings } };
}

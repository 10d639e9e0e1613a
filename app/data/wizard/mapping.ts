/** The mapping the wizard sends, from its parts; and the allowance of rows that may be left out. */
import type { Mapping } from '@/lib/ingest/map/mapping';
import type { UploadPreview } from '@/lib/ingest/load/preview';
import { fieldsOfTarget, type MappingTarget } from '@/lib/model/canonical';
import type { ColumnChoice } from '../mapping-table';
import type { Reading } from './types';

/** The mapping the wizard would send, from its parts. */
export function buildMapping(
  target: MappingTarget,
  columns: Record<string, ColumnChoice>,
  extras: Partial<Mapping>,
  reading: Reading,
  sheet: string | undefined,
): Mapping {
  const known = new Set(fieldsOfTarget(target).map((f) => f.name));
  const mapped = Object.fromEntries(
    Object.entries(columns).filter(([field, header]) => known.has(field) && header.length > 0),
  );
  return {
    ...extras,
    table: target,
    columns: mapped,
    ...(sheet ? { sheet } : {}),
    ...(reading.delimiter ? { delimiter: reading.delimiter } : {}),
    ...(reading.encoding ? { encoding: reading.encoding } : {}),
    ...(reading.decimalSeparator ? { decimalSeparator: reading.decimalSeparator } : {}),
  };
}

/**
 * The mapping to keep (a profile, an exported file): with the decimal separator the preview
 * decided from the file's numbers or a profile, so the next file that cannot tell is settled by it.
 */
export function withDecidedSeparator(mapping: Mapping, preview: UploadPreview): Mapping {
  const d = preview.detected;
  const source = d.separators?.source;
  if (
    mapping.decimalSeparator ||
    !d.decimalSeparator ||
    (source !== 'file' && source !== 'profile')
  )
    return mapping;
  return { ...mapping, decimalSeparator: d.decimalSeparator };
}

const ALLOWANCE = /^(\d+|\d+(\.\d+)?%)$/;

/** Whether the "Rows that may be left out" entry is empty, a whole number or a percentage. */
export function isValidAllowance(allowance: string): boolean {
  return allowance.trim() === '' || ALLOWANCE.test(allowance.trim());
}

/** The load request's maxRejectedRows for the entry: '0.5%' as is, '10' as a number. */
export function rejectAllowance(allowance: string): { maxRejectedRows?: number | string } {
  const text = allowance.trim();
  if (!text) return {};
  return { maxRejectedRows: /%$/.test(text) ? text : Number(text) };
}

/** What the wizard shows that follows from its state: the mapping to send, the step, readiness. */
import type { MappingProposal } from '@/lib/ingest/map/automap';
import type { Mapping } from '@/lib/ingest/map/mapping';
import type { UploadPreview } from '@/lib/ingest/load/preview';
import { systemLabels } from '@/lib/ingest/map/synonyms';
import { requiredFieldsOfTarget } from '@/lib/model/canonical';
import { buildMapping, isValidAllowance } from './mapping';
import type { WizardState } from './state';
import type { UploadSummary } from './types';

export interface WizardView {
  /** The mapping the wizard would send, once there is a preview. */
  mapping: Mapping | null;
  /** The mapping and allowance, compared with the report's to tell a stale result. */
  mappingKey: string | null;
  /** Required fields not mapped yet. */
  missing: string[];
  allowanceValid: boolean;
  /** The result shown was made with another mapping or allowance. */
  stale: boolean;
  /** The file is loaded: the wizard only offers the next file. */
  loaded: boolean;
  /** The step shown as current: 0 Upload, 1 Preview and map, 2 Check, 3 Load. */
  currentStep: number;
  /** A request runs. */
  working: boolean;
}

/**
 * The system a saved profile names: the applied profile's own, else the one the preview
 * recognised from the headers ("SAP"); none for a generic extract.
 */
export function profileSystem(state: WizardState, preview: UploadPreview): string | undefined {
  const applied = state.profileApplied && state.profile?.name === state.profileApplied;
  if (applied && state.profile?.system) return state.profile.system;
  const recognised = preview.proposal.system;
  return (recognised && systemLabels[recognised]) || undefined;
}

export function wizardView(state: WizardState): WizardView {
  const { preview, report } = state;
  const mapping = preview
    ? buildMapping(state.target, state.columns, state.extras, state.reading, preview.sheet)
    : null;
  const mappingKey = mapping ? JSON.stringify([mapping, state.allowance]) : null;
  const stale = report !== null && state.reportKey !== mappingKey;
  const loaded = report !== null && !report.dryRun && report.status !== 'rejected';
  const currentStep =
    state.phase.step !== 'mapping'
      ? 0
      : loaded
        ? 3
        : report && !stale
          ? report.dryRun
            ? 2
            : 3
          : 1;
  return {
    mapping,
    mappingKey,
    missing: requiredFieldsOfTarget(state.target).filter((field) => !mapping?.columns[field]),
    allowanceValid: isValidAllowance(state.allowance),
    stale,
    loaded,
    currentStep,
    working: state.busy !== null,
  };
}

/** What the mapping, check and load steps need, all present once the first preview arrived. */
export interface Ready {
  upload: UploadSummary;
  preview: UploadPreview;
  proposal: MappingProposal;
  mapping: Mapping;
}

export function readyOf(state: WizardState, view: WizardView): Ready | null {
  const { upload, preview, proposal } = state;
  if (state.phase.step !== 'mapping' || !upload || !preview || !proposal || !view.mapping)
    return null;
  return { upload, preview, proposal, mapping: view.mapping };
}

/** A check, still current, whose load would be refused: how many rows fail, and of how many. */
export interface Refusal {
  rejected: number;
  read: number;
  /**
   * The allowance (rows that may be left out) that would let the other rows load; null when no
   * allowance helps (every row fails, or the refusal is not about rows).
   */
  allow: number | null;
}

export function refusalOf(state: WizardState, view: WizardView): Refusal | null {
  const { report } = state;
  if (!report?.dryRun || report.status !== 'rejected' || view.stale || state.busy) return null;
  const { rowsRejected: rejected, rowsRead: read } = report;
  return { rejected, read, allow: rejected > 0 && rejected < read ? rejected : null };
}

const count = (n: number) => n.toLocaleString('en-US');

/** The line beside the Check and Load buttons: what stands in the way, or what comes next. */
export function runNote(state: WizardState, view: WizardView): string {
  if (view.loaded) return '';
  if (view.missing.length > 0) return `Map ${view.missing.join(' and ')} first.`;
  if (state.busy === 'check' || state.busy === 'load')
    return 'Large files take a while; keep this page open.';
  if (view.stale)
    return 'The mapping or the allowance changed since the result below: check again.';
  // Load stays offered after a failed check (the file may have been fixed meanwhile), so say
  // what it would do now.
  const refusal = refusalOf(state, view);
  if (refusal) {
    const { rejected, read, allow } = refusal;
    if (allow !== null)
      return `Load would be refused: ${count(rejected)} of ${count(read)} rows fail the checks. Fix them in the file, or let them be left out and load the other ${count(read - rejected)}.`;
    if (rejected > 0 && rejected >= read)
      return `Load would be refused: all ${count(read)} rows fail the checks. Check the mapping and the file.`;
    return `Load would be refused: ${state.report!.message}`;
  }
  if (state.report?.dryRun) return 'The check passed: load when ready.';
  return '';
}

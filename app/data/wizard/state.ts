/**
 * The upload wizard's state and its one reducer: every change the wizard makes goes through an
 * action here. Pure (no requests, no DOM), so the transitions are tested without a browser; the
 * requests that lead to the actions live in use-wizard.ts.
 */
import { proposeMapping, type MappingProposal } from '@/lib/ingest/map/automap';
import type { KpiNeeds } from '@/lib/ingest/map/automap-kpis';
import type { LoadReport } from '@/lib/ingest/load/load-report';
import type { Mapping } from '@/lib/ingest/map/mapping';
import type { UploadPreview } from '@/lib/ingest/load/preview';
import type { MappingTarget } from '@/lib/model/canonical';
import type { ColumnChoice, Origin } from '../mapping-table';
import type { Busy, Phase, PreviewResponse, Reading, SavedProfile, UploadSummary } from './types';

export interface WizardState {
  phase: Phase;
  /** A file is dragged over the drop zone. */
  dragging: boolean;
  error: string | null;
  notice: string | null;
  upload: UploadSummary | null;
  preview: UploadPreview | null;
  reading: Reading;
  target: MappingTarget;
  proposal: MappingProposal | null;
  columns: Record<string, ColumnChoice>;
  origins: Record<string, Origin>;
  /** The rest of a profile's or a mapping file's mapping (value maps, formats…). */
  extras: Partial<Mapping>;
  /** The profile saved for these columns, applied or not. */
  profile: SavedProfile | null;
  kpis: KpiNeeds[];
  /** The mapping file whose mapping is applied. */
  importedFrom: string | null;
  /** The name of the profile whose mapping is applied. */
  profileApplied: string | null;
  profileName: string;
  profileMessage: string | null;
  /** "Rows that may be left out", as typed. */
  allowance: string;
  busy: Busy;
  report: LoadReport | null;
  /** The mapping and allowance (wizardView's mappingKey) the report was made with. */
  reportKey: string | null;
}

export const initialWizardState: WizardState = {
  phase: { step: 'choose' },
  dragging: false,
  error: null,
  notice: null,
  upload: null,
  preview: null,
  reading: {},
  target: 'flat',
  proposal: null,
  columns: {},
  origins: {},
  extras: {},
  profile: null,
  kpis: [],
  importedFrom: null,
  profileApplied: null,
  profileName: '',
  profileMessage: null,
  allowance: '',
  busy: null,
  report: null,
  reportKey: null,
};

export type WizardAction =
  /** Back to choosing a file, with a notice to show (or none). */
  | { type: 'reset'; notice: string | null }
  | { type: 'dragChanged'; dragging: boolean }
  /** A file refused before it was sent (too large, empty). */
  | { type: 'fileRefused'; message: string }
  | { type: 'uploadStarted'; fileName: string; total: number }
  | { type: 'uploadProgressed'; loaded: number; total: number }
  /** The last byte is sent; the server checks the file. */
  | { type: 'uploadSent' }
  | { type: 'uploadFailed'; message: string }
  | { type: 'uploaded'; upload: UploadSummary }
  | { type: 'previewRequested' }
  /** first: the preview right after the upload, which opens the mapping. */
  | { type: 'previewReceived'; response: PreviewResponse; reading: Reading; first: boolean }
  | { type: 'previewFailed'; message: string; first: boolean }
  | { type: 'targetChanged'; target: MappingTarget }
  | { type: 'columnChanged'; field: string; header: string | null }
  | { type: 'valuesChanged'; values: Mapping['values'] }
  /** "Use the automatic proposal instead". */
  | { type: 'proposalRestored' }
  /** "Apply it": the saved profile's mapping. */
  | { type: 'profileChosen' }
  | { type: 'mappingImported'; mapping: Mapping; fileName: string }
  | { type: 'profileNameChanged'; name: string }
  | { type: 'allowanceChanged'; allowance: string }
  | { type: 'runStarted'; dryRun: boolean }
  | { type: 'runFinished'; report: LoadReport; key: string | null }
  | { type: 'profileSaveStarted' }
  | { type: 'profileSaved'; name: string }
  /** A check, load or profile save that failed. */
  | { type: 'requestFailed'; message: string };

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'reset':
      // The target, the profile name, the KPIs and `busy` stay: the next preview replaces them.
      return {
        ...state,
        phase: { step: 'choose' },
        upload: null,
        preview: null,
        proposal: null,
        reading: {},
        columns: {},
        origins: {},
        extras: {},
        profile: null,
        profileApplied: null,
        importedFrom: null,
        profileMessage: null,
        allowance: '',
        report: null,
        reportKey: null,
        error: null,
        notice: action.notice,
      };
    case 'dragChanged':
      return state.dragging === action.dragging ? state : { ...state, dragging: action.dragging };
    case 'fileRefused':
      return { ...state, error: action.message };
    case 'uploadStarted':
      return {
        ...state,
        phase: {
          step: 'uploading',
          fileName: action.fileName,
          loaded: 0,
          total: action.total,
          sent: false,
        },
      };
    case 'uploadProgressed':
      if (state.phase.step !== 'uploading') return state;
      return { ...state, phase: { ...state.phase, loaded: action.loaded, total: action.total } };
    case 'uploadSent':
      if (state.phase.step !== 'uploading') return state;
      return { ...state, phase: { ...state.phase, loaded: state.phase.total, sent: true } };
    case 'uploadFailed':
      return { ...state, phase: { step: 'choose' }, error: action.message };
    case 'uploaded':
      return { ...state, upload: action.upload };
    case 'previewRequested':
      return { ...state, busy: 'preview', error: null };
    case 'previewReceived':
      return withPreview(state, action.response, action.reading, action.first);
    case 'previewFailed':
      // A file that cannot be previewed cannot be mapped either: back to choosing one.
      return {
        ...state,
        busy: null,
        error: action.message,
        ...(action.first ? { phase: { step: 'choose' as const }, upload: null } : {}),
      };
    case 'targetChanged':
      if (!state.preview) return state;
      return withProposal(
        state,
        proposeMapping(state.preview.headers, {
          target: action.target,
          samples: state.preview.samples,
        }),
      );
    case 'columnChanged': {
      const columns = { ...state.columns };
      if (action.header) columns[action.field] = action.header;
      else delete columns[action.field];
      return { ...state, columns, origins: { ...state.origins, [action.field]: 'manual' } };
    }
    case 'valuesChanged': {
      const { values: _old, ...rest } = state.extras;
      void _old;
      return { ...state, extras: action.values ? { ...rest, values: action.values } : rest };
    }
    case 'proposalRestored':
      return state.preview ? withProposal(state, state.preview.proposal) : state;
    case 'profileChosen':
      return state.preview && state.profile
        ? withProfile(state, state.profile, state.preview)
        : state;
    case 'mappingImported':
      if (!state.preview) return state;
      return {
        ...withMapping(state, action.mapping, state.preview, 'file'),
        profileApplied: null,
        importedFrom: action.fileName,
      };
    case 'profileNameChanged':
      return { ...state, profileName: action.name };
    case 'allowanceChanged':
      return { ...state, allowance: action.allowance };
    case 'runStarted':
      return { ...state, busy: action.dryRun ? 'check' : 'load', error: null };
    case 'runFinished':
      return { ...state, busy: null, report: action.report, reportKey: action.key };
    case 'profileSaveStarted':
      return { ...state, busy: 'profile', profileMessage: null, error: null };
    case 'profileSaved':
      return {
        ...state,
        busy: null,
        profileMessage: `Saved as profile “${action.name}”. A file with the same columns gets this mapping automatically.`,
      };
    case 'requestFailed':
      return { ...state, busy: null, error: action.message };
  }
}

/**
 * A preview arrived: the saved profile's mapping if there is one and it is the first preview (or
 * the profile was applied before), else the automatic proposal. The first opens the mapping.
 */
function withPreview(
  state: WizardState,
  data: PreviewResponse,
  reading: Reading,
  first: boolean,
): WizardState {
  const read: WizardState = {
    ...state,
    busy: null,
    preview: data.preview,
    profile: data.profile,
    kpis: data.kpis ?? [],
    reading,
    report: null,
  };
  const mapped =
    data.profile && (first || state.profileApplied)
      ? withProfile(read, data.profile, data.preview)
      : withProposal(read, data.preview.proposal);
  if (!first) return mapped;
  return {
    ...mapped,
    profileName: data.profile?.name ?? data.upload.fileName.replace(/\.[^.]*$/, ''),
    phase: { step: 'mapping' },
  };
}

/** Use the proposal for a target (columns and confidences), dropping profile extras. */
function withProposal(state: WizardState, proposal: MappingProposal): WizardState {
  return {
    ...state,
    target: proposal.target,
    proposal,
    columns: { ...proposal.columns },
    origins: Object.fromEntries(Object.keys(proposal.columns).map((f) => [f, 'auto' as const])),
    extras: {},
    profileApplied: null,
    importedFrom: null,
  };
}

function withProfile(state: WizardState, saved: SavedProfile, data: UploadPreview): WizardState {
  return {
    ...withMapping(state, saved.mapping, data, 'profile'),
    profileApplied: saved.name,
    profileName: saved.name,
  };
}

/** A profile's or a mapping file's mapping: columns, extras and reading settings. */
function withMapping(
  state: WizardState,
  given: Mapping,
  data: UploadPreview,
  origin: Origin,
): WizardState {
  const { table, columns, ...rest } = given;
  // Reading settings live in `reading`; the sheet comes from the preview.
  // The allowance lives in its own field, so the field shows what a load would allow.
  const { sheet: _sheet, delimiter, encoding, decimalSeparator, maxRejectedRows, ...other } = rest;
  void _sheet;
  return {
    ...state,
    target: table,
    proposal:
      table === data.proposal.target
        ? data.proposal
        : proposeMapping(data.headers, { target: table, samples: data.samples }),
    columns: { ...columns },
    origins: Object.fromEntries(Object.keys(columns).map((f) => [f, origin])),
    extras: other,
    allowance: maxRejectedRows === undefined ? state.allowance : String(maxRejectedRows),
    reading: {
      ...state.reading,
      ...(delimiter ? { delimiter } : {}),
      ...(encoding && encoding !== 'latin1' ? { encoding } : {}),
      ...(decimalSeparator ? { decimalSeparator } : {}),
    },
  };
}

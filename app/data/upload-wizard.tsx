'use client';
/**
 * The upload wizard: choose or drop a file → upload with progress → preview and mapping → check
 * (dry run) → load. The file is sent as the raw body of one XMLHttpRequest (fetch reports no
 * upload progress); every later step works on the stored upload by its id.
 */
import { useRouter } from 'next/navigation';
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import {
  kpisWithout,
  proposeMapping,
  type KpiNeeds,
  type MappingProposal,
} from '@/lib/ingest/automap';
import type { LoadReport } from '@/lib/ingest/load-extract';
import type { Mapping } from '@/lib/ingest/mapping';
import type { UploadPreview } from '@/lib/ingest/preview';
import {
  fieldsOfTarget,
  mappingTargets,
  requiredFieldsOfTarget,
  type MappingTarget,
} from '@/lib/model/canonical';
import { apiFetch, csrfHeaders } from '../ui/csrf';
import { formatCount } from '../ui/format';
import styles from './data.module.css';
import { LoadReportView } from './load-report';
import { MappingFileControls } from './mapping-file';
import { MappingTable, type ColumnChoice, type Origin } from './mapping-table';
import { formatBytes, messageOf, requestJson, sendJson, unreachableMessage } from './request';
import { ValueMaps } from './value-maps';

interface UploadSummary {
  id: string;
  fileName: string;
  size: number;
  kind: 'csv' | 'xlsx' | 'parquet';
}

interface PreviewResponse {
  upload: UploadSummary;
  preview: UploadPreview;
  profile: { name: string; mapping: Mapping } | null;
  /** The KPI catalogue's names and needs, to say what an unmapped field costs. */
  kpis?: KpiNeeds[];
}

interface Reading {
  sheet?: string;
  delimiter?: string;
  encoding?: NonNullable<Mapping['encoding']>;
  decimalSeparator?: NonNullable<Mapping['decimalSeparator']>;
}

type Phase =
  | { step: 'choose' }
  | { step: 'uploading'; fileName: string; loaded: number; total: number; sent: boolean }
  | { step: 'mapping' };

const targetLabels: Record<MappingTarget, string> = {
  flat: 'Flat extract (orders, lines and shipments in one file)',
  orders: 'Orders (order headers)',
  order_lines: 'Order lines',
  shipments: 'Shipments',
  returns: 'Returns',
};

const delimiterLabels: Record<string, string> = {
  ',': 'comma (,)',
  ';': 'semicolon (;)',
  '\t': 'tab',
  '|': 'pipe (|)',
};

const decimalLabels = { '.': 'point (1.5)', ',': 'comma (1,5)' } as const;

const formatCodes: Record<string, string> = {
  '%d': 'DD',
  '%m': 'MM',
  '%Y': 'YYYY',
  '%y': 'YY',
  '%H': 'hh',
  '%M': 'mm',
  '%S': 'ss',
  '%b': 'Mon',
  '%B': 'Month',
};

/** '%d.%m.%Y' → 'DD.MM.YYYY'; 'iso' → 'ISO (YYYY-MM-DD)'. */
function readableFormat(format: string): string {
  if (format === 'iso') return 'ISO (YYYY-MM-DD)';
  return format.replace(/%[a-zA-Z]/g, (code) => formatCodes[code] ?? code);
}

const encodings = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;

const ACCEPT =
  '.csv,.tsv,.txt,.xlsx,.parquet,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const steps = ['Upload', 'Preview and map', 'Check', 'Load'] as const;

/** The mapping the wizard would send, from its parts. */
function buildMapping(
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

const ALLOWANCE = /^(\d+|\d+(\.\d+)?%)$/;

/**
 * The mapping to keep (a profile, an exported file): with the decimal separator the preview
 * decided from the file's numbers or a profile, so the next file that cannot tell is settled by it.
 */
function withDecidedSeparator(mapping: Mapping, preview: UploadPreview): Mapping {
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

export function UploadWizard({ maxBytes }: { maxBytes: number }) {
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [upload, setUpload] = useState<UploadSummary | null>(null);
  const [preview, setPreview] = useState<UploadPreview | null>(null);
  const [reading, setReading] = useState<Reading>({});
  const [target, setTarget] = useState<MappingTarget>('flat');
  const [proposal, setProposal] = useState<MappingProposal | null>(null);
  const [columns, setColumns] = useState<Record<string, ColumnChoice>>({});
  const [origins, setOrigins] = useState<Record<string, Origin>>({});
  const [extras, setExtras] = useState<Partial<Mapping>>({});
  const [profile, setProfile] = useState<{ name: string; mapping: Mapping } | null>(null);
  const [kpis, setKpis] = useState<KpiNeeds[]>([]);
  const [importedFrom, setImportedFrom] = useState<string | null>(null);
  const [profileApplied, setProfileApplied] = useState<string | null>(null);
  const [profileName, setProfileName] = useState('');
  const [profileMessage, setProfileMessage] = useState<string | null>(null);
  const [allowance, setAllowance] = useState('');
  const [busy, setBusy] = useState<null | 'preview' | 'check' | 'load' | 'profile'>(null);
  const [report, setReport] = useState<LoadReport | null>(null);
  const [reportKey, setReportKey] = useState<string | null>(null);

  const mapping = preview ? buildMapping(target, columns, extras, reading, preview.sheet) : null;
  const mappingKey = mapping ? JSON.stringify([mapping, allowance]) : null;
  const missing = requiredFieldsOfTarget(target).filter((field) => !mapping?.columns[field]);
  const allowanceValid = allowance.trim() === '' || ALLOWANCE.test(allowance.trim());
  const stale = report !== null && reportKey !== mappingKey;
  const loaded = report !== null && !report.dryRun && report.status !== 'rejected';
  const currentStep =
    phase.step !== 'mapping' ? 0 : loaded ? 3 : report && !stale ? (report.dryRun ? 2 : 3) : 1;

  function reset(message: string | null = null) {
    xhrRef.current?.abort();
    xhrRef.current = null;
    // The stored file is of no further use once the user moves on; the server prunes any we miss.
    if (upload)
      void apiFetch(`/api/uploads/${upload.id}`, { method: 'DELETE' }).catch(() => undefined);
    setPhase({ step: 'choose' });
    setUpload(null);
    setPreview(null);
    setProposal(null);
    setReading({});
    setColumns({});
    setOrigins({});
    setExtras({});
    setProfile(null);
    setProfileApplied(null);
    setImportedFrom(null);
    setProfileMessage(null);
    setAllowance('');
    setReport(null);
    setReportKey(null);
    setError(null);
    setNotice(message);
    if (inputRef.current) inputRef.current.value = '';
  }

  /** Use the proposal for a target (columns and confidences), dropping profile extras. */
  function applyProposal(next: MappingProposal) {
    setTarget(next.target);
    setProposal(next);
    setColumns({ ...next.columns });
    setOrigins(Object.fromEntries(Object.keys(next.columns).map((f) => [f, 'auto' as const])));
    setExtras({});
    setProfileApplied(null);
    setImportedFrom(null);
  }

  function applyProfile(saved: { name: string; mapping: Mapping }, data: UploadPreview) {
    applyMapping(saved.mapping, data, 'profile');
    setProfileApplied(saved.name);
    setProfileName(saved.name);
  }

  /** Use a mapping file's mapping, as a profile's: columns, extras and reading settings. */
  function importMapping(imported: Mapping, fileName: string) {
    if (!preview) return;
    applyMapping(imported, preview, 'file');
    setProfileApplied(null);
    setImportedFrom(fileName);
  }

  function applyMapping(given: Mapping, data: UploadPreview, origin: Origin) {
    const { table, columns: savedColumns, ...rest } = given;
    // Reading settings live in `reading`; the sheet comes from the preview.
    const { sheet: _sheet, delimiter, encoding, decimalSeparator, ...other } = rest;
    void _sheet;
    setTarget(table);
    setProposal(
      table === data.proposal.target
        ? data.proposal
        : proposeMapping(data.headers, { target: table, samples: data.samples }),
    );
    setColumns({ ...savedColumns });
    setOrigins(Object.fromEntries(Object.keys(savedColumns).map((f) => [f, origin])));
    setExtras(other);
    setReading((r) => ({
      ...r,
      ...(delimiter ? { delimiter } : {}),
      ...(encoding && encoding !== 'latin1' ? { encoding } : {}),
      ...(decimalSeparator ? { decimalSeparator } : {}),
    }));
  }

  async function fetchPreview(id: string, settings: Reading, first: boolean) {
    setBusy('preview');
    setError(null);
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(settings)) if (value) query.set(key, value);
    try {
      const data = await requestJson<PreviewResponse>(
        `/api/uploads/${id}/preview${query.size ? `?${query}` : ''}`,
      );
      setPreview(data.preview);
      setProfile(data.profile);
      setKpis(data.kpis ?? []);
      setReading(settings);
      setReport(null);
      if (data.profile && (first || profileApplied)) applyProfile(data.profile, data.preview);
      else applyProposal(data.preview.proposal);
      if (first) {
        setProfileName(data.profile?.name ?? data.upload.fileName.replace(/\.[^.]*$/, ''));
        setPhase({ step: 'mapping' });
        requestAnimationFrame(() => previewHeading.current?.focus());
      }
    } catch (e) {
      setError((e as Error).message);
      // A file that cannot be previewed cannot be mapped either: back to choosing one.
      if (first) {
        setPhase({ step: 'choose' });
        setUpload(null);
      }
    } finally {
      setBusy(null);
    }
  }

  function startUpload(file: File, note: string | null = null) {
    reset(note);
    if (file.size > maxBytes) {
      setError(
        `${file.name} is ${formatBytes(file.size)}; the largest file the app accepts is ${formatBytes(maxBytes)}. ` +
          'Split the extract (by month, say) or load it with the command line (npx orderlens ingest).',
      );
      return;
    }
    if (file.size === 0) {
      setError(`${file.name} is empty.`);
      return;
    }
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    setPhase({ step: 'uploading', fileName: file.name, loaded: 0, total: file.size, sent: false });
    xhr.open('POST', '/api/uploads');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      setPhase((p) =>
        p.step === 'uploading'
          ? { ...p, loaded: event.loaded, total: event.lengthComputable ? event.total : file.size }
          : p,
      );
    };
    xhr.upload.onload = () =>
      setPhase((p) => (p.step === 'uploading' ? { ...p, loaded: p.total, sent: true } : p));
    xhr.onload = () => {
      xhrRef.current = null;
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported by status below
      }
      if (xhr.status !== 201) {
        setPhase({ step: 'choose' });
        setError(messageOf(body, xhr.status));
        return;
      }
      const summary = body as UploadSummary;
      setUpload(summary);
      void fetchPreview(summary.id, {}, true);
    };
    xhr.onerror = () => {
      xhrRef.current = null;
      setPhase({ step: 'choose' });
      setError(`The upload of ${file.name} was interrupted. ${unreachableMessage}`);
    };
    xhr.send(file);
  }

  function onFiles(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    startUpload(file, files.length > 1 ? `One file at a time: uploading ${file.name} only.` : null);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (phase.step === 'uploading') return;
    onFiles(event.dataTransfer.files);
  }

  function changeTarget(next: MappingTarget) {
    if (!preview) return;
    applyProposal(proposeMapping(preview.headers, { target: next, samples: preview.samples }));
  }

  function changeColumn(field: string, header: string | null) {
    setColumns((c) => {
      const next = { ...c };
      if (header) next[field] = header;
      else delete next[field];
      return next;
    });
    setOrigins((o) => ({ ...o, [field]: 'manual' }));
  }

  /** Read the file again with other settings; they take effect once the new preview arrives. */
  function changeReading(next: Reading) {
    if (upload) void fetchPreview(upload.id, next, false);
  }

  async function run(dryRun: boolean) {
    if (!upload || !mapping) return;
    setBusy(dryRun ? 'check' : 'load');
    setError(null);
    const key = mappingKey;
    try {
      const result = await sendJson<LoadReport>(`/api/uploads/${upload.id}/load`, {
        mapping,
        dryRun,
        ...(allowance.trim()
          ? {
              maxRejectedRows: /%$/.test(allowance.trim())
                ? allowance.trim()
                : Number(allowance.trim()),
            }
          : {}),
      });
      setReport(result);
      setReportKey(key);
      if (!dryRun) router.refresh();
      requestAnimationFrame(() => reportHeading.current?.focus());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function saveProfile() {
    if (!preview || !mapping) return;
    setBusy('profile');
    setProfileMessage(null);
    setError(null);
    try {
      const saved = await sendJson<{ profile: { name: string } }>('/api/profiles', {
        name: profileName,
        headers: preview.headers,
        mapping: withDecidedSeparator(mapping, preview),
      });
      setProfileMessage(
        `Saved as profile “${saved.profile.name}”. A file with the same columns gets this mapping automatically.`,
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const working = busy !== null;

  return (
    <div>
      <ol className={styles.steps} aria-label="Steps">
        {steps.map((label, i) => (
          <li
            key={label}
            aria-current={i === currentStep ? 'step' : undefined}
            data-state={i < currentStep || (i === 3 && loaded) ? 'done' : undefined}
          >
            {label}
          </li>
        ))}
      </ol>

      {notice && (
        <div className={`${styles.message} ${styles.info}`} role="status">
          <span className={styles.icon} aria-hidden="true">
            i
          </span>
          <p>{notice}</p>
        </div>
      )}
      {error && (
        <div className={`${styles.message} ${styles.error}`} role="alert">
          <span className={styles.icon} aria-hidden="true">
            ✗
          </span>
          <p>{error}</p>
        </div>
      )}

      {phase.step === 'choose' && (
        <div
          className={`${styles.dropzone} ${dragging ? styles.dropzoneActive : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = 'copy';
            if (!dragging) setDragging(true);
          }}
          onDragLeave={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null))
              setDragging(false);
          }}
          onDrop={onDrop}
        >
          <p className={styles.dropTitle}>Drop an extract here</p>
          <p className={styles.hint}>CSV, TSV, XLSX or Parquet, up to {formatBytes(maxBytes)}</p>
          <button
            type="button"
            className={`${styles.button} ${styles.primary}`}
            onClick={() => inputRef.current?.click()}
          >
            Choose a file…
          </button>
          <input
            ref={inputRef}
            type="file"
            accept={ACCEPT}
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(event) => onFiles(event.target.files)}
          />
          <p className={styles.hint}>
            SAP, NetSuite, Dynamics and Shopify column names are recognised. Nothing is loaded until
            you check the mapping and press Load.
          </p>
        </div>
      )}

      {phase.step === 'uploading' && (
        <UploadProgress
          phase={phase}
          onCancel={() => reset(`The upload of ${phase.fileName} was cancelled.`)}
        />
      )}

      {phase.step === 'mapping' && upload && preview && proposal && mapping && (
        <>
          <div className={styles.fileBar}>
            <h3 className={styles.fileName} ref={previewHeading} tabIndex={-1}>
              {upload.fileName}
            </h3>
            <button
              type="button"
              className={`${styles.button} ${styles.small}`}
              onClick={() => reset()}
              disabled={busy === 'check' || busy === 'load'}
            >
              {loaded ? 'Load another file' : 'Choose another file'}
            </button>
          </div>
          <FileFacts upload={upload} preview={preview} />

          {preview.sheets && preview.sheets.length > 1 && (
            <div className={styles.fieldRow}>
              <label className={styles.field}>
                Sheet
                <select
                  className={styles.control}
                  value={preview.sheet}
                  disabled={working}
                  onChange={(event) => changeReading({ ...reading, sheet: event.target.value })}
                >
                  {preview.sheets.map((sheet) => (
                    <option key={sheet}>{sheet}</option>
                  ))}
                </select>
              </label>
            </div>
          )}

          {preview.kind === 'csv' && (
            <ReadingSettings
              reading={reading}
              preview={preview}
              disabled={working}
              onChange={changeReading}
            />
          )}

          <section className={styles.section} aria-labelledby="preview-heading">
            <h3 id="preview-heading">
              First rows
              {busy === 'preview' && (
                <span className={styles.spinner} aria-label="Reading the file again" />
              )}
            </h3>
            <PreviewTable preview={preview} />
          </section>

          <section className={styles.section} aria-labelledby="mapping-heading">
            <h3 id="mapping-heading">Column mapping</h3>
            {profileApplied && (
              <AppliedNotice onUndo={() => applyProposal(preview.proposal)}>
                Profile ‘{profileApplied}’ applied: the mapping saved for files with these columns.
              </AppliedNotice>
            )}
            {!profileApplied && profile && (
              <p className={styles.hint}>
                A profile, ‘{profile.name}’, exists for these columns.{' '}
                <button
                  type="button"
                  className={styles.linkButton}
                  onClick={() => applyProfile(profile, preview)}
                >
                  Apply it
                </button>
              </p>
            )}
            {importedFrom && (
              <AppliedNotice onUndo={() => applyProposal(preview.proposal)}>
                Mapping file ‘{importedFrom}’ applied.
              </AppliedNotice>
            )}
            <MappingFileControls
              mapping={withDecidedSeparator(mapping, preview)}
              headers={preview.headers}
              uploadName={upload.fileName}
              disabled={working || loaded}
              onImport={importMapping}
            />
            {!profileApplied && !importedFrom && <ProposalNotice proposal={preview.proposal} />}
            <div className={styles.fieldRow}>
              <label className={styles.field}>
                The file holds
                <select
                  className={styles.control}
                  value={target}
                  disabled={working || loaded}
                  onChange={(event) => changeTarget(event.target.value as MappingTarget)}
                >
                  {mappingTargets.map((t) => (
                    <option key={t} value={t}>
                      {targetLabels[t]}
                      {t === preview.proposal.target ? ' — best fit' : ''}
                    </option>
                  ))}
                </select>
              </label>
              <p className={styles.hint}>
                {Object.keys(mapping.columns).length} of {fieldsOfTarget(target).length} fields
                mapped
                {proposal.system && proposal.system !== 'generic'
                  ? ` · recognised as a ${systemName(proposal.system)} extract`
                  : ''}
              </p>
            </div>
            <MappingTable
              target={target}
              headers={preview.headers}
              samples={preview.samples}
              columns={columns}
              origins={origins}
              proposal={proposal}
              disabled={working || loaded}
              onChange={changeColumn}
            />
            <UnmappedCosts target={target} mapping={mapping} kpis={kpis} />
            <UnusedColumns headers={preview.headers} mapping={mapping} />
            <ValueMaps
              target={target}
              columns={columns}
              samples={preview.samples}
              values={extras.values}
              disabled={working || loaded}
              onChange={(values) =>
                setExtras(({ values: _old, ...rest }) => {
                  void _old;
                  return values ? { ...rest, values } : rest;
                })
              }
            />
            <div className={styles.fieldRow}>
              <label className={styles.field}>
                Save this mapping as a profile
                <input
                  className={styles.control}
                  value={profileName}
                  maxLength={100}
                  onChange={(event) => setProfileName(event.target.value)}
                  placeholder="e.g. SAP VBAP"
                />
              </label>
              <button
                type="button"
                className={styles.button}
                disabled={working || !profileName.trim() || missing.length > 0}
                onClick={() => void saveProfile()}
              >
                {busy === 'profile' ? 'Saving…' : 'Save as profile'}
              </button>
            </div>
            {profileMessage && (
              <div className={`${styles.message} ${styles.success}`} role="status">
                <span className={styles.icon} aria-hidden="true">
                  ✓
                </span>
                <p>{profileMessage}</p>
              </div>
            )}
          </section>

          <section className={styles.section} aria-labelledby="run-heading">
            <h3 id="run-heading">Check and load</h3>
            <div className={styles.fieldRow}>
              <label className={styles.field}>
                Rows that may be left out
                <input
                  className={styles.control}
                  value={allowance}
                  onChange={(event) => setAllowance(event.target.value)}
                  placeholder="none"
                  size={10}
                  aria-invalid={!allowanceValid || undefined}
                  aria-describedby="allowance-hint"
                />
              </label>
              <p className={styles.hint} id="allowance-hint">
                {allowanceValid
                  ? 'A number or a percentage such as 0.5%. By default one failing row refuses the whole file.'
                  : 'Write a whole number (e.g. 10) or a percentage (e.g. 0.5%).'}
              </p>
            </div>
            <div className={styles.actions}>
              {loaded ? (
                <button
                  type="button"
                  className={`${styles.button} ${styles.primary}`}
                  onClick={() => reset()}
                >
                  Load another file
                </button>
              ) : (
                <>
                  <button
                    type="button"
                    className={styles.button}
                    disabled={working || missing.length > 0 || !allowanceValid}
                    onClick={() => void run(true)}
                  >
                    {busy === 'check' ? (
                      <>
                        <span className={styles.spinner} aria-hidden="true" /> Checking every row…
                      </>
                    ) : (
                      'Check (dry run)'
                    )}
                  </button>
                  <button
                    type="button"
                    className={`${styles.button} ${styles.primary}`}
                    disabled={working || missing.length > 0 || !allowanceValid}
                    onClick={() => void run(false)}
                  >
                    {busy === 'load' ? (
                      <>
                        <span className={styles.spinner} aria-hidden="true" /> Loading…
                      </>
                    ) : (
                      'Load'
                    )}
                  </button>
                </>
              )}
              <span className={styles.actionsNote} role="status">
                {loaded
                  ? ''
                  : missing.length > 0
                    ? `Map ${missing.join(' and ')} first.`
                    : busy === 'check' || busy === 'load'
                      ? 'Large files take a while; keep this page open.'
                      : stale
                        ? 'The mapping changed since the result below: check again.'
                        : report?.dryRun && report.status !== 'rejected'
                          ? 'The check passed: load when ready.'
                          : ''}
              </span>
            </div>
            {report && (
              <LoadReportView
                report={report}
                uploadId={upload.id}
                stale={stale && !loaded}
                headingRef={reportHeading}
              />
            )}
          </section>
        </>
      )}
    </div>
  );
}

/** What the automatic proposal found, and why it proposes nothing for a file of another kind. */
function ProposalNotice({ proposal }: { proposal: MappingProposal }) {
  if (proposal.status !== 'not_orders') return null;
  return (
    <div className={`${styles.message} ${styles.warning}`} role="status">
      <span className={styles.icon} aria-hidden="true">
        !
      </span>
      <p>{proposal.message}</p>
    </div>
  );
}

/** The fields still unmapped that KPIs need: what the mapping costs as it stands. */
function UnmappedCosts({
  target,
  mapping,
  kpis,
}: {
  target: MappingTarget;
  mapping: Mapping;
  kpis: KpiNeeds[];
}) {
  const costs = kpisWithout(target, Object.keys(mapping.columns), kpis);
  if (costs.length === 0) return null;
  return (
    <div style={{ marginTop: 10 }}>
      <span className={styles.hint}>
        Not mapped, and the KPIs that need it (unless another file provides it):
      </span>
      <ul className={styles.tagList}>
        {costs.map(({ field, kpis: names }) => (
          <li key={field} title={names.join(', ')}>
            {field}: {names.join(', ')}
          </li>
        ))}
      </ul>
    </div>
  );
}

function systemName(system: string): string {
  return (
    { sap: 'SAP', netsuite: 'NetSuite', dynamics: 'Dynamics', shopify: 'Shopify' }[system] ?? system
  );
}

function UploadProgress({
  phase,
  onCancel,
}: {
  phase: Extract<Phase, { step: 'uploading' }>;
  onCancel: () => void;
}) {
  const percent = phase.total > 0 ? Math.floor((phase.loaded / phase.total) * 100) : 0;
  return (
    <div className={styles.progressBox}>
      <div className={styles.progressHead}>
        <strong id="upload-label">
          {phase.sent ? 'Checking' : 'Uploading'} {phase.fileName}
        </strong>
        {!phase.sent && (
          <button type="button" className={`${styles.button} ${styles.small}`} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {phase.sent ? (
        <progress className={styles.progress} aria-labelledby="upload-label" />
      ) : (
        <progress
          className={styles.progress}
          max={phase.total}
          value={phase.loaded}
          aria-labelledby="upload-label"
        />
      )}
      <p className={styles.progressText} aria-live="polite">
        {phase.sent
          ? 'Uploaded. Checking the file type and reading the first rows…'
          : `${formatBytes(phase.loaded)} of ${formatBytes(phase.total)} (${percent}%)`}
      </p>
    </div>
  );
}

const kindLabels = { csv: 'CSV / TSV', xlsx: 'Excel workbook', parquet: 'Parquet' } as const;

function FileFacts({ upload, preview }: { upload: UploadSummary; preview: UploadPreview }) {
  const d = preview.detected;
  const dates = Object.entries(d.dateFormats);
  const facts: [string, string][] = [
    ['Type', kindLabels[upload.kind]],
    ['Size', formatBytes(upload.size)],
    [
      'Rows',
      preview.totalRows !== null
        ? formatCount(preview.totalRows)
        : 'counted when checked (only the first 2 MB were read)',
    ],
  ];
  if (upload.kind === 'csv') {
    facts.push(['Encoding', d.encoding.toUpperCase()]);
    if (d.delimiter !== undefined)
      facts.push(['Delimiter', delimiterLabels[d.delimiter] ?? `“${d.delimiter}”`]);
    if (d.skipRows) facts.push(['Lines skipped above the header', String(d.skipRows)]);
  }
  if (d.decimalSeparator) {
    const by = d.separators?.source;
    const why =
      by === 'profile'
        ? ` (as profile ‘${d.separators?.profile}’ recorded)`
        : by === 'mapping'
          ? ' (as set)'
          : '';
    facts.push(['Decimal separator', `${decimalLabels[d.decimalSeparator]}${why}`]);
  }
  if (dates.length > 0) {
    facts.push([
      'Dates',
      dates
        .map(
          ([field, f]) =>
            `${field} ${readableFormat(f.format)}${f.ambiguous ? ' (ambiguous)' : ''}`,
        )
        .join(', '),
    ]);
  }
  return (
    <>
      <dl className={styles.facts}>
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {d.separators?.undecided && (
        <div className={`${styles.message} ${styles.warning}`} role="status">
          <span className={styles.icon} aria-hidden="true">
            !
          </span>
          <p>
            {d.separators.undecided} Here: choose the decimal separator under Reading settings
            below. Until then the load refuses the file.
          </p>
        </div>
      )}
      {preview.malformedRows > 0 && (
        <div className={`${styles.message} ${styles.warning}`}>
          <span className={styles.icon} aria-hidden="true">
            !
          </span>
          <p>
            {formatCount(preview.malformedRows)} of the first rows could not be split into the
            header’s {preview.headers.length} columns. The check lists them; check the delimiter
            below.
          </p>
        </div>
      )}
      {d.renamedColumns.length > 0 && (
        <p className={styles.hint}>
          Renamed columns:{' '}
          {d.renamedColumns.map((r) => `column ${r.column + 1} “${r.from}” → “${r.to}”`).join('; ')}
        </p>
      )}
    </>
  );
}

function ReadingSettings({
  reading,
  preview,
  disabled,
  onChange,
}: {
  reading: Reading;
  preview: UploadPreview;
  disabled: boolean;
  onChange: (next: Reading) => void;
}) {
  const d = preview.detected;
  const detected = (value: string | undefined) => `Detected${value ? `: ${value}` : ''}`;
  return (
    <details className={styles.settings}>
      <summary>Reading settings</summary>
      <div className={styles.fieldRow}>
        <label className={styles.field}>
          Delimiter
          <select
            className={styles.control}
            value={reading.delimiter ?? ''}
            disabled={disabled}
            onChange={(e) => onChange({ ...reading, delimiter: e.target.value || undefined })}
          >
            <option value="">
              {detected(d.delimiter === undefined ? undefined : delimiterLabels[d.delimiter])}
            </option>
            {Object.entries(delimiterLabels).map(([value, label]) => (
              <option key={label} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          Encoding
          <select
            className={styles.control}
            value={reading.encoding ?? ''}
            disabled={disabled}
            onChange={(e) =>
              onChange({
                ...reading,
                encoding: (e.target.value || undefined) as Reading['encoding'],
              })
            }
          >
            <option value="">{detected(d.encoding.toUpperCase())}</option>
            {encodings.map((encoding) => (
              <option key={encoding} value={encoding}>
                {encoding.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          Decimal separator
          <select
            className={styles.control}
            value={reading.decimalSeparator ?? ''}
            disabled={disabled}
            onChange={(e) =>
              onChange({
                ...reading,
                decimalSeparator: (e.target.value || undefined) as Reading['decimalSeparator'],
              })
            }
          >
            <option value="">
              {detected(d.decimalSeparator && decimalLabels[d.decimalSeparator])}
            </option>
            <option value=".">{decimalLabels['.']}</option>
            <option value=",">{decimalLabels[',']}</option>
          </select>
        </label>
      </div>
    </details>
  );
}

function PreviewTable({ preview }: { preview: UploadPreview }) {
  const shown = preview.rows.length;
  return (
    <>
      <p className={styles.hint}>
        {shown === 0
          ? 'The file has a header but no rows.'
          : `The first ${formatCount(shown)} rows${
              preview.totalRows !== null ? ` of ${formatCount(preview.totalRows)}` : ''
            }, as read.`}
      </p>
      <div
        className={styles.scroll}
        tabIndex={0}
        role="region"
        aria-label={`First rows of ${preview.fileName}`}
      >
        <table className={styles.previewTable}>
          <thead>
            <tr>
              <th scope="col" className={styles.rowNo}>
                Row
              </th>
              {preview.headers.map((header, i) => (
                <th scope="col" key={`${i}-${header}`} title={header}>
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, r) => (
              <tr key={r}>
                <td className={styles.rowNo}>{r + 1}</td>
                {row.map((cell, c) => (
                  <td key={c} title={cell.length > 30 ? cell : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function UnusedColumns({ headers, mapping }: { headers: string[]; mapping: Mapping }) {
  const used = new Set(Object.values(mapping.columns).flat());
  const unused = headers.filter((h) => h.trim() && !used.has(h));
  if (unused.length === 0) return null;
  return (
    <div style={{ marginTop: 10 }}>
      <span className={styles.hint}>Columns not loaded ({unused.length}):</span>
      <ul className={styles.tagList}>
        {unused.map((header, i) => (
          <li key={`${i}-${header}`}>{header}</li>
        ))}
      </ul>
    </div>
  );
}

/** A mapping taken from a profile or a file, with the way back to the automatic proposal. */
function AppliedNotice({ children, onUndo }: { children: ReactNode; onUndo: () => void }) {
  return (
    <div className={`${styles.message} ${styles.info}`} role="status">
      <span className={styles.icon} aria-hidden="true">
        i
      </span>
      <p>
        {children}{' '}
        <button type="button" className={styles.linkButton} onClick={onUndo}>
          Use the automatic proposal instead
        </button>
      </p>
    </div>
  );
}

'use client';
/**
 * Import a band set: a JSON or CSV file, chosen or pasted. The server validates the whole file;
 * its problems are listed in a table by row and column (CSV) or field (JSON), and nothing is
 * stored until the file is valid.
 */
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition, type FormEvent } from 'react';
import type { Problem } from '@/lib/errors';
import styles from '../benchmarks.module.css';
import type { KpiChoice } from '../../ui/forms/form-parts';
import { problemCell, send } from '../../ui/forms/outcome';

const exampleJson = `{
  "id": "acme-2024-order-fill-rate",
  "kpi": "order_fill_rate",
  "name": "Acme wholesale survey 2024: order fill rate",
  "source": "Acme wholesale survey",
  "edition": "2024",
  "peerGroup": "Wholesale distributors, EU",
  "sampleSize": 57,
  "sourceDefinition": "Orders shipped complete on the first shipment ÷ orders shipped.",
  "citation": "Acme wholesale survey report 2024, table 4",
  "unit": "percent",
  "direction": "higher",
  "kind": "survey",
  "scheme": { "type": "quintiles", "boundaries": [92, 95, 97, 98.5] },
  "peer": { "industry": ["wholesale_distribution"], "region": "EU" },
  "dataYear": 2023
}
`;

const exampleCsv = `id,kpi,name,source,edition,peer_group,sample_size,source_definition,citation,unit,direction,scheme,p25,median,p75
acme-2024-ship-cycle,order_shipment_cycle_time,Acme survey 2024: order shipment cycle time,Acme wholesale survey,2024,"Wholesale distributors, EU",57,Hours from order receipt to final shipment.,"Acme wholesale survey report 2024, table 7",hours,lower,quartiles,18,24,36
`;

type ImportedSet = { id: string; name: string; version: number };

export function BandImportForm({ kpis }: { kpis: KpiChoice[] }) {
  const id = useId();
  const router = useRouter();
  const [format, setFormat] = useState<'json' | 'csv'>('json');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('');
  const [busy, setBusy] = useState(false);
  const [, startTransition] = useTransition();
  const [result, setResult] = useState<
    | { kind: 'error'; message: string; problems: Problem[] }
    | { kind: 'done'; sets: ImportedSet[] }
    | null
  >(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 1 << 20) {
      setResult({ kind: 'error', message: 'A band set file is at most 1 MB.', problems: [] });
      return;
    }
    setFileName(file.name);
    if (/\.csv$/i.test(file.name) || file.type.includes('csv')) setFormat('csv');
    else if (/\.json$/i.test(file.name) || file.type.includes('json')) setFormat('json');
    setText(await file.text());
    setResult(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setResult({
        kind: 'error',
        message: 'Choose a file or paste its contents first.',
        problems: [],
      });
      return;
    }
    setBusy(true);
    const outcome = await send(`/api/bands?format=${format}`, {
      method: 'POST',
      headers: { 'content-type': format === 'csv' ? 'text/csv' : 'application/json' },
      body: text,
    });
    setBusy(false);
    if (outcome.ok) {
      const imported = Array.isArray(outcome.data?.imported) ? outcome.data.imported : [];
      setResult({
        kind: 'done',
        sets: imported.map((s) => {
          const set = s as ImportedSet;
          return { id: set.id, name: set.name, version: set.version };
        }),
      });
      setText('');
      setFileName('');
      if (fileRef.current) fileRef.current.value = '';
      startTransition(() => router.refresh());
    } else {
      setResult({ kind: 'error', message: outcome.message, problems: outcome.problems });
    }
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  return (
    <form onSubmit={submit} className={styles.importForm} aria-describedby={`${id}-kpis`}>
      <fieldset className={styles.formatChoice}>
        <legend>Format</legend>
        {(['json', 'csv'] as const).map((f) => (
          <label key={f} className={styles.radio}>
            <input
              type="radio"
              name="format"
              value={f}
              checked={format === f}
              onChange={() => setFormat(f)}
            />
            {f.toUpperCase()}
          </label>
        ))}
      </fieldset>
      <div className={styles.fileRow}>
        <label htmlFor={`${id}-file`} className={styles.fileLabel}>
          Band set file
        </label>
        <input
          ref={fileRef}
          id={`${id}-file`}
          type="file"
          accept=".json,.csv,application/json,text/csv"
          onChange={(e) => void readFile(e.target.files?.[0])}
        />
        {fileName && <span className={styles.hint}>Read {fileName}; check it below.</span>}
      </div>
      <div className={styles.field}>
        <div className={styles.labelRow}>
          <label htmlFor={`${id}-text`}>Or paste the contents</label>
          <button
            type="button"
            className={styles.linkButton}
            onClick={() => {
              setText(format === 'csv' ? exampleCsv : exampleJson);
              setResult(null);
            }}
          >
            Fill in an example ({format.toUpperCase()})
          </button>
        </div>
        <textarea
          id={`${id}-text`}
          className={styles.code}
          rows={10}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={
            format === 'csv'
              ? 'id,kpi,name,source,edition,peer_group,sample_size,source_definition,citation,unit,direction,scheme,…'
              : '{ "id": "…", "kpi": "order_fill_rate", "scheme": { "type": "quartiles", … } }'
          }
          aria-invalid={result?.kind === 'error' || undefined}
        />
      </div>
      <p id={`${id}-kpis`} className={styles.hint}>
        Scheme values are in the KPI&rsquo;s unit (percent as 99.5, not 0.995) and in ascending
        order whatever the KPI&rsquo;s direction. CSV columns per scheme: quintiles{' '}
        <code>b20,b40,b60,b80[,labels]</code>, quartiles <code>p25,median,p75</code>, range{' '}
        <code>min,max,average</code>, threshold <code>threshold,comparison,label</code>, reference{' '}
        <code>figures</code> (<code>average=6.9|top ten=2.8</code>, a range as <code>85..95</code>).
        Say the <code>kind</code>: <code>survey</code> (many companies&rsquo; values: the only kind
        placed in a band), <code>study</code> or <code>practitioner</code> (reference figures),{' '}
        <code>requirement</code> (a threshold, met or not). A set without a kind is read as a
        survey, and says so. Where the source&rsquo;s definition differs from ours, set{' '}
        <code>definitionDiffers</code> (CSV <code>definition_differs</code>) and say how in{' '}
        <code>definitionDifference</code>. Who the peers are, where the source says it:{' '}
        <code>peer</code> with <code>industry</code> (a list of retail, ecommerce,
        wholesale_distribution, manufacturing, consumer_products, third_party_logistics,
        cross_industry), <code>size</code> (small, midsize, large, any), <code>region</code>{' '}
        (global, EU or a country code such as US) and <code>channel</code> (b2b, b2c, mixed), and{' '}
        <code>dataYear</code>, the year measured (CSV <code>peer_industry</code> joined by{' '}
        <code>;</code>, <code>peer_size</code>, <code>peer_region</code>, <code>peer_channel</code>,{' '}
        <code>data_year</code>). Leave out what the source does not say: placement uses the set
        whose peers best match your organisation&rsquo;s profile.
      </p>
      <details className={styles.kpiIds}>
        <summary>KPI ids, units and directions</summary>
        <ul>
          {kpis.map((k) => (
            <li key={k.id}>
              <code>{k.id}</code> {k.name} · {k.unit} · {k.direction} is better
            </li>
          ))}
        </ul>
      </details>
      <div className={styles.formActions}>
        <button type="submit" className={styles.primary} disabled={busy}>
          {busy ? 'Importing…' : 'Validate and import'}
        </button>
      </div>
      <div ref={resultRef} tabIndex={-1} className={styles.resultSlot}>
        {result?.kind === 'done' && <Imported sets={result.sets} />}
        {result?.kind === 'error' && (
          <Refused message={result.message} problems={result.problems} format={format} />
        )}
      </div>
    </form>
  );
}

function Imported({ sets }: { sets: ImportedSet[] }) {
  return (
    <div className={styles.successBox} role="status">
      <strong>
        <span aria-hidden="true">✓ </span>Imported {sets.length} band set
        {sets.length === 1 ? '' : 's'}
      </strong>
      <ul>
        {sets.map((s) => (
          <li key={s.id}>
            {s.name} (<code>{s.id}</code>), stored as version {s.version}
            {s.version > 1 ? '; the earlier versions stay on record' : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The refusal, with the problems the server found as a table (row, column or field, problem). */
function Refused({
  message,
  problems,
  format,
}: {
  message: string;
  problems: Problem[];
  format: 'json' | 'csv';
}) {
  const cells = problems.map(problemCell);
  const hasRows = cells.some((p) => p.row !== undefined);
  return (
    <div className={styles.errorBox} role="alert">
      <strong>
        <span aria-hidden="true">⚠ </span>
        {message.replace(/:$/, '')}
        {cells.length ? ` (${cells.length} problem${cells.length === 1 ? '' : 's'})` : ''}
      </strong>
      {cells.length > 0 && (
        <table className={styles.problemTable}>
          <caption className="visually-hidden">Problems found in the file</caption>
          <thead>
            <tr>
              {hasRows && <th scope="col">Row</th>}
              <th scope="col">{format === 'csv' ? 'Column' : 'Field'}</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {cells.map((p, i) => (
              <tr key={i}>
                {hasRows && <td className="num">{p.row ?? '—'}</td>}
                <td>{p.column ? <code>{p.column}</code> : '—'}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className={styles.hint}>Nothing was stored. Fix the file and import it again.</p>
    </div>
  );
}

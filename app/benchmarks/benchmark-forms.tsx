'use client';
/**
 * The benchmarks page's forms: import a band set, set a target, enter FTE and cost figures, and
 * remove what was added. Each posts to its JSON route, shows the problems the server found next to
 * the field they concern, and refreshes the server-rendered lists on success.
 */
import { useRouter } from 'next/navigation';
import {
  useId,
  useRef,
  useState,
  useTransition,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
} from 'react';
import styles from './benchmarks.module.css';
import { apiFetch } from '../ui/csrf';

export interface KpiChoice {
  id: string;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
}

interface Outcome {
  ok: boolean;
  status: number;
  data: Record<string, unknown> | null;
  /** The server's problem lines (`path: message`, or `row N, column c: message`). */
  problems: string[];
  message: string;
}

/** Send a request to one of our routes; never throws. */
async function send(url: string, init: RequestInit): Promise<Outcome> {
  try {
    const response = await apiFetch(url, init);
    const data = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (response.ok) return { ok: true, status: response.status, data, problems: [], message: '' };
    const message = typeof data?.message === 'string' ? data.message : `HTTP ${response.status}`;
    const listed = Array.isArray(data?.errors) ? data.errors.map(String) : [];
    // Validation errors of the band and target stores carry their problems as message lines.
    const [head, ...lines] = message.split('\n');
    const problems = listed.length ? listed : lines.length ? lines : [];
    return {
      ok: false,
      status: response.status,
      data,
      problems,
      message: (lines.length ? head : message) ?? message,
    };
  } catch {
    return {
      ok: false,
      status: 0,
      data: null,
      problems: [],
      message: 'The server could not be reached. Check that Orderlens is running, then try again.',
    };
  }
}

const jsonInit = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Split `field: message` problem lines by field; the rest are general. */
function byField(problems: string[], fields: string[]) {
  const out: Record<string, string[]> = {};
  const general: string[] = [];
  for (const line of problems) {
    const match = /^([A-Za-z_.[\]0-9]+): (.*)$/.exec(line);
    const field = match?.[1]?.split('.')[0];
    if (match && field && fields.includes(field)) (out[field] ??= []).push(match[2]!);
    else general.push(line);
  }
  return { fields: out, general };
}

function ErrorSummary({ title, problems }: { title: string; problems: string[] }) {
  return (
    <div className={`${styles.errorBox} ${styles.formError}`} role="alert">
      <strong>
        <span aria-hidden="true">⚠ </span>
        {title}
      </strong>
      {problems.length > 0 ? (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      ) : (
        <span className={styles.hint}>
          {' '}
          · Fix the marked fields and try again. Nothing was saved.
        </span>
      )}
    </div>
  );
}

function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <span id={id} className={styles.fieldError}>
      <span aria-hidden="true">⚠ </span>
      {messages.join('; ')}
    </span>
  );
}

function Field({
  label,
  htmlFor,
  hint,
  error,
  errorId,
  children,
  wide,
}: {
  label: string;
  htmlFor: string;
  hint?: ReactNode;
  error?: string[];
  errorId: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={`${styles.field} ${wide ? styles.wide : ''}`}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint && <span className={styles.hint}>{hint}</span>}
      <FieldError id={errorId} messages={error} />
    </div>
  );
}

type FormErrors = { fields: Record<string, string[]>; general: string[] };
const noErrors: FormErrors = { fields: {}, general: [] };

/** A form's values by name, trimmed; numbers undefined when blank. */
function formValues(form: HTMLFormElement) {
  const data = new FormData(form);
  const text = (key: string) => String(data.get(key) ?? '').trim();
  const number = (key: string) => (text(key) === '' ? undefined : Number(text(key)));
  return { text, number };
}

/**
 * What the target and figures forms share: ids tying each control to its label and error, the
 * server's problems placed by field, the busy and saved states, and the footer.
 */
function useSavingForm(fields: string[]) {
  const id = useId();
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [message, setMessage] = useState('');
  const [saved, setSaved] = useState('');
  const err = (name: string) => errors.fields[name];
  const errorId = (name: string) => `${id}-${name}-error`;

  return {
    field: (name: string, label: string) => ({
      label,
      htmlFor: `${id}-${name}`,
      errorId: errorId(name),
      error: err(name),
    }),
    control: (name: string) => ({
      id: `${id}-${name}`,
      name,
      'aria-invalid': !!err(name) || undefined,
      'aria-describedby': err(name) ? errorId(name) : undefined,
    }),
    invalid(name: string, problem: string, title: string) {
      setErrors({ fields: { [name]: [problem] }, general: [] });
      setMessage(title);
    },
    /** POST the body; on success note it and refresh the page's lists. Returns whether it saved. */
    async save(url: string, body: unknown, savedNote: string, invalidTitle?: string) {
      setBusy(true);
      const outcome = await send(url, jsonInit('POST', body));
      setBusy(false);
      if (outcome.ok) {
        setErrors(noErrors);
        setMessage('');
        setSaved(savedNote);
        startTransition(() => router.refresh());
        return true;
      }
      setSaved('');
      setMessage(
        invalidTitle && outcome.problems.length ? invalidTitle : outcome.message.replace(/:$/, ''),
      );
      setErrors(byField(outcome.problems, fields));
      return false;
    },
    footer: (label: string) => (
      <>
        <div className={styles.formFooter}>
          <button type="submit" className={styles.primary} disabled={busy}>
            {busy ? 'Saving…' : label}
          </button>
          <span role="status" className={styles.saved}>
            {saved && (
              <>
                <span aria-hidden="true">✓ </span>
                {saved}
              </>
            )}
          </span>
        </div>
        {message && <ErrorSummary title={message} problems={errors.general} />}
      </>
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Band set import

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
  "scheme": { "type": "quintiles", "boundaries": [92, 95, 97, 98.5] }
}
`;

const exampleCsv = `id,kpi,name,source,edition,peer_group,sample_size,source_definition,citation,unit,direction,scheme,p25,median,p75
acme-2024-ship-cycle,order_shipment_cycle_time,Acme survey 2024: order shipment cycle time,Acme wholesale survey,2024,"Wholesale distributors, EU",57,Hours from order receipt to final shipment.,"Acme wholesale survey report 2024, table 7",hours,lower,quartiles,18,24,36
`;

/** `row 3, column median: must be a number` → its parts, for the problem table. */
function cellOf(problem: string) {
  const match = /^row (\d+)(?:, column ([^:]+))?: (.*)$/.exec(problem);
  if (match) return { row: match[1], column: match[2] ?? '', message: match[3] ?? '' };
  const column = /^column ([^:]+): (.*)$/.exec(problem);
  if (column) return { row: '', column: column[1] ?? '', message: column[2] ?? '' };
  const path = /^(.+?): (.*)$/.exec(problem);
  if (path) return { row: '', column: path[1] ?? '', message: path[2] ?? '' };
  return { row: '', column: '', message: problem };
}

export function BandImportForm({ kpis }: { kpis: KpiChoice[] }) {
  const id = useId();
  const router = useRouter();
  const [format, setFormat] = useState<'json' | 'csv'>('json');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('');
  const [busy, setBusy] = useState(false);
  const [, startTransition] = useTransition();
  const [result, setResult] = useState<
    | { kind: 'error'; message: string; problems: string[] }
    | { kind: 'done'; sets: { id: string; name: string; version: number }[] }
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
          const set = s as { id: string; name: string; version: number };
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

  const problems = result?.kind === 'error' ? result.problems.map(cellOf) : [];
  const hasRows = problems.some((p) => p.row);
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
        <code>definitionDifference</code>.
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
        {result?.kind === 'done' && (
          <div className={styles.successBox} role="status">
            <strong>
              <span aria-hidden="true">✓ </span>Imported {result.sets.length} band set
              {result.sets.length === 1 ? '' : 's'}
            </strong>
            <ul>
              {result.sets.map((s) => (
                <li key={s.id}>
                  {s.name} (<code>{s.id}</code>), stored as version {s.version}
                  {s.version > 1 ? '; the earlier versions stay on record' : ''}
                </li>
              ))}
            </ul>
          </div>
        )}
        {result?.kind === 'error' && (
          <div className={styles.errorBox} role="alert">
            <strong>
              <span aria-hidden="true">⚠ </span>
              {result.message.replace(/:$/, '')}
              {problems.length
                ? ` (${problems.length} problem${problems.length === 1 ? '' : 's'})`
                : ''}
            </strong>
            {problems.length > 0 && (
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
                  {problems.map((p, i) => (
                    <tr key={i}>
                      {hasRows && <td className="num">{p.row || '—'}</td>}
                      <td>{p.column ? <code>{p.column}</code> : '—'}</td>
                      <td>{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p className={styles.hint}>Nothing was stored. Fix the file and import it again.</p>
          </div>
        )}
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Delete with an inline confirmation

export function DeleteButton({ url, what, label }: { url: string; what: string; label: string }) {
  const router = useRouter();
  const [stage, setStage] = useState<'idle' | 'confirm' | 'busy'>('idle');
  const [error, setError] = useState('');
  const [, startTransition] = useTransition();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  if (stage === 'idle') {
    return (
      <span className={styles.deleteWrap}>
        <button
          ref={askRef}
          type="button"
          className={styles.dangerLink}
          onClick={() => {
            setStage('confirm');
            setError('');
            requestAnimationFrame(() => confirmRef.current?.focus());
          }}
        >
          {label}
        </button>
        {error && (
          <span className={styles.fieldError} role="alert">
            {error}
          </span>
        )}
      </span>
    );
  }
  return (
    <span
      className={styles.confirm}
      role="group"
      aria-label={`Confirm: ${label.toLowerCase()} ${what}`}
    >
      <span className={styles.confirmText}>
        {label} {what}?
      </span>
      <button
        ref={confirmRef}
        type="button"
        className={styles.danger}
        disabled={stage === 'busy'}
        onClick={async () => {
          setStage('busy');
          const outcome = await send(url, { method: 'DELETE' });
          if (outcome.ok) {
            startTransition(() => router.refresh());
          } else {
            setError(outcome.message);
            setStage('idle');
          }
        }}
      >
        {stage === 'busy' ? 'Removing…' : `Yes, ${label.toLowerCase()}`}
      </button>
      <button
        type="button"
        className={styles.secondary}
        onClick={() => {
          setStage('idle');
          requestAnimationFrame(() => askRef.current?.focus());
        }}
      >
        Keep
      </button>
    </span>
  );
}

// ---------------------------------------------------------------------------------------------
// Targets

const dimensionChoices = [
  ['site', 'Site'],
  ['channel', 'Channel'],
  ['customer', 'Customer'],
  ['region', 'Region'],
  ['carrier', 'Carrier'],
  ['ship_mode', 'Ship mode'],
] as const;

const unitHint: Record<string, string> = {
  percent: 'percent, e.g. 95 (not 0.95)',
  hours: 'hours',
  days: 'days',
  orders_per_fte: 'orders per FTE per year',
  currency_per_order: 'cost per order',
};

export function TargetForm({ kpis }: { kpis: KpiChoice[] }) {
  const form = useSavingForm([
    'kpi',
    'value',
    'dimension',
    'segment',
    'from',
    'to',
    'atRiskWithin',
  ]);
  const [kpi, setKpi] = useState(kpis[0]?.id ?? '');
  const [dimension, setDimension] = useState('');
  const chosen = kpis.find((k) => k.id === kpi);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const { text, number } = formValues(element);
    const body: Record<string, unknown> = { kpi, value: number('value') };
    if (text('dimension')) body.dimension = text('dimension');
    if (text('segment')) body.segment = text('segment');
    if (text('from')) body.from = text('from');
    if (text('to')) body.to = text('to');
    if (number('atRiskWithin') !== undefined) body.atRiskWithin = number('atRiskWithin');
    if (body.value === undefined || Number.isNaN(body.value)) {
      form.invalid('value', 'enter the target value', 'The target is not complete.');
      return;
    }
    const saved = await form.save('/api/targets', body, `Target for ${chosen?.name ?? kpi} saved.`);
    if (saved) {
      element.reset();
      setDimension('');
    }
  };

  return (
    <form onSubmit={submit} className={styles.form} noValidate>
      <Field {...form.field('kpi', 'KPI')} wide>
        <select {...form.control('kpi')} value={kpi} onChange={(e) => setKpi(e.target.value)}>
          {kpis.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        {...form.field('value', 'Target')}
        hint={
          chosen
            ? `In ${unitHint[chosen.unit] ?? chosen.unit}; ${chosen.direction} is better`
            : undefined
        }
      >
        <input {...form.control('value')} type="number" step="any" inputMode="decimal" required />
      </Field>
      <Field
        {...form.field('atRiskWithin', 'At-risk margin (optional)')}
        hint="In the KPI's unit; default 5% of the target"
      >
        <input
          {...form.control('atRiskWithin')}
          type="number"
          step="any"
          min="0"
          inputMode="decimal"
        />
      </Field>
      <Field {...form.field('dimension', 'For one segment of (optional)')}>
        <select
          {...form.control('dimension')}
          value={dimension}
          onChange={(e) => setDimension(e.target.value)}
        >
          <option value="">All orders</option>
          {dimensionChoices.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field
        {...form.field('segment', 'Segment')}
        hint={dimension ? 'e.g. DC-North, web' : 'Choose a dimension first'}
      >
        <input
          {...form.control('segment')}
          type="text"
          disabled={!dimension}
          required={!!dimension}
        />
      </Field>
      <Field {...form.field('from', 'From (optional)')}>
        <input {...form.control('from')} type="date" />
      </Field>
      <Field {...form.field('to', 'To (optional)')}>
        <input {...form.control('to')} type="date" />
      </Field>
      {form.footer('Set target')}
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// FTE and cost

export function InputForm() {
  const form = useSavingForm(['from', 'to', 'team', 'fte', 'cost', 'currency']);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const { text, number } = formValues(element);
    const body: Record<string, unknown> = { from: text('from'), to: text('to') };
    if (text('team')) body.team = text('team');
    if (number('fte') !== undefined) body.fte = number('fte');
    if (number('cost') !== undefined) body.cost = number('cost');
    if (text('currency')) body.currency = text('currency').toUpperCase();
    const saved = await form.save(
      '/api/inputs',
      body,
      `Figures for ${text('from')} – ${text('to')} saved.`,
      'The figures are not valid',
    );
    if (saved) element.reset();
  };
  const input = (
    name: string,
    label: string,
    props: InputHTMLAttributes<HTMLInputElement>,
    hint?: string,
  ) => (
    <Field {...form.field(name, label)} hint={hint}>
      <input {...form.control(name)} {...props} />
    </Field>
  );

  return (
    <form onSubmit={submit} className={styles.form} noValidate>
      {input('from', 'Period from', { type: 'date', required: true })}
      {input('to', 'Period to', { type: 'date', required: true })}
      {input(
        'team',
        'Team (optional)',
        { type: 'text', maxLength: 100 },
        'Blank for the whole team',
      )}
      {input(
        'fte',
        'FTE',
        { type: 'number', step: 'any', min: '0', inputMode: 'decimal' },
        'Order-management full-time equivalents',
      )}
      {input(
        'cost',
        'Cost',
        { type: 'number', step: 'any', min: '0', inputMode: 'decimal' },
        'Order-management cost of the period',
      )}
      {input('currency', 'Currency', { type: 'text', maxLength: 10, placeholder: 'EUR' })}
      {form.footer('Save figures')}
    </form>
  );
}

'use client';
/**
 * What the app's forms share (targets, figures, alert rules, report schedules): a labelled field
 * with its error, the summary of the problems no field shows, and a hook for the ids, the save
 * request and the footer.
 */
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition, type ReactNode } from 'react';
import type { Problem } from '@/lib/errors';
import styles from './forms.module.css';
import { byField, jsonInit, noErrors, send, type FormErrors } from './outcome';

export interface KpiChoice {
  id: string;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
}

/** The segment dimensions a target or a rule may be narrowed to, as the forms offer them. */
export const dimensionChoices = [
  ['site', 'Site'],
  ['channel', 'Channel'],
  ['customer', 'Customer'],
  ['region', 'Region'],
  ['carrier', 'Carrier'],
  ['ship_mode', 'Ship mode'],
] as const;

function ErrorSummary({ title, problems }: { title: string; problems: string[] }) {
  return (
    <div className={`${styles.errorBox} ${styles.wideAll}`} role="alert">
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

/** A field's (or a group's) problems; `id` lets its controls point at them. */
export function FieldError({ id, messages }: { id?: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <span id={id} className={styles.fieldError}>
      <span aria-hidden="true">⚠ </span>
      {messages.join('; ')}
    </span>
  );
}

export function Field({
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

/** A form's values by name, trimmed; numbers undefined when blank. */
export function formValues(form: HTMLFormElement) {
  const data = new FormData(form);
  const text = (key: string) => String(data.get(key) ?? '').trim();
  const number = (key: string) => (text(key) === '' ? undefined : Number(text(key)));
  return { text, number };
}

/**
 * Empties the typed fields only: form.reset() would also put controlled choices (selects, radios)
 * back on their first option behind React's back.
 */
export function clearFields(form: HTMLFormElement, names: string[]) {
  for (const name of names) {
    const control = form.elements.namedItem(name);
    if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)
      control.value = '';
  }
}

export interface SaveOptions {
  /** The status line once saved; a function words it from the server's answer. */
  saved: string | ((data: Record<string, unknown> | null) => string);
  /** The summary's title when the server lists problems, instead of its own message. */
  invalidTitle?: string;
  /** Rewords the server's problems before they are placed by field. */
  reword?: (problems: Problem[]) => Problem[];
}

/**
 * What the forms share: ids tying each control to its label and error, the server's problems
 * placed by field, the busy and saved states, and the footer.
 */
export function useSavingForm(fields: readonly string[]) {
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
    /** The form's own id, to derive further ids (a datalist, a description) from. */
    id,
    errors,
    errorId,
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
      setSaved('');
    },
    /** POST the body; on success note it and refresh the page's lists. Returns whether it saved. */
    async save(url: string, body: unknown, options: SaveOptions) {
      setBusy(true);
      const outcome = await send(url, jsonInit('POST', body));
      setBusy(false);
      if (outcome.ok) {
        setErrors(noErrors);
        setMessage('');
        setSaved(typeof options.saved === 'string' ? options.saved : options.saved(outcome.data));
        startTransition(() => router.refresh());
        return true;
      }
      setSaved('');
      setMessage(
        options.invalidTitle && outcome.problems.length
          ? options.invalidTitle
          : outcome.message.replace(/:$/, ''),
      );
      const problems = options.reword ? options.reword(outcome.problems) : outcome.problems;
      setErrors(byField(problems, fields));
      return false;
    },
    footer: (label: string, busyLabel = 'Saving…') => (
      <>
        <div className={styles.formFooter}>
          <button type="submit" className={styles.primary} disabled={busy}>
            {busy ? busyLabel : label}
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

'use client';
/**
 * What the target and figures forms share: a labelled field with its error, the summary of the
 * problems no field shows, and a hook for the ids, the save request and the footer.
 */
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition, type ReactNode } from 'react';
import styles from '../benchmarks.module.css';
import { byField, jsonInit, noErrors, send, type FormErrors } from './outcome';

export interface KpiChoice {
  id: string;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
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
 * What the target and figures forms share: ids tying each control to its label and error, the
 * server's problems placed by field, the busy and saved states, and the footer.
 */
export function useSavingForm(fields: string[]) {
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

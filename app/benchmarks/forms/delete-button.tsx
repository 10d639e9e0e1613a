'use client';
/** Delete a band set, target or figures with an inline confirmation, then refresh the lists. */
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import styles from '../benchmarks.module.css';
import { send } from '../../ui/forms/outcome';

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

'use client';
/** Acknowledge one alert: it leaves the open alerts (and the home page's notice). */
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { send } from '../ui/forms/outcome';
import forms from '../ui/forms/forms.module.css';
import styles from './alerts.module.css';

export function AcknowledgeButton({ id, headline }: { id: string; headline: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [refreshing, startTransition] = useTransition();
  const acknowledge = async () => {
    setBusy(true);
    setError('');
    const outcome = await send(`/api/alerts/${encodeURIComponent(id)}/acknowledge`, {
      method: 'POST',
    });
    setBusy(false);
    if (outcome.ok) startTransition(() => router.refresh());
    else setError(outcome.message);
  };
  return (
    <span className={styles.ackWrap}>
      <button
        type="button"
        className={forms.secondary}
        disabled={busy || refreshing}
        aria-label={`Acknowledge: ${headline}`}
        onClick={() => void acknowledge()}
      >
        {busy || refreshing ? 'Acknowledging…' : 'Acknowledge'}
      </button>
      {error && (
        <span className={forms.fieldError} role="alert">
          <span aria-hidden="true">⚠ </span>
          {error}
        </span>
      )}
    </span>
  );
}

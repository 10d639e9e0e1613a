'use client';
/** Send one subscription now (a trial): its schedule stays; the outcome shows beside the button. */
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { jsonInit, send } from '../../ui/forms/outcome';
import forms from '../../ui/forms/forms.module.css';
import styles from './subscriptions.module.css';

interface Outcome {
  status: 'sent' | 'failed';
  fileName: string | null;
  sentTo: string[];
  writtenTo: string | null;
  error: string | null;
}

export function SendNowButton({ id, title }: { id: string; title: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [, startTransition] = useTransition();
  const run = async () => {
    setBusy(true);
    setResult(null);
    const outcome = await send('/api/subscriptions/run', jsonInit('POST', { id }));
    setBusy(false);
    const [delivery] = (outcome.data?.deliveries as Outcome[] | undefined) ?? [];
    if (!outcome.ok || !delivery) {
      setResult({ ok: false, text: outcome.message || 'The report was not sent.' });
      return;
    }
    setResult({ ok: delivery.status === 'sent', text: outcomeText(delivery) });
    startTransition(() => router.refresh());
  };
  return (
    <span className={styles.sendNow}>
      <button
        type="button"
        className={forms.secondary}
        disabled={busy}
        aria-label={`Send now: ${title}`}
        onClick={() => void run()}
      >
        {busy ? 'Sending…' : 'Send now'}
      </button>
      <span role="status" className={result?.ok === false ? forms.fieldError : forms.saved}>
        {result && (
          <>
            <span aria-hidden="true">{result.ok ? '✓ ' : '⚠ '}</span>
            {result.text}
          </>
        )}
      </span>
    </span>
  );
}

function outcomeText(d: Outcome): string {
  const where = [
    d.sentTo.length ? `mailed to ${d.sentTo.join(', ')}` : '',
    d.writtenTo ? `written to ${d.writtenTo}` : '',
  ].filter(Boolean);
  const file = d.fileName ?? 'The report';
  if (d.status === 'sent') return `${file} ${where.join(' and ') || 'made'}.`;
  return `Not delivered: ${d.error ?? 'no reason given'}${where.length ? ` (${where.join(' and ')})` : ''}.`;
}

'use client';
/** Check every rule now rather than at the next tick (after setting a rule or a target). */
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { send } from '../ui/forms/outcome';
import forms from '../ui/forms/forms.module.css';
import styles from './alerts.module.css';

export function CheckNowButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [, startTransition] = useTransition();
  const check = async () => {
    setBusy(true);
    setResult(null);
    const outcome = await send('/api/alerts/check', { method: 'POST' });
    setBusy(false);
    if (!outcome.ok) {
      setResult({ ok: false, text: outcome.message });
      return;
    }
    const checked = Number(outcome.data?.checked ?? 0);
    const fired = Array.isArray(outcome.data?.fired) ? outcome.data.fired.length : 0;
    setResult({
      ok: true,
      text: `Checked ${checked} rule${checked === 1 ? '' : 's'}: ${
        fired ? `${fired} alert${fired === 1 ? '' : 's'} raised` : 'no new alert'
      }.`,
    });
    startTransition(() => router.refresh());
  };
  return (
    <span className={styles.checkNow}>
      <span role="status" className={result?.ok === false ? forms.fieldError : forms.saved}>
        {result?.text}
      </span>
      <button
        type="button"
        className={forms.secondary}
        disabled={busy}
        onClick={() => void check()}
      >
        {busy ? 'Checking…' : 'Check the rules now'}
      </button>
    </span>
  );
}

'use client';
/**
 * The organisation's name and logo, kept once for every report (PUT, POST and DELETE
 * /api/settings/branding). Beside the preview whose cover they change, so the result shows as
 * soon as it is saved.
 */
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition, type FormEvent } from 'react';
import { jsonInit, send, type Outcome } from '../ui/forms/outcome';
import shared from '../ui/kpi-pages/kpi-pages.module.css';
import styles from './reports.module.css';

/** As lib/settings/branding.ts keeps it: checked here too, so a large file is not sent at all. */
const MAX_LOGO_KB = 512;

export interface BrandingView {
  organisation: string;
  defaultName: boolean;
  hasLogo: boolean;
}

export function BrandingForm({ branding }: { branding: BrandingView }) {
  const id = useId();
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const [error, setError] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);

  async function run(request: Promise<Outcome>, done: string) {
    setBusy(true);
    const outcome = await request;
    setBusy(false);
    if (!outcome.ok) {
      setSaved('');
      setError(outcome.message);
      return false;
    }
    setError('');
    setSaved(done);
    startTransition(() => router.refresh());
    return true;
  }

  const saveName = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const organisation = String(new FormData(event.currentTarget).get('organisation') ?? '');
    await run(
      send('/api/settings/branding', jsonInit('PUT', { organisation })),
      organisation.trim()
        ? 'Name saved: every report now carries it.'
        : 'Name cleared: reports say “Orderlens” again.',
    );
  };

  const uploadLogo = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return setError('Choose a PNG or JPEG file first.');
    if (file.size > MAX_LOGO_KB * 1024)
      return setError(
        `The logo is ${Math.ceil(file.size / 1024)} KB; at most ${MAX_LOGO_KB} KB are kept.`,
      );
    const uploaded = await run(
      send('/api/settings/branding', {
        method: 'POST',
        headers: { 'content-type': file.type || 'application/octet-stream' },
        body: file,
      }),
      'Logo saved: it is on the cover of every report.',
    );
    if (uploaded && fileRef.current) fileRef.current.value = '';
  };

  const removeLogo = () =>
    run(send('/api/settings/branding', { method: 'DELETE' }), 'Logo removed.');

  return (
    <div className={styles.branding}>
      <form onSubmit={saveName} className={shared.form}>
        <label className={shared.control} htmlFor={`${id}-name`}>
          Organisation name
        </label>
        <input
          id={`${id}-name`}
          className={styles.input}
          name="organisation"
          type="text"
          maxLength={120}
          defaultValue={branding.defaultName ? '' : branding.organisation}
          placeholder="Orderlens"
        />
        <button type="submit" className={shared.button} disabled={busy}>
          Save name
        </button>
      </form>
      <form onSubmit={uploadLogo} className={shared.form}>
        <label className={shared.control} htmlFor={`${id}-logo`}>
          Logo (PNG or JPEG, at most {MAX_LOGO_KB} KB)
        </label>
        <input
          id={`${id}-logo`}
          ref={fileRef}
          className={styles.file}
          name="logo"
          type="file"
          accept="image/png,image/jpeg"
        />
        <button type="submit" className={shared.button} disabled={busy}>
          Upload logo
        </button>
        {branding.hasLogo && (
          <button type="button" className={shared.button} disabled={busy} onClick={removeLogo}>
            Remove logo
          </button>
        )}
      </form>
      <p role="status" className={styles.saved}>
        {saved && (
          <>
            <span aria-hidden="true">✓ </span>
            {saved}
          </>
        )}
      </p>
      {error && (
        <p role="alert" className={shared.problem}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

'use client';
/**
 * "Views" at the end of the filter bar: save this page with its filters under a name, and the
 * user's saved views as links (each opens its page with the same filters, so it can be shared),
 * with Remove. Inside the bar's GET form, so it is no form of its own: Enter in the name saves.
 */
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { SavedView } from '@/lib/views/saved-views';
import { isViewPath } from '@/lib/views/view-paths';
import { jsonInit, send } from '../forms/outcome';
import bar from '../scorecard.module.css';
import styles from './saved-views.module.css';

export function SavedViews() {
  const pathname = usePathname();
  const id = useId();
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const [views, setViews] = useState<SavedView[] | null>(null);
  const [name, setName] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!isViewPath(pathname)) return null;

  async function load() {
    const outcome = await send('/api/views', { method: 'GET' });
    if (outcome.ok) setViews((outcome.data?.views as SavedView[] | undefined) ?? []);
    else setStatus({ ok: false, text: outcome.message });
  }

  async function save() {
    setBusy(true);
    const outcome = await send(
      '/api/views',
      jsonInit('POST', { name, path: window.location.pathname, query: window.location.search }),
    );
    setBusy(false);
    if (outcome.ok) {
      setStatus({ ok: true, text: `Saved “${name.trim()}”.` });
      setName('');
      await load();
    } else {
      setStatus({
        ok: false,
        text: [outcome.message, ...outcome.problems.map((p) => p.message)]
          .filter((t, i, all) => t && all.indexOf(t) === i)
          .join(' '),
      });
    }
  }

  async function remove(view: SavedView) {
    const outcome = await send(`/api/views/${encodeURIComponent(view.id)}`, { method: 'DELETE' });
    setStatus(
      outcome.ok
        ? { ok: true, text: `Removed “${view.name}”.` }
        : { ok: false, text: outcome.message },
    );
    if (outcome.ok) await load();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    // The bar is a GET form: Enter here saves the view instead of submitting it.
    event.preventDefault();
    if (!busy) void save();
  }

  return (
    <details
      ref={detailsRef}
      className={`${bar.picker} ${styles.views}`}
      onToggle={(e) => {
        if (e.currentTarget.open) void load();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && detailsRef.current?.open) {
          event.preventDefault();
          detailsRef.current.open = false;
          detailsRef.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className={bar.chip}>
        <span className={bar.chipLabel}>Views</span>
      </summary>
      <div className={`${bar.popover} ${styles.popover}`}>
        <div className={styles.save}>
          <label htmlFor={`${id}-name`} className={styles.heading}>
            Save this view
          </label>
          <div className={styles.row}>
            <input
              id={`${id}-name`}
              type="text"
              maxLength={100}
              placeholder="e.g. DC-North, Q1"
              value={name}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={onKeyDown}
              className={styles.input}
            />
            <button
              type="button"
              className={styles.button}
              disabled={busy || !name.trim()}
              onClick={() => void save()}
            >
              {busy ? 'Saving…' : 'Save'}
            </button>
          </div>
          <p className={styles.hint}>This page with its filters; a name you used is replaced.</p>
        </div>
        <p role="status" className={status?.ok === false ? styles.error : styles.saved}>
          {status && (
            <>
              <span aria-hidden="true">{status.ok ? '✓ ' : '⚠ '}</span>
              {status.text}
            </>
          )}
        </p>
        <h3 className={styles.heading} id={`${id}-mine`}>
          My views
        </h3>
        {views === null ? (
          <p className={styles.hint}>Loading…</p>
        ) : views.length === 0 ? (
          <p className={styles.hint}>None yet.</p>
        ) : (
          <ul className={styles.list} aria-labelledby={`${id}-mine`}>
            {views.map((v) => (
              <li key={v.id}>
                <Link
                  href={v.href}
                  title={v.href}
                  onClick={() => detailsRef.current?.removeAttribute('open')}
                >
                  {v.name}
                </Link>
                <span className={styles.path}>{v.path}</span>
                <button
                  type="button"
                  className={bar.textButton}
                  aria-label={`Remove the view ${v.name}`}
                  onClick={() => void remove(v)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}

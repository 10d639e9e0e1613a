'use client';
/**
 * A picker's full list of values, asked for when it is first opened: the page renders only the
 * largest few (DIMENSION_PREVIEW), the rest (up to 200, most orders first) come from `source`;
 * a search in a list still cut short asks `source` for every value that matches.
 */
import { useEffect, useState } from 'react';
import type { DimensionOption } from './types';

/** A dimension's values as /api/dimensions answers them (all, or those matching a search). */
async function fetchValues(url: string, signal?: AbortSignal) {
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal });
  if (!response.ok) throw new Error(String(response.status));
  return (await response.json()) as { values: DimensionOption[]; distinct: number };
}

type AllValues =
  | { status: 'idle' | 'loading' | 'failed'; for: string }
  | { status: 'loaded'; for: string; values: DimensionOption[]; distinct: number };

/** The values to show and a `load` to call when the picker opens. */
export function useAllValues(options: DimensionOption[], distinct?: number, source?: string) {
  // A new page (another data version) renders another preview: what was loaded for the old one
  // is dropped rather than mixed in.
  const preview = options.map((o) => `${o.value}\u0000${o.orders}`).join('\u0001');
  const [all, setAll] = useState<AllValues>({ status: 'idle', for: preview });
  const current = all.for === preview ? all : ({ status: 'idle', for: preview } as const);
  const more = !!source && distinct !== undefined && distinct > options.length;

  async function load() {
    if (!more || !source || current.status === 'loading' || current.status === 'loaded') return;
    setAll({ status: 'loading', for: preview });
    try {
      const body = await fetchValues(source);
      setAll({ status: 'loaded', for: preview, values: body.values, distinct: body.distinct });
    } catch {
      setAll({ status: 'failed', for: preview });
    }
  }

  return current.status === 'loaded'
    ? { options: current.values, distinct: current.distinct, status: current.status, load }
    : { options, distinct, status: more ? current.status : ('loaded' as const), load };
}

/** Wait this long after a keystroke before asking the server. */
const SEARCH_DELAY_MS = 250;

interface Found {
  needle: string;
  values: DimensionOption[];
  /** Values that match in the data, when more than those listed. */
  matches: number;
}

/** Every value matching `needle`, asked of `source` when `cut` says the list in hand is partial. */
export function useServerSearch(source: string | undefined, needle: string, cut: boolean) {
  const [found, setFound] = useState<Found | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  useEffect(() => {
    if (!cut || !source || !needle) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setPending(needle);
      fetchValues(`${source}?search=${encodeURIComponent(needle)}`, controller.signal)
        .then((body) => setFound({ needle, values: body.values, matches: body.distinct }))
        // Aborted by the next keystroke, or failed: the matches in hand stay shown.
        .catch(() => undefined)
        .finally(() => setPending((p) => (p === needle ? null : p)));
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [source, needle, cut]);
  return {
    found: found?.needle === needle ? found : null,
    searching: pending === needle,
  };
}

'use client';
/**
 * A picker's full list of values, asked for when it is first opened: the page renders only the
 * largest few (DIMENSION_PREVIEW), the rest (up to 200, most orders first) come from `source`.
 */
import { useState } from 'react';
import type { DimensionOption } from './types';

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
      const response = await fetch(source, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { values: DimensionOption[]; distinct: number };
      setAll({ status: 'loaded', for: preview, values: body.values, distinct: body.distinct });
    } catch {
      setAll({ status: 'failed', for: preview });
    }
  }

  return current.status === 'loaded'
    ? { options: current.values, distinct: current.distinct, status: current.status, load }
    : { options, distinct, status: more ? current.status : ('loaded' as const), load };
}

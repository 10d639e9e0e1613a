import { useMemo, useSyncExternalStore } from 'react';

const columnsKey = (mode: string) => `orderlens.orders.columns.${mode}`;
const columnsEvent = 'orderlens:orders-columns';

function subscribeColumns(callback: () => void) {
  window.addEventListener('storage', callback);
  window.addEventListener(columnsEvent, callback);
  return () => {
    window.removeEventListener('storage', callback);
    window.removeEventListener(columnsEvent, callback);
  };
}

/** The column choice of this browser for a kind of list, or null for the defaults. */
export function useStoredColumns(mode: string): [string[] | null, (ids: string[] | null) => void] {
  const raw = useSyncExternalStore(
    subscribeColumns,
    () => window.localStorage.getItem(columnsKey(mode)),
    () => null,
  );
  const stored = useMemo(() => {
    if (!raw) return null;
    try {
      const value: unknown = JSON.parse(raw);
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
    } catch {
      return null;
    }
  }, [raw]);
  const store = (ids: string[] | null) => {
    if (ids) window.localStorage.setItem(columnsKey(mode), JSON.stringify(ids));
    else window.localStorage.removeItem(columnsKey(mode));
    window.dispatchEvent(new Event(columnsEvent));
  };
  return [stored, store];
}

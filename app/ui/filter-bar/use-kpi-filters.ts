import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useOptimistic, useTransition } from 'react';
import type { ParsedKpiQuery } from '@/lib/kpi/filters';
import { searchStringKeeping } from '../search-params';

type Filters = ParsedKpiQuery['filters'];

/**
 * A KPI query kept in the URL: every change is a new history entry at once (the page re-renders
 * on the server) and shows optimistically meanwhile, so Back undoes the last change rather than
 * leave the page. Only deliberate changes reach here (a chip toggled, a preset picked, a date once
 * typing pauses), so Back steps through them and not through keystrokes. A page's own keys (a
 * report's organisation…) stay.
 */
export function useKpiFilters(query: ParsedKpiQuery) {
  const router = useRouter();
  const pathname = usePathname();
  const current = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [view, setView] = useOptimistic(query);

  function apply(next: ParsedKpiQuery) {
    startTransition(() => {
      setView(next);
      router.push(`${pathname}${searchStringKeeping(next, current)}`, { scroll: false });
    });
  }

  /** Merge filters into the view's; an empty list or undefined removes a filter. */
  function setFilters(patch: Partial<Filters>) {
    const merged = { ...view.filters, ...patch };
    for (const key of Object.keys(merged) as (keyof Filters)[]) {
      const value = merged[key];
      if (value === undefined || (Array.isArray(value) && value.length === 0)) delete merged[key];
    }
    apply({ ...view, filters: merged });
  }

  return { view, pending, apply, setFilters };
}

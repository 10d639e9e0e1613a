import Link from 'next/link';
import type { ScorecardEntry } from '@/lib/kpi/scorecard';

/** The components of a product KPI (an index), each linked with the same filters. */
export function ComponentLinks({ entry, search }: { entry: ScorecardEntry; search: string }) {
  return (
    <>
      {(entry.components ?? []).map((c, i) => (
        <span key={c.kpi}>
          {i > 0 && ', '}
          <Link href={`/kpis/${c.kpi}${search}`}>{c.name}</Link>
        </span>
      ))}
    </>
  );
}

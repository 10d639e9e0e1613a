/** Words the "why it moved" panels share: which periods they compare, and why those. */
import { rangeText } from '@/lib/delivery/deliver';
import type { CompareKind } from '@/lib/kpi/explain-change';
import type { SearchParams } from '@/app/ui/search-params';
import { kpiQueryFromSearchParams } from '@/app/ui/search-params';

export { rangeText };

interface Compared {
  compare: CompareKind;
  defaulted: boolean;
  previous: { from: string; to: string };
  current: { from: string; to: string };
}

/** The comparison the page's address asks for: previous unless it says last_year. */
export function compareOf(search: SearchParams): { compare: CompareKind; asked: boolean } {
  const asked = kpiQueryFromSearchParams(search).query.compare;
  return { compare: asked === 'last_year' ? 'last_year' : 'previous', asked: !!asked };
}

/** "February 2024 against January 2024, the period before of the same length (…)". */
export function comparedText(r: Compared, asked: boolean): string {
  const now = rangeText(r.current.from, r.current.to);
  const before = rangeText(r.previous.from, r.previous.to);
  const kind = r.compare === 'last_year' ? 'the same period a year earlier' : 'the period before';
  const why = r.defaulted
    ? ' No period is chosen, so this is the last complete month in the data.'
    : '';
  const how = asked
    ? ''
    : ' No comparison is chosen, so it is the period before of the same length.';
  return `${now} against ${before}, ${kind}.${why}${how}`;
}

/** The shell's parts that read the data: the demo banner and the filter bar (one query, shared). */
import type { Filters, ParsedKpiQuery } from '@/lib/kpi/filters';
import { DemoBanner } from '../demo-banner';
import { KpiFilterBar } from '../filter-bar';
import { loadFilterContext } from './data';

export async function DemoNotice({ filters }: { filters: Filters }) {
  const context = await loadFilterContext(filters);
  return context.isDemo ? <DemoBanner /> : null;
}

export async function PageFilterBar({
  query,
  dimensions = true,
}: {
  query: ParsedKpiQuery;
  dimensions?: boolean;
}) {
  const context = await loadFilterContext(query.filters);
  return (
    <KpiFilterBar
      query={query}
      options={context.options}
      dataSpan={context.span}
      matching={context.matching}
      showCompare={false}
      showDimensions={dimensions}
    />
  );
}

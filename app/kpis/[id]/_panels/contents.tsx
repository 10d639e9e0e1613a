import type { KpiDefinition } from '@/lib/semantic/kpi';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { countWordOf, isDuration } from './view';

/** Links to the page's panels; which panels it has follows from the KPI and the role alone. */
export function Contents({ definition, drills }: { definition: KpiDefinition; drills: boolean }) {
  const duration = isDuration(definition);
  return (
    <nav aria-label="On this page" className={shared.toc}>
      <a href="#definition">Definition</a>
      <a href="#benchmarks">Benchmarks</a>
      {!!definition.practices?.length && <a href="#practices">How to improve it</a>}
      <a href="#trend">Trend</a>
      <a href="#breakdown">Breakdown</a>
      {duration && <a href="#distribution">Distribution</a>}
      <a href="#coverage">Coverage</a>
      {drills && (
        <a href="#orders">
          {duration ? 'Slowest' : 'Failed'} {countWordOf(definition)}
        </a>
      )}
    </nav>
  );
}

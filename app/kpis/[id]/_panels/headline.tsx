import { formatCount, formatKpiValue } from '@/app/ui/charts/units';
import { BasisNote } from '@/app/ui/kpi-card';
import { loadBandSets } from '@/app/ui/kpi-pages/data';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { countWordOf, kpiEntry, type KpiView } from './view';
import { TargetCard, BenchmarkCard } from './headline-cards';

/** The value, how many rows it counts, its target and its best benchmark placement. */
export async function HeadlinePanel({ view }: { view: KpiView }) {
  const [entry, sets] = await Promise.all([kpiEntry(view), loadBandSets(view.definition.id)]);
  const countWord = countWordOf(view.definition);
  return (
    <section aria-label="Headline" className={shared.stats}>
      <div className="card">
        <div className="stat-label">Value</div>
        <div className={`stat-value ${shared.big}`}>
          {entry.available ? formatKpiValue(entry.value, entry.unit) : '—'}
        </div>
        <div className="stat-note">
          {entry.available
            ? `${entry.direction === 'higher' ? '↑ higher' : '↓ lower'} is better`
            : `Unavailable: ${entry.unavailableReason}`}
        </div>
        {entry.available && entry.basis !== 'measured' && <BasisNote entry={entry} />}
      </div>
      <div className="card" title={countedTitle(view)}>
        <div className="stat-label">Counted</div>
        <div className="stat-value">{formatCount(entry.n)}</div>
        <div className="stat-note">
          {countWord} by {view.definition.asOfLabel}
          {entry.excluded.length > 0 &&
            ` · ${formatCount(entry.excluded.reduce((s, e) => s + e.count, 0))} left out`}
        </div>
      </div>
      <TargetCard entry={entry} />
      <BenchmarkCard entry={entry} hasSets={sets.length > 0} />
    </section>
  );
}

/**
 * Why this count can differ from the filter bar's "orders placed in this view": the bar dates
 * orders by when they were placed, a KPI by its own as-of date.
 */
export const countedTitle = (view: KpiView) =>
  `Counted by ${view.definition.asOfLabel}: the period selects what this KPI counts by that date, ` +
  'while the filter bar counts the orders placed (by order date), so the two can differ.';

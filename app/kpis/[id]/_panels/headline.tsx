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
      <div className="card">
        <div className="stat-label">Counted</div>
        <div className="stat-value">{formatCount(entry.n)}</div>
        <div className="stat-note">
          {countWord}
          {entry.excluded.length > 0 &&
            ` · ${formatCount(entry.excluded.reduce((s, e) => s + e.count, 0))} left out`}
        </div>
      </div>
      <TargetCard entry={entry} />
      <BenchmarkCard entry={entry} hasSets={sets.length > 0} />
    </section>
  );
}

import Link from 'next/link';
import type { Filters } from '@/lib/kpi/filters';
import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import { formatCount, formatKpiValue, formatPercent } from '@/app/ui/charts/units';
import { loadReturnReasons } from '@/app/ui/kpi-pages/data';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import styles from '../page.module.css';
import { errorCategories, returnKpis } from './data';

/** The three returns KPIs and the share of return lines that are fulfilment errors. */
export async function HeadlinePanel({ filters }: { filters: Filters }) {
  const [[orderRate, unitRate, processing], reasons] = await Promise.all([
    returnKpis(filters),
    loadReturnReasons(filters),
  ]);
  const errors = reasons.byCategory
    .filter((r) => r.reason !== null && errorCategories.has(r.reason))
    .reduce((s, r) => s + r.count, 0);
  const d = processing.distribution;
  return (
    <section aria-label="Headline figures" className={shared.stats}>
      <KpiStat entry={orderRate} note={rateNote(orderRate, 'orders returned')} />
      <KpiStat entry={unitRate} note={rateNote(unitRate, 'units returned')} />
      <KpiStat
        entry={processing}
        note={
          d
            ? `median ${formatKpiValue(d.median, 'days')} · p90 ${formatKpiValue(d.p90, 'days')}`
            : ''
        }
      />
      <div className="card">
        <div className="stat-label">Fulfilment errors</div>
        <div className="stat-value">
          {reasons.total ? formatPercent((100 * errors) / reasons.total) : '—'}
        </div>
        <div className="stat-note">
          {formatCount(errors)} of {formatCount(reasons.total)} return lines: damaged, wrong item or
          quantity, documentation
        </div>
      </div>
    </section>
  );
}

function KpiStat({ entry, note }: { entry: ScorecardEntry; note: string }) {
  const placement = entry.placements[0];
  return (
    <div className="card">
      <div className="stat-label">
        <Link href={`/kpis/${entry.id}`} className={styles.statLink}>
          {entry.name}
        </Link>
      </div>
      <div className="stat-value">
        {entry.available ? formatKpiValue(entry.value, entry.unit) : '—'}
      </div>
      <div className="stat-note">
        {entry.available ? note : `Unavailable: ${entry.unavailableReason}`}
      </div>
      <div className="stat-note">
        {placement
          ? `${placement.band} · ${placement.source.source} ${placement.source.edition}`
          : 'No published band'}
        {entry.target?.status && ` · target ${entry.target.status.replace('_', ' ')}`}
      </div>
    </div>
  );
}

function rateNote(entry: ScorecardEntry, what: string): string {
  if (entry.numerator === null || entry.denominator === null) return '';
  return `${formatCount(entry.numerator)} of ${formatCount(entry.denominator)} ${what}`;
}

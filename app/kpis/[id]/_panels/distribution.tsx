import { Histogram } from '@/app/ui/charts/histogram';
import { StageBar } from '@/app/ui/charts/stage-bar';
import { formatKpiValue } from '@/app/ui/charts/units';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { StageMedians } from '@/app/ui/kpi-pages/stage-medians';
import styles from '../page.module.css';
import { countWordOf, kpiEntry, type KpiView } from './view';

/** A duration's percentiles, its histogram and, where recorded, the time of each stage. */
export async function DistributionPanel({ view }: { view: KpiView }) {
  const entry = await kpiEntry(view);
  const distribution = entry.distribution;
  if (!distribution) return null;
  const countWord = countWordOf(view.definition);
  const figures = [
    ['Mean', distribution.mean],
    ['Median (p50)', distribution.median],
    ['p90', distribution.p90],
    ['p95', distribution.p95],
    ['Fastest', distribution.min],
    ['Slowest', distribution.max],
  ] as const;
  return (
    <section className="panel" id="distribution" aria-labelledby="distribution-h">
      <h2 id="distribution-h">Distribution</h2>
      <dl className={shared.percentiles}>
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatKpiValue(value, entry.unit)}</dd>
          </div>
        ))}
      </dl>
      <Histogram
        title={`${entry.name}: ${countWord} by duration`}
        unit={entry.unit}
        distribution={distribution}
        countWord={countWord}
      />
      {entry.stages && (
        <div className={styles.stages}>
          <StageBar title="Where the time goes, stage by stage" stages={entry.stages} />
          <StageMedians stages={entry.stages} />
        </div>
      )}
    </section>
  );
}

import type { Filters } from '@/lib/kpi/filters';
import type { Stage } from '@/lib/kpi/types';
import { StageBar } from '@/app/ui/charts/stage-bar';
import { formatCount, formatKpiValue } from '@/app/ui/charts/units';
import styles from '../page.module.css';
import { cycleTime } from './data';

const stageNames: Record<Stage['stage'], string> = {
  entry: 'Entry',
  release: 'Release',
  ship: 'Pick, pack & ship',
  delivery: 'Delivery',
};

/** Where the time goes: each stage's mean and median hours, then delivery after the cycle ends. */
export async function StagesPanel({ filters }: { filters: Filters }) {
  const kpi = await cycleTime(filters);
  if (!kpi.available) return null;
  const stages = kpi.stages ?? [];
  return (
    <section className="panel" aria-labelledby="stages-h">
      <h2 id="stages-h">Where the time goes</h2>
      <ol className={styles.steps}>
        {stages.map((s, i) => (
          <li key={s.stage} className={s.stage === 'delivery' ? styles.stepAfter : styles.step}>
            <span className={styles.stepName}>
              {i + 1}. {stageNames[s.stage]}
            </span>
            <span className={styles.stepValue}>{formatKpiValue(s.meanHours, 'hours')}</span>
            <span className={styles.stepNote}>
              mean · median {formatKpiValue(s.medianHours, 'hours')}
            </span>
            <span className={styles.stepNote}>
              {s.label}
              {s.stage === 'delivery' ? ' (after the cycle time ends)' : ''} · {formatCount(s.n)}{' '}
              orders
            </span>
          </li>
        ))}
      </ol>
      <StageBar title="Stage hours, mean and median" stages={stages} />
    </section>
  );
}

import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import { formatKpiValue } from '@/app/ui/charts/units';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import styles from '../page.module.css';

const statusWords = {
  on_track: '✓ on track',
  at_risk: '! at risk',
  off_track: '✗ off track',
} as const;

/** The cycle time's target, its status and how far the value is from it. */
export function TargetLine({ entry }: { entry: ScorecardEntry }) {
  if (!entry.target) return <p className={shared.note}>No target is set for the cycle time.</p>;
  const { target, status } = entry.target;
  const gap = entry.value !== null ? entry.value - target.value : null;
  return (
    <p className={styles.target}>
      <strong>Target {formatKpiValue(target.value, 'hours')}</strong>:{' '}
      {status ? statusWords[status] : 'no value to judge'}
      {gap !== null && gap > 0 && ` — ${formatKpiValue(gap, 'hours')} faster needed to meet it`}
      {gap !== null && gap <= 0 && ` — ${formatKpiValue(-gap, 'hours')} inside it`}
    </p>
  );
}

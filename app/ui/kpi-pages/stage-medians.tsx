import type { CycleStages } from '@/lib/kpi/types';
import { stageNames } from '../charts/stage-names';
import { formatKpiValue } from '../charts/units';
import styles from './kpi-pages.module.css';

/**
 * The median of each stage, apart from the stacked means: the median order of one stage is not
 * the median order of the next, so medians do not add up to the median cycle time.
 */
export function StageMedians({ stages }: { stages: CycleStages }) {
  if (stages.orders === 0) return null;
  return (
    <div className={styles.stageMedians}>
      <table>
        <caption>Median hours per stage (they do not add up)</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col" className="num">
              Median
            </th>
          </tr>
        </thead>
        <tbody>
          {stages.inCycle.map((s) => (
            <tr key={s.stage}>
              <th scope="row" className="row-head">
                {stageNames[s.stage]}
              </th>
              <td className="num">{formatKpiValue(s.medianHours, 'hours')}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" className="row-head">
              Cycle time, order → final shipment
            </th>
            <td className="num">{formatKpiValue(stages.cycleMedianHours, 'hours')}</td>
          </tr>
          <tr>
            <th scope="row" className="row-head">
              Delivery, after the cycle
            </th>
            <td className="num">{formatKpiValue(stages.delivery.medianHours, 'hours')}</td>
          </tr>
        </tbody>
      </table>
      <p className={styles.note}>
        Half the orders take less than the median in each stage, but not the same half: the stage
        medians add up to {formatKpiValue(sumOf(stages), 'hours')}, not to the median cycle time of{' '}
        {formatKpiValue(stages.cycleMedianHours, 'hours')}. Only the means add up.
      </p>
    </div>
  );
}

const sumOf = (stages: CycleStages) =>
  stages.inCycle.reduce((sum, s) => sum + (s.medianHours ?? 0), 0);

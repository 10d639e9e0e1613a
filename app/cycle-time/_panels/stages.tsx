import type { Filters } from '@/lib/kpi/filters';
import { StageBar } from '@/app/ui/charts/stage-bar';
import { formatCount, formatKpiValue } from '@/app/ui/charts/units';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { StageMedians } from '@/app/ui/kpi-pages/stage-medians';
import { cycleTime } from './data';

/**
 * Where the time goes: the stage means stacked into the mean cycle time, delivery after the cycle
 * ends, and the stage medians apart.
 */
export async function StagesPanel({ filters }: { filters: Filters }) {
  const kpi = await cycleTime(filters);
  if (!kpi.available || !kpi.stages) return null;
  const stages = kpi.stages;
  return (
    <section className="panel" aria-labelledby="stages-h">
      <h2 id="stages-h">Where the time goes</h2>
      <p className={shared.note}>
        {stages.orders === stages.counted
          ? `All ${formatCount(stages.orders)} orders counted have every timestamp of the cycle (order, entry in the ERP, release, final shipment) in that order, so the stage means add up to the mean cycle time.`
          : `Every stage is measured on the same orders, the ${formatCount(stages.orders)} of the ${formatCount(stages.counted)} counted that have every timestamp of the cycle (order, entry in the ERP, release, final shipment) in that order, so the stage means add up to their mean cycle time, ${formatKpiValue(stages.cycleMeanHours, 'hours')} (all orders counted: ${formatKpiValue(kpi.value, 'hours')}).`}{' '}
        Delivery follows on a row of its own: it begins when the cycle has ended.
      </p>
      <StageBar title="Mean hours per stage, then delivery" stages={stages} />
      <StageMedians stages={stages} />
    </section>
  );
}

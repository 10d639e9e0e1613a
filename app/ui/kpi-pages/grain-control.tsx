import { grains, type Grain } from '@/lib/kpi/filters';
import type { SearchParams } from '../search-params';
import { grainLabels } from './labels';
import { QueryForm } from './query-form';

/** The period a trend is drawn by (day … year): a GET form on `grain` that keeps the rest of the address. */
export function GrainControl({
  action,
  params,
  grain,
}: {
  action: string;
  params: SearchParams;
  grain: Grain;
}) {
  return (
    <QueryForm
      action={action}
      params={params}
      controls={[
        {
          name: 'grain',
          label: 'Period',
          value: grain,
          options: grains.map((g) => ({ value: g, label: grainLabels[g] })),
        },
      ]}
    />
  );
}

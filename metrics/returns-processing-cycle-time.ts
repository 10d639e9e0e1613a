import { defineKpi } from '@/lib/semantic/kpi';
import { returnStageSpan } from './shared/presets';
import { practices } from './practices/returns-processing-cycle-time';

/** Days from receiving a return to crediting it. */
export const returnsProcessingCycleTime = defineKpi({
  id: 'returns_processing_cycle_time',
  name: 'Returns processing cycle time',
  definition:
    'For credited returns of non-cancelled orders: credited date − return received date, in days. Returns not yet credited are counted as excluded.',
  standard: 'Practitioner definition (no standards body defines it)',
  variant: 'return level, mean days, received to credited',
  ...returnStageSpan('return_ts', 'credited_ts', 'credit date'),
  practices,
});

import { defineKpi } from '@/lib/kpi/define';

/** Days from receiving a return to crediting it. */
export const returnsProcessingCycleTime = defineKpi({
  id: 'returns_processing_cycle_time',
  name: 'Returns processing cycle time',
  definition:
    'For credited returns of non-cancelled orders: credited date − return received date, in days. Returns not yet credited are counted as excluded.',
  standard: 'Practitioner definition (no standards body defines it)',
  variant: 'return level, mean days, received to credited',
  unit: 'days',
  direction: 'lower',
  kind: 'duration',
  grain: 'return',
  base: 'kpi_return_facts',
  asOf: 'credited_ts',
  asOfLabel: 'credit date',
  population: 'true',
  // A return whose order is not loaded has no cancelled flag: keep it.
  exclusions: [{ when: 'coalesce(cancelled, false)', reason: 'return of a cancelled order' }],
  value: 'epoch(credited_ts - return_ts) / 86400',
  failure: 'false',
  needs: ['returns.return_ts', 'returns.credited_ts'],
});

import { defineKpi } from '@/lib/semantic/kpi';
import { always, daysBetween, isTrue, never } from '@/lib/semantic/expr';
import { practices } from './practices/returns-processing-cycle-time';

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
  details: ['distribution'],
  counts: 'return',
  base: 'kpi_return_facts',
  asOf: 'credited_ts',
  asOfLabel: 'credit date',
  population: always,
  // A return whose order is not loaded has no cancelled flag: keep it.
  exclusions: [{ when: isTrue('cancelled'), reason: 'return of a cancelled order' }],
  value: daysBetween('return_ts', 'credited_ts'),
  failure: never,
  needs: ['returns.return_ts', 'returns.credited_ts'],
  // A return's time is one span (received → credited): its value column says it all.
  explain: {
    fields: ['reason_code', 'return_ts', 'credited_ts'],
    reason: () => null,
  },
  practices,
});

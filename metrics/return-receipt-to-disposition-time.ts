import { defineKpi } from '@/lib/semantic/kpi';
import { returnStageSpan } from './shared/presets';
import { practices } from './practices/return-receipt-to-disposition-time';

/** Days from receiving a return to deciding what happens to the goods. */
export const returnReceiptToDispositionTime = defineKpi({
  id: 'return_receipt_to_disposition_time',
  name: 'Return receipt-to-disposition time',
  definition:
    'For returns of non-cancelled orders with a disposition date: disposition date − return received date, in days. Returns without a disposition yet are counted as excluded.',
  standard: 'Practitioner definition (no standards body defines it)',
  variant: 'return level, mean days, received to disposition decided',
  ...returnStageSpan('return_ts', 'disposition_ts', 'disposition date', 'disposition'),
  practices,
});

import { defineKpi } from '@/lib/semantic/kpi';
import { returnStageSpan } from './shared/presets';
import { practices } from './practices/return-authorisation-to-receipt-time';

/** Days from authorising a return (issuing the RMA) to receiving the goods. */
export const returnAuthorisationToReceiptTime = defineKpi({
  id: 'return_authorisation_to_receipt_time',
  name: 'Return authorisation-to-receipt time',
  definition:
    'For received returns of non-cancelled orders with an authorisation date: return received date − return authorised (RMA issued) date, in days. Returns without an authorisation date are counted as excluded.',
  standard: 'Practitioner definition (no standards body defines it)',
  variant: 'return level, mean days, authorised to received',
  ...returnStageSpan('authorised_ts', 'return_ts', 'return receipt date'),
  practices,
});

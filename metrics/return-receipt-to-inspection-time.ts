import { defineKpi } from '@/lib/semantic/kpi';
import { returnStageSpan } from './shared/presets';
import { practices } from './practices/return-receipt-to-inspection-time';

/** Days from receiving a return to inspecting it. */
export const returnReceiptToInspectionTime = defineKpi({
  id: 'return_receipt_to_inspection_time',
  name: 'Return receipt-to-inspection time',
  definition:
    'For inspected returns of non-cancelled orders: inspection date − return received date, in days. Returns not yet inspected are counted as excluded.',
  standard: 'Practitioner definition (no standards body defines it)',
  variant: 'return level, mean days, received to inspected',
  ...returnStageSpan('return_ts', 'inspected_ts', 'inspection date'),
  practices,
});

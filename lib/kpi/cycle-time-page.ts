/**
 * The cycle time page's KPI and the dimensions it breaks the KPI down by: read by the page
 * (app/cycle-time), by the stage explanation (explain-change.ts) and by the warm-up after each
 * change (warm.ts), so the three cannot drift apart.
 */
import type { Dimension } from './filters';

export const CYCLE_TIME_KPI = 'order_shipment_cycle_time';

export const CYCLE_TIME_BREAKDOWNS: readonly Dimension[] = [
  'site',
  'carrier',
  'channel',
  'ship_mode',
];

/** The KPI catalogue: one file per KPI, in the order the scorecard shows them. */
import type { KpiDefinition } from '@/lib/kpi/define';
import { orderFillRate } from './order-fill-rate';
import { orderShipmentCycleTime } from './order-shipment-cycle-time';
import { returnRate } from './return-rate';

export const kpiCatalogue: KpiDefinition[] = [orderShipmentCycleTime, orderFillRate, returnRate];

/** The semantic layer: the fact tables, and one file per KPI in the order the scorecard shows them. */
import { defineCatalogue } from '@/lib/semantic/catalogue';
import { backorderRate } from './backorder-rate';
import { cancellationRate } from './cancellation-rate';
import { costPerOrder } from './cost-per-order';
import { orderFacts } from './facts/order-facts';
import { returnFacts } from './facts/return-facts';
import { damageFreeRate } from './damage-free-rate';
import { documentationAccuracy } from './documentation-accuracy';
import { lineFillRate } from './line-fill-rate';
import { onTimeDeliveryRate } from './on-time-delivery-rate';
import { onTimeShipmentRate } from './on-time-shipment-rate';
import { onTimeToRequestRate } from './on-time-to-request-rate';
import { orderAccuracy } from './order-accuracy';
import { orderEntryCycleTime } from './order-entry-cycle-time';
import { orderFillRate } from './order-fill-rate';
import { orderReleaseCycleTime } from './order-release-cycle-time';
import { orderShipmentCycleTime } from './order-shipment-cycle-time';
import { orderShipmentCycleTimeWorkingDays } from './order-shipment-cycle-time-working-days';
import { orderToDeliveryCycleTime } from './order-to-delivery-cycle-time';
import { orderToDeliveryCycleTimeWorkingDays } from './order-to-delivery-cycle-time-working-days';
import { ordersPerFte } from './orders-per-fte';
import { perfectOrderIndex } from './perfect-order-index';
import { perfectOrderRate } from './perfect-order-rate';
import { releaseToShipCycleTime } from './release-to-ship-cycle-time';
import { returnRate } from './return-rate';
import { returnsProcessingCycleTime } from './returns-processing-cycle-time';
import { returnAuthorisationToReceiptTime } from './return-authorisation-to-receipt-time';
import { returnReceiptToInspectionTime } from './return-receipt-to-inspection-time';
import { returnReceiptToDispositionTime } from './return-receipt-to-disposition-time';
import { restockRate } from './restock-rate';
import { splitShipmentRate } from './split-shipment-rate';
import { unitFillRate } from './unit-fill-rate';
import { unitReturnRate } from './unit-return-rate';

export const catalogue = defineCatalogue({
  facts: [orderFacts, returnFacts],
  kpis: [
    // Core KPIs
    orderShipmentCycleTime,
    orderFillRate,
    lineFillRate,
    unitFillRate,
    returnRate,
    unitReturnRate,
    orderAccuracy,
    // Further KPIs
    orderShipmentCycleTimeWorkingDays,
    orderToDeliveryCycleTime,
    orderToDeliveryCycleTimeWorkingDays,
    orderEntryCycleTime,
    orderReleaseCycleTime,
    releaseToShipCycleTime,
    onTimeShipmentRate,
    onTimeDeliveryRate,
    onTimeToRequestRate,
    damageFreeRate,
    documentationAccuracy,
    perfectOrderIndex,
    perfectOrderRate,
    backorderRate,
    splitShipmentRate,
    cancellationRate,
    returnsProcessingCycleTime,
    returnAuthorisationToReceiptTime,
    returnReceiptToInspectionTime,
    returnReceiptToDispositionTime,
    restockRate,
    ordersPerFte,
    costPerOrder,
  ],
});

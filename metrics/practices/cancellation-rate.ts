/** How to see fewer orders cancelled: sell only what is in stock, ship on time, know the reasons. */
import type { Practice } from '@/lib/semantic/kpi';
import { amazonLateShipment, walmartSellerStandards } from './sources';

export const practices: Practice[] = [
  {
    title: 'Offer only stock you can ship',
    what: 'Keep the available stock shown in every sales channel in step with the warehouse, several times a day, and stop selling an item before its last units are gone.',
    why: 'Orders for stock that is not there are cancelled by the seller; channels that show only real stock do not take them.',
    start:
      'List last month’s cancellations for no stock by channel, and check how often each channel’s stock is updated.',
    measure: 'Cancellation rate for out-of-stock reasons, per channel.',
    sources: [walmartSellerStandards, amazonLateShipment],
  },
  {
    title: 'Record why each order was cancelled and who asked',
    what: 'Give each cancellation a reason and say whether the customer or you cancelled, and review the seller-caused ones every week.',
    why: 'Customer-caused and seller-caused cancellations need different fixes, and marketplaces count only the ones you cause.',
    start:
      'Add a required reason to the cancellation step, map existing statuses to reasons, and review the seller-caused ones weekly.',
    measure: 'Cancellation rate split by who cancelled and why.',
    sources: [walmartSellerStandards],
  },
  {
    title: 'Ship before the customer gives up',
    what: 'Treat old unshipped orders as cancellations in waiting: tell the customer a firm date, and ship the oldest first.',
    why: 'Customers cancel orders that do not ship; keeping the promised ship date removes that reason.',
    start:
      'Compare cancellation dates with promised ship dates to see how many cancellations followed a late order.',
    measure: 'Cancellation rate, and on-time shipment rate.',
    sources: [amazonLateShipment],
  },
];

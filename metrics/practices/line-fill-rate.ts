/** How to fill more lines on the first shipment: allocation, replenishment, substitutes, segments. */
import type { Practice } from '@/lib/semantic/kpi';
import {
  inventoryManagement,
  oracleOrderPromising,
  orderPickingReview,
  worldClassWarehousing,
  wercDcMeasures,
} from './sources';

export const practices: Practice[] = [
  {
    title: 'Reserve stock for a line when the order is confirmed',
    what: 'Allocate stock to each line as soon as the order is confirmed, so that a later order, a transfer or a different channel cannot take the units the line was promised.',
    why: 'Lines go short when the same units are promised twice; a reservation at confirmation keeps the promise that the availability check made.',
    start:
      'Check whether your ERP reserves at order entry or only at pick release; where it reserves late, turn on allocation at entry for one channel and compare its line fill rate.',
    measure:
      'Line fill rate of that channel, and the number of lines short although stock was available when the order was entered.',
    sources: [oracleOrderPromising, inventoryManagement],
  },
  {
    title: 'Replenish pick faces before they run empty',
    what: 'Give each pick face a minimum and maximum, trigger replenishment from reserve storage when it falls below the minimum, and do the moves before the next wave is released.',
    why: 'A line can be short in the pick face while the stock sits in reserve a few metres away; timely replenishment turns those into filled lines.',
    start:
      'List last month’s short lines where the site had stock in reserve; set minimums for those SKUs from a day’s usage and schedule replenishment ahead of each wave.',
    measure:
      'Line fill rate, and short picks per thousand lines where the warehouse system records them.',
    sources: [worldClassWarehousing, orderPickingReview],
  },
  {
    title: 'Agree approved substitutes with customers',
    what: 'Keep, per customer or product family, a list of substitutes the customer accepts (another pack size, a successor product), and offer them when a line cannot be filled.',
    why: 'A substitute the customer accepted in advance fills the line instead of leaving it open.',
    start:
      'Start with the product families that are short most often, agree substitutes with the customers who order them, and record the acceptance in the customer master.',
    measure: 'Line fill rate and the share of short lines filled with a substitute.',
    sources: [wercDcMeasures],
  },
  {
    title: 'Set service targets by SKU segment',
    what: 'Segment SKUs by volume and by how predictable their demand is, and set a higher target for the lines customers order most, with stock and planning effort to match.',
    why: 'Line fill rate counts every line equally, so the frequently ordered SKUs weigh most; protecting them moves the rate more than spreading stock evenly.',
    start:
      'Rank SKUs by order lines in the last year, mark the top group, and review whether their reorder points support the higher target.',
    measure: 'Line fill rate overall and for the top segment, month by month.',
    sources: [inventoryManagement],
  },
];

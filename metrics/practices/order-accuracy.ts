/** How to ship more orders without a fulfilment error: scans, weights, slotting, root causes, labels. */
import type { Practice } from '@/lib/semantic/kpi';
import {
  gs1LogisticLabel,
  orderPickingReview,
  wercDcMeasures,
  worldClassWarehousing,
  learningToSee,
} from './sources';

export const practices: Practice[] = [
  {
    title: 'Scan to confirm every pick',
    what: 'Have the picker scan the location and the item (or its barcode on the case) for each line, and the quantity where it is counted, with the system refusing a wrong item.',
    why: 'Most wrong-item errors happen at the pick face; a scan check stops them before the order is packed.',
    start:
      'Check which pick zones still confirm picks on paper or by a key press, and put scan confirmation in the zone with the most wrong-item returns first.',
    measure: 'Order accuracy, wrong-item returns, and mis-picks found at packing.',
    sources: [worldClassWarehousing, wercDcMeasures],
  },
  {
    title: 'Check the weight of each order at pack-out',
    what: 'Weigh each packed parcel and compare it with the weight expected from its lines; stop and recheck parcels outside the tolerance.',
    why: 'A missing, extra or wrong item changes the weight; the check catches quantity errors that a scan at the pick face can miss.',
    start:
      'Make sure item weights are in the item master for the products shipped most, then add the check at one packing station and set the tolerance from a week of data.',
    measure: 'Order accuracy, wrong-quantity returns, and parcels stopped by the check.',
    sources: [worldClassWarehousing],
  },
  {
    title: 'Keep look-alike items apart in the pick area',
    what: 'Do not slot products that look alike (sizes, colours, versions of the same item) next to each other; separate them and label their locations clearly.',
    why: 'Neighbouring look-alikes are a classic source of wrong-item picks, even for careful pickers.',
    start:
      'From wrong-item returns, list which item was shipped instead of which, find the pairs that sit next to each other, and reslot them.',
    measure: 'Wrong-item returns for the reslotted products, and order accuracy.',
    sources: [orderPickingReview, worldClassWarehousing],
  },
  {
    title: 'Trace every error to its cause and feed it back',
    what: 'Record each fulfilment error with its type, the site, the step (pick, pack, label, carrier) and the cause, review them weekly with the people who do the work, and fix the process step.',
    why: 'Errors repeat where the process allows them; fixing the step removes the error for good, which retraining alone does not.',
    start:
      'Use the failed orders on this KPI’s page to start a weekly list of errors by step and cause; pick one cause per week and remove it.',
    measure: 'Order accuracy, and the number of errors per cause over time.',
    sources: [learningToSee, wercDcMeasures],
  },
  {
    title: 'Print labels and documents from the order data',
    what: 'Generate shipping labels, packing lists and carrier documents from the order and the packing scans, following a labelling standard, instead of writing or retyping them.',
    why: 'Retyped documents carry errors; documents produced from the scanned contents match what is in the box.',
    start:
      'List where a person still writes or types a label or packing list, and replace the most used one with a system-printed document.',
    measure: 'Documentation errors and order accuracy.',
    sources: [gs1LogisticLabel],
  },
];

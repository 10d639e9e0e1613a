/** How to ship more orders with correct documents: system-generated documents, standard labels, customer requirements. */
import type { Practice } from '@/lib/semantic/kpi';
import { gs1LogisticLabel, scor, x12OrderSets } from './sources';

export const practices: Practice[] = [
  {
    title: 'Generate documents and ship notices from the packing scans',
    what: 'Produce the packing list, labels and the advance ship notice from what was scanned into each carton, so the documents describe the shipment as packed.',
    why: 'Documents written from the order rather than from the carton go wrong whenever the two differ; documents from the scans match the goods.',
    start:
      'For the customers who receive ship notices, compare a sample of notices with the cartons received, and switch the notice to scanned contents where they differ.',
    measure: 'Correct documentation rate, and customer ship-notice discrepancies.',
    sources: [x12OrderSets, gs1LogisticLabel],
  },
  {
    title: 'Use standard logistic labels and check them before dispatch',
    what: 'Label each carton or pallet with a standard logistic label carrying a serial shipping container code, and check label readability at dispatch.',
    why: 'A standard, readable label links the unit to its ship notice at the customer’s dock; unreadable or non-standard labels are the most common documentation complaint.',
    start:
      'Ask your largest customers for their label and routing requirements, compare them with what you print, and fix the differences for the top customer first.',
    measure: 'Correct documentation rate per customer, and labelling chargebacks.',
    sources: [gs1LogisticLabel, scor],
  },
];

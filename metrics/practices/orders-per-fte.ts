/** How to handle more orders per person: orders that arrive electronically and pass untouched. */
import type { Practice } from '@/lib/semantic/kpi';
import { apqcPcf, x12OrderSets, learningToSee } from './sources';

export const practices: Practice[] = [
  {
    title: 'Move high-volume customers to electronic ordering',
    what: 'Bring the customers who order most often onto EDI, a portal or a connected web shop, so that their orders need no typing.',
    why: 'Typing orders is the largest manual task of order management; every order that arrives electronically frees time for the ones that need a person.',
    start:
      'Rank customers by orders received by e-mail, fax or phone, and offer electronic ordering to the top of the list.',
    measure: 'Orders per order-management FTE, and the share of orders received electronically.',
    sources: [x12OrderSets, apqcPcf],
  },
  {
    title: 'Count and remove the touches per order',
    what: 'Count how many times a person touches an order between receipt and shipment (corrections, holds, calls), and remove the most frequent touch with a rule, a data fix or a system check.',
    why: 'Each touch is work that does not scale; fewer touches per order let the same team handle more orders.',
    start:
      'Sample fifty orders, list every manual step each needed, and pick the most frequent one to automate this quarter.',
    measure: 'Orders per order-management FTE, and touches per order.',
    sources: [learningToSee, apqcPcf],
  },
];

/** How to ship more orders without damage: packaging tested for transit, damage tracked by carrier. */
import type { Practice } from '@/lib/semantic/kpi';
import { istaAmazonSioc, scor, worldClassWarehousing } from './sources';

export const practices: Practice[] = [
  {
    title: 'Test packaging against a transit test procedure',
    what: 'Test the packs of fragile and often damaged products to a published transit test (drops, vibration, compression) and change the ones that fail.',
    why: 'A pack that passes a realistic test survives the parcel network more often, so fewer orders arrive damaged.',
    start:
      'Rank products by damaged shipments and damage returns, and have the top few tested by an ISTA-certified laboratory.',
    measure: 'Orders shipped damage-free, and damage returns of the tested products.',
    sources: [istaAmazonSioc],
  },
  {
    title: 'Track damage by carrier, lane and packing station',
    what: 'Record each damaged shipment with its carrier, lane, pack type and packing station, file claims, and take the pattern to the carrier or the station concerned.',
    why: 'Damage concentrates on a few carriers, lanes or stations; finding them shows where a change pays.',
    start:
      'Break this KPI down by carrier and by site on this page, and review the worst combinations with the carrier and the site.',
    measure: 'Orders shipped damage-free per carrier and site.',
    sources: [scor, worldClassWarehousing],
  },
];

/**
 * Master data for generated extracts: sites, carriers, SKUs, customers and return reason codes.
 * Pure. The parameters give each site and carrier its own performance so that KPI comparisons
 * across them show real differences in a demo.
 */
import type { ReasonCategory } from '@/lib/model/canonical';
import { Rng, WeightedPicker, pickWeighted } from './random';

export type ShipMode = 'standard' | 'express' | 'freight';
export const regions = ['North', 'South', 'East', 'West'] as const;
export type Region = (typeof regions)[number];
export const channels = ['edi', 'web', 'email', 'phone', 'sales_rep', 'marketplace'] as const;
export type Channel = (typeof channels)[number];

export interface Site {
  name: string;
  /** Probability that a released order waits 1+ extra working days (capacity backlog). */
  backlogRate: number;
  backlogMaxDays: number;
  /** Probability that a line is short on stock at the first shipment. */
  backorderRate: number;
  /** Per-line probability of a picking error (wrong item or quantity), seen through returns. */
  pickErrorRate: number;
  /** Per-shipment probability of a documentation error. */
  docErrorRate: number;
  /** Median working days from return receipt to credit note. */
  creditDays: number;
}

export const sites: readonly Site[] = [
  {
    name: 'DC-North',
    backlogRate: 0.03,
    backlogMaxDays: 1,
    backorderRate: 0.022,
    pickErrorRate: 0.003,
    docErrorRate: 0.004,
    creditDays: 2,
  },
  {
    name: 'DC-South',
    backlogRate: 0.18,
    backlogMaxDays: 3,
    backorderRate: 0.05,
    pickErrorRate: 0.008,
    docErrorRate: 0.011,
    creditDays: 5,
  },
  {
    name: 'DC-West',
    backlogRate: 0.14,
    backlogMaxDays: 2,
    backorderRate: 0.033,
    pickErrorRate: 0.005,
    docErrorRate: 0.006,
    creditDays: 3,
  },
];
/** DC-West has a rough month (a warehouse-system go-live) in the fifth month of the period. */
export const incident = { site: 'DC-West', monthIndex: 4, backlogRate: 0.55 } as const;

export interface Carrier {
  name: string;
  damageRate: number;
  /** Probability that a shipment arrives 1–3 working days after its planned transit time. */
  delayRate: number;
  transitDays: Partial<Record<ShipMode, number>>;
}

const carrier = (
  name: string,
  damageRate: number,
  delayRate: number,
  transitDays: Carrier['transitDays'],
) => ({ name, damageRate, delayRate, transitDays });
const dhl = carrier('DHL', 0.008, 0.03, { standard: 2, express: 1, freight: 4 });
const ups = carrier('UPS', 0.007, 0.03, { standard: 2, express: 1 });
const dpd = carrier('DPD', 0.014, 0.07, { standard: 2 });
const fedex = carrier('FedEx', 0.009, 0.05, { standard: 3, express: 1 });
const ownFleet = carrier('Own fleet', 0.016, 0.09, { standard: 1, freight: 3 });
export const carriers: readonly Carrier[] = [dhl, ups, dpd, fedex, ownFleet];

/** Which carriers offer which mode, with their share of the volume. */
export const carriersByMode: Record<ShipMode, WeightedPicker<Carrier>> = {
  standard: WeightedPicker.fromTable([
    [dhl, 0.35],
    [ups, 0.2],
    [dpd, 0.3],
    [fedex, 0.05],
    [ownFleet, 0.1],
  ]),
  express: WeightedPicker.fromTable([
    [dhl, 0.35],
    [ups, 0.35],
    [fedex, 0.3],
  ]),
  freight: WeightedPicker.fromTable([
    [ownFleet, 0.6],
    [dhl, 0.4],
  ]),
};

/** Raw return reason codes as an ERP would export them, and the canonical category of each. */
export const reasonCodeCategories: Record<string, ReasonCategory> = {
  DMG: 'damaged',
  TRN: 'damaged',
  WRI: 'wrong_item',
  WRQ: 'wrong_quantity',
  DOC: 'documentation',
  DEF: 'defective',
  LATE: 'late_delivery',
  CUST: 'customer_choice',
  NLN: 'customer_choice',
  OTH: 'other',
};

/** Lines per order, 1–8, mean 2.5. */
export const lineCounts = WeightedPicker.fromTable([
  [1, 0.36],
  [2, 0.26],
  [3, 0.16],
  [4, 0.09],
  [5, 0.06],
  [6, 0.03],
  [7, 0.02],
  [8, 0.02],
]);

export interface Sku {
  code: string;
  priceCents: number;
  /** Typical quantity per line: cheap items are ordered by the dozen, expensive ones singly. */
  typicalQty: number;
}

export interface Customer {
  id: string;
  region: Region;
  site: Site;
  channel: Channel;
  /** Customer group: key accounts, online or trade (from rank and channel, no random draw). */
  group: string;
  /** Multiplies line quantities: the big accounts order more per line. */
  size: number;
  creditHoldRate: number;
  /** Share of this customer's orders that carry a requested delivery date. */
  requestRate: number;
  /** Typical working days between order and requested delivery (small = demanding). */
  requestLeadDays: number;
}

export interface Catalogue {
  skus: WeightedPicker<Sku>;
  customers: WeightedPicker<Customer>;
}

const siteByRegion = (region: Region, rng: Rng): Site => {
  const [north, south, west] = sites as [Site, Site, Site];
  if (rng.chance(0.05)) return rng.pick(sites); // a few accounts are served cross-country
  if (region === 'North') return north;
  if (region === 'South') return south;
  if (region === 'West') return west;
  return rng.chance(0.6) ? north : south;
};

function buildSkus(rng: Rng, count: number): WeightedPicker<Sku> {
  const skus: Sku[] = [];
  for (let i = 1; i <= count; i++) {
    const priceCents = Math.round(Math.min(95_000, Math.max(150, rng.logNormal(2_500, 1))));
    const typicalQty = Math.max(1, Math.round(60 / Math.sqrt(priceCents / 100)));
    skus.push({ code: `SKU-${String(i).padStart(5, '0')}`, priceCents, typicalQty });
  }
  // Popularity follows a Zipf law over a shuffled ranking, so SKU-00001 is not always the bestseller.
  const ranks = skus.map((_, i) => i + 1);
  for (let i = ranks.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [ranks[i], ranks[j]] = [ranks[j] as number, ranks[i] as number];
  }
  return new WeightedPicker(
    skus,
    ranks.map((rank) => 1 / rank ** 0.8),
  );
}

/** Derived, not drawn: the random stream, and so every other generated value, stays as it was. */
const customerGroupOf = (big: boolean, channel: Channel) =>
  big ? 'Key accounts' : channel === 'web' || channel === 'marketplace' ? 'Online' : 'Trade';

function buildCustomer(rng: Rng, rank: number): Customer {
  const big = rank <= 25;
  const region = pickWeighted(rng, [
    ['North', 0.3],
    ['South', 0.25],
    ['East', 0.25],
    ['West', 0.2],
  ] as const);
  const channel: Channel = big
    ? pickWeighted(rng, [
        ['edi', 0.75],
        ['sales_rep', 0.15],
        ['email', 0.1],
      ] as const)
    : pickWeighted(rng, [
        ['web', 0.3],
        ['email', 0.18],
        ['phone', 0.15],
        ['sales_rep', 0.1],
        ['marketplace', 0.17],
        ['edi', 0.1],
      ] as const);
  return {
    id: `CUST-${String(rank).padStart(5, '0')}`,
    region,
    site: siteByRegion(region, rng),
    channel,
    group: customerGroupOf(big, channel),
    size: big ? rng.logNormal(3, 0.3) : rng.logNormal(1, 0.4),
    creditHoldRate: rng.chance(0.15) ? 0.2 : 0.02,
    requestRate: channel === 'edi' ? 0.95 : rng.chance(0.6) ? 0.85 : 0.3,
    requestLeadDays: rng.int(1, 8),
  };
}

/** Build SKUs and customers from the seed (independent of the order count). */
export function buildCatalogue(seed: number, skuCount = 400, customerCount = 500): Catalogue {
  const rng = new Rng(seed ^ 0x5bd1e995);
  const skus = buildSkus(rng, skuCount);
  const list = Array.from({ length: customerCount }, (_, i) => buildCustomer(rng, i + 1));
  // Skewed demand: the top accounts place a large share of the orders.
  const customers = new WeightedPicker(
    list,
    list.map((_, i) => 1 / (i + 1) ** 0.85),
  );
  return { skus, customers };
}

/**
 * The functions of order management a team belongs to, and what a team's rules may match on. Pure
 * data, so the /org forms in the browser offer the same choices the server checks.
 */
export const teamFunctions = [
  'order_entry',
  'credit',
  'customer_service',
  'returns',
  'fulfilment_coordination',
  'other',
] as const;
export type TeamFunction = (typeof teamFunctions)[number];

export const functionLabels: Record<TeamFunction, string> = {
  order_entry: 'Order entry',
  credit: 'Credit',
  customer_service: 'Customer service',
  returns: 'Returns',
  fulfilment_coordination: 'Fulfilment coordination',
  other: 'Other',
};

/** The order dimensions a rule matches; a return is matched on the dimensions of its order. */
export const ruleDimensions = ['site', 'channel', 'customer_group', 'region'] as const;
export type RuleDimension = (typeof ruleDimensions)[number];

export const dimensionLabels: Record<RuleDimension, string> = {
  site: 'Site',
  channel: 'Channel',
  customer_group: 'Customer group',
  region: 'Region',
};

/** What a function's work is counted in: the returns team handles returns, the others orders. */
export type Workload = 'orders' | 'returns';
export const workloadOf = (fn: TeamFunction): Workload => (fn === 'returns' ? 'returns' : 'orders');

/** A rule's priority when none is given: after any a user numbered below it. */
export const DEFAULT_PRIORITY = 100;

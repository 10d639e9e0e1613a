import type { Dimension, Grain } from '@/lib/kpi/filters';

export const dimensionLabels: Record<Dimension, string> = {
  site: 'Site',
  channel: 'Channel',
  customer: 'Customer',
  region: 'Region',
  carrier: 'Carrier',
  ship_mode: 'Ship mode',
};

export const grainLabels: Record<Grain, string> = {
  day: 'Day',
  week: 'Week',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
};

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

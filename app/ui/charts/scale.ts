/** The chart scales live in lib/ so the report charts use the same axes as the pages. */
export * from '@/lib/format/chart-scale';

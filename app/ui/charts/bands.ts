/** Band shapes live in lib/ so the report charts draw the same bands as the pages. */
export * from '@/lib/benchmarks/chart-bands';

/** Dimension and grain labels live in lib/ so the reports name them as the pages do. */
export * from '@/lib/format/labels';

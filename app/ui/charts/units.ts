/** Chart formatting lives in lib/ so the report renderers print values exactly as the pages do. */
export * from '@/lib/format/units';

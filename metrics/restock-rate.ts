import { defineKpi, type FactRow } from '@/lib/semantic/kpi';
import { always, count, countWhere, isNull, isTrue, not } from '@/lib/semantic/expr';
import { practices } from './practices/restock-rate';

/** How a return that was not restocked ended, in words. */
const OTHER_DISPOSITIONS: Record<string, string> = {
  refurbish: 'Sent to refurbishment, not restocked as it came',
  scrap: 'Scrapped',
  return_to_vendor: 'Returned to the vendor',
};

function notRestocked(row: FactRow): string | null {
  const disposition = typeof row.disposition === 'string' ? row.disposition : '';
  return OTHER_DISPOSITIONS[disposition] ?? null;
}

/** Share of returns with a disposition whose goods went back into sellable stock. */
export const restockRate = defineKpi({
  id: 'restock_rate',
  name: 'Restock rate',
  definition:
    'Returns of non-cancelled orders whose disposition is restock ÷ returns of non-cancelled orders with a disposition (restock, refurbish, scrap or return to vendor). Returns without a disposition yet are counted as excluded.',
  standard: 'Practitioner definition (no standards body defines it)',
  variant: 'return level, by disposition, as of the return receipt date',
  unit: 'percent',
  direction: 'higher',
  kind: 'ratio',
  counts: 'return',
  base: 'kpi_return_facts',
  // The receipt date, not the disposition date: extracts record it far more often.
  asOf: 'return_ts',
  asOfLabel: 'return receipt date',
  population: always,
  exclusions: [
    { when: isTrue('cancelled'), reason: 'return of a cancelled order' },
    { when: isNull('disposition'), reason: 'no disposition recorded' },
  ],
  numerator: countWhere(isTrue('restocked')),
  denominator: count(),
  failure: not(isTrue('restocked')),
  needs: ['returns.disposition'],
  explain: {
    fields: ['disposition', 'reason_code', 'disposition_ts'],
    reason: notRestocked,
  },
  practices,
});

/**
 * The band sets Orderlens ships: only the publicly confirmed figures of
 * /work/shared/reference/benchmarks.md. Imported statically so the bundler includes them, and
 * validated at import so a broken file fails the build and the tests, not a user's page.
 */
import apqcPerfectOrder from '@/data/benchmarks/apqc-2016-perfect-order.json';
import opsdogPerfectOrder from '@/data/benchmarks/opsdog-perfect-customer-order-rate.json';
import wercDamageFree from '@/data/benchmarks/werc-2020-damage-free.json';
import wercDocumentation from '@/data/benchmarks/werc-2020-documentation-accuracy.json';
import wercOnTimeDelivery from '@/data/benchmarks/werc-2020-on-time-delivery.json';
import wercOnTimeShipment from '@/data/benchmarks/werc-2020-on-time-shipment.json';
import wercOrderAccuracy from '@/data/benchmarks/werc-2020-order-accuracy.json';
import wercOrderFill from '@/data/benchmarks/werc-2020-order-fill-rate.json';
import { bandSetSchema, issueLines, type BandSet } from './schema';

const files: Record<string, unknown> = {
  'werc-2020-order-accuracy.json': wercOrderAccuracy,
  'werc-2020-on-time-shipment.json': wercOnTimeShipment,
  'werc-2020-on-time-delivery.json': wercOnTimeDelivery,
  'werc-2020-order-fill-rate.json': wercOrderFill,
  'werc-2020-damage-free.json': wercDamageFree,
  'werc-2020-documentation-accuracy.json': wercDocumentation,
  'apqc-2016-perfect-order.json': apqcPerfectOrder,
  'opsdog-perfect-customer-order-rate.json': opsdogPerfectOrder,
};

/** Validate every shipped file; throws with every problem of every file at once. */
export function loadShipped(sources: Record<string, unknown>): BandSet[] {
  const problems: string[] = [];
  const sets: BandSet[] = [];
  for (const [file, json] of Object.entries(sources)) {
    const result = bandSetSchema.safeParse(json);
    if (!result.success) {
      problems.push(...issueLines(result.error.issues).map((line) => `${file}: ${line}`));
    } else if (result.data.origin !== 'shipped') {
      problems.push(`${file}: origin: a shipped band set says "shipped"`);
    } else if (sets.some((s) => s.id === result.data.id)) {
      problems.push(`${file}: id: "${result.data.id}" is used by another shipped file`);
    } else sets.push(result.data);
  }
  if (problems.length) throw new Error(`Invalid shipped band sets:\n${problems.join('\n')}`);
  return sets;
}

export const shippedBandSets: readonly BandSet[] = Object.freeze(loadShipped(files));

export function shippedBandSet(id: string): BandSet | undefined {
  return shippedBandSets.find((s) => s.id === id);
}

/**
 * The band sets Orderlens ships: only the publicly confirmed figures of
 * /work/shared/reference/benchmarks.md (the confirmed figures and the further figures checked
 * December 2026). Imported statically so the bundler includes them, and validated at import so a
 * broken file fails the build and the tests, not a user's page.
 */
import amazonCancelRate from '@/data/benchmarks/amazon-cancel-rate.json';
import amazonLateShipment from '@/data/benchmarks/amazon-late-shipment-rate.json';
import apqcPerfectOrder from '@/data/benchmarks/apqc-2016-perfect-order.json';
import fcbcoOrderFill from '@/data/benchmarks/fcbco-order-fill-rate-by-category.json';
import kurtSalmon2012Delivery from '@/data/benchmarks/kurt-salmon-2012-order-to-delivery.json';
import kurtSalmon2014Shipment from '@/data/benchmarks/kurt-salmon-2014-order-shipment.json';
import kurtSalmon2015Delivery from '@/data/benchmarks/kurt-salmon-2015-order-to-delivery.json';
import nrfReturnRate from '@/data/benchmarks/nrf-2022-return-rate.json';
import opsdogBackorder from '@/data/benchmarks/opsdog-customer-backorder-rate.json';
import opsdogPerfectOrder from '@/data/benchmarks/opsdog-perfect-customer-order-rate.json';
import postiShipment from '@/data/benchmarks/posti-2019-order-shipment.json';
import postiDelivery from '@/data/benchmarks/posti-2019-order-to-delivery.json';
import prtmOnTimeToRequest from '@/data/benchmarks/prtm-2000-on-time-to-request.json';
import sccOnTimeDelivery from '@/data/benchmarks/scc-2013-on-time-delivery-truckload.json';
import stellaReturns from '@/data/benchmarks/stellaservice-2014-returns-processing.json';
import walmartCancelRate from '@/data/benchmarks/walmart-cancel-rate.json';
import walmartOnTimeDelivery from '@/data/benchmarks/walmart-on-time-delivery.json';
import wercDamageFree from '@/data/benchmarks/werc-2020-damage-free.json';
import wercDocumentation from '@/data/benchmarks/werc-2020-documentation-accuracy.json';
import wercOnTimeDelivery from '@/data/benchmarks/werc-2020-on-time-delivery.json';
import wercOnTimeShipment from '@/data/benchmarks/werc-2020-on-time-shipment.json';
import wercOrderAccuracy from '@/data/benchmarks/werc-2020-order-accuracy.json';
import wercOrderFill from '@/data/benchmarks/werc-2020-order-fill-rate.json';
import etailingGroup2003OrderToDelivery from '@/data/benchmarks/etailing-group-2003-order-to-delivery.json';
import etailingGroup2009OrderToDelivery from '@/data/benchmarks/etailing-group-2009-order-to-delivery.json';
import etailingGroup2014OrderToDelivery from '@/data/benchmarks/etailing-group-2014-order-to-delivery.json';
import innotrac2011OrderToDelivery from '@/data/benchmarks/innotrac-2011-order-to-delivery.json';
import innotrac2011ReturnsProcessing from '@/data/benchmarks/innotrac-2011-returns-processing.json';
import stellaserviceTop252014ReturnsProcessing from '@/data/benchmarks/stellaservice-top25-2014-returns-processing.json';
import nrf2023ReturnRate from '@/data/benchmarks/nrf-2023-return-rate.json';
import nrf2024ReturnRate from '@/data/benchmarks/nrf-2024-return-rate.json';
import walmartOtif2024PrepaidOnTime from '@/data/benchmarks/walmart-otif-2024-prepaid-on-time.json';
import walmartOtif2024CollectReady from '@/data/benchmarks/walmart-otif-2024-collect-ready.json';
import walmartOtif2024InFull from '@/data/benchmarks/walmart-otif-2024-in-full.json';
import { lineOf } from '@/lib/errors';
import { bandSetProblems, bandSetSchema, type BandSet } from './schema';

const files: Record<string, unknown> = {
  'werc-2020-order-accuracy.json': wercOrderAccuracy,
  'werc-2020-on-time-shipment.json': wercOnTimeShipment,
  'werc-2020-on-time-delivery.json': wercOnTimeDelivery,
  'werc-2020-order-fill-rate.json': wercOrderFill,
  'werc-2020-damage-free.json': wercDamageFree,
  'werc-2020-documentation-accuracy.json': wercDocumentation,
  'apqc-2016-perfect-order.json': apqcPerfectOrder,
  'opsdog-perfect-customer-order-rate.json': opsdogPerfectOrder,
  // After the confirmed figures, so each KPI's first set (the report's chart) stays as it was.
  'scc-2013-on-time-delivery-truckload.json': sccOnTimeDelivery,
  'opsdog-customer-backorder-rate.json': opsdogBackorder,
  'prtm-2000-on-time-to-request.json': prtmOnTimeToRequest,
  'kurt-salmon-2012-order-to-delivery.json': kurtSalmon2012Delivery,
  'kurt-salmon-2015-order-to-delivery.json': kurtSalmon2015Delivery,
  'posti-2019-order-to-delivery.json': postiDelivery,
  'posti-2019-order-shipment.json': postiShipment,
  'kurt-salmon-2014-order-shipment.json': kurtSalmon2014Shipment,
  'nrf-2022-return-rate.json': nrfReturnRate,
  'stellaservice-2014-returns-processing.json': stellaReturns,
  'amazon-late-shipment-rate.json': amazonLateShipment,
  'amazon-cancel-rate.json': amazonCancelRate,
  'walmart-on-time-delivery.json': walmartOnTimeDelivery,
  'walmart-cancel-rate.json': walmartCancelRate,
  'fcbco-order-fill-rate-by-category.json': fcbcoOrderFill,
  'etailing-group-2003-order-to-delivery.json': etailingGroup2003OrderToDelivery,
  'etailing-group-2009-order-to-delivery.json': etailingGroup2009OrderToDelivery,
  'etailing-group-2014-order-to-delivery.json': etailingGroup2014OrderToDelivery,
  'innotrac-2011-order-to-delivery.json': innotrac2011OrderToDelivery,
  'innotrac-2011-returns-processing.json': innotrac2011ReturnsProcessing,
  'stellaservice-top25-2014-returns-processing.json': stellaserviceTop252014ReturnsProcessing,
  'nrf-2023-return-rate.json': nrf2023ReturnRate,
  'nrf-2024-return-rate.json': nrf2024ReturnRate,
  'walmart-otif-2024-prepaid-on-time.json': walmartOtif2024PrepaidOnTime,
  'walmart-otif-2024-collect-ready.json': walmartOtif2024CollectReady,
  'walmart-otif-2024-in-full.json': walmartOtif2024InFull,
};

/** Validate every shipped file; throws with every problem of every file at once. */
export function loadShipped(sources: Record<string, unknown>): BandSet[] {
  const problems: string[] = [];
  const sets: BandSet[] = [];
  for (const [file, json] of Object.entries(sources)) {
    const result = bandSetSchema.safeParse(json);
    if (!result.success) {
      problems.push(...bandSetProblems(result.error.issues).map((p) => `${file}: ${lineOf(p)}`));
    } else if (result.data.origin !== 'shipped') {
      problems.push(`${file}: origin: a shipped band set says "shipped"`);
    } else if (!result.data.kind) {
      // Only imports may leave the kind unsaid (read as a survey); what we ship we have read.
      problems.push(`${file}: kind: a shipped band set states its kind`);
    } else if (sets.some((s) => s.id === result.data.id)) {
      problems.push(`${file}: id: "${result.data.id}" is used by another shipped file`);
    } else sets.push(result.data);
  }
  if (problems.length) throw new Error(`Invalid shipped band sets:\n${problems.join('\n')}`);
  return sets;
}

let shipped: readonly BandSet[] | undefined;

/**
 * The band sets Orderlens ships, validated once against the engine's catalogue on first use (the
 * composition root asks at start-up, so a broken file stops the server, not a page).
 */
export function shippedBandSets(): readonly BandSet[] {
  shipped ??= Object.freeze(loadShipped(files));
  return shipped;
}

export function shippedBandSet(id: string): BandSet | undefined {
  return shippedBandSets().find((s) => s.id === id);
}

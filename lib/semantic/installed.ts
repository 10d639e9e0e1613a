/**
 * The catalogue this process serves. The composition root (runtime/engine.ts) installs it once, by
 * creating the engine; the engine's modules, and the benchmarks that validate band sets against
 * its KPIs, read it here, so that nothing in lib/ imports metrics/.
 */
import type { Catalogue } from './catalogue';

let installed: Catalogue | undefined;

export function installCatalogue(catalogue: Catalogue): void {
  installed = catalogue;
}

export function installedCatalogue(): Catalogue {
  if (!installed)
    throw new Error('No KPI catalogue installed: create the engine first (runtime/engine.ts).');
  return installed;
}

/**
 * The composition root of the KPI engine: the semantic layer (metrics/) given to the engine
 * (lib/kpi). App pages, routes, the CLI and the tests take the engine from here.
 */
import { createKpiEngine } from '@/lib/kpi/engine';
import { catalogue } from '@/metrics';

export const engine = createKpiEngine(catalogue);

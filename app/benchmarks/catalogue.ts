/** The KPI catalogue as the benchmarks page shows it: names, choices for the forms, figures. */
import { engine } from '@/runtime/engine';
import { formatPublishedFigure, isKpiUnit } from '../ui/format';
import type { KpiChoice } from '../ui/forms/form-parts';

export const kpiChoices: KpiChoice[] = engine.catalogue.kpis.map((k) => ({
  id: k.id,
  name: k.name,
  unit: k.unit,
  direction: k.direction,
}));

export const kpiName = (id: string) => engine.catalogue.kpis.find((k) => k.id === id)?.name ?? id;

/** A published or entered figure, as the KPI pages print band figures; bare for an unknown KPI. */
export const figureText = (n: number | null, unit: string): string =>
  n === null
    ? 'not public'
    : isKpiUnit(unit)
      ? formatPublishedFigure(n, unit)
      : formatPublishedFigure(n, null);

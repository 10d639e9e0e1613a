import Link from 'next/link';
import type { KpiDefinition } from '@/lib/semantic/kpi';
import { formatKpiValue } from '@/app/ui/charts/units';
import { DataNeeded } from '@/app/ui/kpi-pages/data-needed';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { capitalise } from '@/app/ui/kpi-pages/labels';
import { describeNeeds } from '@/app/ui/kpi-pages/needs';
import { kpiEntry, type KpiView } from './view';

const countWords: Record<KpiDefinition['counts'], string> = {
  order: 'one row per order',
  line: 'counted over order lines',
  unit: 'counted over units',
  return: 'one row per return line',
};

const unitNames: Record<string, string | undefined> = {
  percent: 'percent',
  hours: 'hours',
  days: 'days',
  orders_per_fte: 'orders per FTE',
  currency_per_order: 'currency per order',
};

const unitName = (unit: string) => unitNames[unit] ?? unit;

/** The KPI's formula, standard, scope, as-of date, the data it needs and its components. */
export async function DefinitionPanel({ view }: { view: KpiView }) {
  const { definition } = view;
  const entry = await kpiEntry(view);
  const excluded = definition.exclusions.map((e) => e.reason).join('; ');
  return (
    <section className="panel" id="definition" aria-labelledby="definition-h">
      <h2 id="definition-h">Definition</h2>
      <dl className={shared.defList}>
        <dt>Formula</dt>
        <dd>{definition.definition}</dd>
        <dt>Standard</dt>
        <dd>{definition.standard}</dd>
        <dt>Variant</dt>
        <dd>{capitalise(definition.variant)}</dd>
        <dt>Counted</dt>
        <dd>
          {capitalise(countWords[definition.counts])};{' '}
          {definition.unit === 'percent' ? 'a percentage' : `in ${unitName(definition.unit)}`},{' '}
          {definition.direction} is better.
          {excluded && <> Left out and counted apart: {excluded}.</>}
        </dd>
        <dt>As of</dt>
        <dd>
          The {entry.asOf}: a value belongs to the period of its {entry.asOf}, and date filters
          apply to it.
        </dd>
        <dt>Data needed</dt>
        <dd>
          <DataNeeded
            needs={describeNeeds(definition.needs)}
            className={shared.needs}
            columnsClassName={shared.columns}
          />
        </dd>
        {entry.components && entry.components.length > 0 && (
          <>
            <dt>Components</dt>
            <dd>
              <ul className={shared.needs}>
                {entry.components.map((c) => (
                  <li key={c.kpi}>
                    <Link href={`/kpis/${c.kpi}`}>{c.name}</Link>
                    {c.value !== null && ` · ${formatKpiValue(c.value, 'percent')}`}
                    {!c.used && <span className="stat-note"> · not used: {c.reason}</span>}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>KPI id</dt>
        <dd>
          <code>{definition.id}</code>
        </dd>
      </dl>
    </section>
  );
}

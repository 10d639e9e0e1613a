import Link from 'next/link';
import type { DrillPage } from '@/lib/kpi/drill';
import { formatCount } from '@/app/ui/charts/units';
import { loadDrill } from '@/app/ui/kpi-pages/data';
import { DrillTable } from '@/app/ui/kpi-pages/drill-table';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { capitalise } from '@/app/ui/kpi-pages/labels';
import { searchStringOf } from '@/app/ui/search-params';
import { countWordOf, hasFailure, isDuration, type KpiView } from './view';

/** The orders (or returns) behind the number: the slowest for a duration, else those that failed. */
export async function OrdersPanel({ view }: { view: KpiView }) {
  const { definition, filters } = view;
  const id = definition.id;
  const duration = isDuration(definition);
  const failing = hasFailure(definition);
  const countWord = countWordOf(definition);
  const drill = await loadDrill(id, {
    filters,
    pageSize: 25,
    ...(duration ? { sort: 'value', direction: 'desc' as const } : { failedOnly: failing }),
  });
  const and = searchStringOf({ filters }).replace('?', '&');
  return (
    <section className="panel" id="orders" aria-labelledby="orders-h">
      <div className={shared.panelHead}>
        <h2 id="orders-h">
          {duration
            ? `The slowest ${countWord}`
            : failing
              ? `The ${countWord} that failed it`
              : capitalise(countWord)}
        </h2>
        <Link
          className={shared.buttonLink}
          href={`/orders?kpi=${id}${duration ? '&sort=value&direction=desc' : '&failed=1'}${and}`}
        >
          {duration
            ? `All ${countWord}, slowest first`
            : `All ${formatCount(drill.failed)} failed ${countWord}`}{' '}
          →
        </Link>
      </div>
      <DrillSummary drill={drill} duration={duration} failing={failing} countWord={countWord} />
      {drill.rows.length > 0 && (
        <DrillTable
          kpiId={id}
          rows={drill.rows}
          caption={
            duration
              ? `The ${drill.rows.length} slowest ${countWord}`
              : `The first ${drill.rows.length} ${countWord} that failed, most recent first`
          }
          unit={duration ? definition.unit : undefined}
          valueLabel="Time"
        />
      )}
    </section>
  );
}

function DrillSummary({
  drill,
  duration,
  failing,
  countWord,
}: {
  drill: DrillPage;
  duration: boolean;
  failing: boolean;
  countWord: string;
}) {
  if (duration)
    return (
      <p className={shared.note}>
        A duration has no pass or fail per {countWord.replace(/s$/, '')}: here are the{' '}
        {drill.rows.length} slowest of {formatCount(drill.total)}, with the timestamps that make up
        their time.
      </p>
    );
  if (!failing)
    return (
      <p className={shared.note}>This KPI has no pass or fail per {countWord.replace(/s$/, '')}.</p>
    );
  if (!drill.total) return <p className={shared.note}>No {countWord} failed it in this range.</p>;
  return (
    <p className={shared.note}>
      {formatCount(drill.total)} {countWord} failed it. The {drill.rows.length} most recent are
      below with the fields that explain why.
    </p>
  );
}

import Link from 'next/link';
import { formatCount, formatPercent } from '@/app/ui/charts/units';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { capitalise } from '@/app/ui/kpi-pages/labels';
import { countedTitle } from './headline';
import { countWordOf, kpiEntry, type KpiView } from './view';

/** How much of the scope the KPI counts, and what it leaves out, by reason. */
export async function CoveragePanel({ view }: { view: KpiView }) {
  const entry = await kpiEntry(view);
  return (
    <section className="panel" id="coverage" aria-labelledby="coverage-h">
      <h2 id="coverage-h">Coverage</h2>
      {entry.available ? (
        <Counted
          entry={entry}
          countWord={countWordOf(view.definition)}
          asOf={view.definition.asOfLabel}
          title={countedTitle(view)}
        />
      ) : (
        <p className={shared.note}>
          Not computed: {entry.unavailableReason}. Load the data it needs on the{' '}
          <Link href="/data">Data</Link> page.
        </p>
      )}
    </section>
  );
}

type Entry = Awaited<ReturnType<typeof kpiEntry>>;

function Counted({
  entry,
  countWord,
  asOf,
  title,
}: {
  entry: Entry;
  countWord: string;
  asOf: string;
  title: string;
}) {
  const left = entry.excluded.reduce((s, e) => s + e.count, 0);
  const scope = entry.n + left;
  return (
    <>
      <p className={shared.note} title={title}>
        {formatCount(entry.n)} {countWord} counted
        {scope > entry.n
          ? ` of ${formatCount(scope)} in scope (${formatPercent((100 * entry.n) / scope)})`
          : ''}
        {entry.numerator !== null && entry.denominator !== null && entry.unit === 'percent'
          ? `; the rate is ${formatCount(entry.numerator)} ÷ ${formatCount(entry.denominator)}`
          : ''}
        .{' '}
        {asOf === 'order date'
          ? 'The period goes by order date, as the filter bar’s count does.'
          : `The period goes by ${asOf.startsWith('each ') ? asOf : `each one’s ${asOf}`}, not by when it was placed (the filter bar’s count).`}
      </p>
      {entry.excluded.length > 0 ? (
        <table className={shared.compactTable}>
          <caption className="visually-hidden">Left out of the KPI, by reason</caption>
          <thead>
            <tr>
              <th scope="col">Left out because</th>
              <th scope="col" className="num">
                {capitalise(countWord)}
              </th>
              <th scope="col" className="num">
                Share of scope
              </th>
            </tr>
          </thead>
          <tbody>
            {entry.excluded.map((e) => (
              <tr key={e.reason}>
                <th scope="row" className="row-head">
                  {capitalise(e.reason)}
                </th>
                <td className="num">{formatCount(e.count)}</td>
                <td className="num">{formatPercent((100 * e.count) / scope)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className={shared.note}>Nothing in scope was left out.</p>
      )}
    </>
  );
}

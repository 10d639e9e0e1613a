/**
 * Each team's orders (returns) per FTE month by month, as a chart with its data table (the chart's
 * own "Data table"), and a month without FTE left as a gap, never drawn as 0.
 */
import { TrendChart } from '@/app/ui/charts/trend-chart';
import type { FunctionFigures, MonthFigures } from '@/lib/org/report';
import styles from '../org.module.css';
import { loadTeamReport, type Period } from './data';

/** A month the range cuts short is drawn apart, as a partial period is on the other pages. */
const isClipped = (m: MonthFigures) => {
  const [y, mo] = m.month.split('-').map(Number) as [number, number];
  return m.days < new Date(Date.UTC(y, mo, 0)).getUTCDate();
};

export async function TrendsPanel({ period }: { period: Period }) {
  const report = await loadTeamReport(period);
  const functions = report.functions.filter((f) => f.teams.length > 0);
  if (!functions.length || !report.months.length) return null;
  return (
    <section className="panel" aria-labelledby="trends-h">
      <h2 id="trends-h">Per FTE, month by month</h2>
      <p className={styles.help}>
        Each team&rsquo;s orders (returns, for the returns team) per FTE, per year, month by month.
        A month without any role in it has no point: its productivity is not known.
      </p>
      {functions.map((fn) => (
        <FunctionTrends key={fn.function} fn={fn} />
      ))}
    </section>
  );
}

function FunctionTrends({ fn }: { fn: FunctionFigures }) {
  const unit = fn.workload === 'returns' ? 'returns' : 'orders';
  return (
    <section aria-labelledby={`trend-${fn.function}`} className={styles.trendGroup}>
      <h3 id={`trend-${fn.function}`}>{fn.label}</h3>
      <div className={styles.trends}>
        {fn.teams.map((t) => (
          <div key={t.team.id}>
            <TrendChart
              title={`${t.team.name}: ${unit} per FTE a year, by month`}
              measure={`${unit} per FTE`}
              unit="orders_per_fte"
              direction="higher"
              grain="month"
              countWord={unit}
              height={220}
              points={t.months.map((m) => ({
                period: `${m.month}-01`,
                value: m.perFte,
                n: m.volume,
                partial: isClipped(m),
              }))}
            />
          </div>
        ))}
      </div>
    </section>
  );
}

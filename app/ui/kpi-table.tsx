import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import { formatCount } from './format';

const unitSuffix: Record<string, string> = {
  percent: ' %',
  hours: ' h',
  days: ' d',
  orders_per_fte: ' orders/FTE',
  currency_per_order: ' per order',
};

export function formatKpiValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  const digits = unit === 'percent' ? 1 : value < 10 ? 2 : 1;
  return `${value.toFixed(digits)}${unitSuffix[unit] ?? ''}`;
}

/** Every KPI with its value, coverage and benchmark placement, as a plain accessible table. */
export function KpiTable({ entries }: { entries: ScorecardEntry[] }) {
  return (
    <table>
      <caption className="stat-label" style={{ textAlign: 'left', paddingBottom: 8 }}>
        All KPIs over all loaded orders; placements name their source and edition.
      </caption>
      <thead>
        <tr>
          <th scope="col">KPI</th>
          <th scope="col" className="num">
            Value
          </th>
          <th scope="col" className="num">
            Orders
          </th>
          <th scope="col">Better</th>
          <th scope="col">Benchmark</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((kpi) => (
          <tr key={kpi.id}>
            <th scope="row" className="row-head">
              {kpi.name}
              <div className="stat-note">{kpi.variant}</div>
            </th>
            <td className="num">{kpi.available ? formatKpiValue(kpi.value, kpi.unit) : '—'}</td>
            <td className="num">{kpi.available ? formatCount(kpi.n) : ''}</td>
            <td className="nowrap">{kpi.direction === 'higher' ? '↑ higher' : '↓ lower'}</td>
            <td>
              {!kpi.available ? (
                <span className="stat-note">Unavailable: {kpi.unavailableReason}</span>
              ) : kpi.placements.length === 0 ? (
                <span className="stat-note">No published band</span>
              ) : (
                kpi.placements.map((p) => (
                  <div key={p.source.setId}>
                    {p.band}
                    <span className="stat-note">
                      {' '}
                      · {p.source.source} {p.source.edition}
                      {p.definitionDiffers ? ' · definition differs' : ''}
                    </span>
                  </div>
                ))
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

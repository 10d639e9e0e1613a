import type { Filters } from '@/lib/kpi/filters';
import { ageBuckets, type BacklogCell } from '@/lib/kpi/returns-backlog';
import { formatCount } from '@/app/ui/charts/units';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import styles from '../page.module.css';
import { loadReturnsBacklog } from './data';

/** "3 returns", "1 unit": a count with its word. */
const counted = (n: number, one: string, many: string) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

const cellText = (c: BacklogCell) =>
  c.count ? `${formatCount(c.count)} (${counted(c.units, 'unit', 'units')})` : '0';

/** The filters as hidden fields, so that choosing a day keeps them (the date range is not used). */
function FilterFields({ filters }: { filters: Filters }) {
  const fields = Object.entries(filters).flatMap(([key, value]) =>
    value === undefined ? [] : [[key, Array.isArray(value) ? value.join(',') : String(value)]],
  );
  return fields.map(([key, value]) => <input key={key} type="hidden" name={key} value={value} />);
}

/**
 * The open returns on a day: stages down, age buckets across, returns and units in each cell, with
 * totals. The day is the `asOf` search parameter, by default the data's last date (said). A stage
 * the extract does not record is a row that says so, not a row of zeros.
 */
export async function BacklogPanel({
  filters,
  asOf,
  problem,
}: {
  filters: Filters;
  asOf?: string;
  problem?: string;
}) {
  const b = await loadReturnsBacklog(filters, asOf);
  return (
    <section className="panel" aria-labelledby="backlog-h">
      <div className={shared.panelHead}>
        <h2 id="backlog-h">Backlog of open returns</h2>
        <form className={shared.form} method="get" action="/returns">
          <FilterFields filters={filters} />
          <label className={shared.control}>
            As of
            <input type="date" name="asOf" defaultValue={b.asOf ?? undefined} />
          </label>
          <button className={shared.button} type="submit">
            Show
          </button>
        </form>
      </div>
      {problem && <p className={`${shared.note} ${shared.problem}`}>{problem}</p>}
      {b.asOf === null ? (
        <p className={shared.note}>No returns are loaded.</p>
      ) : (
        <>
          <p className={shared.note}>
            {counted(b.total.count, 'return', 'returns')} ({counted(b.total.units, 'unit', 'units')}
            ) authorised or received by the end of {b.asOf}
            {b.asOfSource === 'data_end' ? ' (the data’s last date)' : ''} and not credited by then,
            at the stage each was waiting at, by days since authorisation (or receipt, without one).
            The filters apply; the date range does not: the day chooses the returns.
            {b.cancelledOrderReturns > 0 &&
              ` ${counted(b.cancelledOrderReturns, 'open return', 'open returns')} of cancelled orders left out.`}
            {b.unitsUnknown > 0 &&
              ` ${counted(b.unitsUnknown, 'open return has', 'open returns have')} no quantity and add no units.`}
          </p>
          {b.notes.map((note) => (
            <p key={note} className={shared.note}>
              {note}
            </p>
          ))}
          <div className={styles.tableWrap}>
            <table className={styles.backlog}>
              <caption>Open returns as of {b.asOf} by stage and age: returns (units)</caption>
              <thead>
                <tr>
                  <th scope="col">Stage</th>
                  {ageBuckets.map((a) => (
                    <th key={a.id} scope="col" className="num">
                      {a.label}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {b.stages.map((s) => (
                  <tr key={s.stage}>
                    <th scope="row">{s.label}</th>
                    {s.buckets && s.total ? (
                      <>
                        {ageBuckets.map((a) => (
                          <td key={a.id} className="num">
                            {cellText(s.buckets![a.id])}
                          </td>
                        ))}
                        <td className="num">{cellText(s.total)}</td>
                      </>
                    ) : (
                      <td colSpan={ageBuckets.length + 1} className={styles.notRecorded}>
                        Not shown: {s.notRecorded}.
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  {ageBuckets.map((a) => (
                    <td key={a.id} className="num">
                      {cellText(b.bucketTotals[a.id])}
                    </td>
                  ))}
                  <td className="num">{cellText(b.total)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

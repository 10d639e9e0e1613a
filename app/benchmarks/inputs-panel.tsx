/** The FTE and cost section: the figures entered per period and team, and the form to enter them. */
import type { Identity } from '@/lib/auth/access';
import { can } from '@/lib/auth/roles';
import type { listKpiInputs } from '@/lib/kpi/inputs';
import { RoleNote } from '../ui/role-note';
import { DeleteButton } from './forms/delete-button';
import { InputForm } from './forms/input-form';
import styles from './benchmarks.module.css';

type Inputs = Awaited<ReturnType<typeof listKpiInputs>>;

export function InputsPanel({ inputs, identity }: { inputs: Inputs; identity: Identity }) {
  const canEdit = can(identity.role, 'inputs');
  return (
    <section id="inputs" aria-labelledby="inputs-heading" className="panel">
      <h2 id="inputs-heading">FTE and cost</h2>
      <p className={styles.help}>
        Orders per FTE and cost per order need figures no extract holds: the order-management FTEs
        and cost of each period. Only periods that overlap a KPI&rsquo;s date range count. Entering
        the same period and team again replaces its figures.
      </p>
      {inputs.length ? (
        <div className={styles.tableWrap}>
          <table>
            <caption className="visually-hidden">FTE and cost figures</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Team</th>
                <th scope="col" className="num">
                  FTE
                </th>
                <th scope="col" className="num">
                  Cost
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {inputs.map((i) => (
                <tr key={`${String(i.from)}-${String(i.to)}-${String(i.team)}`}>
                  <td className="nowrap">
                    {String(i.from)} – {String(i.to)}
                  </td>
                  <td>
                    {i.team ? String(i.team) : <span className={styles.muted}>Whole team</span>}
                  </td>
                  <td className="num">
                    {typeof i.fte === 'number' ? i.fte.toLocaleString('en-US') : '—'}
                  </td>
                  <td className="num">
                    {typeof i.cost === 'number'
                      ? `${i.cost.toLocaleString('en-US', { maximumFractionDigits: 2 })}${i.currency ? ` ${String(i.currency)}` : ''}`
                      : '—'}
                  </td>
                  <td className={styles.actions}>
                    {canEdit && (
                      <DeleteButton
                        url={`/api/inputs?${new URLSearchParams({ from: String(i.from), to: String(i.to), team: String(i.team ?? '') }).toString()}`}
                        what={`the figures for ${String(i.from)} – ${String(i.to)}${i.team ? ` (${String(i.team)})` : ''}`}
                        label="Delete"
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className={styles.emptyNote}>
          No figures yet, so orders per FTE and cost per order show as unavailable.
        </p>
      )}
      {canEdit ? (
        <>
          <h3 className={styles.formHeading}>Enter figures for a period</h3>
          <InputForm />
        </>
      ) : (
        <RoleNote identity={identity} permission="inputs" />
      )}
    </section>
  );
}

/**
 * The team editor, for those who may enter FTE figures (the permission that guards them): every
 * team with its roles and rules and a way to remove each, and the forms to add a team, a role and
 * a rule.
 */
import { DeleteButton } from '@/app/benchmarks/forms/delete-button';
import { dimensionLabels, functionLabels } from '@/lib/org/functions';
import styles from '../org.module.css';
import { loadOrg } from './data';
import { RoleForm, RuleForm, TeamForm } from './forms';

export async function EditPanel() {
  const org = await loadOrg();
  const teams = org.teams.map((t) => ({ id: t.id, name: t.name }));
  return (
    <section className="panel" aria-labelledby="edit-h" id="edit">
      <h2 id="edit-h">Teams, roles and rules</h2>
      {org.teams.length ? (
        <ul className={styles.editList}>
          {org.teams.map((team) => (
            <li key={team.id}>
              <div className={styles.editRow}>
                <strong>{team.name}</strong>{' '}
                <span className={styles.muted}>{functionLabels[team.function]}</span>
                <DeleteButton
                  url={`/api/teams/${encodeURIComponent(team.id)}`}
                  what={`the team ${team.name} with its roles and rules`}
                  label="Remove"
                />
              </div>
              <ul>
                {org.roles
                  .filter((r) => r.teamId === team.id)
                  .map((r) => (
                    <li key={r.id} className={styles.editRow}>
                      Role: {r.title}, {r.fte} FTE, {r.from} to {r.to}
                      <DeleteButton
                        url={`/api/teams/${encodeURIComponent(team.id)}/roles?role=${encodeURIComponent(r.id)}`}
                        what={`the role ${r.title} (${r.from} to ${r.to})`}
                        label="Remove"
                      />
                    </li>
                  ))}
                {org.rules
                  .filter((r) => r.teamId === team.id)
                  .map((r) => (
                    <li key={r.id} className={styles.editRow}>
                      Rule: {dimensionLabels[r.dimension]} {r.value}, priority {r.priority}
                      <DeleteButton
                        url={`/api/teams/${encodeURIComponent(team.id)}/rules?rule=${encodeURIComponent(r.id)}`}
                        what={`the rule ${dimensionLabels[r.dimension].toLowerCase()} ${r.value}`}
                        label="Remove"
                      />
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.empty}>No teams yet.</p>
      )}
      <h3 className={styles.formHeading}>Add a team</h3>
      <TeamForm teams={teams} />
      {teams.length > 0 && (
        <>
          <h3 className={styles.formHeading}>Add a role</h3>
          <RoleForm teams={teams} />
          <h3 className={styles.formHeading}>Add a rule</h3>
          <p className={styles.help}>
            Within a function, rules are tried by priority, the lowest number first (on equal
            priority, the team whose name sorts first); the first that matches takes the order. A
            team of the function without rules takes the rest; what no team takes is shown as
            unattributed.
          </p>
          <RuleForm teams={teams} />
        </>
      )}
    </section>
  );
}

import type { Identity } from '@/lib/auth/access';
import { PERMISSIONS, ROLE_LABELS, type Permission } from '@/lib/auth/roles';

/** Said where a control would be, when the signed-in role does not have its permission. */
export function RoleNote({ identity, permission }: { identity: Identity; permission: Permission }) {
  return (
    <p className="role-note">
      Your role ({ROLE_LABELS[identity.role]}) does not allow this: {PERMISSIONS[permission]}. An
      admin can change roles.
    </p>
  );
}

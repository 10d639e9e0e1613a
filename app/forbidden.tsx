import Link from 'next/link';
import { currentIdentity } from './session';
import { ROLE_LABELS } from '@/lib/auth/roles';

export default async function Forbidden() {
  const identity = await currentIdentity().catch(() => undefined);
  return (
    <div className="panel">
      <h1>Not allowed</h1>
      <p>
        {identity
          ? `You are signed in as ${identity.username} (${ROLE_LABELS[identity.role]}), and this role cannot open this page.`
          : 'Your role cannot open this page.'}{' '}
        An admin can change your role. Go to the <Link href="/">scorecard</Link>.
      </p>
    </div>
  );
}

import type { Metadata } from 'next';
import { connection } from 'next/server';
import { redirect } from 'next/navigation';
import { countUsers } from '@/lib/auth/users';
import { getServerDatabase } from '@/runtime/database';
import { safeReturnPath } from '@/lib/http/return-path';
import { currentIdentity } from '../session';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const next = safeReturnPath((await searchParams).next);
  if (await currentIdentity()) redirect(next);
  const users = await countUsers(await getServerDatabase());
  return (
    <div className="signin">
      <h1>Sign in</h1>
      {users === 0 ? (
        <div className="panel">
          <p>
            This server listens beyond this computer, so it asks everyone to sign in, and no user
            exists yet. Stop the server and create the first admin:
          </p>
          <pre>
            <code>npx orderlens users add NAME --role admin</code>
          </pre>
          <p>
            It asks for the password (or reads <code>ORDERLENS_NEW_PASSWORD</code>). Then start the
            server again. Running it on <code>HOST=127.0.0.1</code> instead makes it a single-user
            tool on this computer, without sign-in, until an admin adds users.
          </p>
        </div>
      ) : (
        <SignInForm next={next} />
      )}
    </div>
  );
}

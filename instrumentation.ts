// Open the database (and seed the demo data on first start) when the server boots, not on the
// first request; start the scheduler of subscriptions and alerts and the inbox's watcher; on a
// loopback server without users, print the setup code for the first user.
export async function register() {
  if (
    process.env.NEXT_RUNTIME === 'nodejs' &&
    process.env.NEXT_PHASE !== 'phase-production-build'
  ) {
    const { getServerDatabase } = await import('./runtime/database');
    const db = await getServerDatabase();
    const { countUsers } = await import('./lib/auth/users');
    const { isLoopbackHost } = await import('./lib/auth/access');
    const { config } = await import('./lib/config');
    // Scheduled reports and alert checks, once the database is ready: a run missed while the
    // server was down goes out now; alert rules are checked after every committed load.
    if (config().scheduler) {
      const { startScheduler } = await import('./lib/delivery/scheduler');
      startScheduler(db);
    }
    // The inbox folder (ORDERLENS_INBOX or the /data setting) is watched while the server runs;
    // without one the watcher only reads the setting at each poll.
    const { startInboxWatcher } = await import('./lib/inbox/watch');
    startInboxWatcher(db, { workDir: config().workDir, pollMs: config().inboxPollMs });
    if (isLoopbackHost(config().listenHost) && (await countUsers(db)) === 0) {
      const { firstUserSetupCode } = await import('./lib/auth/setup-code');
      console.log(
        `[orderlens] No users yet: this server runs as one local admin. To add the first user on /admin, use the setup code ${firstUserSetupCode()}`,
      );
    }
  }
}

// Open the database (and seed the demo data on first start) when the server boots, not on the
// first request.
export async function register() {
  if (
    process.env.NEXT_RUNTIME === 'nodejs' &&
    process.env.NEXT_PHASE !== 'phase-production-build'
  ) {
    const { getServerDatabase } = await import('./lib/db/server');
    await getServerDatabase();
  }
}

import 'server-only';
/** The ledger from the command line: `orderlens loads` and `orderlens undo`. */
import { DependentLoadsError, listLoads, undoLoad } from '@/lib/ingest/load/ledger';
import { OrderlensError } from '@/lib/errors';
import { reasonOf } from '@/lib/auth/audit';
import { auditCli, openCliDatabase } from './db';
import { parse, UsageError, type Io } from './args';

export async function loadsCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { db: { type: 'string' }, json: { type: 'boolean' } });
  const db = await openCliDatabase(values.db as string | undefined, 'view', undefined, {
    cluster: true,
  });
  const loads = await listLoads(db);
  if (values.json) {
    io.out(JSON.stringify(loads, null, 2));
    return 0;
  }
  if (loads.length === 0) {
    io.out('No loads yet. Load a file with: orderlens ingest FILE');
    return 0;
  }
  io.out('  id  status     target       read   new    upd    rej   file');
  for (const l of loads) {
    io.out(
      `${String(l.loadId).padStart(4)}  ${l.status.padEnd(9)}  ${l.target.padEnd(11)} ${String(l.rowsRead).padStart(6)} ${String(l.rowsInserted).padStart(6)} ${String(l.rowsUpdated).padStart(6)} ${String(l.rowsRejected).padStart(6)}   ${l.fileName}${l.isDemo ? ' (demo)' : ''}${l.engine ? ` → ${l.engine}` : ''}`,
    );
  }
  return 0;
}

export async function undoCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    json: { type: 'boolean' },
    cascade: { type: 'boolean' },
  });
  const id = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(id) || id < 1)
    throw new UsageError('undo takes one LOAD_ID.');
  const db = await openCliDatabase(values.db as string | undefined, 'undo', undefined, {
    cluster: true,
  });
  const cascade = values.cascade === true;
  const result = await undoLoad(db, id, { cascade }).catch(async (error: unknown) => {
    await auditCli(db, {
      action: 'undo',
      outcome: 'failed',
      target: `load ${id}`,
      detail: reasonOf(error),
    });
    if (error instanceof DependentLoadsError)
      throw new OrderlensError(`${error.message} Add --cascade to undo them together.`, error.code);
    throw error;
  });
  const others = result.loads.filter((l) => l !== id);
  await auditCli(db, {
    action: 'undo',
    outcome: 'ok',
    target: `load ${id}`,
    detail: others.length
      ? `with the loads that refer to its orders: ${others.join(', ')}`
      : undefined,
  });
  if (values.json) io.out(JSON.stringify({ status: 'undone', ...result }, null, 2));
  else {
    const summary = Object.keys(result.removed)
      .map((t) => `${t}: ${result.removed[t]} removed, ${result.restored[t]} restored`)
      .join('; ');
    const which = others.length ? `Loads ${result.loads.join(', ')}` : `Load ${id}`;
    io.out(`${which} undone. ${summary}.`);
  }
  return 0;
}

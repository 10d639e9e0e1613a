import 'server-only';
/**
 * The server's scheduler: every 45 seconds it runs the subscriptions whose slot or retry is due,
 * checks the alert rules and retries alert mail that failed; it also checks the rules after each
 * committed load, undo or demo removal. Its first tick comes at once, so a run missed while the
 * server was down goes out at the start. Its timer is unref'd: it never keeps a process alive.
 */
import type { Database } from '@/lib/db/database';
import { alertEvaluationsSettled, evaluateAlertRules, retryAlertMail } from '@/lib/alerts/evaluate';
import { deliveryContext, type DeliveryContext } from './context';
import { runDueSubscriptions } from './deliver';

export const TICK_MS = 45_000;

export interface Scheduler {
  /** One pass (the timer's; tests call it with an injected clock). */
  tick(): Promise<void>;
  stop(): void;
}

const started = new WeakMap<Database, Scheduler>();

export function startScheduler(
  db: Database,
  options: { intervalMs?: number; context?: (db: Database) => DeliveryContext } = {},
): Scheduler {
  const existing = started.get(db);
  if (existing) return existing; // instrumentation may run register() again in development
  const contextOf = options.context ?? ((d: Database) => deliveryContext(d));
  let ticking: Promise<void> | undefined;
  const tick = () => {
    // A slow mail server may make a pass outlast the interval: the next waits for it.
    ticking ??= pass(db, contextOf(db)).finally(() => (ticking = undefined));
    return ticking;
  };
  evaluateAfterDataChanges(db, () => contextOf(db));
  const timer = setInterval(() => void tick(), options.intervalMs ?? TICK_MS);
  timer.unref();
  void tick();
  const scheduler: Scheduler = {
    tick,
    stop: () => {
      clearInterval(timer);
      started.delete(db);
    },
  };
  started.set(db, scheduler);
  return scheduler;
}

/** One pass; each part's failure goes to the server log and leaves the others to run. */
async function pass(db: Database, context: DeliveryContext): Promise<void> {
  const parts: [string, () => Promise<unknown>][] = [
    ['scheduled deliveries', () => runDueSubscriptions(db, context)],
    ['alert rules', () => evaluateAlertRules(db, context)],
    ['alert mail retries', () => retryAlertMail(db, context)],
  ];
  for (const [what, run] of parts) {
    try {
      await run();
    } catch (error) {
      console.error(`[orderlens] ${what} failed:`, error);
    }
  }
}

const watching = new WeakSet<Database>();

/**
 * Check the alert rules after every change of the data has committed. The database calls its
 * data listeners inside the change's transaction, before COMMIT (lib/db/database.ts); the writer
 * queue's next turn comes only once that unit of work has ended, so the check waits for it and
 * then reads the committed data. It never runs inside the load and its failure is only logged:
 * an alert check can neither slow a load's transaction nor fail it.
 */
export function evaluateAfterDataChanges(db: Database, contextOf: () => DeliveryContext): void {
  if (watching.has(db)) return;
  watching.add(db);
  const failed = (error: unknown) =>
    console.error('[orderlens] alert check after a load failed:', error);
  db.onDataChange(async () => {
    try {
      const committed = db.exclusive(async () => undefined);
      evaluateAlertRules(db, contextOf(), committed).catch(failed);
    } catch (error) {
      failed(error);
    }
  });
}

export { alertEvaluationsSettled };

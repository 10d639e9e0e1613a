import 'server-only';
/**
 * Saved views: a user's named set of filters on one page of the app, opened again (or shared) as
 * a link. Each user lists, saves and removes only their own; the local user of a loopback server
 * without users saves as "local". A name is used once per owner: saving under a name already used
 * replaces that view. The page is one of the app's (lib/views/view-paths.ts) and the query is
 * parsed by that page's own parser (given by the caller) and stored as it writes it back, so a view never holds a URL of
 * another site nor a query its page would not understand.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { getKpi } from '@/lib/kpi/engine';
import { isViewPath, kpiOfPath, viewHref } from './view-paths';

export { isViewPath, viewHref };

export interface SavedView {
  id: string;
  owner: string;
  name: string;
  /** The page, e.g. /kpis/order_fill_rate. */
  path: string;
  /** Its filter query, "" or "?from=…", as the page writes it. */
  query: string;
  /** path + query: the link that opens the view. */
  href: string;
  createdAt: string;
}

export const VIEW_NAME_MAX = 100;
/** More than any user keeps; a bound on what one user can store. */
export const VIEWS_PER_OWNER = 200;

export const savedViewInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Name the view.')
      .max(VIEW_NAME_MAX, `A view's name is at most ${VIEW_NAME_MAX} characters.`),
    path: z
      .string()
      .max(100)
      .refine(isViewPath, 'a page of Orderlens that has filters (/, /kpis/ID, /cycle-time, …)'),
    query: z.string().max(4000).default(''),
  })
  .strict();
export type SavedViewInput = z.input<typeof savedViewInputSchema>;

export class InvalidViewError extends OrderlensError {
  constructor(message: string) {
    super(message, 'bad_options');
  }
}

export class ViewNotFoundError extends OrderlensError {
  constructor(id: string) {
    super(`You have no saved view "${id}".`, 'not_found');
  }
}

/**
 * A page's own parser of its query (app/ui/views/view-query.ts): the query as the page writes it
 * back ("" or "?…", its own keys only), and what in it the page would refuse.
 */
export type ViewQueryParser = (
  path: string,
  query: string,
) => { query: string; problems: string[] };

const columns = `view_id AS id, owner, name, path, query,
  strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS "createdAt"`;

type ViewRow = Omit<SavedView, 'href'>;
const withHref = (row: ViewRow): SavedView => ({ ...row, href: viewHref(row) });

/**
 * Save a view for its owner; a view of the same name is replaced. The query is stored as its
 * page's parser writes it back; a query the page would refuse in part is refused whole.
 */
export async function saveView(
  db: Database,
  owner: string,
  input: unknown,
  parseQuery: ViewQueryParser,
): Promise<SavedView> {
  const v = savedViewInputSchema.parse(input);
  const kpi = kpiOfPath(v.path);
  if (kpi) getKpi(kpi);
  const parsed = parseQuery(v.path, v.query);
  if (parsed.problems.length)
    throw new InvalidViewError(`The view's filters are not valid: ${parsed.problems.join('; ')}`);
  const query = parsed.query;
  const row = await db.transaction(async (tx) => {
    const existing = await tx.one<{ id: string }>(
      'SELECT view_id AS id FROM saved_views WHERE owner = $1 AND name = $2',
      [owner, v.name],
    );
    if (existing)
      return tx.one<ViewRow>(
        `UPDATE saved_views SET path = $2, query = $3, created_at = now()::TIMESTAMP
         WHERE view_id = $1 RETURNING ${columns}`,
        [existing.id, v.path, query],
      );
    const count = await tx.one<{ n: number }>(
      'SELECT count(*)::INTEGER AS n FROM saved_views WHERE owner = $1',
      [owner],
    );
    if ((count?.n ?? 0) >= VIEWS_PER_OWNER)
      throw new InvalidViewError(
        `You have ${VIEWS_PER_OWNER} saved views, the most one user keeps: remove one first.`,
      );
    return tx.one<ViewRow>(
      `INSERT INTO saved_views (view_id, owner, name, path, query, created_at)
       VALUES ($1, $2, $3, $4, $5, now()::TIMESTAMP) RETURNING ${columns}`,
      [randomUUID(), owner, v.name, v.path, query],
    );
  });
  return withHref(row!);
}

/** The owner's views, by name. */
export async function listViews(db: Database, owner: string): Promise<SavedView[]> {
  const rows = await db.read<ViewRow>(
    `SELECT ${columns} FROM saved_views WHERE owner = $1 ORDER BY lower(name), name`,
    [owner],
  );
  return rows.map(withHref);
}

/** Remove one of the owner's views; another user's view is as absent as a missing one. */
export async function removeView(db: Database, owner: string, id: string): Promise<SavedView> {
  return db.transaction(async (tx) => {
    const row = await tx.one<ViewRow>(
      `SELECT ${columns} FROM saved_views WHERE view_id = $1 AND owner = $2`,
      [id, owner],
    );
    if (!row) throw new ViewNotFoundError(id);
    await tx.run('DELETE FROM saved_views WHERE view_id = $1 AND owner = $2', [id, owner]);
    return withHref(row);
  });
}

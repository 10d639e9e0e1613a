/**
 * The pages a saved view may open: an allowlist of the app's own paths, never a URL. A view is a
 * path and a query string checked by the page's own parser, so its link is `path + query` on this
 * server and nowhere else. Pure, so the "Save this view" control can tell whether its page may be
 * saved.
 */
const FIXED_PATHS = ['/', '/kpis', '/cycle-time', '/returns', '/orders', '/reports'] as const;
/** A KPI page: the catalogue's ids are lower-case words joined by underscores. */
const KPI_PATH = /^\/kpis\/[a-z][a-z0-9_]{0,63}$/;

/** The KPI a /kpis/ID path names, or null. */
export function kpiOfPath(path: string): string | null {
  return KPI_PATH.test(path) ? path.slice('/kpis/'.length) : null;
}

export function isViewPath(path: string): boolean {
  return (FIXED_PATHS as readonly string[]).includes(path) || KPI_PATH.test(path);
}

/** A saved view's link: its page with its query, e.g. "/kpis/order_fill_rate?site=DC-North". */
export function viewHref(view: { path: string; query: string }): string {
  return `${view.path}${view.query}`;
}

import 'server-only';
/**
 * The orderlens command line. Each command parses its flags, calls the same lib/ code as the web
 * app, and prints either text for people or one JSON object (--json) for scripts.
 * Exit codes: 0 success (loaded or unchanged), 1 failure (rejected, locked, error), 2 usage.
 */
import { ZodError } from 'zod';
import { linesOfZod, OrderlensError } from '@/lib/errors';
import { takeEngineFlag, UsageError, type Io } from './args';

const defaultIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

export const usage = `Usage: orderlens <command> [options]

Commands:
  ingest FILE [--table T] [--mapping FILE] [--sheet NAME] [--db PATH] [--dry-run]
              [--rejects FILE] [--max-rejects N|N%] [--json]
              [--delimiter C|tab] [--encoding E] [--decimal .|,] [--thousands C|none]
              [--date-format FMT] [--skip-rows N]
                         Load an extract (CSV, TSV, XLSX, Parquet) into the canonical model.
  kpis [--from DATE] [--to DATE] [--by DIMENSION] [--grain GRAIN] [--bands SET] [--kpis ID,…]
       [--site S] [--channel C] [--customer C] [--region R] [--carrier C] [--ship-mode M] [--sku S]
       [--db PATH] [--json]
                         The KPI catalogue for a period, by a dimension or over time.
  notes [list] [--from DATE] [--to DATE] [--kpi ID] [--json]
  notes add --from DATE [--to DATE] --note TEXT [--kpi ID]
  notes remove ID
                         Notes on dates (a system change, a peak season): shown on every trend
                         that covers them and in reports.
  practices [KPI_ID] [--json]
                         How to improve each KPI: without an id, every KPI with its practices'
                         titles; with one, its practices whole, with their public sources.
  returns backlog [--as-of DATE] [--site S] [--channel C] [--customer C] [--region R]
          [--carrier C] [--ship-mode M] [--sku S] [--db PATH] [--json]
                         The open returns on a day (default: the data's last date) by stage
                         (awaiting receipt, inspection, disposition, credit) and age bucket.
  explain KPI_ID --by DIMENSION --from DATE --to DATE [--compare previous|last_year]
          [--site S] [--channel C] [--customer C] [--region R] [--carrier C] [--ship-mode M] [--sku S]
          [--db PATH] [--json]
                         Why a KPI moved against the period before (or a year earlier): the change
                         split by the dimension into each segment's rate and mix effects.
  report --format pdf|pptx|xlsx|csv|png --out FILE [--from DATE] [--to DATE] [--kpis ID,…]
         [--site S] [--channel C] [--customer C] [--region R] [--carrier C] [--ship-mode M] [--sku S]
         [--by DIMENSION] [--grain GRAIN] [--compare previous|last_year] [--org NAME]
         [--chart KPI_ID] [--drill KPI_ID] [--db PATH]
                         The executive benchmark report; png draws one KPI's chart (--chart),
                         csv writes the scorecard or, with --drill, the orders behind a KPI.
                         Without --from/--to: the last complete month against the one before.
                         --org overrides the organisation's name kept in the settings.
  map FILE [--table T] [--sheet NAME]
                         Propose a mapping file for an extract (prints JSON).
  profiles [list] [--json]
  profiles add NAME --mapping FILE [--sample FILE] [--system NAME]
  profiles remove NAME
  profiles export NAME [--out FILE]
                         Saved mapping profiles: the wizard applies the one matching a file's
                         headers. --sample reads a file's headers (read with the mapping's settings)
                         so that only files with the same columns match; without it, a file
                         matches when it has every column the mapping names. export prints the
                         mapping file ingest --mapping reads.
  inbox run [--dir DIR] [--db PATH] [--json]
  inbox [list] [--limit N] [--json]
                         One pass over the inbox folder (ORDERLENS_INBOX or the data page's
                         setting; --dir names another), for cron: each file is loaded with the
                         profile its headers match, then moved to done/ or failed/ (with a note
                         and its rejected rows). Exit 1 when a file failed.
  loads [--db PATH] [--json]
                         List the load ledger.
  undo LOAD_ID [--cascade] [--db PATH] [--json]
                         Undo a load, restoring the rows it replaced; --cascade also undoes
                         the loads whose lines, shipments or returns refer to its orders.
  export --parquet DIR [--db PATH] [--json]
                         The canonical tables and the KPI facts as Parquet for Trino, Spark, DuckDB
                         or a warehouse, partitioned by the order's month (order_month=YYYY-MM), with
                         manifest.json: columns, row counts and files per table, the load ledger,
                         whether demo data is in it. DIR must be new or empty.
  generate --out DIR [--orders N] [--seed S] [--format csv|parquet]
                         Write realistic demo extracts.
  inputs set --from DATE --to DATE [--fte N] [--cost N] [--currency C] [--team T]
  inputs remove --from DATE --to DATE [--team T]
  inputs [list] [--json]
                         Enter or list the FTE and cost figures behind orders per FTE and cost per order.
  teams [list] [--json]
  teams add NAME --function order_entry|credit|customer_service|returns|fulfilment_coordination|other
            [--parent TEAM]
  teams remove NAME
  teams role NAME --title T --fte N --from DATE --to DATE
  teams rule NAME --by site|channel|customer_group|region --value V [--priority N]
  teams report [--from DATE] [--to DATE] [--json]
                         Teams of the order-management function, their roles (FTEs per period) and
                         the rules that give them orders (returns, for the returns function): within
                         a function the lowest priority first; a team without rules takes the rest.
                         report: each team's orders, FTE, orders per FTE and cost per order (the cost
                         entered with inputs set --team NAME).
  demo [--db PATH] [--orders N]
                         Generate and load the demo data (into a database without your own).
  demo remove [--db PATH] [--json]
                         Remove the demo data (the first load of your own does it too).
  branding [--org NAME] [--logo FILE|--no-logo] [--db PATH] [--json]
                         The organisation's name and logo on every report (empty --org: the default).
  calendar [--db PATH] [--json]
  calendar set [--weekdays mon-fri] [--holidays DATE,…|none] [--cutoff HH:MM|none [--site S]]
                         The working calendar of the working-day cycle times; set changes what
                         its flags name (--site: that site's cut-off) and keeps the rest.
  organisation [--db PATH] [--json]
  organisation set [--industry I|none] [--size small|midsize|large|none] [--region CODE|none]
                   [--channel b2b|b2c|mixed|none]
                         The organisation's peer profile: placement uses the band set whose peers
                         match it best. Industries: retail, ecommerce, wholesale_distribution,
                         manufacturing, consumer_products, third_party_logistics; region: global,
                         EU or an ISO country code (US, DE). set changes what its flags name.
  users [list] [--json]
  users add NAME --role admin|analyst|manager|executive [--password-stdin]
  users set NAME [--role ROLE] [--disable|--enable] [--password-stdin]
                         Who may sign in (the password from ORDERLENS_NEW_PASSWORD or stdin).
  audit [--action A] [--outcome ok|failed|denied] [--limit N] [--json]
                         The audit log, newest first, and whether its chain is intact.
  subscriptions add --to EMAIL[,EMAIL…] --format pdf|pptx|xlsx
                    --cadence "daily 07:00"|"weekly mon 07:00"|"monthly 1 07:00"|"monthly first-working-day 07:00"
                    [--tz ZONE] [--folder DIR] [--name NAME] [--from DATE] [--until DATE] [--kpis ID,…]
                    [--site S] [--channel C] [--customer C] [--region R] [--carrier C] [--ship-mode M]
                    [--sku S] [--by DIMENSION] [--grain GRAIN] [--compare previous|last_year] [--org NAME]
  subscriptions [list] [--json]
  subscriptions remove ID
  subscriptions run [--now [--id ID]] [--json]
                         Reports mailed (ORDERLENS_SMTP_URL) or filed on a schedule; the server sends
                         them when due. run sends what is due now; --now sends every subscription.
  alerts add --kpi ID --when target|band|change [--by N] [--direction any|worse]
             [--segment DIMENSION=VALUE] [--to EMAIL[,EMAIL…]]
  alerts [list] [--all] [--json]
  alerts remove RULE_ID
  alerts ack ALERT_ID
  alerts check [--json]
                         Alerts when the last complete month misses its target, falls into a worse
                         band, or changes by more than N (in the KPI's unit) on the month before.

Once users exist, commands run as one of them: set ORDERLENS_USER and ORDERLENS_PASSWORD.

Tables: orders, order_lines, shipments, returns, flat (one row per order line with shipment columns).
The database is ORDERLENS_DB or data/orderlens.duckdb.`;

type Command = (args: string[], io: Io) => Promise<number>;

/**
 * Each command's module, loaded when it runs: the help, and a command, load only what they use
 * (no database driver or report renderer for `--help`).
 */
const commands: Record<string, () => Promise<Command>> = {
  ingest: () => import('./ingest').then((m) => m.ingestCommand),
  kpis: () => import('./kpis').then((m) => m.kpisCommand),
  explain: () => import('./explain').then((m) => m.explainCommand),
  practices: () => import('./practices').then((m) => m.practicesCommand),
  returns: () => import('./returns').then((m) => m.returnsCommand),
  report: () => import('./report').then((m) => m.reportCommand),
  map: () => import('./commands').then((m) => m.mapCommand),
  profiles: () => import('./profiles').then((m) => m.profilesCommand),
  inbox: () => import('./inbox').then((m) => m.inboxCommand),
  loads: () => import('./loads').then((m) => m.loadsCommand),
  undo: () => import('./loads').then((m) => m.undoCommand),
  export: () => import('./export').then((m) => m.exportCommand),
  generate: () => import('./commands').then((m) => m.generateCommand),
  demo: () => import('./commands').then((m) => m.demoCommand),
  inputs: () => import('./commands').then((m) => m.inputsCommand),
  teams: () => import('./teams').then((m) => m.teamsCommand),
  branding: () => import('./branding').then((m) => m.brandingCommand),
  calendar: () => import('./calendar').then((m) => m.calendarCommand),
  organisation: () => import('./organisation').then((m) => m.organisationCommand),
  notes: () => import('./notes').then((m) => m.notesCommand),
  users: () => import('./users').then((m) => m.usersCommand),
  audit: () => import('./users').then((m) => m.auditCommand),
  subscriptions: () => import('./subscriptions').then((m) => m.subscriptionsCommand),
  alerts: () => import('./alerts').then((m) => m.alertsCommand),
};

/**
 * Run a command. `prepare` runs once a command is known, before it loads: the composition root
 * creates the engine there, so the help never pays for it.
 */
export async function main(
  argv: string[],
  io: Io = defaultIo,
  prepare: () => Promise<unknown> = async () => {},
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.err(`Unknown command "${name}".\n\n${usage}`);
    return 2;
  }
  try {
    const args = takeEngineFlag(rest);
    await prepare();
    return await (
      await load()
    )(args, io);
  } catch (error) {
    return reportFailure(error, name, io);
  }
}

/** Print why a command failed, and return its exit code: 2 for a usage error, 1 otherwise. */
function reportFailure(error: unknown, name: string, io: Io): number {
  if (error instanceof UsageError) {
    io.err(`${error.message}\n\n${usage}`);
    return 2;
  }
  if (error instanceof ZodError) {
    io.err(linesOfZod(error, { root: name }).join('\n'));
    return 2;
  }
  // Every error meant for users is an OrderlensError (a mapping, a locked database, …).
  if (error instanceof OrderlensError) io.err(error.message);
  else io.err(`orderlens ${name} failed: ${(error as Error).message ?? error}`);
  return 1;
}

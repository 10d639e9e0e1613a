import 'server-only';
/**
 * Versioned schema migrations. Each is applied once and recorded in schema_migrations; the pending
 * ones are applied in one transaction (all or none). Never edit a released migration: add the next one.
 */
import type { Database } from './database';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

const history = (table: string) =>
  `CREATE TABLE ${table}_history AS SELECT *, 0::BIGINT AS replaced_by_load FROM ${table} LIMIT 0;`;

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'canonical order model and load ledger',
    sql: `
  CREATE SEQUENCE load_id_seq START 1;
  CREATE TABLE loads (
    load_id BIGINT PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    mapping JSON,
    status VARCHAR NOT NULL,
    message VARCHAR,
    rows_read BIGINT NOT NULL DEFAULT 0,
    rows_inserted BIGINT NOT NULL DEFAULT 0,
    rows_updated BIGINT NOT NULL DEFAULT 0,
    rows_unchanged BIGINT NOT NULL DEFAULT 0,
    rows_rejected BIGINT NOT NULL DEFAULT 0,
    table_counts JSON,
    is_demo BOOLEAN NOT NULL DEFAULT false,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    undone_at TIMESTAMP
  );
  CREATE TABLE orders (
    nk VARCHAR NOT NULL,
    order_id VARCHAR NOT NULL,
    order_ts TIMESTAMP NOT NULL,
    customer_id VARCHAR,
    channel VARCHAR,
    site VARCHAR,
    region VARCHAR,
    entered_ts TIMESTAMP,
    released_ts TIMESTAMP,
    promised_ship_ts TIMESTAMP,
    promised_delivery_ts TIMESTAMP,
    requested_delivery_ts TIMESTAMP,
    cancelled_ts TIMESTAMP,
    status VARCHAR,
    order_value DOUBLE,
    currency VARCHAR,
    load_id BIGINT NOT NULL
  );
  CREATE TABLE order_lines (
    nk VARCHAR NOT NULL,
    order_id VARCHAR NOT NULL,
    line_no INTEGER NOT NULL,
    sku VARCHAR,
    qty_ordered DOUBLE NOT NULL,
    unit_price DOUBLE,
    qty_cancelled DOUBLE,
    promised_ship_ts TIMESTAMP,
    promised_delivery_ts TIMESTAMP,
    load_id BIGINT NOT NULL
  );
  CREATE TABLE shipments (
    nk VARCHAR NOT NULL,
    shipment_id VARCHAR,
    order_id VARCHAR NOT NULL,
    line_no INTEGER,
    sku VARCHAR,
    qty_shipped DOUBLE,
    ship_ts TIMESTAMP,
    delivered_ts TIMESTAMP,
    carrier VARCHAR,
    ship_mode VARCHAR,
    site VARCHAR,
    damaged BOOLEAN,
    documentation_error BOOLEAN,
    load_id BIGINT NOT NULL
  );
  CREATE TABLE returns (
    nk VARCHAR NOT NULL,
    return_id VARCHAR,
    order_id VARCHAR NOT NULL,
    line_no INTEGER,
    sku VARCHAR,
    qty_returned DOUBLE,
    return_ts TIMESTAMP,
    credited_ts TIMESTAMP,
    reason_code VARCHAR,
    reason_category VARCHAR,
    return_value DOUBLE,
    load_id BIGINT NOT NULL
  );
  ${history('orders')}
  ${history('order_lines')}
  ${history('shipments')}
  ${history('returns')}
  CREATE TABLE mapping_profiles (
    name VARCHAR PRIMARY KEY,
    header_signature VARCHAR NOT NULL,
    mapping JSON NOT NULL,
    updated_at TIMESTAMP NOT NULL
  );
`,
  },
  {
    version: 2,
    name: 'benchmark band sets, targets and KPI inputs',
    sql: `
  CREATE SEQUENCE band_set_version_seq START 1;
  CREATE TABLE band_sets (
    set_id VARCHAR NOT NULL,
    version BIGINT NOT NULL,
    definition JSON NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    removed_at TIMESTAMP,
    PRIMARY KEY (set_id, version)
  );
  CREATE TABLE targets (
    target_id VARCHAR PRIMARY KEY,
    kpi_id VARCHAR NOT NULL,
    dimension VARCHAR,
    segment VARCHAR,
    period_from DATE,
    period_to DATE,
    value DOUBLE NOT NULL,
    at_risk_within DOUBLE,
    created_at TIMESTAMP NOT NULL
  );
  CREATE TABLE kpi_inputs (
    period_from DATE NOT NULL,
    period_to DATE NOT NULL,
    team VARCHAR NOT NULL DEFAULT '',
    fte DOUBLE,
    cost DOUBLE,
    currency VARCHAR,
    PRIMARY KEY (period_from, period_to, team)
  );
`,
  },
  {
    version: 3,
    name: 'users, sessions and the audit log',
    sql: `
  CREATE SEQUENCE user_id_seq START 1;
  CREATE TABLE users (
    user_id BIGINT PRIMARY KEY,
    username VARCHAR NOT NULL UNIQUE,
    role VARCHAR NOT NULL,
    password_hash VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    disabled_at TIMESTAMP
  );
  CREATE TABLE sessions (
    session_hash VARCHAR PRIMARY KEY,
    user_id BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
  );
  CREATE SEQUENCE audit_entry_seq START 1;
  CREATE TABLE audit_log (
    entry_id BIGINT PRIMARY KEY,
    occurred_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    role VARCHAR,
    via VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    outcome VARCHAR NOT NULL,
    target VARCHAR,
    detail VARCHAR,
    previous_hash VARCHAR NOT NULL,
    entry_hash VARCHAR NOT NULL
  );
`,
  },
  {
    version: 4,
    // Entries already written keep their plain SHA-256 seals, marked 'sha256', rather than being
    // re-sealed with the key: re-sealing would bless whatever the table holds at this moment,
    // including an edit made before it, as verified. Kept as they are, they are reported as
    // unkeyed, and the first keyed entry's HMAC covers the last unkeyed seal, so once one keyed
    // entry follows them they can no longer be rewritten unnoticed either.
    name: 'keyed audit chain and copies of its head in loads and sessions',
    sql: `
  ALTER TABLE audit_log ADD COLUMN seal VARCHAR DEFAULT 'sha256';
  ALTER TABLE loads ADD COLUMN audit_head VARCHAR;
  ALTER TABLE sessions ADD COLUMN audit_head VARCHAR;
`,
  },
  {
    version: 5,
    // Per load, not per row: canonical rows carry their load id, so undo and replacement carry
    // the provenance of the rows they restore or write without copying it.
    name: 'provenance of every canonical field a load writes',
    sql: `
  CREATE TABLE load_fields (
    load_id BIGINT NOT NULL,
    table_name VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    provenance VARCHAR NOT NULL,
    sources JSON,
    rule VARCHAR,
    PRIMARY KEY (load_id, table_name, field)
  );
`,
  },
  {
    version: 6,
    // Small settings of the whole installation (the organisation's name and logo on every export).
    name: 'installation settings',
    sql: `
  CREATE TABLE app_settings (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR
  );
`,
  },
  {
    version: 7,
    // Reports mailed or filed on a schedule, and alerts when a KPI slips. Times are UTC instants;
    // a subscription keeps its own time zone, so its local 07:00 survives a change of the server's.
    // The schedule's state (next run, pending retry) sits on the subscription row, the history of
    // every attempt in report_deliveries. A rule is armed until it triggers and re-armed only when
    // its condition has cleared, so an alert is recorded and mailed once per slip.
    name: 'report subscriptions, deliveries, alert rules and alerts',
    sql: `
  CREATE TABLE report_subscriptions (
    subscription_id VARCHAR PRIMARY KEY,
    name VARCHAR,
    format VARCHAR NOT NULL,
    report_options VARCHAR NOT NULL,
    recipients VARCHAR NOT NULL,
    folder VARCHAR,
    cadence VARCHAR NOT NULL,
    time_zone VARCHAR NOT NULL,
    next_run_at TIMESTAMP NOT NULL,
    retry_at TIMESTAMP,
    retry_channels VARCHAR,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_run_at TIMESTAMP,
    last_status VARCHAR,
    last_error VARCHAR,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR
  );
  CREATE TABLE report_deliveries (
    delivery_id VARCHAR PRIMARY KEY,
    subscription_id VARCHAR NOT NULL,
    attempted_at TIMESTAMP NOT NULL,
    run_kind VARCHAR NOT NULL,
    attempt INTEGER NOT NULL,
    status VARCHAR NOT NULL,
    file_name VARCHAR,
    sent_to VARCHAR,
    written_to VARCHAR,
    error VARCHAR
  );
  CREATE TABLE alert_rules (
    rule_id VARCHAR PRIMARY KEY,
    kpi_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    amount DOUBLE,
    change_direction VARCHAR NOT NULL DEFAULT 'any',
    dimension VARCHAR,
    segment VARCHAR,
    recipients VARCHAR NOT NULL,
    armed BOOLEAN NOT NULL DEFAULT true,
    last_state VARCHAR,
    last_checked_at TIMESTAMP,
    last_period VARCHAR,
    last_value DOUBLE,
    last_note VARCHAR,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR
  );
  CREATE SEQUENCE alert_no_seq START 1;
  CREATE TABLE alerts (
    alert_id VARCHAR PRIMARY KEY,
    alert_no BIGINT NOT NULL DEFAULT nextval('alert_no_seq'),
    rule_id VARCHAR NOT NULL,
    kpi_id VARCHAR NOT NULL,
    rule_text VARCHAR NOT NULL,
    headline VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    period VARCHAR,
    value DOUBLE,
    previous_value DOUBLE,
    link VARCHAR NOT NULL,
    recipients VARCHAR NOT NULL,
    triggered_at TIMESTAMP NOT NULL,
    delivery_status VARCHAR NOT NULL,
    delivery_error VARCHAR,
    delivery_attempts INTEGER NOT NULL DEFAULT 0,
    retry_at TIMESTAMP,
    acknowledged_at TIMESTAMP,
    acknowledged_by VARCHAR
  );
`,
  },
  {
    version: 8,
    // Profiles become first-class: the system they come from and the headers of the sample they
    // were made on (null when made from a mapping file alone: then the mapped headers identify
    // the file). inbox_files is the inbox's own record of every file it saw and what became of
    // it; the loads it made are in the ledger as any other.
    name: 'profiles with system and sample headers; the inbox',
    sql: `
  ALTER TABLE mapping_profiles ADD COLUMN system VARCHAR;
  ALTER TABLE mapping_profiles ADD COLUMN headers JSON;
  CREATE TABLE inbox_files (
    file_id VARCHAR PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    seen_at TIMESTAMP NOT NULL,
    outcome VARCHAR NOT NULL,
    profile VARCHAR,
    load_id BIGINT,
    message VARCHAR NOT NULL,
    moved_to VARCHAR,
    rejects_file VARCHAR,
    alert_id VARCHAR
  );
`,
  },
  {
    version: 9,
    // Notes on dates (a system change, a peak season, a strike), for one KPI or all (kpi_id
    // null), drawn on every trend that covers them and listed in reports; and each user's saved
    // views: a page of the app with its filter query, opened again as a link (a name once per
    // owner, kept by lib/views/saved-views.ts, which replaces a view saved again under its name).
    name: 'annotations and saved views',
    sql: `
  CREATE TABLE annotations (
    annotation_id VARCHAR PRIMARY KEY,
    from_day DATE NOT NULL,
    to_day DATE NOT NULL,
    note VARCHAR NOT NULL,
    kpi_id VARCHAR,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR
  );
  CREATE TABLE saved_views (
    view_id VARCHAR PRIMARY KEY,
    owner VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    query VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
  );
`,
  },
  {
    version: 10,
    // The stages of the returns workflow (authorised, inspected, disposition), each optional.
    // The history table is rebuilt rather than altered: an upsert copies a replaced row into it
    // as t.* followed by the replacing load, so its columns must stay in the table's order.
    name: 'returns workflow stages',
    sql: `
  ALTER TABLE returns ADD COLUMN authorised_ts TIMESTAMP;
  ALTER TABLE returns ADD COLUMN inspected_ts TIMESTAMP;
  ALTER TABLE returns ADD COLUMN disposition VARCHAR;
  ALTER TABLE returns ADD COLUMN disposition_ts TIMESTAMP;
  CREATE TABLE returns_history_v10 AS SELECT *, 0::BIGINT AS replaced_by_load FROM returns LIMIT 0;
  INSERT INTO returns_history_v10 BY NAME SELECT * FROM returns_history;
  DROP TABLE returns_history;
  ALTER TABLE returns_history_v10 RENAME TO returns_history;
`,
  },
  {
    version: 11,
    // Teams of the order-management function. A team's FTEs are its roles' (team_roles, one row per
    // role and period); its cost stays in kpi_inputs under the team's name, the one place cost is
    // entered, so orders per FTE and cost per order keep reading what they read today. Rules
    // attribute orders (returns, for the returns function) to a team: within a function, the
    // lowest priority number first. orders gains the customer group the rules may name; its
    // history table is rebuilt in the table's column order, as in version 10.
    name: 'teams, their roles and attribution rules; the customer group of an order',
    sql: `
  ALTER TABLE orders ADD COLUMN customer_group VARCHAR;
  CREATE TABLE orders_history_v11 AS SELECT *, 0::BIGINT AS replaced_by_load FROM orders LIMIT 0;
  INSERT INTO orders_history_v11 BY NAME SELECT * FROM orders_history;
  DROP TABLE orders_history;
  ALTER TABLE orders_history_v11 RENAME TO orders_history;
  CREATE TABLE teams (
    team_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL UNIQUE,
    function VARCHAR NOT NULL,
    parent_team_id VARCHAR,
    created_at TIMESTAMP NOT NULL
  );
  CREATE TABLE team_roles (
    role_id VARCHAR PRIMARY KEY,
    team_id VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    fte DOUBLE NOT NULL,
    period_from DATE NOT NULL,
    period_to DATE NOT NULL,
    created_at TIMESTAMP NOT NULL
  );
  CREATE TABLE team_rules (
    rule_id VARCHAR PRIMARY KEY,
    team_id VARCHAR NOT NULL,
    dimension VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    priority INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
  );
`,
  },
  {
    version: 12,
    // The engine a load went to (issue 18): NULL for the embedded database, else the ClickHouse
    // cluster as describeEngine prints it (no password). A cluster load is "attaching" from its
    // ledger entry until every shard shows it, and an undo "undoing" until every shard dropped it.
    name: 'the engine of each load',
    sql: `ALTER TABLE loads ADD COLUMN engine VARCHAR;`,
  },
];

/** Apply every migration newer than the database's version. */
export async function migrate(db: Database): Promise<number> {
  await db.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)',
  );
  const row = await db.one<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  const current = row?.v ?? 0;
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return migrations.at(-1)?.version ?? 0;
  // One transaction for all: a new database file gets its whole schema in one commit.
  await db.transaction(async (tx) => {
    for (const migration of pending) {
      await tx.run(migration.sql);
      await tx.run('INSERT INTO schema_migrations VALUES ($1, $2, now())', [
        migration.version,
        migration.name,
      ]);
    }
  });
  return migrations.at(-1)?.version ?? 0;
}

/** Current schema version of an open database. */
export async function schemaVersion(db: Database): Promise<number> {
  const row = await db.one<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return row?.v ?? 0;
}

/**
 * The ingest benchmark's baseline, run as a whole process: DuckDB's own load of a file into a fresh
 * database file (CREATE TABLE AS SELECT * FROM read_csv/read_parquet), then a checkpoint.
 *   node bench/duckdb-load.mjs FILE DATABASE read_csv|read_parquet
 */
import { DuckDBInstance } from '@duckdb/node-api';

const [file, database, reader] = process.argv.slice(2);
if (!['read_csv', 'read_parquet'].includes(reader)) throw new Error(`unknown reader ${reader}`);
const instance = await DuckDBInstance.create(database);
const connection = await instance.connect();
await connection.run(`CREATE TABLE t AS SELECT * FROM ${reader}($1)`, [file]);
await connection.run('CHECKPOINT');
connection.closeSync();
instance.closeSync();

/**
 * Output for the generator (server only): buffered CSV writers that honour stream backpressure,
 * and the CSV → Parquet conversion through an in-memory DuckDB.
 */
import 'server-only';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { quoteLiteral } from '@/lib/db/sql';
import { canonicalFields, type CanonicalTable, type FieldType } from '@/lib/model/canonical';
import { CsvSink } from './csv-sink';

/**
 * Streams one CSV file: rows are encoded into the CsvSink's ~1 MB chunks, and `flush` hands the
 * completed chunks to the file stream, waiting whenever the stream is over its high-water mark
 * (backpressure), so memory stays bounded however many rows are written.
 */
export class CsvTableWriter {
  readonly sink = new CsvSink();
  private readonly stream: WriteStream;
  private error: Error | null = null;
  rows = 0;

  constructor(
    readonly path: string,
    header: string,
  ) {
    // A high-water mark above the chunk size lets one chunk be written while the next is filled.
    this.stream = createWriteStream(path, { highWaterMark: 4 << 20 });
    this.stream.on('error', (error) => (this.error = error));
    this.sink.raw(header);
  }

  /** Write the completed chunks (and, with `final`, the partial one), waiting on backpressure. */
  async flush(final = false): Promise<void> {
    if (final) this.sink.seal();
    for (let chunk = this.sink.full.shift(); chunk; chunk = this.sink.full.shift()) {
      if (this.error) throw this.error;
      const written = chunk;
      const more = this.stream.write(chunk, (error) => error || this.sink.recycle(written));
      if (!more) await once(this.stream, 'drain');
    }
    if (this.error) throw this.error;
  }

  async close(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await finished(this.stream);
  }

  /** Abandon the file after a failure (the caller removes it). */
  destroy(): void {
    this.stream.destroy();
  }
}

const duckTypes: Record<FieldType, string> = {
  text: 'VARCHAR',
  timestamp: 'TIMESTAMP',
  number: 'DOUBLE',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
};

/** COPY one canonical CSV to Parquet with explicit column types (no sniffing, no surprises). */
export function csvToParquetSql(
  table: CanonicalTable,
  csvPath: string,
  parquetPath: string,
): string {
  const columns = canonicalFields[table]
    .map((field) => `${quoteLiteral(field.name)}: ${quoteLiteral(duckTypes[field.type])}`)
    .join(', ');
  // Paths go in as literals: COPY and read_csv do not accept bound parameters for them.
  const source = `read_csv(${quoteLiteral(csvPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns}})`;
  return `COPY (SELECT * FROM ${source}) TO ${quoteLiteral(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`;
}

/** Convert each CSV to Parquet with a throwaway in-memory DuckDB. */
export async function convertToParquet(
  jobs: readonly { table: CanonicalTable; csvPath: string; parquetPath: string }[],
): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    try {
      for (const job of jobs)
        await connection.run(csvToParquetSql(job.table, job.csvPath, job.parquetPath));
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

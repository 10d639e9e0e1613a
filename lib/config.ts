import 'server-only';
/** The environment, parsed once; the only reader of process.env. */
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  ORDERLENS_DB: z.string().min(1).optional(),
  ORDERLENS_DATA_DIR: z.string().min(1).optional(),
  ORDERLENS_MEMORY_LIMIT: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i)
    .optional(),
  ORDERLENS_THREADS: z.coerce.number().int().min(1).optional(),
  ORDERLENS_NO_DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
});

export interface Config {
  databaseFile: string;
  dataDir: string;
  memoryLimit?: string;
  threads?: number;
  seedDemo: boolean;
}

export const DEFAULT_MEMORY_LIMIT = '4GB';

let cached: Config | undefined;

export function config(): Config {
  if (cached) return cached;
  const env = envSchema.parse(process.env);
  const dataDir = path.resolve(/* turbopackIgnore: true */ env.ORDERLENS_DATA_DIR ?? 'data');
  cached = {
    databaseFile: path.resolve(
      /* turbopackIgnore: true */ env.ORDERLENS_DB ?? path.join(dataDir, 'orderlens.duckdb'),
    ),
    dataDir,
    // DuckDB would take 80% of RAM; a bounded default makes large loads spill to disk instead.
    memoryLimit: env.ORDERLENS_MEMORY_LIMIT ?? DEFAULT_MEMORY_LIMIT,
    threads: env.ORDERLENS_THREADS,
    seedDemo: !(env.ORDERLENS_NO_DEMO === '1' || env.ORDERLENS_NO_DEMO === 'true'),
  };
  return cached;
}

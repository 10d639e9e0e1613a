/** Where the shared real datasets live (never copied into the repository). */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const datasetsDir =
  process.env.ORDERLENS_DATASETS ?? path.resolve(__dirname, '..', '..', 'shared', 'datasets');

export const hasDatasets = existsSync(datasetsDir);

export const dataset = (...parts: string[]) => path.join(datasetsDir, ...parts);

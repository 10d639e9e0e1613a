/** Errors of ingestion that are safe to show: they name the file, and where known the row and column. */
import { OrderlensError } from '@/lib/db/errors';

export class ExtractError extends OrderlensError {
  constructor(message: string, code: string) {
    super(message, code);
  }
}

/** Errors of ingestion that are safe to show: they name the file, and where known the row and column. */
import { OrderlensError, type ErrorCode } from '@/lib/errors';

export class ExtractError extends OrderlensError {
  constructor(message: string, code: ErrorCode) {
    super(message, code);
  }
}

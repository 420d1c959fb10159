import { AppError } from '../http/errors.ts';

/** PostgreSQL's SQLSTATE for "no space left on device" (disk_full). */
export const PG_DISK_FULL = '53100';

/** Whether a database error says its disk is full (either driver). */
export function isDiskFull(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return code === PG_DISK_FULL || code === 'ENOSPC' || /No space left on device/i.test(error.message);
}

/**
 * A write refused because the database's disk is full: 507 in the one error shape, so a client
 * keeps its record and retries later (with the same Idempotency-Key), and the server stays up.
 */
export const diskFull = () =>
  new AppError(
    507,
    'insufficient_storage',
    'The database has no space left on its disk: nothing was saved. Try again once space has been freed.',
    [{ field: 'body', reason: 'was not saved: the server’s disk is full' }],
  );

/** The error to throw for a failed statement: disk full becomes 507, anything else stays as it is. */
export function mapStorageError(error: unknown): unknown {
  return isDiskFull(error) ? diskFull() : error;
}

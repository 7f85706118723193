/**
 * A full disk is an operator's problem with a clear remedy, not a bug: it is
 * told apart from other failures (ENOSPC/EDQUOT from the file system,
 * SQLITE_FULL from the database, or a tool that printed "No space left on
 * device") and answered with 507 `disk_full`.
 */
import { AppError } from './AppError.ts';

const DISK_FULL_TEXT = /No space left on device|ENOSPC|database or disk is full|Disk quota exceeded/i;

export function isDiskFull(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL' || code === 'disk_full') return true;
  const message = (err as { message?: unknown }).message;
  if (typeof message === 'string' && DISK_FULL_TEXT.test(message)) return true;
  return 'cause' in err && isDiskFull((err as { cause: unknown }).cause, depth + 1);
}

export const DISK_FULL_MESSAGE =
  "The server's disk is full. Free space where the data directory (LAGO_DATA_DIR) lives, or lower " +
  'LAGO_MAX_BUILDS / LAGO_MAX_BUILD_BYTES so that old builds are removed, then try again.';

export function diskFullError(): AppError {
  return new AppError('disk_full', 507, DISK_FULL_MESSAGE);
}

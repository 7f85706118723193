/**
 * The one error type of the server. Anything thrown is converted to it by the
 * error middleware; its `code` is stable and machine-readable, `status` is the
 * HTTP status, and `path` names the offending field of a request body.
 */
import type { ErrorCode } from '../../shared/api/errorCodes.ts';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly path: string | undefined;

  constructor(code: ErrorCode, status: number, message: string, path?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.path = path;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/**
 * The single place where anything thrown by a route becomes an HTTP answer:
 * `{"error":{"code","message","path?"}}`. Bad input is always a 4xx; only a
 * bug in the server is a 500, and its details go to the log, not the client.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorCode } from '../../shared/api/errorCodes.ts';
import type { ApiErrorBody } from '../../shared/api/types.ts';
import { AppError, isAppError } from './AppError.ts';
import { issuePath } from '../http/issuePath.ts';

interface ZodLikeIssue {
  path: readonly PropertyKey[];
  message: string;
}

function isZodLike(e: unknown): e is { issues: ZodLikeIssue[] } {
  if (typeof e !== 'object' || e === null || !('issues' in e)) return false;
  const issues = (e as { issues: unknown }).issues;
  return Array.isArray(issues) && issues.length > 0;
}

/** Errors raised by body-parser carry a `type` and an HTTP `status`. */
interface HttpishError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
  limit?: number;
}

const BODY_PARSER_CODES: Record<
  string,
  { code: ErrorCode; status: number; message?: (e: HttpishError) => string }
> = {
  'entity.parse.failed': {
    code: 'invalid_json',
    status: 400,
    message: () => 'request body is not valid JSON',
  },
  'entity.too.large': {
    code: 'payload_too_large',
    status: 413,
    message: (e) => `request body is larger than ${e.limit ?? 'the limit of'} bytes`,
  },
  'entity.verify.failed': { code: 'invalid_body', status: 400 },
  'encoding.unsupported': { code: 'unsupported_encoding', status: 415 },
  'charset.unsupported': { code: 'unsupported_charset', status: 415 },
  'request.aborted': { code: 'request_aborted', status: 400 },
  'request.size.invalid': { code: 'invalid_body', status: 400 },
  'stream.encoding.set': { code: 'invalid_body', status: 400 },
  'parameters.too.many': { code: 'invalid_body', status: 413 },
};

/** ENOSPC/EDQUOT from the file system, SQLITE_FULL from the database. */
export function isDiskFull(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return true;
  // Streams and workers sometimes wrap the error.
  return 'cause' in err && err.cause !== err && isDiskFull((err as { cause: unknown }).cause);
}

export function diskFullError(): AppError {
  return new AppError(
    'disk_full',
    507,
    "The server's disk is full, so nothing could be saved. Free space where the data directory (LAGO_DATA_DIR) lives, " +
      'or lower LAGO_MAX_BUILDS / LAGO_MAX_BUILD_BYTES so that old builds are removed, then try again.',
  );
}

/** Converts any thrown value to an AppError (a 500 `internal` when it is a bug). */
export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const h = (typeof err === 'object' && err !== null ? err : {}) as HttpishError;
  if (typeof h.type === 'string') {
    const known = BODY_PARSER_CODES[h.type];
    if (known) return new AppError(known.code, known.status, known.message?.(h) ?? h.message ?? known.code);
  }
  if (isDiskFull(err)) return diskFullError();
  if (isZodLike(err)) {
    const first = err.issues[0] as ZodLikeIssue;
    const path = issuePath(first.path);
    return new AppError('invalid_request', 400, path ? `${path}: ${first.message}` : first.message, path);
  }
  const status = h.status ?? h.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(
      'bad_request',
      status,
      h.expose === false ? 'bad request' : (h.message ?? 'bad request'),
    );
  }
  return new AppError('internal', 500, 'internal server error');
}

export function errorBody(e: AppError): ApiErrorBody {
  const body: ApiErrorBody = { error: { code: e.code, message: e.message } };
  if (e.path !== undefined) body.error.path = e.path;
  return body;
}

export function errorMiddleware(log: (msg: string, err: unknown) => void = defaultLog): ErrorRequestHandler {
  return (err, req, res, next) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500 && appErr.code === 'internal')
      log(`${req.method} ${req.originalUrl} failed`, err);
    if (res.headersSent) {
      // A stream (download, SSE) broke mid-way: the status is gone, end it.
      next(err);
      return;
    }
    res.status(appErr.status).json(errorBody(appErr));
  };
}

/** Unknown `/api/...` routes answer JSON, never the SPA page. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', 404, `no API route ${req.method} ${req.originalUrl.split('?')[0] ?? ''}`));
};

function defaultLog(msg: string, err: unknown): void {
  console.error(`[lago-grey] ${msg}:`, err);
}

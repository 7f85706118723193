/** Parses a request part with a zod schema; failures become 400 with the path. */
import type { z } from 'zod';
import type { ErrorCode } from '../../shared/api/errorCodes.ts';
import { AppError } from '../errors/AppError.ts';
import { issuePath } from '../http/issuePath.ts';

export function parseRequest<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code: ErrorCode = 'invalid_request',
): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const path = first ? issuePath(first.path) : '';
  const message = first?.message ?? 'invalid request';
  throw new AppError(
    code,
    400,
    path === '' ? message : `${path}: ${message}`,
    path === '' ? undefined : path,
  );
}

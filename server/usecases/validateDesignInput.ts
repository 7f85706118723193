/**
 * Turns untrusted input into a valid Design, or a 400 naming the path of the
 * first problem (e.g. `design.layers[2].components[0]: unknown component "libfoo"`).
 */
import type { Design } from '../../shared/design/types.ts';
import { validateDesign } from '../../shared/design/validateDesign.ts';
import { AppError } from '../errors/AppError.ts';
import { joinPath } from '../http/issuePath.ts';

export function validateDesignInput(input: unknown, pathPrefix = ''): Design {
  const r = validateDesign(input);
  if (r.ok) return r.design;
  const first = r.issues[0];
  const path = joinPath(pathPrefix, first?.path ?? '');
  const message = first?.message ?? 'invalid design';
  const more =
    r.issues.length > 1 ? ` (and ${r.issues.length - 1} more problem${r.issues.length > 2 ? 's' : ''})` : '';
  return fail(path, `${path === '' ? '' : `${path}: `}${message}${more}`);
}

function fail(path: string, message: string): never {
  throw new AppError('invalid_design', 400, message, path === '' ? undefined : path);
}

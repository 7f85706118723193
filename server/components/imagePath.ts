/**
 * Image paths come from the catalog, uploads and Debian packages; they must
 * never be able to name (or escape to) a host path when joined to a folder.
 */
import path from 'node:path';
import { AppError } from '../errors/AppError.ts';

/** Plain file names (artifacts, Zig folders): a conservative set. */
const SEGMENT_RE = /^[A-Za-z0-9._+@,=~-]+$/;
/** Image path segments (Debian ships e.g. `NetLock_Arany_=Class_Gold=_Főtanúsítvány.crt`): anything printable but `/`. */
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/**
 * Validates an absolute image path and returns it normalised (no trailing
 * slash). Rejects `..`, `.`, empty segments, NUL and other control characters.
 */
export function checkImagePath(p: string, what = 'path'): string {
  if (typeof p !== 'string' || !p.startsWith('/') || p.length > 1024) {
    throw new AppError(
      'invalid_path',
      400,
      `${what} must be an absolute image path (got ${JSON.stringify(p)})`,
    );
  }
  const segments = p.split('/').slice(1);
  if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
  if (segments.length === 0)
    throw new AppError('invalid_path', 400, `${what} must not be the image root "/"`);
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || CONTROL_RE.test(s) || Buffer.byteLength(s) > 255) {
      throw new AppError(
        'invalid_path',
        400,
        `${what} has an invalid segment ${JSON.stringify(s)} in ${JSON.stringify(p)}`,
      );
    }
  }
  return '/' + segments.join('/');
}

/**
 * Joins a checked image path under `root`, and proves the result stays inside
 * it (defence in depth on top of {@link checkImagePath}).
 */
export function underRoot(root: string, imagePath: string): string {
  const rel = checkImagePath(imagePath).slice(1);
  const joined = path.resolve(root, rel);
  const base = path.resolve(root);
  if (joined !== base && !joined.startsWith(base + path.sep)) {
    throw new AppError('invalid_path', 400, `path ${JSON.stringify(imagePath)} escapes its root`);
  }
  return joined;
}

/** A plain file name (no directory part), e.g. an artifact's `liboqs.a`. */
export function checkFileName(name: string, what = 'file name'): string {
  if (
    typeof name !== 'string' ||
    !SEGMENT_RE.test(name) ||
    name === '.' ||
    name === '..' ||
    name.length > 255
  ) {
    throw new AppError(
      'invalid_path',
      400,
      `${what} must be a plain file name (got ${JSON.stringify(name)})`,
    );
  }
  return name;
}

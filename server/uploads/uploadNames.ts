import { AppError } from '../errors/AppError.ts';

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const SEGMENT = /^[A-Za-z0-9_+@-][A-Za-z0-9._+@-]{0,254}$/;
const ALLOWED_ROOTS = new Set(['usr', 'opt', 'app']);

/** An upload's name: `[a-z0-9][a-z0-9._-]{0,63}` (it becomes a file name in the image). */
export function validateUploadName(name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new AppError(
      'invalid_name',
      400,
      'The name must match [a-z0-9][a-z0-9._-]{0,63}: lowercase letters, digits, ".", "_" and "-", starting with a letter or digit.',
      'name',
    );
  }
  return name;
}

/**
 * Where the upload goes in the image. Absolute, already normalised (no `.`,
 * `..`, `//`, trailing slash or NUL: we refuse rather than normalise, so what
 * the user sees is what is installed), under /usr, /opt or /app, and made of
 * plain file-name characters so it is safe in a Containerfile COPY line.
 */
export function validateInstallPath(path: unknown, name: string): string {
  if (path === undefined || path === '') return `/usr/local/bin/${name}`;
  const bad = (why: string): AppError =>
    new AppError(
      'invalid_install_path',
      400,
      `Install path ${JSON.stringify(String(path).slice(0, 300))} ${why}.`,
      'path',
    );
  if (typeof path !== 'string') throw bad('must be a single string');
  if (path.length > 1024) throw bad('is longer than 1024 characters');
  if (path.includes('\0')) throw bad('contains a NUL byte');
  if (!path.startsWith('/')) throw bad('must be absolute (start with /)');
  if (path.endsWith('/')) throw bad('must name a file (no trailing slash)');
  const segments = path.slice(1).split('/');
  if (segments.some((s) => s === '')) throw bad('must be normalised (no //)');
  if (segments.some((s) => s === '.' || s === '..')) throw bad('must be normalised (no . or .. segments)');
  if (!ALLOWED_ROOTS.has(segments[0] ?? '') || segments.length < 2)
    throw bad('must be a file under /usr, /opt or /app');
  if (!segments.every((s) => SEGMENT.test(s)))
    throw bad('may only use letters, digits and . _ + @ - in each part');
  return path;
}

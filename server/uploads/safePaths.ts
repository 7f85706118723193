import { lstat, mkdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { AppError } from '../errors/AppError.ts';

/** One path segment we create under the data dir: no separators, no dot-only names, no NUL. */
const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

export function isSafeSegment(segment: string): boolean {
  return SAFE_SEGMENT.test(segment) && segment !== '.' && segment !== '..';
}

/** Whether `child` is `parent` or lies below it (both absolute, already resolved). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function unsafe(what: string): AppError {
  return new AppError('unsafe_path', 400, `Refusing a path outside the data directory (${what}).`);
}

/**
 * `dataDir/segments…`, refusing any segment that could climb out (`..`, `/`,
 * NUL, …). Pure string check; see {@link ensureDirInside} for the filesystem.
 */
export function joinInside(dataDir: string, ...segments: string[]): string {
  for (const s of segments) if (!isSafeSegment(s)) throw unsafe(`segment ${JSON.stringify(s.slice(0, 80))}`);
  return join(dataDir, ...segments);
}

/**
 * Creates `dataDir/segments…` as real directories, refusing if any level is a
 * symlink (someone planting `uploads -> /etc` must not redirect our writes) or
 * if the result resolves outside the data dir.
 */
export async function ensureDirInside(dataDir: string, ...segments: string[]): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const root = await realpath(dataDir);
  let current = root;
  for (const s of segments) {
    current = joinInside(current, s);
    await mkdir(current, { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    const st = await lstat(current);
    if (st.isSymbolicLink() || !st.isDirectory()) throw unsafe(`${s} is not a plain directory`);
  }
  if (!isInside(root, await realpath(current))) throw unsafe('resolved outside');
  return current;
}

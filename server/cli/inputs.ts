/**
 * Reading the CLI's inputs, each failure turned into a one-line CliError with
 * its own exit code: missing file (3), invalid JSON (4), schema error (5).
 */
import { open, readFile } from 'node:fs/promises';
import { parseDesignText, formatIssue } from '../../shared/design/validateDesign.ts';
import type { Design } from '../../shared/design/types.ts';
import { CliError, EXIT } from './CliError.ts';

function unreadable(e: unknown, path: string, what: string): CliError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : (code ?? 'unreadable');
  return new CliError(EXIT.fileNotFound, `cannot read ${what} ${path}: ${why}`);
}

/** Checks that a (possibly huge) file can be opened and read, without reading it. */
export async function assertReadableFile(path: string, what: string): Promise<void> {
  try {
    const fh = await open(path, 'r');
    try {
      await fh.read(Buffer.alloc(1), 0, 1, 0);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw unreadable(e, path, what);
  }
}

export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw unreadable(e, path, what);
  }
}

export async function readJsonFile(path: string, what: string): Promise<unknown> {
  const text = await readTextFile(path, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const detail = (e as Error).message.split('\n')[0] ?? '';
    throw new CliError(EXIT.invalidJson, `${what} ${path} is not valid JSON: ${detail}`);
  }
}

export async function readDesignFile(path: string): Promise<Design> {
  const text = await readTextFile(path, 'design');
  try {
    JSON.parse(text);
  } catch (e) {
    const detail = (e as Error).message.split('\n')[0] ?? '';
    throw new CliError(EXIT.invalidJson, `design ${path} is not valid JSON: ${detail}`);
  }
  const result = parseDesignText(text);
  if (result.ok) return result.design;
  const [first, ...rest] = result.issues;
  const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
  throw new CliError(
    EXIT.invalidDesign,
    `design ${path} is invalid: ${first ? formatIssue(first) : 'unknown problem'}${more}`,
  );
}

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** `17500000`, `17.5MB`, `20 MiB` → integer bytes; `what` names the flag in the error. */
export function parseBytes(text: string, what: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = UNITS[(m?.[2] || 'b').toLowerCase()];
  if (!m || unit === undefined)
    throw new CliError(EXIT.usage, `${what}: "${text}" is not a size (e.g. 17500000, 17.5MB, 20MiB)`);
  return Math.round(Number(m[1]) * unit);
}

/** `0.9` or `90%` → 0.9. */
export function parseRatio(text: string, what: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m) throw new CliError(EXIT.usage, `${what}: "${text}" is not a ratio (e.g. 0.9 or 90%)`);
  const n = Number(m[1]) / (m[2] ? 100 : 1);
  if (n > 1) throw new CliError(EXIT.usage, `${what}: ${text} is above 1 (100%)`);
  return n;
}

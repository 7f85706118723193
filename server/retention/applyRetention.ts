import { lstat, realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildRecord, BuildStatus } from '../../shared/api/types.ts';
import type { BuildStore } from '../builds/BuildStore.ts';
import { isInside, isSafeSegment } from '../uploads/safePaths.ts';
import { directorySize } from './directorySize.ts';

export const DEFAULT_MAX_BUILDS = 50;
export const DEFAULT_MAX_BUILD_BYTES = 5_000_000_000;

export interface RetentionLimits {
  /** `LAGO_MAX_BUILDS`: most builds kept (records and artifacts). */
  maxBuilds: number;
  /** `LAGO_MAX_BUILD_BYTES`: most bytes of build artifacts kept under `builds/`. */
  maxBytes: number;
}

export interface RetentionOptions extends RetentionLimits {
  store: BuildStore;
  dataDir: string;
}

export interface RetentionOutcome {
  deleted: string[];
  freedBytes: number;
  keptBuilds: number;
  keptBytes: number;
}

const positiveInt = (raw: string | undefined, fallback: number): number => {
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isSafeInteger(n) && n > 0 ? n : fallback;
};

/** `LAGO_MAX_BUILDS` (default 50) and `LAGO_MAX_BUILD_BYTES` (default 5 GB). */
export function retentionLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): RetentionLimits {
  return {
    maxBuilds: positiveInt(env.LAGO_MAX_BUILDS, DEFAULT_MAX_BUILDS),
    maxBytes: positiveInt(env.LAGO_MAX_BUILD_BYTES, DEFAULT_MAX_BUILD_BYTES),
  };
}

const FINISHED: ReadonlySet<BuildStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/** `${dataDir}/builds/<id>` for a well-formed id, else undefined (never a path outside). */
export function buildArtifactDir(dataDir: string, id: string): string | undefined {
  return isSafeSegment(id) ? join(dataDir, 'builds', id) : undefined;
}

/**
 * Keeps at most `maxBuilds` builds and `maxBytes` of artifacts by deleting the
 * oldest finished builds first (their `builds/<id>/` directory, then their
 * record and log). Queued and running builds are never touched, even when
 * they alone exceed the limits. Run at start and after each build finishes.
 */
export async function applyRetention(opts: RetentionOptions): Promise<RetentionOutcome> {
  const all = opts.store.list(); // newest first
  const sizes = new Map<string, number>();
  for (const b of all) {
    const dir = buildArtifactDir(opts.dataDir, b.id);
    sizes.set(b.id, dir === undefined ? 0 : await directorySize(dir));
  }
  let count = all.length;
  let bytes = [...sizes.values()].reduce((a, b) => a + b, 0);
  const candidates: BuildRecord[] = all.filter((b) => FINISHED.has(b.status)).reverse(); // oldest first
  const deleted: string[] = [];
  let freedBytes = 0;
  for (const build of candidates) {
    if (count <= opts.maxBuilds && bytes <= opts.maxBytes) break;
    // Re-read: the build must still be finished right now (it could have been re-queued).
    const fresh = opts.store.get(build.id);
    if (fresh === undefined || !FINISHED.has(fresh.status)) continue;
    await removeArtifacts(opts.dataDir, build.id);
    opts.store.delete(build.id);
    const size = sizes.get(build.id) ?? 0;
    freedBytes += size;
    bytes -= size;
    count -= 1;
    deleted.push(build.id);
  }
  return { deleted, freedBytes, keptBuilds: count, keptBytes: bytes };
}

async function removeArtifacts(dataDir: string, id: string): Promise<void> {
  const dir = buildArtifactDir(dataDir, id);
  if (dir === undefined) return;
  const st = await lstat(dir).catch(() => undefined);
  if (st === undefined) return;
  if (st.isSymbolicLink()) {
    // Remove the link itself; rm never follows it, but be explicit about not touching its target.
    await rm(dir, { force: true });
    return;
  }
  const buildsRoot = await realpath(join(dataDir, 'builds'));
  if (!isInside(await realpath(dataDir), buildsRoot) || !isInside(buildsRoot, await realpath(dir))) return;
  await rm(dir, { recursive: true, force: true });
}

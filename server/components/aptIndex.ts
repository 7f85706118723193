/**
 * What version of a Debian package `apt-get download` would fetch right now.
 * `apt-cache` takes ~0.7 s here (no pkgcache.bin), so answers are memoised
 * per state of `/var/lib/apt/lists` (names, sizes, mtimes of its index
 * files), in memory and on disk; `apt-get update` changes the state.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/AppError.ts';
import { runProcess } from '../process/runProcess.ts';
import type { ContentCache } from './ContentCache.ts';
import { sha256Hex } from './hashFile.ts';
import type { LogFn } from './types.ts';

export interface DebCandidate {
  package: string;
  version: string;
  arch: string;
}

export const APT_LISTS_DIR = '/var/lib/apt/lists';

export const APT_UPDATE_HINT =
  'apt has no package lists on this server: run "apt-get update" (as root) once, then build again';

/** Fingerprint of the apt index files, or null when there are none (apt-get update never ran). */
export async function aptListsFingerprint(dir = APT_LISTS_DIR): Promise<string | null> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return null;
  }
  const lists = names.filter((n) => n.includes('_Packages')).sort();
  if (lists.length === 0) return null;
  const parts: string[] = [];
  for (const n of lists) {
    const st = await fs.stat(path.join(dir, n)).catch(() => undefined);
    if (st) parts.push(`${n}:${st.size}:${st.mtimeMs}`);
  }
  return sha256Hex(parts.join('\n'));
}

/** Parses `apt-cache show` stanzas into package → candidate. */
export function parseAptCacheShow(text: string): Map<string, DebCandidate> {
  const out = new Map<string, DebCandidate>();
  for (const stanza of text.split(/\n\s*\n/)) {
    const field = (name: string): string | undefined =>
      new RegExp(`^${name}: *(.+)$`, 'm').exec(stanza)?.[1]?.trim();
    const pkg = field('Package');
    const version = field('Version');
    if (pkg === undefined || version === undefined || out.has(pkg)) continue;
    out.set(pkg, { package: pkg, version, arch: field('Architecture') ?? 'amd64' });
  }
  return out;
}

export class AptIndex {
  private memo: { fingerprint: string; candidates: Record<string, DebCandidate> } | undefined;
  private readonly file: string;

  /** `listsDir` is the apt lists folder; tests point it at an empty one to play "apt-get update never ran". */
  constructor(
    private readonly cache: ContentCache,
    private readonly listsDir = APT_LISTS_DIR,
  ) {
    this.file = path.join(cache.root, 'apt-candidates.json');
  }

  private async onDisk(): Promise<
    { fingerprint: string; candidates: Record<string, DebCandidate> } | undefined
  > {
    return fs
      .readFile(this.file, 'utf8')
      .then((t) => JSON.parse(t) as { fingerprint: string; candidates: Record<string, DebCandidate> })
      .catch(() => undefined);
  }

  /**
   * Whether `pkg` can be resolved: apt lists exist, or (lists deleted, as slim
   * container images do) an earlier answer for it is remembered, whose
   * component is then served from the cache.
   */
  async knows(pkg: string): Promise<boolean> {
    if ((await aptListsFingerprint(this.listsDir)) !== null) return true;
    return (await this.onDisk())?.candidates[pkg] !== undefined;
  }

  /** The candidate of every package, looked up in one `apt-cache` call on a miss. */
  async candidates(
    packages: readonly string[],
    log: LogFn,
    signal: AbortSignal,
  ): Promise<Map<string, DebCandidate>> {
    const fingerprint = await aptListsFingerprint(this.listsDir);
    if (fingerprint === null) {
      const remembered = await this.onDisk();
      const out = new Map<string, DebCandidate>();
      for (const p of packages) {
        const c = remembered?.candidates[p];
        if (c === undefined) throw new AppError('apt_update_needed', 503, APT_UPDATE_HINT);
        out.set(p, c);
      }
      log('info', `apt lists are missing; using the versions resolved before (${packages.join(', ')})`);
      return out;
    }
    if (this.memo?.fingerprint !== fingerprint) {
      const onDisk = await this.onDisk();
      this.memo = onDisk?.fingerprint === fingerprint ? onDisk : { fingerprint, candidates: {} };
    }
    const memo = this.memo;
    const missing = packages.filter((p) => memo.candidates[p] === undefined);
    if (missing.length > 0) {
      log('info', `apt-cache show ${missing.join(' ')}`);
      const r = await runProcess('apt-cache', ['show', '--no-all-versions', ...missing], {
        signal,
        timeoutMs: 60_000,
      });
      const found = parseAptCacheShow(r.stdout);
      for (const p of missing) {
        const c = found.get(p);
        if (c === undefined) {
          throw new AppError(
            'deb_not_found',
            503,
            `Debian package ${p} is not in this server's apt lists: run "apt-get update" (as root), then build again`,
          );
        }
        memo.candidates[p] = c;
      }
      await this.cache.writeAtomic(this.file, JSON.stringify(memo));
    }
    const out = new Map<string, DebCandidate>();
    for (const p of packages) {
      const c = memo.candidates[p];
      if (c) out.set(p, c);
    }
    return out;
  }
}

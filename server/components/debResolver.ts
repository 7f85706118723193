/**
 * `deb` components: the catalog's paths out of a Debian package, fetched with
 * `apt-get download` (installs nothing on the host) and unpacked with
 * `dpkg-deb -x`. Symlinks stay symlinks and are never followed. The
 * `ca-certificates` bundle is built as `update-ca-certificates` builds it.
 * Cache key: package + version + arch + the catalog recipe.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/AppError.ts';
import { runProcess } from '../process/runProcess.ts';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import { type AptIndex, APT_UPDATE_HINT } from './aptIndex.ts';
import type { ContentCache } from './ContentCache.ts';
import { hashFile } from './hashFile.ts';
import { checkImagePath, underRoot } from './imagePath.ts';
import { findOnPath } from './zigToolchain.ts';
import type { ComponentFile, ComponentResolver, LogFn, ResolveContext, ResolvedComponent } from './types.ts';

const PACKAGE_RE = /^[a-z0-9][a-z0-9+.-]{1,100}$/;
const CA_DIR = '/usr/share/ca-certificates';
const MAX_ENTRIES = 20_000;

export interface DebResolverDeps {
  cache: ContentCache;
  apt: AptIndex;
}

type DebRecipe = { package: string; paths: string[]; caBundle?: string };

function recipeOf(item: CatalogItem): DebRecipe {
  if (item.source.kind !== 'deb') throw new Error(`not a deb component: ${item.id}`);
  if (!PACKAGE_RE.test(item.source.package)) {
    throw new AppError(
      'invalid_component',
      400,
      `invalid Debian package name ${JSON.stringify(item.source.package)}`,
    );
  }
  const recipe: DebRecipe = {
    package: item.source.package,
    paths: item.source.paths.map((p) => checkImagePath(p, `path of ${item.id}`)),
  };
  if (item.source.caBundle !== undefined)
    recipe.caBundle = checkImagePath(item.source.caBundle, `CA bundle of ${item.id}`);
  return recipe;
}

/** Refuses a path whose parent folders include a symlink (it could point out of the tree). */
async function assertRealParents(root: string, imagePath: string): Promise<void> {
  const segments = imagePath.split('/').slice(1, -1);
  let p = '';
  for (const s of segments) {
    p += `/${s}`;
    const st = await fs.lstat(underRoot(root, p));
    if (!st.isDirectory())
      throw new AppError(
        'deb_failed',
        500,
        `${p} is not a directory in the package (needed for ${imagePath})`,
      );
  }
}

/** Walks `imagePath` inside the unpacked tree without following symlinks. */
async function collect(
  root: string,
  imagePath: string,
  cache: ContentCache,
  out: ComponentFile[],
): Promise<void> {
  const host = underRoot(root, imagePath);
  const st = await fs.lstat(host);
  const mode = st.mode & 0o7777;
  if (out.length > MAX_ENTRIES)
    throw new AppError('deb_too_large', 500, `more than ${MAX_ENTRIES} entries under ${imagePath}`);
  if (st.isSymbolicLink()) {
    out.push({ path: imagePath, type: 'symlink', mode: 0o777, size: 0, linkTarget: await fs.readlink(host) });
  } else if (st.isDirectory()) {
    out.push({ path: imagePath, type: 'dir', mode, size: 0 });
    const names = (await fs.readdir(host)).sort();
    for (const n of names) await collect(root, `${imagePath}/${n}`, cache, out);
  } else if (st.isFile()) {
    const blob = await cache.putFile(host);
    out.push({
      path: imagePath,
      type: 'file',
      mode,
      size: blob.size,
      sha256: blob.sha256,
      hostPath: blob.hostPath,
    });
  }
  // Devices, fifos and sockets are never taken from a package.
}

/** Concatenates every `*.crt` under the package's CA dir, sorted, each ending in a newline. */
async function caBundle(root: string): Promise<Buffer> {
  const certs: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const dir = underRoot(root, rel === '' ? CA_DIR : `${CA_DIR}/${rel}`);
    if (rel === '') await assertRealParents(root, `${CA_DIR}/x`);
    for (const e of await fs.readdir(dir, { withFileTypes: true })) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(r);
      else if (e.isFile() && e.name.endsWith('.crt')) certs.push(r);
    }
  };
  await walk('');
  // Byte order, as `sort` with LC_ALL=C orders /etc/ca-certificates.conf.
  certs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (certs.length === 0) throw new AppError('deb_failed', 500, `no certificates found under ${CA_DIR}`);
  const parts: Buffer[] = [];
  for (const c of certs) {
    const data = await fs.readFile(underRoot(root, `${CA_DIR}/${c}`));
    parts.push(data);
    if (data.length > 0 && data[data.length - 1] !== 0x0a) parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

async function aptDownload(
  pkg: string,
  version: string,
  dir: string,
  log: LogFn,
  signal: AbortSignal,
): Promise<string> {
  // As root, apt drops to the `_apt` user, which cannot write our temp dir.
  const sandbox = process.getuid?.() === 0 ? ['-o', 'APT::Sandbox::User=root'] : [];
  const r = await runProcess('apt-get', ['download', ...sandbox, `${pkg}=${version}`], {
    cwd: dir,
    log,
    signal,
    timeoutMs: 300_000,
  });
  if (r.cancelled) throw new AppError('cancelled', 409, `downloading ${pkg} was cancelled`);
  if (r.exitCode !== 0) {
    const why = r.stderr.trim().split('\n').slice(-3).join(' ');
    const hint = /Unable to locate|No packages found|Can't select|Version .* not found/i.test(why)
      ? ` — ${APT_UPDATE_HINT}`
      : ' — check that the server can reach the Debian mirror';
    throw new AppError(
      'deb_download_failed',
      503,
      `apt-get download ${pkg}=${version} failed: ${why}${hint}`,
    );
  }
  const debs = (await fs.readdir(dir)).filter((n) => n.endsWith('.deb'));
  const deb = debs[0];
  if (deb === undefined)
    throw new AppError('deb_download_failed', 503, `apt-get download ${pkg} wrote no .deb`);
  return path.join(dir, deb);
}

export function createDebResolver(deps: DebResolverDeps): ComponentResolver {
  return {
    async availability(item) {
      const pkg = item.source.kind === 'deb' ? item.source.package : '';
      if (findOnPath('apt-get') === null || findOnPath('dpkg-deb') === null) {
        return {
          available: false,
          reason: 'apt-get and dpkg-deb were not found: Debian components need a Debian or Ubuntu server',
        };
      }
      if (!(await deps.apt.knows(pkg))) return { available: false, reason: APT_UPDATE_HINT };
      return { available: true };
    },

    async resolve(item: CatalogItem, ctx: ResolveContext): Promise<ResolvedComponent> {
      const recipe = recipeOf(item);
      const candidate = (await deps.apt.candidates([recipe.package], ctx.log, ctx.signal)).get(
        recipe.package,
      );
      if (candidate === undefined)
        throw new AppError('deb_not_found', 503, `no candidate for ${recipe.package}`);
      const key = { v: 1, id: item.id, ...candidate, recipe };
      return deps.cache.memo(
        'deb',
        key,
        async () => {
          ctx.log('info', `fetching Debian package ${candidate.package} ${candidate.version}`);
          const tmp = await deps.cache.tempDir(`deb-${recipe.package}`);
          try {
            const deb = await aptDownload(candidate.package, candidate.version, tmp, ctx.log, ctx.signal);
            const debHash = await hashFile(deb);
            const root = path.join(tmp, 'root');
            await fs.mkdir(root);
            const x = await runProcess('dpkg-deb', ['-x', deb, root], {
              log: ctx.log,
              signal: ctx.signal,
              timeoutMs: 120_000,
            });
            if (x.exitCode !== 0)
              throw new AppError(
                'deb_failed',
                500,
                `dpkg-deb -x failed for ${path.basename(deb)}: ${x.stderr.trim()}`,
              );
            const f = await runProcess('dpkg-deb', ['-f', deb, 'Version'], {
              signal: ctx.signal,
              timeoutMs: 30_000,
            });
            const version = f.stdout.trim() || candidate.version;
            const files: ComponentFile[] = [];
            for (const p of recipe.paths) {
              try {
                await assertRealParents(root, p);
                await collect(root, p, deps.cache, files);
              } catch (e) {
                if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
                  throw new AppError('deb_failed', 500, `package ${recipe.package} ${version} has no ${p}`);
                }
                throw e;
              }
            }
            if (recipe.caBundle !== undefined) {
              const blob = await deps.cache.putBytes(await caBundle(root));
              files.push({
                path: recipe.caBundle,
                type: 'file',
                mode: 0o644,
                size: blob.size,
                sha256: blob.sha256,
                hostPath: blob.hostPath,
              });
            }
            files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
            return {
              id: item.id,
              version,
              origin: {
                kind: 'deb',
                package: recipe.package,
                version,
                arch: candidate.arch,
                sha256: debHash.sha256,
              },
              files,
              contentBytes: files.reduce((n, x) => n + (x.type === 'file' ? x.size : 0), 0),
            };
          } finally {
            await fs.rm(tmp, { recursive: true, force: true });
          }
        },
        () => ctx.log('info', `${item.id}: ${candidate.package} ${candidate.version} found in the cache`),
      );
    },
  };
}

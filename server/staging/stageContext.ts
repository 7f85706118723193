/**
 * Stages a build context: `Containerfile` plus `layers/NN-slug/…` (folder
 * names from the shared `layerDirName`, so the Containerfile matches), with
 * exact modes and every mtime of layer i at `sourceDateEpoch + i` (the
 * Containerfile and `layers/` at `sourceDateEpoch`). When the design holds
 * `obli-pkg`, its layer also gets the manifest `obli-pkg verify` checks.
 *
 * Why one mtime per layer: podman's layer diff (vfs, containers/storage
 * `ChangesDirs`) compares type, mode, size and mtime, never content, so with
 * one mtime everywhere a file that an upper layer overrides with other bytes
 * of the same size (or a symlink retargeted to a same-length target) would
 * silently be left out of that layer. Distinct per-layer mtimes make every
 * override visible. Image tar headers are unaffected: podman `--timestamp`
 * and the builtin engine write `sourceDateEpoch` as every entry's mtime.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import { generateContainerfile, layerDirName } from '../../shared/containerfile/generateContainerfile.ts';
import type { Design } from '../../shared/design/types.ts';
import type { LogFn, ResolvedComponent } from '../components/types.ts';
import type { StagedLayer } from '../engines/types.ts';
import { completeParents, effectiveTree, planLayers, sortedEntries, type StagedEntry } from './layerTree.ts';
import { materializeLayer } from './materializeLayer.ts';
import {
  describeOrigin,
  OBLI_MANIFEST_PATH,
  renderObliManifest,
  type ManifestComponent,
} from './obliManifest.ts';

export interface StageInput {
  design: Design;
  /** Catalog items of the design's components (for the Containerfile). */
  items: readonly CatalogItem[];
  /** Every component ref of the design, resolved. */
  resolved: ReadonlyMap<string, ResolvedComponent>;
  /** Created if missing; its `Containerfile` and `layers/` are replaced. */
  contextDir: string;
  /** Seconds since the epoch: layer i's mtimes are this + i. */
  sourceDateEpoch: number;
  log?: LogFn;
}

export interface StagedLayerInfo extends StagedLayer {
  /** Sum of regular-file sizes (dive's measure), manifest included. */
  contentBytes: number;
  fileCount: number;
  /** Every entry of the layer, sorted by path (implied folders included). */
  entries: StagedEntry[];
}

export interface StageResult {
  layers: StagedLayerInfo[];
  containerfile: string;
  /** The obli-pkg manifest, when obli-pkg is in the design. */
  manifest?: { path: string; layerIndex: number; sha256: string; size: number; fileCount: number };
}

const OBLI_PKG = 'obli-pkg';

export async function stageContext(input: StageInput): Promise<StageResult> {
  const { design, resolved, sourceDateEpoch: epoch } = input;
  if (!Number.isInteger(epoch) || epoch < 0)
    throw new Error(`sourceDateEpoch must be a non-negative integer (got ${epoch})`);
  const trees = planLayers(design.layers, resolved);

  let manifest: StageResult['manifest'];
  const obliLayer = design.layers.findIndex((l) => l.components.includes(OBLI_PKG));
  const obliTree = trees[obliLayer];
  if (obliTree !== undefined) {
    const components: ManifestComponent[] = [];
    for (const layer of design.layers) {
      for (const ref of layer.components) {
        const c = resolved.get(ref);
        if (c)
          components.push({
            id: ref,
            version: c.version,
            source: describeOrigin(c.origin),
            layer: layer.name,
          });
      }
    }
    const files = [...effectiveTree(trees).values()]
      .filter((e) => e.type === 'file' && e.path !== OBLI_MANIFEST_PATH)
      .map((e) => ({ path: e.path, sha256: e.sha256 ?? '', size: e.size, component: e.component }));
    const text = renderObliManifest(`${design.name}:${design.tag}`, components, files);
    const content = Buffer.from(text, 'utf8');
    const sha256 = createHash('sha256').update(content).digest('hex');
    obliTree.set(OBLI_MANIFEST_PATH, {
      path: OBLI_MANIFEST_PATH,
      type: 'file',
      mode: 0o644,
      size: content.length,
      sha256,
      content,
      component: OBLI_PKG,
    });
    completeParents(obliTree);
    manifest = {
      path: OBLI_MANIFEST_PATH,
      layerIndex: obliLayer,
      sha256,
      size: content.length,
      fileCount: files.length,
    };
    input.log?.('info', `obli-pkg manifest: ${files.length} files, ${components.length} components`);
  }

  const contextDir = path.resolve(input.contextDir);
  await fs.mkdir(contextDir, { recursive: true });
  await fs.rm(path.join(contextDir, 'layers'), { recursive: true, force: true });
  const containerfile = generateContainerfile(design, [...input.items]);
  await fs.writeFile(path.join(contextDir, 'Containerfile'), containerfile, { mode: 0o644 });
  await fs.chmod(path.join(contextDir, 'Containerfile'), 0o644);
  await fs.utimes(path.join(contextDir, 'Containerfile'), epoch, epoch);

  const layers: StagedLayerInfo[] = [];
  for (const [i, layer] of design.layers.entries()) {
    const tree = trees[i];
    if (tree === undefined) continue;
    const dir = layerDirName(i, layer.name);
    const entries = sortedEntries(tree);
    await materializeLayer(path.join(contextDir, dir), entries, epoch + i);
    const files = entries.filter((e) => e.type === 'file');
    layers.push({
      name: layer.name,
      dir,
      contentBytes: files.reduce((n, e) => n + e.size, 0),
      fileCount: files.length,
      entries: entries.map(({ content: _c, ...rest }) => rest),
    });
    input.log?.(
      'info',
      `staged ${dir}: ${files.length} files, ${entries.length - files.length} other entries`,
    );
  }
  await fs.mkdir(path.join(contextDir, 'layers'), { recursive: true });
  await fs.chmod(path.join(contextDir, 'layers'), 0o755);
  await fs.utimes(path.join(contextDir, 'layers'), epoch, epoch);
  return manifest ? { layers, containerfile, manifest } : { layers, containerfile };
}

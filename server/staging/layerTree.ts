/**
 * Pure planning of a build context: which entry each layer holds (with the
 * parent folders it implies), and the tree the final image shows.
 */
import { AppError } from '../errors/AppError.ts';
import { checkImagePath } from '../components/imagePath.ts';
import type { ComponentFile, ResolvedComponent } from '../components/types.ts';

/** A component's entry as the stager lays it out (`hostPath` is absent for bytes the stager writes). */
export interface StagedEntry extends ComponentFile {
  /** Regular files written by the stager itself (the obli-pkg manifest). */
  content?: Uint8Array;
  /** Component id, or "" for implied parent folders. */
  component: string;
}

export type LayerTree = Map<string, StagedEntry>;

export const DEFAULT_DIR_MODE = 0o755;

function parentsOf(p: string): string[] {
  const out: string[] = [];
  let i = p.indexOf('/', 1);
  while (i !== -1) {
    out.push(p.slice(0, i));
    i = p.indexOf('/', i + 1);
  }
  return out;
}

function toEntry(f: ComponentFile, component: string): StagedEntry {
  const path = checkImagePath(f.path, `a path of ${component}`);
  if (f.type === 'file') {
    if (f.hostPath === undefined || f.sha256 === undefined) {
      throw new AppError('stage_failed', 500, `${component}: ${path} has no cached bytes`);
    }
    return {
      path,
      type: 'file',
      mode: f.mode & 0o7777,
      size: f.size,
      sha256: f.sha256,
      hostPath: f.hostPath,
      component,
    };
  }
  if (f.type === 'symlink') {
    if (f.linkTarget === undefined || f.linkTarget === '' || f.linkTarget.includes('\0')) {
      throw new AppError('stage_failed', 500, `${component}: symlink ${path} has no target`);
    }
    return { path, type: 'symlink', mode: 0o777, size: 0, linkTarget: f.linkTarget, component };
  }
  return { path, type: 'dir', mode: f.mode & 0o7777, size: 0, component };
}

/** Adds an entry to a layer: later components win over earlier ones; a folder cannot become a file. */
export function addToLayer(tree: LayerTree, e: StagedEntry): void {
  const prev = tree.get(e.path);
  if (prev && (prev.type === 'dir') !== (e.type === 'dir')) {
    throw new AppError(
      'path_conflict',
      422,
      `${e.path} is a ${prev.type} in ${prev.component || 'this layer'} and a ${e.type} in ${e.component}: put them in different layers or remove one`,
    );
  }
  if (prev?.type === 'dir' && e.type === 'dir' && e.component === '') return;
  tree.set(e.path, e);
}

/** Implied parent folders (0755) for every entry, and a check that no parent is a file or symlink. */
export function completeParents(tree: LayerTree): void {
  for (const e of [...tree.values()]) {
    for (const p of parentsOf(e.path)) {
      const parent = tree.get(p);
      if (parent === undefined)
        tree.set(p, { path: p, type: 'dir', mode: DEFAULT_DIR_MODE, size: 0, component: '' });
      else if (parent.type !== 'dir') {
        // Creating e under a symlink would write wherever the link points.
        throw new AppError(
          'path_conflict',
          422,
          `${e.path} (${e.component}) is under ${p}, which is a ${parent.type} in ${parent.component}`,
        );
      }
    }
  }
}

/** The layer trees of a design: one per layer, components in design order. */
export function planLayers(
  layers: readonly { name: string; components: readonly string[] }[],
  resolved: ReadonlyMap<string, ResolvedComponent>,
): LayerTree[] {
  return layers.map((layer) => {
    const tree: LayerTree = new Map();
    for (const ref of layer.components) {
      const c = resolved.get(ref);
      if (c === undefined)
        throw new AppError('stage_failed', 500, `component ${ref} was not resolved before staging`);
      for (const f of c.files) addToLayer(tree, toEntry(f, ref));
    }
    completeParents(tree);
    return tree;
  });
}

/** The final image's entries: upper layers replace lower ones; a non-folder hides what was below it. */
export function effectiveTree(trees: readonly LayerTree[]): LayerTree {
  const out: LayerTree = new Map();
  for (const tree of trees) {
    for (const e of [...tree.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      const prev = out.get(e.path);
      if (e.type !== 'dir' || (prev !== undefined && prev.type !== 'dir')) {
        const prefix = `${e.path}/`;
        for (const k of out.keys()) if (k.startsWith(prefix)) out.delete(k);
      }
      out.set(e.path, e);
    }
  }
  return out;
}

export function sortedEntries(tree: LayerTree): StagedEntry[] {
  return [...tree.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

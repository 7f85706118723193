/**
 * Which entries podman 4.3 (vfs driver) writes into a layer above the first.
 * It does not tar the COPY source: it diffs the container's tree against the
 * layers below (containers/storage `ChangesDirs` + `ExportChanges`), so an
 * upper layer holds only
 * - entries that are new, or whose type, mode or (non-directories) size or
 *   mtime differ from the lower tree — content is never compared — plus
 * - every ancestor directory of such an entry (never `/`),
 * sorted by full path bytes (so `a-b` comes before `a/x`, unlike the walk
 * order of the first layer). A directory that already exists below with the
 * same mode and gets nothing new is left out.
 *
 * One deliberate difference: a file (or symlink) with the same size, mode and
 * mtime as below but different content is kept here — podman silently drops
 * it, which loses the change — and `warn` reports it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { LayerEntry } from './walkLayerDir.ts';
import { walkLayerDir } from './walkLayerDir.ts';

export interface LowerEntry {
  type: LayerEntry['type'];
  mode: number;
  size: number;
  mtimeNs: bigint;
  hostPath?: string;
  linkname?: string;
}

/** The merged tree of the layers below, keyed by path without a trailing `/`. */
export type LowerTree = Map<string, LowerEntry>;

export const entryKey = (path: string): string => path.replace(/\/$/, '');

const byKey = (a: LayerEntry, b: LayerEntry): number =>
  Buffer.compare(Buffer.from(entryKey(a.path)), Buffer.from(entryKey(b.path)));

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const asFile = (t: LayerEntry['type']): LayerEntry['type'] => (t === 'hardlink' ? 'file' : t);

async function differs(
  e: LayerEntry,
  lo: LowerEntry | undefined,
  warn: (msg: string) => void,
): Promise<boolean> {
  if (!lo) return true;
  if (asFile(lo.type) !== asFile(e.type)) return true;
  if (e.type === 'dir') return lo.mode !== e.mode;
  if (lo.mode !== e.mode || lo.size !== e.size || lo.mtimeNs !== e.mtimeNs) return true;
  let contentDiffers = false;
  if (e.type === 'symlink') contentDiffers = lo.linkname !== e.linkname;
  else if (e.hostPath !== undefined && lo.hostPath !== undefined)
    contentDiffers = (await sha256Of(e.hostPath)) !== (await sha256Of(lo.hostPath));
  if (contentDiffers) {
    warn(
      `/${entryKey(e.path)} has the size, mode and mtime of a lower layer's copy but other content: kept here; podman would drop it from this layer`,
    );
  }
  return contentDiffers;
}

/** Adds a layer's entries to the merged lower tree (later layers win). */
export function mergeIntoLower(lower: LowerTree, entries: readonly LayerEntry[]): void {
  for (const e of entries) {
    lower.set(entryKey(e.path), {
      type: e.type,
      mode: e.mode,
      size: e.size,
      mtimeNs: e.mtimeNs,
      ...(e.hostPath !== undefined ? { hostPath: e.hostPath } : {}),
      ...(e.linkname !== undefined ? { linkname: e.linkname } : {}),
    });
  }
}

export async function collectEntries(layerDir: string, signal?: AbortSignal): Promise<LayerEntry[]> {
  const all: LayerEntry[] = [];
  for await (const e of walkLayerDir(layerDir, signal)) all.push(e);
  return all;
}

/** The entries of an upper layer as podman writes them, and the layer's full walk (for the next lower tree). */
export async function upperLayerEntries(
  layerDir: string,
  lower: LowerTree,
  warn: (msg: string) => void,
  signal?: AbortSignal,
): Promise<{ entries: LayerEntry[]; all: LayerEntry[] }> {
  const all = await collectEntries(layerDir, signal);
  const included = new Set<string>();
  for (const e of all) {
    const key = entryKey(e.path);
    if (!(await differs(e, lower.get(key), warn))) continue;
    included.add(key);
    for (let slash = key.lastIndexOf('/'); slash > 0; slash = key.lastIndexOf('/', slash - 1)) {
      included.add(key.slice(0, slash));
    }
  }
  const entries = all.filter((e) => included.has(entryKey(e.path))).sort(byKey);
  return { entries, all };
}

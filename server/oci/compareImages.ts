/**
 * "Rebuild and compare": two inspected images are identical when their
 * manifest digests are; otherwise this names the first layer that differs
 * and, inside it, the first path (in path order) whose entry differs.
 */
import type { OciArchiveInfo, OciFile } from './ociTypes.ts';

export type CompareResult =
  | { identical: true }
  | {
      identical: false;
      /** Index of the first differing layer, bottom = 0; -1 when only config/manifest differ. */
      layerIndex: number;
      layerName?: string;
      /** First differing path inside that layer, when the file trees differ. */
      path?: string;
      reason: string;
    };

type Comparable = Pick<OciArchiveInfo, 'manifestDigest' | 'config' | 'layers'>;

const byPath = (a: OciFile, b: OciFile): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

function describeEntry(f: OciFile): string {
  const base = `${f.type} mode ${f.mode.toString(8).padStart(4, '0')} uid ${f.uid} gid ${f.gid}`;
  if (f.type === 'file') return `${base}, ${f.size} B, sha256 ${f.sha256?.slice(0, 12) ?? '?'}`;
  if (f.linkTarget !== undefined) return `${base} → ${f.linkTarget}`;
  return base;
}

/** First differing path between two layers' file lists, with why. */
export function firstTreeDifference(
  a: readonly OciFile[],
  b: readonly OciFile[],
): { path: string; reason: string } | null {
  const sa = [...a].sort(byPath);
  const sb = [...b].sort(byPath);
  let i = 0;
  let j = 0;
  while (i < sa.length || j < sb.length) {
    const fa = sa[i];
    const fb = sb[j];
    if (fa && (!fb || fa.path < fb.path))
      return { path: fa.path, reason: `only in the first image (${describeEntry(fa)})` };
    if (fb && (!fa || fb.path < fa.path))
      return { path: fb.path, reason: `only in the second image (${describeEntry(fb)})` };
    if (fa && fb) {
      const da = describeEntry(fa);
      const db = describeEntry(fb);
      if (da !== db || fa.sha256 !== fb.sha256) return { path: fa.path, reason: `${da} vs ${db}` };
    }
    i++;
    j++;
  }
  return null;
}

function firstConfigDifference(a: Comparable['config'], b: Comparable['config']): string {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys) {
    const va = JSON.stringify((a as unknown as Record<string, unknown>)[k]);
    const vb = JSON.stringify((b as unknown as Record<string, unknown>)[k]);
    if (va !== vb) return `image config "${k}" differs`;
  }
  return 'manifests differ (annotations or encoding)';
}

/**
 * Compares two images. `layerNames` (design layer names, bottom first) only
 * label the result.
 */
export function compareImages(
  a: Comparable,
  b: Comparable,
  layerNames: readonly string[] = [],
): CompareResult {
  if (a.manifestDigest === b.manifestDigest) return { identical: true };
  const named = (i: number): { layerIndex: number; layerName?: string } => {
    const name = layerNames[i];
    return name !== undefined ? { layerIndex: i, layerName: name } : { layerIndex: i };
  };
  const n = Math.max(a.layers.length, b.layers.length);
  for (let i = 0; i < n; i++) {
    const la = a.layers[i];
    const lb = b.layers[i];
    if (!la || !lb) {
      return {
        identical: false,
        ...named(i),
        reason: `layer ${i} exists only in the ${la ? 'first' : 'second'} image`,
      };
    }
    if (la.diffId === lb.diffId && la.digest === lb.digest) continue;
    const diff = firstTreeDifference(la.files, lb.files);
    if (diff) return { identical: false, ...named(i), path: diff.path, reason: diff.reason };
    if (la.diffId !== lb.diffId) {
      return {
        identical: false,
        ...named(i),
        reason: 'same files, but the tar bytes differ (entry order or header fields)',
      };
    }
    return {
      identical: false,
      ...named(i),
      reason: 'same tar, but the compressed blob differs (gzip settings or zlib version)',
    };
  }
  return { identical: false, layerIndex: -1, reason: firstConfigDifference(a.config, b.config) };
}

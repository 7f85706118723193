import type { CatalogItem } from '../catalog/types.ts';
import type { Design } from '../design/types.ts';
import { componentFiles } from './componentFiles.ts';

/** A path present in two or more layers, as dive's "inefficiencies" list shows it. */
export interface WastedPath {
  path: string;
  /** Layer indexes (0 = bottom) holding the path, ascending. */
  layers: number[];
  /** Sum of its sizes over every layer it appears in. */
  cumulativeBytes: number;
  /** Its smallest occurrence. */
  minBytes: number;
}

/** dive's layer-efficiency figures for a design (PRODUCT.md §5). */
export interface LayerWaste {
  /** Σmin / Σcumulative over all paths; 1 when nothing is counted. dive CI fails below 0.9. */
  efficiency: number;
  /** Σcumulative over paths present in ≥ 2 layers. */
  wastedBytes: number;
  /** wastedBytes / bytes of all layers but the first, as a ratio (dive CI fails above 0.1); 0 when that is 0. */
  userWastedPercent: number;
  /** Paths in ≥ 2 layers, largest cumulative size first, then by path. */
  paths: WastedPath[];
}

/**
 * dive's efficiency, wasted bytes and user-wasted ratio, computed from the
 * design instead of an image. Within one layer a path written by two components
 * is one file (the later component's copy wins, as the stager merges them), so
 * it costs no layer bytes; across layers every copy counts, as in dive.
 */
export function layerWaste(design: Design, items: readonly CatalogItem[]): LayerWaste {
  const layerFiles = design.layers.map(() => new Map<string, number>());
  for (const f of componentFiles(design, items)) layerFiles[f.layerIndex]?.set(f.path, f.bytes);

  const byPath = new Map<string, WastedPath>();
  layerFiles.forEach((files, layerIndex) => {
    for (const [path, bytes] of files) {
      const entry = byPath.get(path);
      if (entry) {
        entry.layers.push(layerIndex);
        entry.cumulativeBytes += bytes;
        entry.minBytes = Math.min(entry.minBytes, bytes);
      } else {
        byPath.set(path, { path, layers: [layerIndex], cumulativeBytes: bytes, minBytes: bytes });
      }
    }
  });

  let sumMin = 0;
  let sumCumulative = 0;
  let wastedBytes = 0;
  const paths: WastedPath[] = [];
  for (const entry of byPath.values()) {
    sumMin += entry.minBytes;
    sumCumulative += entry.cumulativeBytes;
    if (entry.layers.length >= 2) {
      wastedBytes += entry.cumulativeBytes;
      paths.push(entry);
    }
  }
  paths.sort(
    (a, b) => b.cumulativeBytes - a.cumulativeBytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );

  let userBytes = 0;
  layerFiles.slice(1).forEach((files) => files.forEach((bytes) => (userBytes += bytes)));
  return {
    efficiency: sumCumulative === 0 ? 1 : sumMin / sumCumulative,
    wastedBytes,
    userWastedPercent: userBytes === 0 ? 0 : wastedBytes / userBytes,
    paths,
  };
}

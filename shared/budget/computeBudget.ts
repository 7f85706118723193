import type { CatalogItem, Formation } from '../catalog/types.ts';
import { formationOf } from '../catalog/formationOf.ts';
import { resolveComponent, type ComponentWeight } from './resolveComponent.ts';
import type { ComponentRef, Design } from '../design/types.ts';

/** One component's share of the budget. */
export interface BudgetComponent extends ComponentWeight {
  id: ComponentRef;
}

/** One layer's share of the budget. */
export interface BudgetLayer {
  name: string;
  bytes: number;
  /** Present when every component of the layer has a measured file count (0 for an empty layer). */
  fileCount?: number;
  components: BudgetComponent[];
}

/** The live size budget of a design. All sizes are content bytes (regular-file bytes, as dive counts). */
export interface Budget {
  totalBytes: number;
  targetBytes: number;
  /** `targetBytes - totalBytes`: negative when over budget. */
  remainingBytes: number;
  overBudget: boolean;
  /**
   * Total as a percentage of the target, rounded to 0.1 (e.g. 83.4). 0 when both are 0;
   * `Infinity` when the target is 0 and the total is not (serialize with care).
   */
  percentOfTarget: number;
  formation: Formation;
  /** True when any estimate, planned placeholder or unknown component was counted. */
  estimated: boolean;
  /** Present only when every component has a measured file count. */
  fileCount?: number;
  layers: BudgetLayer[];
  /** Referenced components found nowhere (counted as 0 bytes). */
  unknownComponents: string[];
}

/**
 * The budget of `design` against `items` (what `GET /api/catalog` returned, or
 * `staticCatalogItems()`): per component its `sizeBytes` (measured when the
 * server resolved it, else the estimate), planned placeholders by their
 * `estimatedBytes`. Note that a path installed twice is counted twice here, as
 * the layers really hold it twice; see `layerWaste` for dive's view of that.
 */
export function computeBudget(design: Design, items: readonly CatalogItem[]): Budget {
  const byId = new Map(items.map((i) => [i.id, i]));
  const unknownComponents: string[] = [];
  const layers = design.layers.map((layer): BudgetLayer => {
    const components = layer.components.map((ref): BudgetComponent => {
      const r = resolveComponent(ref, byId, design.planned);
      if (r.unknown) unknownComponents.push(ref);
      return {
        id: ref,
        name: r.name,
        bytes: r.bytes,
        estimated: r.estimated,
        planned: r.planned,
        unknown: r.unknown,
        ...(r.fileCount !== undefined && { fileCount: r.fileCount }),
      };
    });
    const fileCount = sumIfAll(components.map((c) => c.fileCount));
    return {
      name: layer.name,
      bytes: sum(components.map((c) => c.bytes)),
      ...(fileCount !== undefined && { fileCount }),
      components,
    };
  });
  const totalBytes = sum(layers.map((l) => l.bytes));
  const fileCount = sumIfAll(layers.map((l) => l.fileCount));
  const target = design.targetBytes;
  return {
    totalBytes,
    targetBytes: target,
    remainingBytes: target - totalBytes,
    overBudget: totalBytes > target,
    percentOfTarget:
      target > 0 ? Math.round((totalBytes / target) * 1000) / 10 : totalBytes > 0 ? Infinity : 0,
    formation: formationOf(totalBytes),
    estimated: layers.some((l) => l.components.some((c) => c.estimated)),
    ...(fileCount !== undefined && { fileCount }),
    layers,
    unknownComponents,
  };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function sumIfAll(values: readonly (number | undefined)[]): number | undefined {
  let total = 0;
  for (const v of values) {
    if (v === undefined) return undefined;
    total += v;
  }
  return total;
}

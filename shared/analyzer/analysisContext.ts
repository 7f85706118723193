import { computeBudget, type Budget } from '../budget/computeBudget.ts';
import { resolveComponent, type ResolvedComponent } from '../budget/resolveComponent.ts';
import type { Capability, CatalogItem } from '../catalog/types.ts';
import type { Design } from '../design/types.ts';

/** A resolved component with its position in the design. */
export interface PlacedComponent extends ResolvedComponent {
  layerIndex: number;
  index: number;
}

/** Everything the analyzer rules share, computed once per analysis. */
export interface AnalysisContext {
  design: Design;
  items: readonly CatalogItem[];
  byId: ReadonlyMap<string, CatalogItem>;
  components: PlacedComponent[];
  budget: Budget;
  provided: ReadonlySet<Capability>;
}

/** Builds the shared context for the rules. */
export function analysisContext(design: Design, items: readonly CatalogItem[]): AnalysisContext {
  const byId = new Map(items.map((i) => [i.id, i]));
  const components: PlacedComponent[] = [];
  design.layers.forEach((layer, layerIndex) =>
    layer.components.forEach((ref, index) =>
      components.push({ ...resolveComponent(ref, byId, design.planned), layerIndex, index }),
    ),
  );
  const provided = new Set<Capability>(components.flatMap((c) => c.item?.provides ?? []));
  return { design, items, byId, components, budget: computeBudget(design, items), provided };
}

/** Whether the design contains `ref`. */
export function hasComponent(ctx: AnalysisContext, ref: string): boolean {
  return ctx.components.some((c) => c.ref === ref);
}

/** Index of the bottom-most layer containing `ref`, or `fallback`. */
export function layerOf(ctx: AnalysisContext, ref: string, fallback: number): number {
  return ctx.components.find((c) => c.ref === ref)?.layerIndex ?? fallback;
}

import type { CatalogItem } from '../../../shared/catalog/types.ts';
import { describePaths } from '../../../shared/design/describePath.ts';
import type { Design } from '../../../shared/design/types.ts';
import { formatIssue, validateDesign } from '../../../shared/design/validateDesign.ts';

export interface BuildContext {
  design: Design;
  byId: ReadonlyMap<string, CatalogItem>;
  catalogSource: 'loading' | 'server' | 'fallback';
  serverReachable: boolean;
}

/**
 * Why this design cannot be built right now, in words, or null when it can.
 * Said next to the Build button before anyone clicks it.
 */
export function buildBlocker({ design, byId, catalogSource, serverReachable }: BuildContext): string | null {
  if (!serverReachable || catalogSource === 'fallback') return 'The server is not reachable, so nothing can be built.';
  if (catalogSource === 'loading') return 'Loading the catalog…';
  if (design.layers.every((l) => l.components.length === 0)) return 'The image is empty: add a component first.';
  const checked = validateDesign(design);
  if (!checked.ok) return `The design is not valid: ${describePaths(checked.issues.slice(0, 2).map(formatIssue).join('; '), design)}.`;
  for (const [layerIndex, layer] of design.layers.entries()) {
    for (const [index, ref] of layer.components.entries()) {
      const where = `layer '${layer.name || layerIndex + 1}', part ${index + 1}`;
      if (ref.startsWith('planned:')) {
        const name = design.planned?.find((p) => p.id === ref)?.name ?? ref;
        return `“${name}” (${where}) is only planned: replace it with a real component to build.`;
      }
      const item = byId.get(ref);
      if (item && !item.available) return `“${item.name}” (${where}) cannot be built here: ${item.unavailableReason ?? 'unavailable'}.`;
    }
  }
  return null;
}

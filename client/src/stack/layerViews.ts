import type { Budget } from '../../../shared/budget/computeBudget.ts';
import { formationOf } from '../../../shared/catalog/formationOf.ts';
import type { CatalogItem } from '../../../shared/catalog/types.ts';
import type { Design } from '../../../shared/design/types.ts';
import { classOf } from '../common/componentClass.ts';
import type { LayerItemView } from './LayerBand.tsx';

export interface LayerView {
  name: string;
  bytes: number;
  items: LayerItemView[];
  itemsKey: string;
}

/** What each layer band draws, from the design and its budget (sizes agree with the panel). */
export function layerViews(
  design: Design,
  budget: Budget,
  byId: ReadonlyMap<string, CatalogItem>,
  loading = false,
): LayerView[] {
  return design.layers.map((layer, layerIndex) => {
    const layerBudget = budget.layers[layerIndex];
    const items = layer.components.map((id, index): LayerItemView => {
      const costed = layerBudget?.components[index];
      const bytes = costed?.bytes ?? 0;
      const catalogItem = byId.get(id);
      return {
        id,
        name: costed?.name ?? catalogItem?.name ?? id,
        bytes,
        estimated: costed?.estimated ?? true,
        planned: costed?.planned ?? false,
        sizeKnown: !loading,
        componentClass: catalogItem ? classOf(catalogItem) : classOf({ category: 'binary', formation: formationOf(bytes) }),
      };
    });
    const itemsKey = items.map((i) => `${i.id}:${i.bytes}:${i.estimated ? 1 : 0}:${i.componentClass}:${loading ? 0 : 1}`).join('|');
    return { name: layer.name, bytes: layerBudget?.bytes ?? 0, items, itemsKey };
  });
}

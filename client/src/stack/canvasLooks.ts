import type { Budget } from '../../../shared/budget/computeBudget.ts';
import { bandHeightRem, waterlinePlace } from './canvasScale.ts';
import type { CanvasLook } from './LayerItems.tsx';

/** Per layer, how its band draws on the canvas; and whether the waterline sits above the whole stack. */
export function canvasLooks(budget: Budget): { looks: CanvasLook[]; waterlineAbove: boolean } {
  const layerBytes = budget.layers.map((l) => l.bytes);
  const largestLayer = Math.max(0, ...layerBytes);
  const largestBytes = Math.max(0, ...budget.layers.flatMap((l) => l.components.map((c) => c.bytes)));
  const place = waterlinePlace(layerBytes, budget.targetBytes);
  const looks = layerBytes.map(
    (bytes, layerIndex): CanvasLook => ({
      heightRem: Math.round(bandHeightRem(bytes, largestLayer) * 4) / 4,
      largestBytes,
      waterline: place.kind === 'in-layer' && place.layerIndex === layerIndex ? Math.round(place.fraction * 1000) / 1000 : null,
      targetBytes: budget.targetBytes,
      aboveWaterline: place.kind === 'in-layer' && layerIndex > place.layerIndex,
    }),
  );
  return { looks, waterlineAbove: place.kind === 'above' };
}

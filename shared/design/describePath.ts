import type { Design } from './types.ts';

const LAYER_PATH = /(?:design\.)?layers\[(\d+)\](?:\.components\[(\d+)\])?/g;

/**
 * Rewrites design paths in a message into words people use:
 * `design.layers[3].components[0]: unknown component "x"` becomes
 * `layer 'apps', part 1: unknown component "x"`. Layers are named from
 * `design` when it has them, else counted from the bottom (layer 4); parts
 * count from 1 within their layer.
 */
export function describePaths(text: string, design?: Pick<Design, 'layers'> | null): string {
  return text.replace(LAYER_PATH, (_match, layer: string, part: string | undefined) => {
    const index = Number(layer);
    const name = design?.layers?.[index]?.name;
    const words = name ? `layer '${name}'` : `layer ${index + 1}`;
    return part === undefined ? words : `${words}, part ${Number(part) + 1}`;
  });
}

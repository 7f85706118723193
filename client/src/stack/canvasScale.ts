/**
 * The canvas draws bytes on a square-root scale: a block twice as wide holds
 * four times the bytes, so a 9 kB floe stays visible beside a 50 MB glacier
 * (a linear scale made real layers 1–3 px slivers).
 */
export const SCALE_NOTE =
  'Drawn to a square-root scale: a block twice as wide holds four times the bytes (the smallest are drawn at a minimum width).';

/** Block width as a percentage of the band, against the largest component on the canvas. */
export function blockWidthPercent(bytes: number, largestBytes: number): number {
  if (largestBytes <= 0 || bytes <= 0) return 0;
  return Math.min(100, (Math.sqrt(bytes) / Math.sqrt(largestBytes)) * 100);
}

const MIN_BAND_REM = 2.75;
const MAX_BAND_REM = 7;

/** A band's strip height in rem, by the square root of its bytes against the largest layer. */
export function bandHeightRem(bytes: number, largestLayerBytes: number): number {
  if (largestLayerBytes <= 0 || bytes <= 0) return MIN_BAND_REM;
  const share = Math.sqrt(bytes) / Math.sqrt(largestLayerBytes);
  return MIN_BAND_REM + (MAX_BAND_REM - MIN_BAND_REM) * Math.min(1, share);
}

/**
 * Where the waterline (the target) crosses the stack, counting bytes from the
 * base up: inside the layer whose bytes take the running total past the
 * target, at the share of that layer that still fits (0 = its bottom), or
 * `above` the top layer while the whole image fits.
 */
export type WaterlinePlace = { kind: 'above' } | { kind: 'in-layer'; layerIndex: number; fraction: number };

export function waterlinePlace(layerBytes: readonly number[], targetBytes: number): WaterlinePlace {
  let below = 0;
  for (let i = 0; i < layerBytes.length; i++) {
    const bytes = layerBytes[i] ?? 0;
    if (below + bytes > targetBytes) {
      const fraction = bytes > 0 ? Math.max(0, targetBytes - below) / bytes : 0;
      return { kind: 'in-layer', layerIndex: i, fraction };
    }
    below += bytes;
  }
  return { kind: 'above' };
}

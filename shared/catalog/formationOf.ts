import type { Formation } from './types.ts';

/** Below this many bytes a component or image is a floe. */
export const FLOE_LIMIT_BYTES = 1_000_000;
/** From this many bytes on a component or image is a glacier. */
export const GLACIER_FROM_BYTES = 75_000_000;

/**
 * The size class of a byte count, always computed and never stored:
 * floe < 1,000,000 ≤ iceberg < 75,000,000 ≤ glacier.
 */
export function formationOf(bytes: number): Formation {
  if (bytes < FLOE_LIMIT_BYTES) return 'floe';
  if (bytes < GLACIER_FROM_BYTES) return 'iceberg';
  return 'glacier';
}

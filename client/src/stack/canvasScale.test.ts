import { describe, expect, it } from 'vitest';
import { bandHeightRem, blockWidthPercent, waterlinePlace } from './canvasScale.ts';

describe('canvas scale', () => {
  it('keeps a 9 kB floe visible beside a 50 MB glacier (square root, not linear)', () => {
    const floe = blockWidthPercent(9_000, 50_000_000);
    expect(floe).toBeGreaterThan(1);
    expect(floe).toBeCloseTo(1.34, 1);
    expect(blockWidthPercent(50_000_000, 50_000_000)).toBe(100);
    expect(blockWidthPercent(12_500_000, 50_000_000)).toBeCloseTo(50, 5);
  });

  it('sizes bands by the square root of their bytes, within bounds', () => {
    expect(bandHeightRem(0, 10)).toBe(2.75);
    expect(bandHeightRem(10, 10)).toBe(7);
    expect(bandHeightRem(1, 4)).toBeCloseTo(2.75 + 4.25 / 2, 5);
  });

  it('puts the waterline inside the layer that crosses the target, else above the stack', () => {
    expect(waterlinePlace([5, 5], 17)).toEqual({ kind: 'above' });
    expect(waterlinePlace([10, 10], 15)).toEqual({ kind: 'in-layer', layerIndex: 1, fraction: 0.5 });
    expect(waterlinePlace([20, 10], 15)).toEqual({ kind: 'in-layer', layerIndex: 0, fraction: 0.75 });
    expect(waterlinePlace([10, 10], 20)).toEqual({ kind: 'above' });
    expect(waterlinePlace([], 0)).toEqual({ kind: 'above' });
  });
});

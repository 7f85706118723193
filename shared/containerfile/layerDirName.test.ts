import { describe, expect, it } from 'vitest';
import { layerDirName, slugify } from './layerDirName.ts';

describe('layerDirName', () => {
  it.each([
    [0, 'base', 'layers/00-base'],
    [1, 'Crypto Libs', 'layers/01-crypto-libs'],
    [12, '  --Apps!!  ', 'layers/12-apps'],
    [3, 'Café au lait', 'layers/03-cafe-au-lait'],
    [4, '日本語', 'layers/04-layer'],
    [5, '', 'layers/05-layer'],
    [6, '../../etc', 'layers/06-etc'],
    [63, 'x', 'layers/63-x'],
  ])('(%d, %j) → %s', (i, name, dir) => {
    expect(layerDirName(i, name)).toBe(dir);
  });

  it('keeps colliding slugs apart by their index', () => {
    expect(layerDirName(0, 'Base')).not.toBe(layerDirName(1, 'base!'));
  });

  it('caps slugs at 40 characters without a trailing dash', () => {
    const slug = slugify(`${'a'.repeat(39)} b`);
    expect(slug).toBe('a'.repeat(39));
    expect(slugify('x'.repeat(100))).toHaveLength(40);
  });
});

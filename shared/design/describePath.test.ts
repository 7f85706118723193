import { describe, expect, it } from 'vitest';
import { emptyDesign } from './emptyDesign.ts';
import { describePaths } from './describePath.ts';

const design = {
  ...emptyDesign(),
  layers: [
    { name: 'base', components: [] },
    { name: 'crypto', components: [] },
    { name: 'tools', components: [] },
    { name: 'apps', components: ['hello', 'libfoo'] },
  ],
};

describe('describePaths', () => {
  it('names the layer and the part instead of the path', () => {
    expect(describePaths('design.layers[3].components[0]: unknown component "libfoo"', design)).toBe(
      "layer 'apps', part 1: unknown component \"libfoo\"",
    );
    expect(describePaths('layers[1].name: too long', design)).toBe("layer 'crypto'.name: too long");
  });

  it('counts layers from 1 when the design has no such layer (an unreadable import)', () => {
    expect(describePaths('layers[7].components[2]: bad', null)).toBe('layer 8, part 3: bad');
    expect(describePaths('targetBytes: must be positive', design)).toBe('targetBytes: must be positive');
  });
});

import { describe, expect, it } from 'vitest';
import { FLOE_LIMIT_BYTES, GLACIER_FROM_BYTES, formationOf } from './formationOf.ts';

describe('formationOf', () => {
  it('puts the boundaries where issue 2 says: floe < 1e6 ≤ iceberg < 75e6 ≤ glacier', () => {
    expect(formationOf(0)).toBe('floe');
    expect(formationOf(FLOE_LIMIT_BYTES - 1)).toBe('floe');
    expect(formationOf(FLOE_LIMIT_BYTES)).toBe('iceberg');
    expect(formationOf(17_500_000)).toBe('iceberg');
    expect(formationOf(GLACIER_FROM_BYTES - 1)).toBe('iceberg');
    expect(formationOf(GLACIER_FROM_BYTES)).toBe('glacier');
    expect(formationOf(120_000_000)).toBe('glacier');
  });
});

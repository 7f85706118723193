import { describe, expect, it } from 'vitest';
import { formatBytes } from './formatBytes.ts';

describe('formatBytes', () => {
  it.each([
    [17_500_000, '17.5 MB'],
    [29_000, '29 KB'],
    [999, '999 B'],
    [0, '0 B'],
    [1_234_567_890, '1.23 GB'],
    [-2_000_000, '-2 MB'],
    [1_000, '1 KB'],
    [1_500, '1.5 KB'],
    [14_600_000, '14.6 MB'],
    [11_635_000, '11.6 MB'],
    [506_000, '506 KB'],
    [120_000_000, '120 MB'],
    [999_999, '1 MB'],
    [999_499, '999 KB'],
    [1_005, '1.01 KB'],
    [12_345_678_901_234, '12.3 TB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('is decimal, not binary (the prototype showed 17.5 MB as 16.69 MB)', () => {
    expect(formatBytes(17_500_000)).not.toContain('16.6');
  });

  it('never throws on non-finite input', () => {
    expect(formatBytes(Number.NaN)).toBe('? B');
    expect(formatBytes(Infinity)).toBe('? B');
  });
});

import { describe, expect, it } from 'vitest';
import { budgetLevel } from './budgetLevel.ts';

describe('budgetLevel', () => {
  it('is green below 90 %, amber from 90 % to the target, red over', () => {
    expect(budgetLevel(15_749_999, 17_500_000)).toBe('ok');
    expect(budgetLevel(15_750_000, 17_500_000)).toBe('near');
    expect(budgetLevel(17_500_000, 17_500_000)).toBe('near');
    expect(budgetLevel(17_500_001, 17_500_000)).toBe('over');
  });
});

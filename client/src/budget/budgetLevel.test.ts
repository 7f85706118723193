import { describe, expect, it } from 'vitest';
import { budgetLevel, targetShareText } from './budgetLevel.ts';

describe('budgetLevel', () => {
  it('is green below 90 %, amber from 90 % to the target, red over', () => {
    expect(budgetLevel(15_749_999, 17_500_000)).toBe('ok');
    expect(budgetLevel(15_750_000, 17_500_000)).toBe('near');
    expect(budgetLevel(17_500_000, 17_500_000)).toBe('near');
    expect(budgetLevel(17_500_001, 17_500_000)).toBe('over');
  });

  it('words the share of the target unambiguously (not "(4.8 %)" or "(690.5 %)")', () => {
    expect(targetShareText(840_000, 17_500_000)).toBe('uses 4.8 % of the target');
    expect(targetShareText(20_000_000, 17_500_000)).toBe('114.3 % of the target');
    expect(targetShareText(120_837_500, 17_500_000)).toBe('6.9 × the target');
    expect(targetShareText(0, 0)).toBe('uses 0 % of the target');
  });
});

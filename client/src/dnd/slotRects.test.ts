import { describe, expect, it } from 'vitest';
import { insertionPosition, type PageRect } from './slotRects.ts';

function r(left: number, top: number, width = 100, height = 30): PageRect {
  return { left, top, right: left + width, bottom: top + height };
}

// Two rows: [0][1][2] then [3].
const rows = [r(0, 0), r(110, 0), r(220, 0), r(0, 40)];

describe('insertionPosition', () => {
  it('puts the point before the item whose centre is right of it on its row', () => {
    expect(insertionPosition(rows, 10, 15)).toBe(0);
    expect(insertionPosition(rows, 60, 15)).toBe(1);
    expect(insertionPosition(rows, 200, 15)).toBe(2);
    expect(insertionPosition(rows, 300, 15)).toBe(3);
  });

  it('uses the next row, and the end past the last item', () => {
    expect(insertionPosition(rows, 20, 50)).toBe(3);
    expect(insertionPosition(rows, 80, 50)).toBe(4);
    expect(insertionPosition(rows, 80, 200)).toBe(4);
  });

  it('answers 0 for an empty layer', () => {
    expect(insertionPosition([], 5, 5)).toBe(0);
  });
});

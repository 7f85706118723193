/** A rectangle in page coordinates (client + scroll), so a scroll during the drag does not stale it. */
export interface PageRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The component rectangles of every layer, measured once at drag start
 * (reading hundreds of rects per pointer move is what made drags slow).
 * Items carry `data-slot-layer` and `data-slot-index`.
 */
export function measureSlotRects(root: ParentNode = document): Map<number, PageRect[]> {
  const byLayer = new Map<number, PageRect[]>();
  const sx = window.scrollX;
  const sy = window.scrollY;
  for (const node of root.querySelectorAll<HTMLElement>('[data-slot-layer]')) {
    const layer = Number(node.dataset.slotLayer);
    const index = Number(node.dataset.slotIndex);
    const r = node.getBoundingClientRect();
    const list = byLayer.get(layer) ?? [];
    list[index] = { left: r.left + sx, top: r.top + sy, right: r.right + sx, bottom: r.bottom + sy };
    byLayer.set(layer, list);
  }
  return byLayer;
}

/**
 * The insertion position for a point among items laid out in reading order
 * (left to right, wrapping to new rows): before the first item whose row is
 * below the point, or on the point's row with its centre right of the point.
 */
export function insertionPosition(rects: readonly (PageRect | undefined)[], x: number, y: number): number {
  for (let i = 0; i < rects.length; i++) {
    const r = rects[i];
    if (!r) continue;
    if (y < r.top) return i;
    if (y <= r.bottom && x < (r.left + r.right) / 2) return i;
  }
  return rects.length;
}

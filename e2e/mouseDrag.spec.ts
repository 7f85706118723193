import { expect, test } from '@playwright/test';
import { budgetBytes, catalogSizes, layerNames, mouseDrag, openDesigner, screenshot } from './helpers.ts';

test('mouse: drag into a layer, new layer, move, reorder layers, delete, undo and redo', async ({ page, request }) => {
  const sizes = await catalogSizes(request);
  const hello = sizes.get('hello') ?? 0;
  const ca = sizes.get('ca-certificates') ?? 0;
  expect(hello).toBeGreaterThan(0);
  await openDesigner(page);
  expect(await budgetBytes(page)).toBe(0);

  await mouseDrag(page, page.getByTestId('palette-item-hello'), page.getByTestId('layer-0'));
  await expect(page.getByTestId('layer-0').getByTestId('stack-item-hello')).toBeVisible();
  expect(await budgetBytes(page)).toBe(hello);

  await mouseDrag(page, page.getByTestId('palette-item-ca-certificates'), page.getByTestId('new-layer-dropzone'));
  await expect(page.getByTestId('layer-1').getByTestId('stack-item-ca-certificates')).toBeVisible();
  expect(await budgetBytes(page)).toBe(hello + ca);
  await screenshot(page, 'mouse-two-layers');

  // Move hello from the base layer into layer 1; the total does not change.
  await mouseDrag(page, page.getByTestId('stack-item-hello'), page.getByTestId('layer-1'), { x: 20, y: 12 });
  await expect(page.getByTestId('layer-1').getByTestId('stack-item-hello')).toBeVisible();
  await expect(page.getByTestId('layer-0').getByTestId('stack-item-hello')).toHaveCount(0);
  expect(await budgetBytes(page)).toBe(hello + ca);

  // Reorder the two layers by the base layer's handle.
  expect(await layerNames(page)).toEqual(['base', 'layer-2']);
  await mouseDrag(page, page.getByRole('button', { name: 'Move layer base', exact: true }), page.getByTestId('layer-1'), { x: 20, y: 4 });
  await expect.poll(() => layerNames(page)).toEqual(['layer-2', 'base']);
  await expect(page.getByTestId('layer-0').getByTestId('stack-item-hello')).toBeVisible();

  await page.getByRole('button', { name: 'Remove hello' }).click();
  await expect(page.getByTestId('stack-item-hello')).toHaveCount(0);
  expect(await budgetBytes(page)).toBe(ca);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('layer-0').getByTestId('stack-item-hello')).toBeVisible();
  expect(await budgetBytes(page)).toBe(hello + ca);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.getByTestId('stack-item-hello')).toHaveCount(0);
  expect(await budgetBytes(page)).toBe(ca);
});

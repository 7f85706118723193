import { expect, test } from '@playwright/test';
import { budgetBytes, catalogSizes, dndAnnouncer, layerNames, openDesigner } from './helpers.ts';

test('keyboard only: add, new layer, move between layers, reorder layers, delete, undo and redo', async ({ page, request }) => {
  const sizes = await catalogSizes(request);
  const hello = sizes.get('hello') ?? 0;
  const ca = sizes.get('ca-certificates') ?? 0;
  await openDesigner(page);

  // Palette card → base layer: the empty state says "drop onto base", so the
  // drag starts there (it used to start on "a new layer on top"): Space, Space.
  await expect(page.getByText('Drag a component from the list on the left onto the')).toContainText('base');
  await page.getByTestId('palette-item-hello').focus();
  await page.keyboard.press('Space');
  await expect(dndAnnouncer(page)).toContainText('Picked up hello. It is over layer 1 “base”, the bottom layer, position 1 of 1');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('layer-0').getByTestId('stack-item-hello')).toBeVisible();
  await expect(dndAnnouncer(page)).toContainText('hello was dropped into layer 1 “base”');
  expect(await budgetBytes(page)).toBe(hello);

  // A second card into a new layer on top.
  await page.getByTestId('palette-item-ca-certificates').focus();
  await page.keyboard.press('Space');
  await expect(dndAnnouncer(page)).toContainText('Picked up CA certificates. It is over layer 1 “base”, the bottom layer, position 2 of 2');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(dndAnnouncer(page)).toContainText('a new layer on top');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('layer-1').getByTestId('stack-item-ca-certificates')).toBeVisible();
  expect(await budgetBytes(page)).toBe(hello + ca);

  // hello up into layer 2, after ca-certificates.
  const helloHandle = page.getByTestId('stack-item-hello').locator('[aria-roledescription="sortable"]');
  await helloHandle.focus();
  await page.keyboard.press('Space');
  await expect(dndAnnouncer(page)).toContainText(/Picked up hello|hello is over layer 1/);
  await page.keyboard.press('ArrowUp');
  await expect(dndAnnouncer(page)).toContainText('hello is over layer 2 “layer-2”, position 2 of 2');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('layer-1').getByTestId('stack-item-hello')).toBeVisible();
  await expect(page.getByTestId('layer-0').getByTestId('stack-item-hello')).toHaveCount(0);
  expect(await budgetBytes(page)).toBe(hello + ca);

  // Base layer to the top.
  await page.getByRole('button', { name: 'Move layer base', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(dndAnnouncer(page)).toContainText(/Picked up layer “base”|position 1 of 2/);
  await page.keyboard.press('ArrowUp');
  await expect(dndAnnouncer(page)).toContainText('position 2 of 2 counted from the bottom');
  await page.keyboard.press('Space');
  await expect.poll(() => layerNames(page)).toEqual(['layer-2', 'base']);

  // Delete key on the focused component, then Ctrl+Z / Ctrl+Shift+Z.
  await page.getByTestId('stack-item-hello').locator('[aria-roledescription="sortable"]').focus();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('stack-item-hello')).toHaveCount(0);
  expect(await budgetBytes(page)).toBe(ca);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('layer-0').getByTestId('stack-item-hello')).toBeVisible();
  expect(await budgetBytes(page)).toBe(hello + ca);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('stack-item-hello')).toHaveCount(0);
  expect(await budgetBytes(page)).toBe(ca);
});

import { expect, test } from '@playwright/test';
import { emptyDesign } from '../shared/design/emptyDesign.ts';
import { budgetBytes, catalogSizes, openWithDesign, screenshot } from './helpers.ts';

test('going over the target shows the over-budget state and announces it', async ({ page, request }) => {
  const sizes = await catalogSizes(request);
  const design = { ...emptyDesign(), layers: [{ name: 'base', components: ['lago-grey-base', 'hello'] }] };
  await openWithDesign(page, design);
  const total = (sizes.get('lago-grey-base') ?? 0) + (sizes.get('hello') ?? 0);
  expect(await budgetBytes(page)).toBe(total);
  await expect(page.getByTestId('budget-state')).toHaveAttribute('data-level', 'ok');

  // A target below the total: red, with words and an announcement.
  const target = page.getByLabel('Target (MB)');
  await target.fill('0.01');
  await expect(page.getByTestId('budget-target')).toHaveAttribute('data-bytes', '10000');
  await expect(page.getByTestId('budget-state')).toHaveAttribute('data-level', 'over');
  await expect(page.getByTestId('budget-state')).toContainText('Over budget');
  await expect(page.getByTestId('budget-state')).toContainText(/over/);
  await expect(page.getByTestId('budget-announcement')).toContainText('Over budget');
  await expect(page.locator('[data-finding="over-budget"]')).toBeVisible();
  await screenshot(page, 'over-budget');

  await target.fill('17.5');
  await expect(page.getByTestId('budget-state')).toHaveAttribute('data-level', 'ok');
  await expect(page.getByTestId('budget-announcement')).toContainText('Back within budget');
});

test('analyzer fixes apply in one click and can be undone', async ({ page }) => {
  const design = { ...emptyDesign(), layers: [{ name: 'base', components: ['hello'] }] };
  await openWithDesign(page, design);
  const fix = page.getByRole('button', { name: 'Add lago-grey-base' });
  await expect(fix).toBeVisible();
  await fix.click();
  await expect(page.getByTestId('stack-item-lago-grey-base')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('stack-item-lago-grey-base')).toHaveCount(0);
});

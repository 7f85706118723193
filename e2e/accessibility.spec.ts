import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { TEMPLATES } from '../shared/design/templates.ts';
import { openDesigner, openWithDesign, screenshot } from './helpers.ts';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

test('no serious or critical axe violations: empty design', async ({ page }) => {
  await openDesigner(page);
  await screenshot(page, 'empty-design');
  expect(await seriousViolations(page)).toEqual([]);
});

test('no serious or critical axe violations: seed design and the Containerfile preview', async ({ page }) => {
  const seed = TEMPLATES.find((t) => t.id === 'seed-minimal');
  if (!seed) throw new Error('seed template missing');
  await openWithDesign(page, seed.design);
  await expect(page.getByTestId('stack-item-hello')).toBeVisible();
  await screenshot(page, 'seed-design');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Export Containerfile' }).click();
  await expect(page.getByTestId('containerfile-text')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

import { expect, test } from '@playwright/test';
import { mouseDrag, openDesigner } from './helpers.ts';

// The server sends a strict CSP (no inline script or style): the built page
// must work under it, drags included (dnd-kit styles through the CSSOM).
test('the page runs under the strict Content-Security-Policy with no violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
  await openDesigner(page);
  await mouseDrag(page, page.getByTestId('palette-item-hello'), page.getByTestId('layer-0'));
  await expect(page.getByTestId('layer-0').getByTestId('stack-item-hello')).toBeVisible();
  await page.keyboard.press('Tab');
  expect(violations).toEqual([]);
  // And no other site can frame it.
  expect(response?.headers()['x-frame-options']).toBe('DENY');
});

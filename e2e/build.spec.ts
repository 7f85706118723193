import { expect, test } from '@playwright/test';
import { emptyDesign } from '../shared/design/emptyDesign.ts';
import { openWithDesign, screenshot } from './helpers.ts';

test('Build with the builtin engine streams the log and shows the digest', async ({ page }) => {
  test.setTimeout(300_000);
  const design = {
    ...emptyDesign(),
    layers: [{ name: 'base', components: ['hello'] }],
    config: { ...emptyDesign().config, entrypoint: ['/usr/bin/hello'] },
  };
  await openWithDesign(page, design);
  await expect(page.getByTestId('palette-item-hello')).toContainText('est.');

  await page.getByLabel('Engine').selectOption('builtin');
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  const log = page.getByTestId('build-log');
  await expect(log.locator('p').first()).not.toHaveText('Waiting for the first log line…', { timeout: 60_000 });
  await expect(page.getByTestId('build-digest')).toHaveText(/^sha256:[0-9a-f]{64}$/, { timeout: 240_000 });
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'succeeded');
  expect(await log.locator('p').count()).toBeGreaterThan(1);
  await expect(page.getByRole('list', { name: 'Build steps' })).toContainText(/\d+(\.\d)? (ms|s)/);
  await expect(page.getByRole('link', { name: 'Download image (OCI archive)' })).toHaveAttribute('href', /\/api\/builds\/.+\/image$/);
  await expect(page.getByText(/^podman load -i /)).toBeVisible();
  // The catalog is refetched: hello now shows its measured size.
  await expect(page.getByTestId('palette-item-hello')).not.toContainText('est.');
  await screenshot(page, 'build-result');
});

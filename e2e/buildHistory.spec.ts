import { expect, test } from '@playwright/test';
import { emptyDesign } from '../shared/design/emptyDesign.ts';
import { openWithDesign, screenshot, seriousViolations } from './helpers.ts';

test('a saved design’s build: verified signature badges, SBOM downloads, history with log replay, rebuild identical', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const design = {
    ...emptyDesign(),
    name: `history-e2e-${Date.now().toString(36)}`,
    layers: [{ name: 'base', components: ['hello'] }],
    config: { ...emptyDesign().config, entrypoint: ['/usr/bin/hello'] },
  };
  await openWithDesign(page, design);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const history = page.getByTestId('build-history');
  await expect(history).toContainText('No builds yet.');

  await page.getByLabel('Engine').selectOption('builtin');
  await page.getByLabel('Smoke test').uncheck();
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 240_000 });
  const digest = await page.getByTestId('build-digest').textContent();
  expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);

  // The server verifies the bundle against this digest: one badge per algorithm, in words.
  const badges = page.getByTestId('signature-badge');
  await expect(badges).toHaveCount(3);
  for (const algorithm of ['ML-DSA-87', 'Ed448', 'SLH-DSA']) {
    const badge = page.locator(`[data-testid="signature-badge"][data-algorithm="${algorithm}"]`);
    await expect(badge).toHaveAttribute('data-state', 'verified', { timeout: 30_000 });
    await expect(badge).toContainText(`${algorithm} verified`);
  }
  await expect(page.getByTestId('signature-digest')).toContainText(digest ?? '');
  await screenshot(page, 'build-signatures-history');
  expect(await seriousViolations(page)).toEqual([]);

  // Downloads answer with the documents.
  for (const name of ['Download SBOM (SPDX)', 'Download SBOM (CycloneDX)', 'Download signature bundle']) {
    const href = await page.getByRole('link', { name }).getAttribute('href');
    const response = await request.get(href ?? '');
    expect(response.status(), name).toBe(200);
    expect(await response.json()).toBeTruthy();
  }

  // The history of the saved design lists the build.
  const rows = history.getByTestId('history-build');
  await expect(rows).toHaveCount(1);
  const firstId = await rows.first().getAttribute('data-build-id');
  await expect(rows.first().getByTestId('history-status')).toHaveAttribute('data-status', 'succeeded');
  await expect(rows.first()).toContainText(digest?.slice(0, 19) ?? '');

  // Rebuild and compare: the builtin engine is reproducible.
  await page.getByRole('button', { name: 'Rebuild and compare' }).click();
  const comparison = page.getByTestId('comparison');
  await expect(comparison).toHaveAttribute('data-identical', 'true', { timeout: 240_000 });
  await expect(comparison).toContainText(`identical to build ${firstId}`);
  await expect(page.getByTestId('build-digest')).toHaveText(digest ?? '');
  await expect(rows).toHaveCount(2);
  await screenshot(page, 'build-rebuild-identical');

  // Replaying the first build's log from the server's stored events.
  await history.getByRole('button', { name: `Replay the log of build ${firstId}` }).click();
  await expect(page.getByTestId('build-status')).toContainText(`build ${firstId}`);
  await expect(page.getByTestId('build-status')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('build-log').locator('p').nth(1)).toBeVisible();
  await expect(page.getByTestId('comparison')).toHaveCount(0);
  await expect(page.getByTestId('build-digest')).toHaveText(digest ?? '');
});

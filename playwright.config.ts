import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The runner and its workers share one real server. Port and data dir are
// chosen once here and passed on through the environment (workers inherit it).
if (!process.env.LAGO_E2E_PORT) {
  process.env.LAGO_E2E_PORT = execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
}
if (!process.env.LAGO_E2E_DATA_DIR) {
  process.env.LAGO_E2E_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'lago-grey-e2e-'));
}
const port = process.env.LAGO_E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  // Two cores and one server: one worker keeps drags and builds predictable.
  workers: 1,
  // Two cores shared with the server and its builds: a drag under load can
  // lose a frame. CI retries a failure once; the runner reports it as flaky.
  retries: process.env.CI ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 1000 } } }],
  webServer: {
    // The real server, serving the freshly built page and the API.
    command: 'npx vite build --logLevel warn && node --import tsx server/main.ts',
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: port ?? '',
      HOST: '127.0.0.1',
      LAGO_DATA_DIR: process.env.LAGO_E2E_DATA_DIR ?? '',
    },
  },
});

#!/usr/bin/env node
// The whole suite behind `npm test`: typecheck, lint, client build, unit and
// integration tests (vitest), end-to-end tests (Playwright in Chromium).
// Every stage runs even when an earlier one failed, so one run reports every
// failure; the last line is the total as `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: r.status === 0, status: r.status, secs };
}

/** A stage that is one check: it passes or fails as a whole. */
function check(label, cmd, args) {
  const r = run(label, cmd, args);
  if (r.ok) totals.passed += 1;
  else totals.failed += 1;
  lines.push(`${label}: ${r.ok ? 'ok' : `FAILED (exit ${r.status})`} in ${r.secs}s`);
  return r.ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

check('typecheck', bin('tsc'), ['-p', 'tsconfig.json']);
check('lint', bin('eslint'), ['.', '--max-warnings=0']);
const built = check('client build', bin('vite'), ['build', '--logLevel', 'warn']);

// Unit and integration tests.
{
  const out = join(results, 'vitest.json');
  rmSync(out, { force: true });
  const r = run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const j = readJson(out);
  if (j) {
    // A suite that failed to load has no tests but must still count as a failure.
    const brokenSuites = (j.testResults ?? []).filter(
      (s) => s.status === 'failed' && (s.assertionResults ?? []).every((a) => a.status !== 'failed'),
    ).length;
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests + brokenSuites;
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    lines.push(
      `vitest: ${j.numPassedTests} passed, ${j.numFailedTests} failed, ${brokenSuites} suites failed to run in ${r.secs}s`,
    );
  } else {
    totals.failed += 1;
    lines.push(`vitest: FAILED to report (exit ${r.status})`);
  }
}

// End-to-end tests in the real browser against the real server.
{
  const out = join(results, 'playwright.json');
  rmSync(out, { force: true });
  if (!built) lines.push('playwright: running against a client that failed to build');
  const r = run('playwright', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  const j = readJson(out);
  if (j?.stats) {
    const s = j.stats;
    totals.passed += s.expected + (s.flaky ?? 0);
    totals.failed += s.unexpected;
    totals.skipped += s.skipped ?? 0;
    const loadErrors = (j.errors ?? []).length;
    if (loadErrors > 0 && s.unexpected === 0) totals.failed += loadErrors;
    lines.push(
      `playwright: ${s.expected} passed, ${s.unexpected} failed, ${s.flaky ?? 0} flaky, ${loadErrors} load errors in ${r.secs}s`,
    );
  } else {
    totals.failed += 1;
    lines.push(`playwright: FAILED to report (exit ${r.status})`);
  }
}

console.log('\n=== summary');
for (const l of lines) console.log(l);
if (!existsSync('/usr/bin/chromium')) console.log('note: /usr/bin/chromium is missing; run as root: apt-get install chromium');
console.log(
  `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(totals.failed > 0 ? 1 : 0);

#!/usr/bin/env node
// `npm run bench`: runs every benchmark in bench/ one after another. Each
// prints its own figures and ratios; nothing here asserts a timing.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv[2];
const scripts = readdirSync(join(root, 'bench'))
  .filter((f) => /\.(ts|mjs)$/.test(f) && !f.includes('.test.'))
  .filter((f) => !only || f.includes(only))
  .sort();
let failed = 0;
for (const f of scripts) {
  console.log(`\n### bench/${f}`);
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join('bench', f)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);

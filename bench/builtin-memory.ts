/**
 * Peak memory of the builtin engine: a context with one ~150 MB random file
 * (a "glacier" artifact) against a tiny one, each built in its own child
 * process, side by side. Streaming means the two peaks stay close.
 *
 *   npx tsx bench/builtin-memory.ts [--mb 150]
 *
 * Prints figures and the ratio; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyDesign } from '../shared/design/emptyDesign.ts';
import { buildOciImage } from '../server/engines/builtin/buildOciImage.ts';

interface ChildReport {
  maxRssBytes: number;
  ms: number;
  archiveBytes: number;
  digest: string;
}

const script = fileURLToPath(import.meta.url);

async function childMain(contextDir: string, outPath: string): Promise<void> {
  const started = performance.now();
  const built = await buildOciImage({
    contextDir,
    layers: [{ name: 'glacier', dir: 'layers/00-glacier' }],
    design: { ...emptyDesign(), name: 'memory-bench' },
    sourceDateEpoch: 0,
    outPath,
    log: () => {},
    signal: new AbortController().signal,
  });
  const report: ChildReport = {
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    ms: Math.round(performance.now() - started),
    archiveBytes: (await stat(outPath)).size,
    digest: built.imageDigest,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  const chunk = 1024 * 1024;
  for (let left = bytes; left > 0; left -= chunk) {
    if (!out.write(randomBytes(Math.min(chunk, left))))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

async function makeContext(dir: string, fileBytes: number): Promise<void> {
  const layer = join(dir, 'layers', '00-glacier');
  await mkdir(join(layer, 'opt'), { recursive: true });
  const file = join(layer, 'opt', 'glacier.bin');
  await writeRandomFile(file, fileBytes);
  await chmod(file, 0o644);
  for (const p of [file, join(layer, 'opt'), layer]) await utimes(p, 0, 0);
  await writeFile(join(dir, 'Containerfile'), 'FROM scratch\nCOPY layers/00-glacier/ /\n');
}

function runChild(contextDir: string, outPath: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, '--child', contextDir, outPath], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`child exited ${code ?? 'by signal'}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildReport);
    });
  });
}

const mb = (b: number): string => `${(b / 1_000_000).toFixed(1)} MB`;

async function main(): Promise<void> {
  const mbArg = process.argv.indexOf('--mb');
  const bigBytes = Math.round(Number(mbArg >= 0 ? process.argv[mbArg + 1] : 150) * 1_000_000);
  const work = await mkdtemp(join(tmpdir(), 'lago-builtin-memory-'));
  try {
    const sizes = [
      { label: 'tiny context (1 KB file)', bytes: 1_000 },
      { label: `half glacier (${mb(bigBytes / 2)} file)`, bytes: Math.round(bigBytes / 2) },
      { label: `glacier (${mb(bigBytes)} file)`, bytes: bigBytes },
    ];
    const reports: ChildReport[] = [];
    for (const [i, s] of sizes.entries()) {
      const dir = join(work, `ctx-${i}`);
      await makeContext(dir, s.bytes);
      reports.push(await runChild(dir, join(work, `image-${i}.tar`)));
      await rm(dir, { recursive: true, force: true });
    }
    console.log('builtin engine peak RSS, one child process per build:');
    for (const [i, s] of sizes.entries()) {
      const r = reports[i];
      if (!r) continue;
      console.log(
        `  ${s.label.padEnd(32)} peak RSS ${mb(r.maxRssBytes).padStart(9)}  ${String(r.ms).padStart(6)} ms  archive ${mb(r.archiveBytes)}`,
      );
    }
    const [small, half, large] = reports;
    if (small && half && large) {
      console.log(`  RSS ratio glacier/tiny: ${(large.maxRssBytes / small.maxRssBytes).toFixed(2)}`);
      console.log(
        `  RSS ratio glacier/half: ${(large.maxRssBytes / half.maxRssBytes).toFixed(2)} (≈1.00 means memory does not grow with image size)`,
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  await childMain(process.argv[3] ?? '', process.argv[4] ?? '');
} else {
  await main();
}

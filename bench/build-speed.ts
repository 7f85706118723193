/**
 * Build speed and server memory, measured on the real server (`server/main.ts`
 * in a child process, SQLite store, its own data dir). Prints figures and
 * ratios only; nothing is asserted.
 *
 *   npx tsx bench/build-speed.ts [--rounds N]
 *
 * Speed: the seed design (without liboqs), builtin and podman alternating;
 * cold = a fresh data dir (no component cache, no podman store), warm = the
 * same server again. Reported: POST /api/builds → first SSE event, and
 * POST → done, with the per-step times of the warm builds.
 * Memory: the server's peak RSS (VmHWM, reset before each build) building the
 * seed, and building it plus a ~150 MB operator artifact (`python-runtime`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEMPLATES } from '../shared/design/templates.ts';
import type { Design } from '../shared/design/types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const roundsArg = process.argv.indexOf('--rounds');
const WARM_ROUNDS = roundsArg > 0 ? Math.max(1, Number(process.argv[roundsArg + 1])) : 3;
const ARTIFACT_BYTES = 150_000_000;

type Engine = 'builtin' | 'podman';

interface Server {
  url: string;
  pid: number;
  child: ChildProcess;
  dataDir: string;
  stop(): Promise<void>;
}

async function startServer(extraEnv: Record<string, string> = {}): Promise<Server> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lago-grey-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LAGO_DATA_DIR: dataDir, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer): void => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        child.stdout?.off('data', onData);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  child.stdout?.resume();
  return {
    url,
    pid: child.pid as number,
    child,
    dataDir,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function seedDesign(): Design {
  const t = TEMPLATES.find((x) => x.id === 'seed-minimal');
  if (!t) throw new Error('seed-minimal template missing');
  const d = structuredClone(t.design) as Design;
  d.layers = d.layers.map((l) => ({ ...l, components: l.components.filter((c) => c !== 'liboqs') }));
  return d;
}

function glacierDesign(): Design {
  const d = seedDesign();
  d.name = 'lago-grey-glacier';
  d.targetBytes = 1_000_000_000;
  d.layers.push({ name: 'runtime', components: ['python-runtime'] });
  return d;
}

interface Timing {
  firstEventMs: number;
  totalMs: number;
  status: string;
  steps: Record<string, number>;
}

/** POSTs a build and follows its SSE stream to `done`. */
async function timeBuild(url: string, design: Design, engine: Engine, smokeTest: boolean): Promise<Timing> {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/builds`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ design, engine, smokeTest }),
  });
  if (res.status !== 202) throw new Error(`POST /api/builds: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  const sse = await fetch(`${url}/api/builds/${id}/events`);
  if (!sse.body) throw new Error('no SSE body');
  const reader = sse.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  let firstEventMs: number | undefined;
  let status = 'unknown';
  const steps: Record<string, number> = {};
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    let sep = buf.indexOf('\n\n');
    while (sep !== -1) {
      const frame = buf.slice(0, sep);
      buf = buf.slice(sep + 2);
      sep = buf.indexOf('\n\n');
      const event = /^event: (.+)$/m.exec(frame)?.[1];
      const data = /^data: (.+)$/m.exec(frame)?.[1];
      if (!event || !data) continue;
      firstEventMs ??= performance.now() - t0;
      const parsed = JSON.parse(data) as {
        step?: string;
        state?: string;
        ms?: number;
        status?: string;
        error?: unknown;
      };
      if (event === 'step' && parsed.state === 'finished' && parsed.step) steps[parsed.step] = parsed.ms ?? 0;
      if (event === 'done') {
        status = parsed.status ?? 'unknown';
        if (status !== 'succeeded') console.log(`  ! build ${status}: ${JSON.stringify(parsed.error)}`);
      }
    }
  }
  return { firstEventMs: firstEventMs ?? NaN, totalMs: performance.now() - t0, status, steps };
}

const fmt = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

function rssKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? NaN);
}

async function speed(): Promise<void> {
  console.log(
    `\n## Speed: seed design without liboqs (smoke test on), cold then ${WARM_ROUNDS} warm per engine, alternating`,
  );
  const cold: Record<Engine, Timing | undefined> = { builtin: undefined, podman: undefined };
  const warm: Record<Engine, Timing[]> = { builtin: [], podman: [] };
  const servers: Record<Engine, Server | undefined> = { builtin: undefined, podman: undefined };
  try {
    for (const engine of ['builtin', 'podman'] as const) {
      servers[engine] = await startServer();
      cold[engine] = await timeBuild((servers[engine] as Server).url, seedDesign(), engine, true);
      console.log(
        `cold ${engine.padEnd(7)} first event ${fmt(cold[engine].firstEventMs).padStart(7)}   total ${fmt(cold[engine].totalMs)}`,
      );
    }
    for (let i = 0; i < WARM_ROUNDS; i += 1) {
      for (const engine of ['builtin', 'podman'] as const) {
        const t = await timeBuild((servers[engine] as Server).url, seedDesign(), engine, true);
        warm[engine].push(t);
        const steps = Object.entries(t.steps)
          .map(([k, v]) => `${k} ${fmt(v)}`)
          .join(', ');
        console.log(
          `warm ${engine.padEnd(7)} first event ${fmt(t.firstEventMs).padStart(7)}   total ${fmt(t.totalMs).padStart(7)}   (${steps})`,
        );
      }
    }
  } finally {
    for (const s of Object.values(servers)) await s?.stop();
  }
  const total = (e: Engine) => median(warm[e].map((t) => t.totalMs));
  const first = (e: Engine) => median(warm[e].map((t) => t.firstEventMs));
  const buildStep = (e: Engine) => median(warm[e].map((t) => t.steps.build ?? NaN));
  console.log('\nmedian of warm builds:');
  for (const e of ['builtin', 'podman'] as const) {
    console.log(
      `  ${e.padEnd(7)} first event ${fmt(first(e))}, total ${fmt(total(e))}, build step ${fmt(buildStep(e))}`,
    );
  }
  const coldB = cold.builtin?.totalMs ?? NaN;
  const coldP = cold.podman?.totalMs ?? NaN;
  console.log(
    `ratio builtin/podman: cold total ${(coldB / coldP).toFixed(2)}, warm total ${(total('builtin') / total('podman')).toFixed(2)}, warm build step ${(buildStep('builtin') / buildStep('podman')).toFixed(3)}`,
  );
}

async function memory(): Promise<void> {
  console.log(`\n## Memory: server peak RSS while building (builtin engine, smoke test off)`);
  const artifacts = mkdtempSync(path.join(tmpdir(), 'lago-grey-bench-artifacts-'));
  mkdirSync(artifacts, { recursive: true });
  // A glacier of random bytes (incompressible), written in chunks.
  const file = path.join(artifacts, 'python3');
  const chunk = 8_000_000;
  writeFileSync(file, '');
  for (let written = 0; written < ARTIFACT_BYTES; written += chunk) {
    writeFileSync(file, randomBytes(Math.min(chunk, ARTIFACT_BYTES - written)), { flag: 'a' });
  }
  const server = await startServer({ LAGO_ARTIFACTS_DIR: artifacts });
  try {
    // Warm the caches first so both measured builds do the same kind of work.
    await timeBuild(server.url, seedDesign(), 'builtin', false);
    await timeBuild(server.url, glacierDesign(), 'builtin', false);
    const idle = rssKb(server.pid, 'VmRSS');
    const measure = async (label: string, design: Design): Promise<number> => {
      resetPeakRss(server.pid);
      const t = await timeBuild(server.url, design, 'builtin', false);
      const peak = rssKb(server.pid, 'VmHWM');
      console.log(
        `${label.padEnd(34)} peak RSS ${(peak / 1000).toFixed(1)} MB   (build ${fmt(t.totalMs)}, ${t.status})`,
      );
      return peak;
    };
    console.log(`${'idle after warm-up'.padEnd(34)} RSS ${(idle / 1000).toFixed(1)} MB`);
    const seed = await measure('seed (~0.9 MB of files)', seedDesign());
    const glacier = await measure(`seed + ${ARTIFACT_BYTES / 1e6} MB artifact`, glacierDesign());
    console.log(
      `ratio glacier/seed peak RSS: ${(glacier / seed).toFixed(2)} (difference ${((glacier - seed) / 1000).toFixed(1)} MB)`,
    );
  } finally {
    await server.stop();
    rmSync(artifacts, { recursive: true, force: true });
  }
}

await speed();
await memory();

/**
 * The real thing: `node server/main.ts` on a temp data dir, a real build (Zig
 * compiling `hello` with a cold cache), SIGKILL mid-build, start again. The
 * running build must read `interrupted` with its log so far, and the build
 * that was still queued must run to the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildRecord, StoredBuildEvent } from '../../shared/api/types.ts';
import { emptyDesign } from '../../shared/design/emptyDesign.ts';
import type { Design } from '../../shared/design/types.ts';
import { descendantsOf } from '../test/helpers/processes.ts';
import { readSse } from '../test/helpers/sseClient.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'lago-restart-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `node --import tsx server/main.ts` and resolves with its URL once it listens. */
function startServerProcess(env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LAGO_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LAGO_API_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((ok, fail) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m?.[1]) ok({ child, url: m[1] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}

const hello = (): Design => {
  const d = emptyDesign();
  d.layers = [{ name: 'app', components: ['lago-grey-base', 'hello'] }];
  d.config.entrypoint = ['/usr/bin/hello'];
  return d;
};

async function postBuild(url: string): Promise<string> {
  const res = await fetch(`${url}/api/builds`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ design: hello(), engine: 'builtin', smokeTest: false }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

const getBuild = async (url: string, id: string): Promise<BuildRecord> =>
  (await (await fetch(`${url}/api/builds/${id}`)).json()) as BuildRecord;

describe('restart recovery (real server process)', () => {
  it('marks the build killed mid-run interrupted with its partial log, and runs the queued one after restart', async () => {
    const first = await startServerProcess();
    const running = await postBuild(first.url);
    const queued = await postBuild(first.url);

    // Wait until the first build is doing real work (a step started), then kill -9.
    const seen = await readSse(`${first.url}/api/builds/${running}/events`, {
      until: (evs) => evs.some((e) => e.event === 'step'),
      timeoutMs: 120_000,
    });
    expect(seen.events.some((e) => e.event === 'done')).toBe(false);
    expect((await getBuild(first.url, queued)).status).toBe('queued');
    const orphans = descendantsOf(first.child.pid ?? -1);
    first.child.kill('SIGKILL');
    await new Promise((ok) => first.child.once('exit', ok));
    for (const p of orphans) {
      try {
        process.kill(p.pid, 'SIGKILL'); // zig runs in its own process group; nothing else would reap it
      } catch {
        // already gone
      }
    }

    const second = await startServerProcess();
    const after = await getBuild(second.url, running);
    expect(after.status).toBe('failed');
    expect(after.error?.code).toBe('interrupted');
    expect(after.error?.message).toMatch(/server stopped/);
    expect(after.finishedAt).toBeDefined();

    // The log replays from the database: what was written before the kill, then done.
    const replay = await readSse(`${second.url}/api/builds/${running}/events`, { timeoutMs: 30_000 });
    const events = replay.events.map((e) => ({
      id: e.id,
      type: e.event,
      data: e.data,
    })) as StoredBuildEvent[];
    const before = seen.events.map((e) => e.id);
    expect(events.slice(0, before.length).map((e) => e.id)).toEqual(before);
    expect(events.some((e) => e.type === 'status' && e.data.status === 'running')).toBe(true);
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      data: { status: 'failed', error: { code: 'interrupted' } },
    });

    // The queued build runs after the restart, to the end.
    const queuedEvents = await readSse(`${second.url}/api/builds/${queued}/events`, { timeoutMs: 240_000 });
    const done = queuedEvents.events.find((e) => e.event === 'done');
    expect(done?.data).toMatchObject({ status: 'succeeded' });
    expect((await getBuild(second.url, queued)).status).toBe('succeeded');

    second.child.kill('SIGTERM');
    await new Promise((ok) => second.child.once('exit', ok));
  }, 400_000);

  it('refuses to start on a non-loopback address without LAGO_API_TOKEN, saying why', async () => {
    const refused = startServerProcess({ HOST: '0.0.0.0' });
    await expect(refused).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without LAGO_API_TOKEN/);
    expect(children.at(-1)?.exitCode).toBe(1);

    const allowed = await startServerProcess({
      HOST: '0.0.0.0',
      LAGO_API_TOKEN: 'a-long-random-test-token-0123456789',
    });
    expect((await fetch(`${allowed.url}/api/health`)).status).toBe(401);
    const ok = await fetch(`${allowed.url}/api/health`, {
      headers: { Authorization: 'Bearer a-long-random-test-token-0123456789' },
    });
    expect(ok.status).toBe(200);
    allowed.child.kill('SIGTERM');
    await new Promise((done) => allowed.child.once('exit', done));
  }, 120_000);
});

/**
 * The smoke test against real podman (own store in a temp dir), on tiny
 * images built with the builtin engine from hand-made static ELF binaries:
 * the run probe, entrypoint + `obli-pkg verify` results, the time limit and
 * cancellation, and that no container or image is left behind.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import { createBuiltinEngine } from '../builtin/createBuiltinEngine.ts';
import { writeStagedContext } from '../testSupport/stagedContext.ts';
import type { PodmanOptions } from './podmanCli.ts';
import { podmanVersion, runPodman } from './podmanCli.ts';
import { podmanCanRun, podmanRunUnavailableReason, TINY_STATIC_ELF, tinyStaticElf } from './podmanCanRun.ts';
import { loadedRefs, runSmokeTest } from './smokeTest.ts';

/** write(1, "bad\n", 4); exit(1) */
const FAILING = tinyStaticElf(
  Buffer.from('b801000000bf01000000488d3513000000ba040000000f05b83c000000bf010000000f05626164' + '0a', 'hex'),
);
/** jmp $ — runs until killed. */
const FOREVER = tinyStaticElf(Buffer.from('ebfe', 'hex'));

let work: string;
let opts: PodmanOptions;

async function image(
  name: string,
  files: Array<{ path: string; elf: Buffer }>,
  entrypoint: string,
): Promise<string> {
  const design = {
    ...emptyDesign(),
    name,
    tag: 't',
    config: { ...emptyDesign().config, entrypoint: [entrypoint] },
  };
  const ctx = await writeStagedContext(
    join(work, name),
    design,
    [
      {
        name: 'base',
        files: files.map((f) => ({ path: f.path, type: 'file' as const, mode: 0o755, content: f.elf })),
      },
    ],
    0,
  );
  const out = join(work, `${name}.tar`);
  await createBuiltinEngine().build({
    ...ctx,
    sourceDateEpoch: 0,
    outPath: out,
    log: () => {},
    signal: new AbortController().signal,
  });
  return out;
}

async function leftovers(): Promise<{ containers: string; images: string }> {
  const ps = await runPodman(opts, ['ps', '-a', '--format', '{{.Names}}']);
  const images = await runPodman(opts, ['images', '-a', '--format', '{{.Repository}}:{{.Tag}}']);
  return { containers: ps.stdout.trim(), images: images.stdout.trim() };
}

const base = { hasObliPkg: false, timeoutMs: 60_000, log: () => {} };

beforeAll(async () => {
  if ((await podmanVersion()) === null)
    throw new Error('podman is required for the smoke test tests: apt-get install podman runc');
  work = await mkdtemp(join(tmpdir(), 'lago-smoke-'));
  opts = { root: join(work, 'root'), runroot: join(work, 'runroot') };
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('podman smoke test', () => {
  it('parses the names podman load reports', () => {
    expect(loadedRefs('Getting image source signatures\nLoaded image: localhost/a:b\n')).toEqual([
      'localhost/a:b',
    ]);
    expect(loadedRefs('Loaded image(s): localhost/a:b,localhost/c:d')).toEqual([
      'localhost/a:b',
      'localhost/c:d',
    ]);
  });

  it('probes that podman can run containers, and caches the answer', async () => {
    expect(await podmanRunUnavailableReason(opts)).toBeNull();
    expect(await podmanCanRun(opts)).toBe(true);
    expect(podmanRunUnavailableReason(opts)).toBe(podmanRunUnavailableReason(opts));
    expect(await leftovers()).toEqual({ containers: '', images: '' });
  });

  it('runs the entrypoint and obli-pkg verify, reporting each exit code and output', async () => {
    const archive = await image(
      'verify-fails',
      [
        { path: 'usr/bin/app', elf: TINY_STATIC_ELF },
        { path: 'usr/bin/obli-pkg', elf: FAILING },
      ],
      '/usr/bin/app',
    );
    const r = await runSmokeTest({
      ...base,
      archivePath: archive,
      entrypoint: ['/usr/bin/app'],
      hasObliPkg: true,
      signal: new AbortController().signal,
      podman: opts,
    });
    expect(r).toMatchObject({ exitCode: 0, output: 'ok\n', verify: { exitCode: 1, output: 'bad\n' } });
    expect(r.command.at(-1)).toBe('localhost/verify-fails:t');
    expect(await leftovers()).toEqual({ containers: '', images: '' });
  });

  it('skips the run when the image has no entrypoint', async () => {
    const archive = await image('no-entry', [{ path: 'usr/bin/app', elf: TINY_STATIC_ELF }], '/usr/bin/app');
    const r = await runSmokeTest({
      ...base,
      archivePath: archive,
      entrypoint: [],
      signal: new AbortController().signal,
      podman: opts,
    });
    expect(r.skippedReason).toMatch(/no entrypoint/);
    expect(await leftovers()).toEqual({ containers: '', images: '' });
  });

  it('kills a container that outlives its time limit and removes it', async () => {
    const archive = await image('forever', [{ path: 'usr/bin/loop', elf: FOREVER }], '/usr/bin/loop');
    const r = await runSmokeTest({
      ...base,
      archivePath: archive,
      entrypoint: ['/usr/bin/loop'],
      timeoutMs: 2_000,
      signal: new AbortController().signal,
      podman: opts,
    });
    expect(r.exitCode).not.toBe(0);
    expect(await leftovers()).toEqual({ containers: '', images: '' });
  });

  it('stops on cancel, rejects with the abort reason and leaves nothing behind', async () => {
    const archive = join(work, 'forever.tar');
    const ac = new AbortController();
    const lines: string[] = [];
    const started = runSmokeTest({
      ...base,
      archivePath: archive,
      entrypoint: ['/usr/bin/loop'],
      log: (_s, l) => {
        lines.push(l);
        // Cancel once the image is loaded and the container is starting.
        if (l.startsWith('Loaded image')) setTimeout(() => ac.abort(new Error('cancelled by test')), 1_500);
      },
      signal: ac.signal,
      podman: opts,
    });
    await expect(started).rejects.toThrow('cancelled by test');
    expect(await leftovers()).toEqual({ containers: '', images: '' });
  });
});

/**
 * The podman engine: `podman build` of the staged context with reproducible
 * flags, `podman save --format oci-archive`, a repack that names the image
 * `<name>:<tag>` and normalises the archive, then removal of the temporary
 * tag (which also drops the build's intermediate images).
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine, EngineBuildInput, EngineBuildOutput } from '../types.ts';
import { ensureOk, podmanVersion, runPodman } from './podmanCli.ts';
import type { PodmanOptions } from './podmanCli.ts';
import { repackOciArchive } from './repackOciArchive.ts';

/**
 * Flags that make `podman build` (4.3) reproducible: every timestamp (config,
 * history, and the layer entries' mtimes) is `--timestamp`; no
 * `io.buildah.version` label, which would tie the digest to the buildah
 * version; never pull (FROM scratch); `--layers` keeps one image layer per
 * COPY, which the design's layers map to.
 */
export function reproducibleBuildFlags(sourceDateEpoch: number): string[] {
  return [
    '--timestamp',
    String(sourceDateEpoch),
    '--identity-label=false',
    '--pull=never',
    '--format',
    'oci',
    '--layers',
  ];
}

/** A unique temporary reference for one build: `localhost/<name>:<tag>-<id>` (tag ≤ 128 chars). */
export function temporaryRef(name: string, tag: string): string {
  const id = randomBytes(6).toString('hex');
  return `localhost/${name}:${tag.slice(0, 128 - id.length - 1)}-${id}`;
}

/** IDs of buildah's storage-only working containers (what a killed `podman build` leaves behind). */
async function workingContainers(opts: PodmanOptions): Promise<Set<string>> {
  const r = await runPodman(opts, ['ps', '--all', '--external', '--format', '{{.ID}} {{.Names}}'], {
    timeoutMs: 60_000,
  }).catch(() => null);
  const ids = (r?.stdout ?? '')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([id, name]) => id && name?.includes('working-container'))
    .map(([id]) => id ?? '');
  return new Set(ids);
}

export async function buildWithPodman(
  input: EngineBuildInput,
  opts: PodmanOptions = {},
): Promise<EngineBuildOutput> {
  const { log, signal, design } = input;
  const ref = temporaryRef(design.name, design.tag);
  const savedPath = `${input.outPath}.podman-save`;
  const before = await workingContainers(opts);
  let built = false;
  try {
    const build = await runPodman(
      opts,
      [
        'build',
        ...reproducibleBuildFlags(input.sourceDateEpoch),
        '-f',
        join(input.contextDir, 'Containerfile'),
        '-t',
        ref,
        input.contextDir,
      ],
      { log, signal, captureStdout: false },
    );
    ensureOk('podman build', build, signal);
    built = true;
    await rm(savedPath, { force: true });
    const save = await runPodman(opts, ['save', '--format', 'oci-archive', '-o', savedPath, ref], {
      log,
      signal,
      captureStdout: false,
    });
    ensureOk('podman save', save, signal);
    const { manifestDigest } = await repackOciArchive(savedPath, input.outPath, {
      refName: `${design.name}:${design.tag}`,
      mtime: input.sourceDateEpoch,
      signal,
    });
    log('info', `image ${manifestDigest} written to ${input.outPath}`);
    return { imageDigest: manifestDigest, archivePath: input.outPath };
  } catch (e) {
    await rm(input.outPath, { force: true });
    throw e;
  } finally {
    await rm(savedPath, { force: true });
    // Not under the build's signal: a cancelled build must still clean up.
    const rmi = await runPodman(opts, ['rmi', '--ignore', ref], { timeoutMs: 120_000 }).catch(() => null);
    if (rmi && rmi.exitCode !== 0) log('stderr', `podman rmi ${ref} failed: ${rmi.stderr.trim()}`);
    if (!built) {
      // A killed build cannot remove its working container; do it here. Assumes
      // no other build runs against the same store at the same time.
      const stale = [...(await workingContainers(opts))].filter((id) => !before.has(id));
      if (stale.length > 0)
        await runPodman(opts, ['rm', '--force', ...stale], { timeoutMs: 120_000 }).catch(() => null);
    }
  }
}

export function createPodmanEngine(opts: PodmanOptions = {}): Engine {
  return {
    name: 'podman',
    version: () => podmanVersion(opts),
    build: (input) => buildWithPodman(input, opts),
  };
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { staticCatalogItems } from '../../shared/catalog/staticCatalogItems.ts';
import { resolveConfig } from '../config.ts';
import type { PipelinePorts } from '../builds/pipelinePorts.ts';
import { MemoryBuildStore } from '../builds/MemoryBuildStore.ts';
import { AppError } from '../errors/AppError.ts';
import { seedDesign } from '../test/helpers/testServer.ts';
import { cancelBuild, createBuild, getBuild } from './buildUseCases.ts';
import { createUseCaseDeps } from './createUseCaseDeps.ts';
/** Fake ports: logic only (which engine, which options); real builds are in server/test/. */
function deps(podmanVersion: string | null) {
  const never = () => new Promise<never>(() => {});
  const ports: PipelinePorts = {
    components: {
      catalogItems: () =>
        staticCatalogItems().map((i) => ({ ...i, available: i.source.kind !== 'artifact' })),
      // Like a real resolver's subprocess: ends when the build is aborted.
      resolve: (_item, ctx) =>
        new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => reject(new Error('killed')), { once: true }),
        ),
      zigVersion: () => '0.11.0',
    },
    engines: {
      builtin: { name: 'builtin', version: () => Promise.resolve('b'), build: never },
      podman: { name: 'podman', version: () => Promise.resolve(podmanVersion), build: never },
    },
    stage: never,
    inspect: never as () => Promise<{ summary: { configDigest: string; layers: [] }; raw: unknown }>,
    smoke: { unavailableReason: () => Promise.resolve('fake'), run: never },
  };
  return createUseCaseDeps(
    resolveConfig({ dataDir: mkdtempSync(path.join(tmpdir(), 'lago-grey-unit-')) }),
    new MemoryBuildStore(),
    ports,
  );
}

describe('createBuild', () => {
  it('answers 503 when podman is asked for by name and is missing', async () => {
    const d = deps(null);
    const err = await createBuild(d, { design: seedDesign(), engine: 'podman' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(503);
    expect((err as AppError).code).toBe('engine_unavailable');
    expect(d.store.list()).toEqual([]);
  });

  it('auto picks podman when present, else builtin', async () => {
    const without = deps(null);
    const a = await createBuild(without, { design: seedDesign() });
    expect(getBuild(without, a.id).engine).toBe('builtin');
    const withPodman = deps('4.3.1');
    const b = await createBuild(withPodman, { design: seedDesign(), engine: 'auto' });
    expect(getBuild(withPodman, b.id).engine).toBe('podman');
    await cancelBuild(without, a.id);
    await cancelBuild(withPodman, b.id);
  });

  it('records the smoke-test option (default on) and the saved design id', async () => {
    const d = deps(null);
    const first = await createBuild(d, { design: seedDesign(), designId: 'abc123' });
    const second = await createBuild(d, { design: seedDesign(), smokeTest: false });
    expect(getBuild(d, first.id).smokeTest).toBe(true);
    expect(getBuild(d, second.id).smokeTest).toBe(false);
    expect(getBuild(d, first.id).designId).toBe('abc123');
    expect(first.status).toBe('running');
    expect(getBuild(d, second.id)).toMatchObject({ status: 'queued', position: 1 });
    await cancelBuild(d, second.id);
    await cancelBuild(d, first.id);
    expect(getBuild(d, first.id).status).toBe('cancelled');
  });

  it('never starts a build for a design with an unavailable artifact', async () => {
    const d = deps(null);
    const design = seedDesign();
    (design.layers[1] as { components: string[] }).components.push('liboqs');
    await expect(createBuild(d, { design })).rejects.toMatchObject({
      status: 422,
      code: 'components_unavailable',
    });
  });
});

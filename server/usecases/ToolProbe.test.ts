import { describe, expect, it } from 'vitest';
import type { PipelinePorts } from '../builds/pipelinePorts.ts';
import { ToolProbe } from './ToolProbe.ts';

function portsWithPodman(version: () => Promise<string | null>): PipelinePorts {
  const never = () => new Promise<never>(() => {});
  return {
    components: { catalogItems: () => [], resolve: never, zigVersion: () => null },
    engines: {
      builtin: { name: 'builtin', version: () => Promise.resolve('b'), build: never },
      podman: { name: 'podman', version, build: never },
    },
    stage: never,
    inspect: never,
    smoke: { unavailableReason: () => Promise.resolve('no'), run: never },
  };
}

describe('ToolProbe', () => {
  it('answers from cache, and once stale answers at once while refreshing in the background', async () => {
    let calls = 0;
    const answers = ['4.3.1', '5.0.0'];
    const probe = new ToolProbe(
      portsWithPodman(async () => answers[calls++] ?? null),
      20,
    );
    expect(await probe.podmanVersion()).toBe('4.3.1');
    expect(await probe.podmanVersion()).toBe('4.3.1');
    expect(calls).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(await probe.podmanVersion()).toBe('4.3.1'); // stale answer, refresh started
    expect(calls).toBe(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(await probe.podmanVersion()).toBe('5.0.0');
  });

  it('treats a probe that throws as "not available"', async () => {
    const probe = new ToolProbe(portsWithPodman(() => Promise.reject(new Error('ENOENT'))));
    expect(await probe.podmanVersion()).toBeNull();
    const health = await probe.health();
    expect(health).toEqual({
      ok: true,
      engines: { podman: null, zig: null, builtin: true },
      podmanCanRun: false,
    });
  });
});

/**
 * Which build tools this server has, probed lazily and cached for a while:
 * `/api/health` is polled by pages, and spawning `podman --version` on every
 * poll (or every build request) would be wasteful.
 */
import type { HealthResponse } from '../../shared/api/types.ts';
import type { PipelinePorts } from '../builds/pipelinePorts.ts';

interface Cached<T> {
  at: number;
  value: Promise<T>;
}

export class ToolProbe {
  private readonly cache = new Map<string, Cached<unknown>>();

  constructor(
    private readonly ports: PipelinePorts,
    private readonly ttlMs = 30_000,
  ) {}

  podmanVersion(): Promise<string | null> {
    return this.cached('podman', () => this.ports.engines.podman.version());
  }

  zigVersion(): Promise<string | null> {
    return this.cached('zig', async () => this.ports.components.zigVersion());
  }

  /** Null when podman can run containers (smoke tests), else why not. */
  smokeUnavailableReason(): Promise<string | null> {
    return this.cached('smoke', () => this.ports.smoke.unavailableReason());
  }

  async health(): Promise<HealthResponse> {
    const [podman, zig, smoke] = await Promise.all([
      this.podmanVersion(),
      this.zigVersion(),
      this.smokeUnavailableReason(),
    ]);
    return { ok: true, engines: { podman, zig, builtin: true }, podmanCanRun: smoke === null };
  }

  /**
   * Stale-while-revalidate: after the first probe, callers get the last
   * answer at once and a stale one is refreshed in the background, because
   * `podman --version` alone can take half a second on a busy machine and
   * must not delay `POST /api/builds`.
   */
  private cached<T>(key: string, probe: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key) as Cached<T> | undefined;
    const now = Date.now();
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    // A probe that throws means "not available", never a failed request.
    const value = probe().catch(() => null as T);
    if (!hit) {
      this.cache.set(key, { at: now, value });
      return value;
    }
    hit.at = now; // one refresh at a time
    void value.then((v) => this.cache.set(key, { at: Date.now(), value: Promise.resolve(v) }));
    return hit.value;
  }
}

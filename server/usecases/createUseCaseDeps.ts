/**
 * Assembles the build machinery from a config, a store and the pipeline
 * ports: the event hub, the queue running `runBuildPipeline`, and the tool
 * probe. Nothing starts until a build is queued.
 */
import type { ServerConfig } from '../config.ts';
import { BuildEventHub } from '../builds/BuildEventHub.ts';
import { BuildQueue } from '../builds/BuildQueue.ts';
import type { BuildStore } from '../builds/BuildStore.ts';
import type { PipelinePorts } from '../builds/pipelinePorts.ts';
import { runBuildPipeline } from '../builds/runBuildPipeline.ts';
import { ToolProbe } from './ToolProbe.ts';
import type { UseCaseDeps } from './UseCaseDeps.ts';

export function createUseCaseDeps(
  config: ServerConfig,
  store: BuildStore,
  ports: PipelinePorts,
  hooks: { onDiskFull?: () => void } = {},
): UseCaseDeps {
  const hub = new BuildEventHub(store);
  const queue = new BuildQueue({
    store,
    hub,
    concurrency: config.buildConcurrency,
    timeoutMs: config.buildTimeoutMs,
    ...(hooks.onDiskFull ? { onDiskFull: hooks.onDiskFull } : {}),
    runner: (record, signal) =>
      runBuildPipeline(record, {
        ports,
        dataDir: config.dataDir,
        sourceDateEpoch: config.sourceDateEpoch,
        smokeTest: record.smokeTest ?? true,
        emit: (event) => hub.publish(record.id, event),
        signal,
        lookupBuild: (id) => store.get(id),
      }),
  });
  return { config, store, hub, queue, ports, tools: new ToolProbe(ports) };
}

/** What the use cases work with; assembled once by `createServices`. */
import type { ServerConfig } from '../config.ts';
import type { BuildEventHub } from '../builds/BuildEventHub.ts';
import type { BuildQueue } from '../builds/BuildQueue.ts';
import type { BuildStore } from '../builds/BuildStore.ts';
import type { PipelinePorts } from '../builds/pipelinePorts.ts';
import type { ToolProbe } from './ToolProbe.ts';

export interface UseCaseDeps {
  config: ServerConfig;
  store: BuildStore;
  hub: BuildEventHub;
  queue: BuildQueue;
  ports: PipelinePorts;
  tools: ToolProbe;
}

/**
 * Contract of an image engine. Both engines take the same staged build
 * context and must produce the same per-layer file tree.
 */
import type { Design } from '../../shared/design/types.ts';
import type { EngineName } from '../../shared/api/types.ts';
import type { LogFn } from '../components/types.ts';

export interface StagedLayer {
  /** Design layer name. */
  name: string;
  /** Folder inside the context, e.g. `layers/00-base`. */
  dir: string;
}

export interface EngineBuildInput {
  /** Directory holding `Containerfile` and `layers/NN-slug/…`. */
  contextDir: string;
  layers: StagedLayer[];
  design: Design;
  /** Seconds since the epoch used for every timestamp (SOURCE_DATE_EPOCH). */
  sourceDateEpoch: number;
  /** Where to write the OCI archive (`.tar`). */
  outPath: string;
  log: LogFn;
  signal: AbortSignal;
}

export interface EngineBuildOutput {
  /** Manifest digest, `sha256:…`. */
  imageDigest: string;
  archivePath: string;
}

export interface Engine {
  readonly name: EngineName;
  /** Version string, or null when the engine cannot run here. */
  version(): Promise<string | null>;
  build(input: EngineBuildInput): Promise<EngineBuildOutput>;
}

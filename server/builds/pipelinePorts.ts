/**
 * What the build pipeline needs from the rest of the server, as narrow
 * ports. `createPipelinePorts` wires the real resolvers, stager, engines,
 * inspector, smoke test and supply chain; unit tests may pass fakes.
 */
import type { EngineName, SmokeResult, BuildResult } from '../../shared/api/types.ts';
import type { CompareResult } from '../oci/compareImages.ts';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import type { Design } from '../../shared/design/types.ts';
import type { LogFn, ResolveContext, ResolvedComponent } from '../components/types.ts';
import type { Engine, StagedLayer } from '../engines/types.ts';
import type { StageInput } from '../staging/stageContext.ts';

export interface ComponentService {
  /** Catalog with current sizes (measured once resolved) and availability. */
  catalogItems(): Promise<readonly CatalogItem[]> | readonly CatalogItem[];
  resolve(item: CatalogItem, ctx: ResolveContext): Promise<ResolvedComponent>;
  zigVersion(): Promise<string | null> | string | null;
}

/** What staging needs: the stager's own input type (one definition). */
export type { StageInput };

export interface StageOutput {
  layers: StagedLayer[];
  containerfile: string;
}

/** Per-layer measures of a built OCI archive (bottom layer first). */
export interface LayerInspection {
  digest: string;
  diffId: string;
  compressedBytes: number;
  tarBytes: number;
  contentBytes: number;
  fileCount: number;
}

export interface ImageInspection {
  /** Manifest digest when the inspector reports it; the engine's digest is used otherwise. */
  imageDigest?: string;
  configDigest: string;
  layers: LayerInspection[];
}

export interface SmokeInput {
  buildId: string;
  buildDir: string;
  archivePath: string;
  imageDigest: string;
  design: Design;
  log: LogFn;
  signal: AbortSignal;
}

export interface SmokePort {
  /** Null when podman can run containers here, else why not. */
  unavailableReason(): Promise<string | null>;
  run(input: SmokeInput): Promise<SmokeResult>;
}

export interface SupplyChainInput {
  buildId: string;
  buildDir: string;
  archivePath: string;
  inspection: unknown;
  design: Design;
  resolved: ReadonlyMap<string, ResolvedComponent>;
  log: LogFn;
  /** Cancel terminates the signing worker. */
  signal?: AbortSignal;
}

export type SupplyChainOutput = Pick<BuildResult, 'sbom' | 'signature'>;

export interface PipelinePorts {
  components: ComponentService;
  engines: Readonly<Record<EngineName, Engine>>;
  stage(input: StageInput): Promise<StageOutput>;
  /** Returns the port's own inspection plus the raw value handed to the supply chain. */
  inspect(archivePath: string): Promise<{ summary: ImageInspection; raw: unknown }>;
  smoke: SmokePort;
  /**
   * Compares two OCI archives (`first` = the image compared against); layer
   * names only label the result. Absent: rebuilds are not compared.
   */
  compareArchives?: (first: string, second: string, layerNames: readonly string[]) => Promise<CompareResult>;
  /** Absent until the supply-chain module is wired. */
  supplyChain?: (input: SupplyChainInput) => Promise<SupplyChainOutput>;
}

/**
 * Wire types shared by the server and the client: HTTP bodies and the
 * Server-Sent Events of a build. Sizes are integer bytes.
 */
import type { Design } from '../design/types.ts';
import type { ErrorCode } from './errorCodes.ts';

export type { ErrorCode } from './errorCodes.ts';

/** `{"error": {...}}` body of every failed request. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; path?: string };
}

export interface HealthResponse {
  ok: true;
  engines: { podman: string | null; zig: string | null; builtin: true };
  /** Whether podman can also run containers (smoke tests). */
  podmanCanRun?: boolean;
}

export type EngineName = 'podman' | 'builtin';
export type EngineChoice = 'auto' | EngineName;

export type BuildStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface CreateBuildRequest {
  design: Design;
  engine?: EngineChoice;
  /** Run the entrypoint in a container after the build (default true). */
  smokeTest?: boolean;
  /** The saved design this build is of (lists it in `GET /api/builds?design=<id>`). */
  designId?: string;
}

export interface CreateBuildResponse {
  id: string;
  status: BuildStatus;
  eventsUrl: string;
}

export interface LayerResult {
  name: string;
  /** Digest of the compressed layer blob (`sha256:…`). */
  digest: string;
  /** Digest of the uncompressed tar (the config's diff_id). */
  diffId: string;
  /** Sum of regular-file sizes in the layer (dive's measure). */
  contentBytes: number;
  tarBytes: number;
  compressedBytes: number;
  fileCount: number;
  /** What the budget planned for this layer. */
  plannedBytes: number;
}

export interface SmokeResult {
  command: string[];
  exitCode: number | null;
  output: string;
  /** Present when the smoke test could not run, with why. */
  skippedReason?: string;
  verify?: { exitCode: number | null; output: string };
}

/**
 * "Rebuild and compare": this build's image against build `against`'s.
 * When they differ, the first differing layer (bottom = 0; -1 when only the
 * config or manifest differs) and, for a file change, the first differing path.
 * In `reason`, "the first image" is `against`'s and "the second" is this build's.
 */
export type ImageComparison =
  | { against: string; identical: true }
  | {
      against: string;
      identical: false;
      layerIndex: number;
      layerName?: string;
      path?: string;
      reason: string;
    };

export interface BuildResult {
  imageDigest: string;
  configDigest: string;
  layers: LayerResult[];
  contentBytes: number;
  tarBytes: number;
  compressedBytes: number;
  plannedBytes: number;
  targetBytes: number;
  withinBudget: boolean;
  smoke?: SmokeResult;
  /** Present once the supply-chain step ran. */
  sbom?: { formats: Array<'spdx' | 'cyclonedx'> };
  signature?: { algorithms: string[]; keyIds: Record<string, string> };
  /** Present on a rebuild whose original image could be compared. */
  comparison?: ImageComparison;
}

export interface BuildError {
  code: ErrorCode;
  message: string;
  step?: string;
}

export interface BuildRecord {
  id: string;
  status: BuildStatus;
  engine: EngineName;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  design: Design;
  designId?: string;
  /** Whether the smoke test was asked for (absent on builds recorded before it was stored: true). */
  smokeTest?: boolean;
  /** Set on a build made by `POST /api/builds/:id/rebuild`: the id it rebuilt. */
  rebuildOf?: string;
  result?: BuildResult;
  error?: BuildError;
}

/** Named SSE events of `GET /api/builds/:id/events`. */
export type BuildEvent =
  | { type: 'status'; data: { status: BuildStatus; position?: number } }
  | { type: 'step'; data: { step: string; state: 'started' | 'finished' | 'failed'; ms?: number } }
  | { type: 'log'; data: { step: string; stream: 'stdout' | 'stderr' | 'info'; line: string } }
  | { type: 'done'; data: { status: BuildStatus; result?: BuildResult; error?: BuildError } };

/** A stored event with its monotonically increasing id (the SSE `id:`). */
export type StoredBuildEvent = BuildEvent & { id: number };

/** One row of `GET /api/designs`. */
export interface DesignSummary {
  id: string;
  name: string;
  revision: number;
  updatedAt: string;
  totalBytes: number;
}

/** What saving a design answers (`POST`/`PUT /api/designs…`). */
export interface SavedRevision {
  id: string;
  revision: number;
  updatedAt: string;
}

/** `GET /api/designs/:id`. */
export interface StoredDesign extends SavedRevision {
  design: Design;
}
